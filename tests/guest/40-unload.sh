# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Unloading is prompt at any moment of a run: right after load, in the
# middle of a 5 s period, during a back-to-back run, and after done.

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
		not_ok "$v: loads ($when)"
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
	unload_check "$v" "during a 5 s period" 1 iterations=0 period_us=5000000 waiters="$n"
	unload_check "$v" "during a back-to-back run" 1 iterations=0 period_us=0 waiters="$n"
	unload_check "$v" "after done" "done" iterations=20 period_us=100
done
