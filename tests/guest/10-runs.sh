# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Every variant runs to done with exactly the records the contract says,
# with one waiter and with four, each a latency sample (its wait slept) or
# a no_sleep return, and describes its run in the kernel log.

for v in $VARIANTS; do
	for n in 1 4; do
		iters=300
		if [ "$n" -gt "$(max_waiters "$v")" ]; then
			check "$v waiters=$n: refused, it takes at most $(max_waiters "$v")" \
				sh -c "! insmod $KO/variants/waitcmp_$v.ko waiters=$n 2>/dev/null"
			continue
		fi
		mark=$(dmesg_mark)
		if ! load "$v" iterations=$iters period_us=200 waiters=$n; then
			fail "$v waiters=$n: loads"
			continue
		fi
		pass "$v waiters=$n: loads"
		check "$v waiters=$n: reaches status done" wait_done "$v" 120
		is "$(stat_of "$v" records)" "$(expected_samples "$v" $iters $n)" \
			"$v waiters=$n: records"
		check "$v waiters=$n: samples + no_sleep = records, none negative" \
			records_add_up "$v"
		is "$(stat_of "$v" wakes)" "$iters" "$v waiters=$n: wakes"
		check "$v waiters=$n: min <= p50 <= p90 <= p99 <= p999 <= max" \
			percentiles_ordered "$v"
		is "$(stat_of "$v" waiter_pids | wc -w)" "$n" \
			"$v waiters=$n: one pid per waiter"

		# Once done, no thread of the run may stay in D state.
		states=""
		for pid in $(stat_of "$v" waker_pid) $(stat_of "$v" waiter_pids); do
			states="$states$(state_of "$pid")"
		done
		check "$v waiters=$n: idle threads after done ($states)" \
			sh -c "! echo '$states' | grep -q D"

		hist=$(awk '{ n += $3 } END { print n + 0 }' "$DEBUGFS/$v/histogram")
		is "$hist" "$(stat_of "$v" samples)" \
			"$v waiters=$n: histogram counts add up to samples"
		check "$v waiters=$n: debugfs files are read-only" \
			sh -c "[ \"\$(stat -c %a $DEBUGFS/$v/stats $DEBUGFS/$v/histogram | sort -u)\" = 444 ]"

		unload "$v"
		log=$(dmesg_since "$mark")
		check "$v waiters=$n: Start of run log line has every parameter" \
			sh -c "echo '$log' | grep -q '$v: Start of run: iterations=$iters period_us=200 waiters=$n waiter_cpu=-1 waker_cpu=-1 wake_all=0 allow_hung_task=0 stop_test=1 waker_context=kthread sched_fifo=0 contend_us=0 timeout_us=0 signals=0'"
		check "$v waiters=$n: End of run log line" \
			sh -c "echo '$log' | grep -q '$v: End of run (done): records=$(expected_samples "$v" $iters $n) '"
	done
done
