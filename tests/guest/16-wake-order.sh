# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Wake order: a wake-one call (complete(), swake_up_one(), wake_up() of
# exclusive waiters) with four waiters runs the one asleep longest (FIFO:
# prepare_to_wait_exclusive() and prepare_to_swait_exclusive() add a
# waiter at the tail, the wake takes the head), so the waiters take turns.
# The module counts, for each wake-one call after the first round, whether
# it ran the oldest, the newest or another of the waiters (order_*).

for v in $VARIANTS; do
	wakes_one "$v" || continue
	[ "$(max_waiters "$v")" -ge 4 ] || continue
	desc="$v waiters=4"
	if ! load "$v" iterations=40 period_us=2000 waiters=4; then
		fail "$desc: loads"
		continue
	fi
	if wait_done "$v" $((30 * TIME_SCALE)); then
		is "$(stat_of "$v" order_oldest)/$(stat_of "$v" order_newest)/$(stat_of "$v" order_other)" 32/0/0 \
			"$desc: each of the 32 wakes after the first round ran the waiter asleep longest"
	else
		fail "$desc: reaches done"
	fi
	unload "$v"
done
