# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2154 # seed, trials, cycles, only_trial: set by run
# Every variant loaded at once and running together: all reach done with
# their exact sample counts, then unload in a seeded random order, each
# promptly (under 1 s) and without touching the others. A second round
# unloads them, in another random order, in the middle of endless runs.

# shuffle WORDS...: SHUFFLED = the words in the order of seeded random
# keys (not a $(...): the draws must advance this shell's RNG).
shuffle() {
	: >/tmp/shuffle.keys
	for w in "$@"; do
		rand 8388608
		echo "$RNG_R $w" >>/tmp/shuffle.keys
	done
	SHUFFLED=$(sort -n /tmp/shuffle.keys | cut -d' ' -f2 | tr '\n' ' ')
}

# unload_all ROUND VARIANTS...: in the given order; every unload in time,
# its threads gone, the variants not yet unloaded still loaded.
unload_all() {
	round=$1
	shift
	slow=0
	worst=0
	for v in "$@"; do
		pids=$(threads_of "$v" | tr '\n' ' ')
		unload_timed "$v"
		[ "$UNLOAD_RC" = stuck ] && bail "$round: rmmod waitcmp_$v hangs (seed $seed); order: $*"
		[ "$UNLOAD_MS" -gt "$worst" ] && worst=$UNLOAD_MS
		# shellcheck disable=SC2086 # pids are words
		if [ "$UNLOAD_RC" != 0 ] || [ "$UNLOAD_MS" -ge "$UNLOAD_LIMIT_MS" ] || loaded "$v" ||
			[ -e "$DEBUGFS/$v" ] || ! gone $pids; then
			slow=$((slow + 1))
			diag "$round: $v: rmmod rc $UNLOAD_RC, $UNLOAD_MS ms, loaded: $(loaded "$v" && echo yes || echo no)"
		fi
	done
	is "$slow" 0 "$round: each unload under $UNLOAD_LIMIT, its threads and files gone (slowest $worst ms)"
	figure "together_${round}_slowest_unload_ms" "$worst"
	check "$round: no waitcmp thread left" sh -c "! grep -qs waitcmp_ /proc/[0-9]*/comm"
}

rng_seed "$seed" 1000001
load_core
ncpu=$(nproc)
klog_take >/dev/null
nv=0
loaded_all=1
for v in $VARIANTS; do
	w=$(max_waiters "$v")
	[ "$w" -gt 2 ] && w=2
	rand 2
	wa=$RNG_R
	if ! load "$v" iterations=200 period_us=500 waiters="$w" wake_all="$wa" </dev/null; then
		loaded_all=0
		diag "$v: insmod failed"
	fi
	eval "wa_$v=$wa"
	nv=$((nv + 1))
done
check "all $nv variants load at once" [ "$loaded_all" = 1 ]
is "$(grep -c '^waitcmp_' /proc/modules)" "$nv" "$nv variant modules in /proc/modules"
is "$(cat /sys/module/waitcmp/refcnt)" "$nv" "the core is used by all $nv"

bad=0
for v in $VARIANTS; do
	w=$(max_waiters "$v")
	[ "$w" -gt 2 ] && w=2
	eval "wa=\$wa_$v"
	if ! wait_done "$v" 300; then
		bad=$((bad + 1))
		continue
	fi
	want=$(expected_samples "$v" 200 "$w" "$wa")
	got=$(stat_of "$v" records)
	if [ "$got" != "$want" ]; then
		bad=$((bad + 1))
		diag "$v waiters=$w wake_all=$wa: $got records, want $want"
	fi
done
is "$bad" 0 "running together, all $nv reach done with their exact record counts"
# shellcheck disable=SC2086 # VARIANTS are words
shuffle $VARIANTS
diag "unload order: $SHUFFLED"
# shellcheck disable=SC2086 # SHUFFLED is words
unload_all "done" $SHUFFLED
is "$(cat /sys/module/waitcmp/refcnt)" 0 "the core's refcount is back to 0"

# Round 2: endless runs, unloaded while they run. Not back to back: 18
# variants ping-ponging on 2 emulated CPUs starve rmmod itself (unloads
# then take 1-2 s, whatever the API); the random trials cover period 0.
# The periods scale with the square of the kernel's slowness: on the
# debug kernel (WAITCMP_TIMEOUT_SCALE=4), 18 runs at these periods kept
# the CPUs busy enough that the first unloads took several times the
# bound, each shorter as fewer runs were left (13 s unscaled, 9.4 s with
# the periods times 4: docs/debug-kernel.md). Each wake costs the slow
# kernel about SCALE times the CPU and the bound is SCALE times longer;
# periods times SCALE^2 leave rmmod the share of the CPUs it gets here.
for v in $VARIANTS; do
	rand 4
	case $RNG_R in 0) p=100 ;; 1) p=1000 ;; 2) p=10000 ;; 3) p=100000 ;; esac
	p=$((p * TIME_SCALE * TIME_SCALE))
	w=1
	if [ "$(max_waiters "$v")" -gt 1 ]; then
		rand_range 1 4
		w=$RNG_R
	fi
	rand $((ncpu + 1))
	cpu=$((RNG_R - 1))
	rand 2
	diag "$v: iterations=0 period_us=$p waiters=$w waiter_cpu=$cpu wake_all=$RNG_R"
	load "$v" iterations=0 period_us="$p" waiters="$w" waiter_cpu="$cpu" wake_all="$RNG_R" </dev/null ||
		diag "$v: insmod failed"
done
check "all $nv load again, endless" [ "$(grep -c '^waitcmp_' /proc/modules)" = "$nv" ]
sleep 2
# shellcheck disable=SC2086 # VARIANTS are words
shuffle $VARIANTS
diag "unload order: $SHUFFLED"
# shellcheck disable=SC2086 # SHUFFLED is words
unload_all running $SHUFFLED
bad=$(klog_take | grep -E "$SPLAT" || true)
is "$bad" "" "no splat in the kernel log"
