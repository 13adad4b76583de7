#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# For tests/vm/icount.t (not one of run-all's NN-*.sh): wait_event back to
# back on CPU 0, 2000 wakes, without a trace and then recorded as the
# bench records (bench/guest/lib.sh trace_start, trace_quiet), the waitcmp
# events alone and with the sched events. Prints per run
#   KIND p50 P50 records N per_wake GUEST_NS
# P50 from the module's histogram, GUEST_NS the run's guest time (Start
# to End of run) over its records. The waitcmp events lie outside the
# wake-to-run window, so recording them must leave the p50 as it was.
set -eu
WAITCMP=${WAITCMP:-/waitcmp}
# shellcheck source=bench/guest/lib.sh
. "$WAITCMP/bench/guest/lib.sh"

N=2000
V=wait_event
core_loaded || insmod "$KO/common/waitcmp.ko"
d=/tmp/icount-trace
mkdir -p "$d"
run() {
	mark=$(dmesg | wc -l)
	load "$V" "$d" iterations=$N period_us=0 waiter_cpu=0 waker_cpu=0
	# Nothing else runs until the wakes should be over.
	sleep 0.1
	while [ "$(stat_of "$V" status)" != "done" ]; do sleep 0.1; done
	p50=$(stat_of "$V" p50_ns)
	records=$(stat_of "$V" records)
	rmmod "waitcmp_$V"
	ns=$(dmesg | tail -n +$((mark + 1)) | awk '
		/waitcmp: .*: Start of run/ { t0 = substr($0, 2, index($0, "]") - 2) }
		/waitcmp: .*: End of run/ { t1 = substr($0, 2, index($0, "]") - 2) }
		END { printf "%.0f", (t1 - t0) * 1e9 }')
	echo "$1 p50 $p50 records $records per_wake $((ns / records))"
}
run none
# shellcheck disable=SC2046 # options are words
trace_start "$d/trace-cmd.log" $(trace_quiet "$N" 1) -e waitcmp
run waitcmp
trace_stop "$d/waitcmp.dat"
# shellcheck disable=SC2046 # options are words
trace_start "$d/trace-cmd.log" $(trace_quiet "$N" 1) -e waitcmp \
	-e sched:sched_waking -e sched:sched_switch
run sched
trace_stop "$d/sched.dat"
