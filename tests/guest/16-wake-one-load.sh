# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Wake-one accounting under preemption: each wake-one variant, 4 waiters,
# back to back, with preempt=full (switched at run time where the kernel
# is PREEMPT_DYNAMIC) and a busy loop on every CPU. From the trace (tracefs
# text: trace-cmd's record and report took a minute a variant), every
# seq 1..N is recorded exactly once, no latency is above the run's elapsed
# time, and the records add up in stats: none negative, each a sample
# (its wait slept) or a no_sleep return. A claim not tied to its seq
# recorded some seqs twice and others never here, with the totals right.
# The claim is the harness's, the same for every variant; what differs
# is the primitive's wake-one call. So one wake-one variant of each
# primitive (its stats' primitive: a completion, a simple wait queue, a
# wait queue's exclusive waiters), the first by name: each run takes
# tens of seconds under TCG.

PREEMPT=/sys/kernel/debug/sched/preempt
ITERS=20000

# seq_counts FILE ITERS: "ok" when every seq 1..ITERS has exactly one
# waitcmp_woken and no latency exceeds the run (first wake to last woken);
# else what is wrong. FILE is tracefs's text: sed cuts each event down to
# "time seq latency_ns slept" first (busybox awk splitting every field of
# 20000 lines takes minutes under TCG).
seq_counts() {
	sed -n 's/.* \([0-9]*\)\.\([0-9]*\): waitcmp_woken: .* seq=\([0-9]*\) .* latency_ns=\([0-9]*\) slept=\([0-9]*\) .*/\1\2 \3 \4 \5/p' "$1" |
		awk -v iters="$2" '
		{
			per[$2]++; woken++
			ts = $1 * 1000
			if (woken == 1) first = ts - $3
			last = ts
			if ($3 > most) most = $3
			if ($4 == 0) nosleep++
		}
		END {
			bad = ""
			for (s = 1; s <= iters; s++) {
				if (!(s in per)) never++
				else if (per[s] > 1) twice++
			}
			if (woken != iters) bad = bad " woken=" woken
			if (never) bad = bad " never=" never
			if (twice) bad = bad " twice=" twice
			# Times are in us: allow one.
			if (most > last - first + 1000)
				bad = bad " latency " most " ns above the run (" last - first " ns)"
			if (bad == "") print "ok (no_sleep " nosleep + 0 ")"
			else print "wrong:" bad
		}'
}

# entries-in-buffer/entries-written: N/N when no event was overwritten.
trace_whole() {
	grep -q '^# entries-in-buffer/entries-written: \([0-9]*\)/\1 ' "$1"
}

load_core
old_preempt=""
if [ -w "$PREEMPT" ]; then
	old_preempt=$(sed 's/.*(\(.*\)).*/\1/' "$PREEMPT")
	echo full >"$PREEMPT"
	diag "preempt: $(cat "$PREEMPT")"
else
	diag "no $PREEMPT: the kernel's own preemption model only"
fi
# 20000 events of about 100 bytes, all on one CPU at worst.
# It reads "7 (expanded: 1408)" until first used: keep the size it will have.
old_size=$(sed 's/.*expanded: \([0-9]*\).*/\1/; s/ .*//' "$TRACEFS/buffer_size_kb")
echo 4096 >"$TRACEFS/buffer_size_kb"
hogs=""
for _ in $(seq "$(nproc)"); do
	sh -c 'while :; do :; done' &
	hogs="$hogs $!"
done

done_primitives=" "
for v in $VARIANTS; do
	wakes_one "$v" || continue
	[ "$(max_waiters "$v")" -ge 4 ] || continue
	prim=$(fact "$v" primitive | tr ' ' _)
	case $done_primitives in *" $prim "*) continue ;; esac
	done_primitives="$done_primitives$prim "
	echo >"$TRACEFS/trace"
	echo 1 >"$TRACEFS/events/waitcmp/waitcmp_woken/enable"
	echo 1 >"$TRACEFS/tracing_on"
	if ! load "$v" iterations=$ITERS period_us=0 waiters=4; then
		fail "$v under load: loads"
		continue
	fi
	check "$v under load: $ITERS wakes back to back reach done" wait_done "$v" 600
	echo 0 >"$TRACEFS/tracing_on"
	is "$(stat_of "$v" records)" "$ITERS" "$v under load: $ITERS records"
	check "$v under load: samples + no_sleep = records, none negative" \
		records_add_up "$v"
	diag "$v under load: no_sleep $(stat_of "$v" no_sleep), woken_per_wake $(stat_of "$v" woken_per_wake)"
	cat "$TRACEFS/trace" >/tmp/trace.txt
	unload "$v"
	check "$v under load: the trace buffer kept every event" trace_whole /tmp/trace.txt
	got=$(seq_counts /tmp/trace.txt $ITERS)
	case $got in
	ok*) pass "$v under load: every seq recorded exactly once in the trace, $got" ;;
	*)
		fail "$v under load: every seq recorded exactly once in the trace"
		diag "$got"
		;;
	esac
	rm -f /tmp/trace.txt
done

# shellcheck disable=SC2086 # pids are words
kill $hogs
# shellcheck disable=SC2086
wait $hogs 2>/dev/null || true
[ -z "$old_preempt" ] || echo "$old_preempt" >"$PREEMPT"
echo 0 >"$TRACEFS/events/waitcmp/waitcmp_woken/enable"
echo >"$TRACEFS/trace"
echo "$old_size" >"$TRACEFS/buffer_size_kb"
