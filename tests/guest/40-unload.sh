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
