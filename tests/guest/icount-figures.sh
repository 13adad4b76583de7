#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# For tests/vm/icount.t (not one of run-all's NN-*.sh): run each variant
# named on the command line as the bench's latency phase does (one waiter,
# a wake every 1000 us), 2000 wakes, and print per variant
#   VARIANT p50 mean records samples MODES
# p50 and mean are exact, from the waitcmp_woken events of the samples
# (slept=1) in tracefs: p50 the nearest-rank sample, mean to 0.01 ns;
# MODES lists the latencies that a tenth of the samples or more have
# ("value:count,..."). Then "cpus N online LIST" and "wakeup_preemption
# on|off" (the sched feature vm/run --clock icount turns off).
set -eu
. "${WAITCMP:-/waitcmp}/tests/guest/lib.sh"

WOKEN=$TRACEFS/events/waitcmp/waitcmp_woken/enable
load_core
for v in "$@"; do
	echo >"$TRACEFS/trace"
	echo 1 >"$WOKEN"
	load "$v" iterations=2000 period_us=1000 waiters=1
	# Nothing else runs until the wakes should be over (as bench/guest/sweep
	# under icount): a poll would land in a few samples.
	sleep 2.2
	wait_done "$v" 300
	echo 0 >"$WOKEN"
	sed -n 's/.* waitcmp_woken: .* latency_ns=\([0-9]*\) slept=1 .*/\1/p' \
		"$TRACEFS/trace" | sort -n >/tmp/icount-lat
	figures=$(awk '
		{ v[NR] = $1; sum += $1; n[$1]++ }
		END {
			if (!NR) { print "- - 0"; exit }
			modes = ""
			for (x in n)
				if (n[x] * 10 >= NR)
					modes = modes (modes == "" ? "" : ",") x ":" n[x]
			printf "%d %.2f %d %s\n", v[int((NR + 1) / 2)], sum / NR, NR, modes
		}' /tmp/icount-lat)
	p50=${figures%% *}
	rest=${figures#* }
	mean=${rest%% *}
	rest=${rest#* }
	echo "$v $p50 $mean $(stat_of "$v" records) $rest"
	unload "$v"
done
rm -f /tmp/icount-lat
echo "cpus $(grep -c '^processor' /proc/cpuinfo) online $(cat /sys/devices/system/cpu/online)"
if grep -qw NO_WAKEUP_PREEMPTION /sys/kernel/debug/sched/features; then
	echo "wakeup_preemption off"
else
	echo "wakeup_preemption on"
fi
