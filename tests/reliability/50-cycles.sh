# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2154 # seed, trials, cycles, only_trial: set by run
# Load/unload cycles: each cycle loads the core, then every variant in
# turn (a short run, unloaded as it runs or once done), then unloads the
# core. After a warm-up, the kernel's slab (/proc/meminfo Slab and
# SUnreclaim, which holds what kmalloc leaks), vmalloc (module memory,
# thread stacks) and per-CPU memory must not grow beyond a generous bound,
# and the module list must end as it began.
#
# The bound: 1024 kB for every counter, over all cycles. Between two
# readings (after dropping caches and an RCU grace period) these counters
# move by a few hundred kB at most with nothing leaking; a leak of one
# small allocation per load (kmalloc-64) over 100 cycles of 19 modules
# is 120 kB and would not show, but the run (hundreds of bytes), its
# statistics (kilobytes) or a thread (16 kB stack) would, by far.
CYCLE_BOUND_KB=1024

# snap_* are made by eval in snap.
# shellcheck disable=SC2154

# meminfo KEY: its value in kB.
meminfo() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# settle: free what can be freed, so that only what is held remains.
settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	# kfree_rcu() and the freeing of thread stacks wait for grace periods.
	sleep 1
	echo 3 >/proc/sys/vm/drop_caches
}

# snap NAME: the counters into snap_NAME_*, and slabinfo into a file.
snap() {
	settle
	eval "snap_$1_slab=$(meminfo Slab) snap_$1_unrecl=$(meminfo SUnreclaim)"
	eval "snap_$1_vmalloc=$(meminfo VmallocUsed) snap_$1_percpu=$(meminfo Percpu)"
	awk 'NR > 2 { print $1, $2 * $4 }' /proc/slabinfo | sort >"/tmp/slab.$1"
	other_modules >"/tmp/modules.$1"
}

cycle_errors=0

# one_cycle N: the core and every variant, loaded and unloaded once.
one_cycle() {
	if ! insmod "$KO/common/waitcmp.ko"; then
		cycle_errors=$((cycle_errors + 1))
		return 0
	fi
	for v in $VARIANTS; do
		w=$(( $1 % 4 + 1 ))
		[ "$w" -gt "$(max_waiters "$v")" ] && w=1
		if ! load "$v" iterations=10 period_us=100 waiters="$w" wake_all=$(( $1 % 2 )) </dev/null; then
			cycle_errors=$((cycle_errors + 1))
			diag "cycle $1: $v does not load"
			continue
		fi
		# Every other cycle lets the run finish before the unload.
		[ $(( $1 % 2 )) = 0 ] || wait_done "$v" 60 || cycle_errors=$((cycle_errors + 1))
		if ! unload "$v"; then
			cycle_errors=$((cycle_errors + 1))
			diag "cycle $1: $v does not unload"
		fi
	done
	rmmod waitcmp || cycle_errors=$((cycle_errors + 1))
	klog_take >/dev/null
	return 0
}

# growth NAME KEY: snap_after_KEY - snap_NAME_KEY.
growth() {
	eval "echo \$((snap_after_$2 - snap_$1_$2))"
}

# run_cycles N: cycles 1..N.
run_cycles() {
	c=1
	while [ "$c" -le "$1" ]; do
		one_cycle "$c"
		c=$((c + 1))
	done
}

! core_loaded || rmmod waitcmp
nvm=$(echo "$VARIANTS" | wc -w)
warmup=2
t0=$(now_ms)
snap start
run_cycles "$warmup"
snap base
run_cycles "$cycles"
snap after
secs=$(( ($(now_ms) - t0) / 1000 ))

is "$cycle_errors" 0 "$cycles cycles (and $warmup warm-up) of the core and $nvm variants: every load and unload works"
check "no waitcmp module left" sh -c "! grep -q '^waitcmp' /proc/modules"
check "no waitcmp thread left" sh -c "! grep -qs waitcmp_ /proc/[0-9]*/comm"
check "the other modules are those of the start" cmp -s /tmp/modules.start /tmp/modules.after
check "no waitcmp debugfs directory left" [ ! -e "$DEBUGFS" ]

slab=$(growth base slab)
unrecl=$(growth base unrecl)
vmalloc=$(growth base vmalloc)
percpu=$(growth base percpu)
figure cycles "$cycles of the core and $nvm variants after $warmup warm-up, $((cycles * (nvm + 1))) loads and unloads, $secs s"
figure slab_growth_kb "$slab (Slab, from $snap_base_slab kB; warm-up $(growth start slab))"
figure sunreclaim_growth_kb "$unrecl (SUnreclaim, from $snap_base_unrecl kB; warm-up $(growth start unrecl))"
figure vmalloc_growth_kb "$vmalloc (VmallocUsed, from $snap_base_vmalloc kB)"
figure percpu_growth_kb "$percpu (Percpu, from $snap_base_percpu kB)"
figure growth_bound_kb "$CYCLE_BOUND_KB"
for k in slab unrecl vmalloc percpu; do
	g=$(growth base $k)
	check "$k growth over the cycles $g kB <= $CYCLE_BOUND_KB kB" [ "$g" -le "$CYCLE_BOUND_KB" ]
done
# Which caches grew most: the first place to look when a bound trips.
awk 'NR == FNR { before[$1] = $2; next } { d = $2 - before[$1]; if (d > 0) print d, $1 }' \
	/tmp/slab.base /tmp/slab.after |
	sort -rn | head -n 5 | while read -r d name; do
	diag "slab cache $name: +$((d / 1024)) kB"
done
load_core
