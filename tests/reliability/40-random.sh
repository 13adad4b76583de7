# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2154 # seed, trials, cycles, only_trial: set by run
# Unload at random moments: each trial loads a variant with parameters
# drawn from the seeded PRNG, waits a drawn delay and unloads it. Targets:
# the unload under 1 s, nothing left, one "End of run" line, no splat.
# Trial K draws from its own stream (seed, K), so --trial K replays it
# alone; a failure prints the exact commands.

nvar=$(echo "$VARIANTS" | wc -w)
ncpu=$(nproc)

# Variants go round in a seeded order, so every one gets its share.
rng_seed "$seed" 0
rand "$nvar"
offset=$RNG_R

# draw_trial K: sets v, params and delay_ms (and reader) for trial K.
draw_trial() {
	i=$(( ($1 - 1 + offset) % nvar + 1 ))
	# shellcheck disable=SC2086 # VARIANTS are words
	v=$(echo $VARIANTS | cut -d' ' -f"$i")
	rng_seed "$seed" "$1"
	max=$(max_waiters "$v")
	rand 10
	if [ "$RNG_R" -lt 5 ]; then cap=4; elif [ "$RNG_R" -lt 8 ]; then cap=16; else cap=64; fi
	[ "$cap" -gt "$max" ] && cap=$max
	rand_range 1 "$cap"
	waiters=$RNG_R
	# period_us: back to back, short, medium, long and up to the 10 s limit.
	rand 20
	if [ "$RNG_R" -lt 4 ]; then
		period=0
	elif [ "$RNG_R" -lt 8 ]; then
		rand_range 1 100 && period=$RNG_R
	elif [ "$RNG_R" -lt 13 ]; then
		rand_range 101 10000 && period=$RNG_R
	elif [ "$RNG_R" -lt 17 ]; then
		rand_range 10001 1000000 && period=$RNG_R
	elif [ "$RNG_R" -lt 19 ]; then
		rand_range 1000 9999 && period=$((RNG_R * 1000))
		rand 1000 && period=$((period + RNG_R))
	else
		period=10000000
	fi
	# iterations: endless, a few, some, many.
	rand 10
	if [ "$RNG_R" -lt 3 ]; then
		iters=0
	elif [ "$RNG_R" -lt 5 ]; then
		rand_range 1 10 && iters=$RNG_R
	elif [ "$RNG_R" -lt 9 ]; then
		rand_range 11 1000 && iters=$RNG_R
	else
		rand_range 1001 100000 && iters=$RNG_R
	fi
	rand 2
	wake_all=$RNG_R
	rand 2
	if [ "$RNG_R" = 0 ]; then waiter_cpu=-1; else rand "$ncpu" && waiter_cpu=$RNG_R; fi
	rand 2
	if [ "$RNG_R" = 0 ]; then waker_cpu=-1; else rand "$ncpu" && waker_cpu=$RNG_R; fi
	# The delay before rmmod: at once, soon, later, much later.
	rand 20
	if [ "$RNG_R" -lt 3 ]; then
		delay_ms=0
	elif [ "$RNG_R" -lt 8 ]; then
		rand_range 1 50 && delay_ms=$RNG_R
	elif [ "$RNG_R" -lt 14 ]; then
		rand_range 51 500 && delay_ms=$RNG_R
	else
		rand_range 501 3000 && delay_ms=$RNG_R
	fi
	# Sometimes a reader holds the debugfs files open across the rmmod.
	rand 10
	reader=0
	[ "$RNG_R" -lt 3 ] && reader=1
	# allow_hung_task=1: a drawn D-state sleep may reach the 10 s hung-task
	# timeout run sets (refused by default, tests/reliability/10-params.sh); the
	# unload comes within 3 s, long before the detector could report it.
	params="iterations=$iters period_us=$period waiters=$waiters waiter_cpu=$waiter_cpu waker_cpu=$waker_cpu wake_all=$wake_all allow_hung_task=1"
}

# Reads stats and histogram until they are gone.
reader_loop() {
	while cat "$DEBUGFS/$1/stats" "$DEBUGFS/$1/histogram" >/dev/null 2>&1; do
		:
	done
}

secs() {
	printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
}

failures=0
slowest=0
slowest_trial=""
total_ms=0
stopped=0
done_before=0
: >/tmp/trial-variants

# trial K: one trial, one test point.
trial() {
	k=$1
	draw_trial "$k"
	repro="insmod $KO/common/waitcmp.ko; insmod $KO/variants/waitcmp_$v.ko $params; sleep $(secs "$delay_ms"); rmmod waitcmp_$v"
	[ "$reader" = 0 ] || repro="$repro; meanwhile, from after the insmod until they are gone, a loop reads $DEBUGFS/$v/stats and histogram"
	why=""
	klog_take >/dev/null
	# shellcheck disable=SC2086 # params are words
	if ! load "$v" $params </dev/null 2>/tmp/insmod.err; then
		why="insmod failed: $(tr '\n' ' ' </tmp/insmod.err)"
	else
		rpid=""
		if [ "$reader" = 1 ]; then
			reader_loop "$v" &
			rpid=$!
		fi
		[ "$delay_ms" = 0 ] || sleep "$(secs "$delay_ms")"
		[ "$(stat_of "$v" status)" = "done" ] && done_before=$((done_before + 1))
		unload_timed "$v"
		if [ "$UNLOAD_RC" = stuck ]; then
			fail "trial $k: $v: rmmod returns"
			diag "seed $seed trial $k: $repro"
			bail "rmmod waitcmp_$v is stuck after ${UNLOAD_WATCHDOG_S} s; replay: tests/reliability/run-host --seed $seed --trial $k"
		fi
		[ -z "$rpid" ] || wait "$rpid" || true
		total_ms=$((total_ms + UNLOAD_MS))
		if [ "$UNLOAD_MS" -gt "$slowest" ]; then
			slowest=$UNLOAD_MS
			slowest_trial="trial $k: $v $params after $delay_ms ms"
		fi
		log=$(klog_take)
		ends=$(echo "$log" | grep -c "waitcmp: $v: End of run" || true)
		echo "$log" | grep -q "waitcmp: $v: End of run (stopped)" && stopped=$((stopped + 1))
		found=$(echo "$log" | grep -E "$SPLAT" | head -n 3 || true)
		[ "$UNLOAD_RC" = 0 ] || why="$why rmmod exit $UNLOAD_RC: $(cat /tmp/unload.err);"
		[ "$UNLOAD_MS" -lt "$UNLOAD_LIMIT_MS" ] || why="$why unload took $UNLOAD_MS ms;"
		nothing_left "$v" || why="$why something left (module, debugfs or thread);"
		[ "$ends" = 1 ] || why="$why $ends 'End of run' lines, want 1;"
		[ -z "$found" ] || why="$why kernel log: $found;"
	fi
	echo "$v" >>/tmp/trial-variants
	if [ -z "$why" ]; then
		pass "trial $k: $v $params, rmmod after $delay_ms ms: $UNLOAD_MS ms"
	else
		failures=$((failures + 1))
		fail "trial $k: $v $params, rmmod after $delay_ms ms"
		diag "seed $seed trial $k:$why"
		diag "reproduce: $repro"
		diag "replay: tests/reliability/run-host --seed $seed --trial $k"
		# Whatever is left must not spoil the next trials.
		! loaded "$v" || rmmod "waitcmp_$v" 2>/dev/null || true
	fi
	return 0
}

load_core
if [ -n "$only_trial" ]; then
	trial "$only_trial"
	trials=1
else
	k=1
	while [ "$k" -le "$trials" ]; do
		trial "$k"
		k=$((k + 1))
	done
fi

per=$(sort /tmp/trial-variants | uniq -c | awk 'NR == 1 || $1 < lo { lo = $1 } $1 > hi { hi = $1 } END { print lo "-" hi }')
figure trials "$trials"
figure trial_failures "$failures"
figure slowest_unload_ms "$slowest"
figure slowest_unload_trial "$slowest_trial"
figure mean_unload_ms "$((total_ms / trials))"
figure trials_per_variant "$per over $(sort -u /tmp/trial-variants | wc -l) variants"
figure unloads_mid_run "$stopped"
figure unloads_after_done "$done_before"
is "$failures" 0 "$trials random unload trials, none failed (seed $seed)"
if [ -z "$only_trial" ] && [ "$trials" -ge "$nvar" ]; then
	check "every variant had trials" [ "$(sort -u /tmp/trial-variants | wc -l)" -eq "$nvar" ]
fi
