# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Unloading is prompt at any moment of a run: right after load, in the
# middle of a 4 s period, during a back-to-back run, and after done.
# (4 s: two waiters of a wake-one API sleep 8 s in turn, under the 10 s
# hung-task timeout run-all sets, which refuses 10 s.)

# unload_ms VARIANT: rmmod it and print how long that took.
unload_ms() {
	t0=$(now_ms)
	unload "$1" || echo "rmmod failed" >&2
	echo $(($(now_ms) - t0))
}

# unload_check VARIANT WHEN SETTLE PARAMS...: load, sleep SETTLE, unload.
unload_check() {
	v=$1
	when=$2
	settle=$3
	shift 3
	if ! load "$v" "$@"; then
		fail "$v: loads ($when)"
		return
	fi
	[ "$settle" = "done" ] && wait_done "$v" 60
	[ "$settle" != "done" ] && [ "$settle" != 0 ] && sleep "$settle"
	ms=$(unload_ms "$v")
	check "$v: unload $when takes under $UNLOAD_LIMIT (${ms} ms)" \
		[ "$ms" -lt "$UNLOAD_LIMIT_MS" ]
	check "$v: nothing left after unload $when" nothing_left "$v"
}

load_core
for v in $VARIANTS; do
	n=$(max_waiters "$v")
	[ "$n" -gt 2 ] && n=2
	unload_check "$v" "right after load" 0 iterations=0
	unload_check "$v" "during a 4 s period" 1 iterations=0 period_us=4000000 waiters="$n"
	unload_check "$v" "during a back-to-back run" 1 iterations=0 period_us=0 waiters="$n"
	unload_check "$v" "after done" "done" iterations=20 period_us=100
done

# The End of run line says done exactly when every wake ran and was
# recorded, stopped otherwise, also when the unload races the last ack:
# runs whose length spreads around the time an insmod-rmmod pair takes.
bad=0
for iters in 1 2 3 5 8 10 12 15 20 25 30 40; do
	mark=$(dmesg_mark)
	load wait_event iterations=$iters period_us=1000 || bad=$((bad + 1))
	unload wait_event || bad=$((bad + 1))
	line=$(dmesg_since "$mark" | grep 'wait_event: End of run' || true)
	case $line in
	*"End of run (done): records=$iters "*) ;;
	*"End of run (stopped): records=$iters "*)
		bad=$((bad + 1))
		diag "every wake ran, yet: $line"
		;;
	*"End of run (stopped): records="*) ;;
	*)
		bad=$((bad + 1))
		diag "iterations=$iters: $line"
		;;
	esac
done
is "$bad" 0 "End of run says done when all wakes ran, stopped when some did not"

# stop_test=0: the waiters' condition ignores the stop, as a wait_event()
# whose condition lacks kthread_should_stop(). kthread_stop() wakes them
# and they sleep again, except where the wait returns on its own (an
# interruptible wait: kthread_stop() raises TIF_NOTIFY_SIGNAL). The
# harness bounds the unload at 1 s, says in the log that it would hang,
# and releases them: the unload ends, nothing is left. One variant per
# family and declared state (what decides hang or stop); the matrix
# (matrix.t) measures every variant's.
hangs=""
stops=""
kinds=" "
# wait_event and wait_event_interruptible first: the checks below name them.
for v in wait_event wait_event_interruptible $VARIANTS; do
	kind="$(fact "$v" family | tr ' ' _)/$(fact "$v" expect_state)"
	case $kinds in *" $kind "*) continue ;; esac
	kinds="$kinds$kind "
	n=$(max_waiters "$v")
	[ "$n" -gt 2 ] && n=2
	mark=$(dmesg_mark)
	if ! load "$v" stop_test=0 iterations=0 period_us=4000000 waiters="$n"; then
		fail "$v stop_test=0: loads"
		continue
	fi
	sleep 1
	ms=$(unload_ms "$v")
	if dmesg_since "$mark" | grep -q "$v: stop_test=0: .* waiters still in their wait 1000 ms after kthread_stop(): this unload hangs without the stop test; released by the harness"; then
		hangs="$hangs $v"
		check "$v stop_test=0: said to hang, and the unload waited the 1 s bound, no more than $UNLOAD_LIMIT past it (${ms} ms)" \
			[ "$ms" -ge 1000 ] && [ "$ms" -lt $((1000 + UNLOAD_LIMIT_MS)) ]
	else
		stops="$stops $v"
		check "$v stop_test=0: stops without the harness, under $UNLOAD_LIMIT (${ms} ms)" \
			[ "$ms" -lt "$UNLOAD_LIMIT_MS" ]
	fi
	check "$v stop_test=0: nothing left after unload" nothing_left "$v"
done
diag "stop_test=0 hangs:$hangs"
diag "stop_test=0 stops:$stops"
case " $hangs " in *" wait_event "*) r=0 ;; *) r=1 ;; esac
ok "$r" "wait_event without the stop test hangs (kthread_stop() wakes it, its condition is false)"
case " $stops " in *" wait_event_interruptible "*) r=0 ;; *) r=1 ;; esac
ok "$r" "wait_event_interruptible without the stop test stops (kthread_stop()'s TIF_NOTIFY_SIGNAL ends the wait)"
