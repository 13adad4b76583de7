# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# trace-cmd records the four events; every waitcmp_woken has the
# waitcmp_wake of its seq, and their count is what the run's wakes ran.
# The events are the harness's, the same for every variant; what the
# counts depend on is whom a wake runs. So the first variant by name of
# each family and wake kind (its stats' family and wakes_one): a
# trace-cmd recording takes seconds under TCG.

# trace_until_done VARIANT FILE PARAMS...: record the whole run to FILE.
trace_until_done() {
	v=$1
	dat=$2
	shift 2
	trace-cmd record -q -C mono -e waitcmp -o "$dat" >/tmp/record.log 2>&1 &
	rec=$!
	# Wait until trace-cmd has enabled the events and is recording: it
	# resizes (empties) the buffer after enabling, then sets tracing_on.
	i=0
	until { [ "$(cat "$TRACEFS"/events/waitcmp/waitcmp_woken/enable)" = 1 ] &&
		[ "$(cat "$TRACEFS"/tracing_on)" = 1 ]; } || [ $i -ge 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	load "$v" "$@" && wait_done "$v" 120
	rc=$?
	# Stop recording before rmmod: unloading clears the trace buffer.
	kill -INT "$rec"
	wait "$rec" || rc=1
	unload "$v" || rc=1
	return $rc
}

load_core
done_kinds=" "
for v in $VARIANTS; do
	kind=$(echo "$(fact "$v" family)/$(fact "$v" wakes_one)" | tr ' ' _)
	case $done_kinds in *" $kind "*) continue ;; esac
	done_kinds="$done_kinds$kind "
	iters=200
	n=$(max_waiters "$v")
	[ "$n" -gt 3 ] && n=3
	dat=/tmp/$v.dat
	check "$v: trace-cmd records a run" \
		trace_until_done "$v" "$dat" iterations=$iters period_us=300 waiters="$n"
	trace-cmd report -i "$dat" >/tmp/report.txt 2>/dev/null
	# Fields come as "name=value"; match woken to wake by seq.
	summary=$(awk '
		/waitcmp_run_begin:/ { begins++ }
		/waitcmp_run_end:/ { ends++ }
		/waitcmp_wake:/ { for (i = 1; i <= NF; i++) if ($i ~ /^seq=/) wake[substr($i, 5)] = 1; wakes++ }
		/waitcmp_woken:/ {
			for (i = 1; i <= NF; i++) if ($i ~ /^seq=/) s = substr($i, 5)
			woken++; per[s]++
			if (!(s in wake)) orphans++
		}
		END {
			for (s in per) if (per[s] > most) most = per[s]
			printf "begins=%d ends=%d wakes=%d woken=%d orphans=%d most_per_seq=%d\n",
				begins, ends, wakes, woken, orphans, most
		}' /tmp/report.txt)
	expect=$(expected_samples "$v" $iters "$n")
	per_wake=$((expect / iters))
	is "$summary" "begins=1 ends=1 wakes=$iters woken=$expect orphans=0 most_per_seq=$per_wake" \
		"$v waiters=$n: events match by seq"
	[ -d /out ] && mkdir -p /out/trace && cp "$dat" /out/trace/
done
