# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Wake one versus wake all, with 4 waiters: woken_per_wake counts how many
# waiters each wake ran. wake_up() runs every non-exclusive waiter (the
# thundering herd); complete(), swake_up_one() and wake_up() of exclusive
# waiters run one; wake_all=1 (wake_up_all, complete_all, swake_up_all)
# runs all four.

for v in $VARIANTS; do
	[ "$(max_waiters "$v")" -ge 4 ] || continue
	for all in 0 1; do
		iters=200
		if ! load "$v" iterations=$iters period_us=300 waiters=4 wake_all=$all; then
			fail "$v wake_all=$all: loads"
			continue
		fi
		if wait_done "$v" 120; then
			want=$(expected_samples "$v" $iters 4 $all)
			is "$(stat_of "$v" records)" "$want" "$v wake_all=$all: $want records"
			check "$v wake_all=$all: samples + no_sleep = records" \
				records_add_up "$v"
			per=$(stat_of "$v" woken_per_wake)
			if [ "$want" = "$iters" ]; then
				# A waiter that comes back to wait after the next wake
				# was published returns at once and counts too: rare.
				check "$v wake_all=$all: each wake ran one waiter ($per)" \
					awk -v p="$per" 'BEGIN { exit !(p >= 1 && p < 1.5) }'
			else
				is "$per" "$((want / iters)).00" \
					"$v wake_all=$all: each wake ran $((want / iters)) waiters"
			fi
		else
			fail "$v wake_all=$all: reaches done"
		fi
		unload "$v"
	done
done

# Back to back, a wake-one API's waiters that lose the race for a wake must
# sleep again, not spin until the next one: 4 waiters on 2 CPUs would
# otherwise starve the waker (a soft lockup, then no progress).
for v in $VARIANTS; do
	wakes_one "$v" || continue
	if load "$v" iterations=2000 period_us=0 waiters=4 && wait_done "$v" 120; then
		is "$(stat_of "$v" records)" 2000 "$v back to back, 4 waiters: 2000 records, no spin"
	else
		fail "$v back to back, 4 waiters: reaches done"
	fi
	unload "$v"
done
