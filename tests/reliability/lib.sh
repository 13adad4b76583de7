# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2034 # RNG_R, UNLOAD_* and figures are read by the parts
#
# Helpers of the in-guest reliability suite, sourced by tests/reliability/run
# after tests/guest/lib.sh (pass, fail, check, load, stat_of, ...).

# --- A seeded PRNG in shell arithmetic (64-bit in busybox ash and dash) ----
#
# The glibc LCG on 31 bits; the product stays below 2^62, so it never
# overflows. Its low bits are weak: rand uses bits 8..30.
RNG=1

# rng_seed SEED [STREAM]: each (seed, stream) pair gives its own sequence,
# so one trial can be replayed alone without drawing all those before it.
rng_seed() {
	RNG=$(( ($1 ^ (${2:-0} * 0x9E3779B1)) & 0x7fffffff ))
	rand 2
	rand 2
}

# rand N: RNG_R = a number in 0..N-1 (N up to 2^23).
rand() {
	RNG=$(( (RNG * 1103515245 + 12345) & 0x7fffffff ))
	RNG_R=$(( (RNG >> 8) % $1 ))
}

# rand_range LO HI: RNG_R in LO..HI.
rand_range() {
	rand $(($2 - $1 + 1))
	RNG_R=$((RNG_R + $1))
}

# --- Time -------------------------------------------------------------------

# Milliseconds since boot, to 1 ms: "now at N nsecs" of /proc/timer_list
# (/proc/uptime counts in 10 ms).
now_ms_fine() {
	awk '/^now at/ { printf "%d\n", $3 / 1000000; exit }' /proc/timer_list
}

# --- The kernel log ---------------------------------------------------------
#
# A suite of thousands of loads writes more than the ring buffer holds, and
# a line count of dmesg stops growing once it wraps. So the log is read and
# cleared (dmesg -c) after every step, and kept whole in KLOG_ALL.
KLOG_ALL=${KLOG_ALL:-/tmp/reliability-dmesg.txt}
KLOG_BOOT=${KLOG_BOOT:-/tmp/reliability-dmesg-boot.txt}

# klog_take: the kernel log lines since the last call (also kept).
klog_take() {
	dmesg -c >/tmp/klog.new
	cat /tmp/klog.new >>"$KLOG_ALL"
	cat /tmp/klog.new
}

# The lines that mean the kernel is unwell. "Call Trace" catches splats
# whose first line has another wording. Not "use-after-free" alone: a
# debug kernel's boot banner has it ("RCU callback double-/use-after-free
# debug is enabled"); KASAN's and refcount_t's reports match BUG, refcount_t.
SPLAT='WARNING|BUG|Oops|blocked for more than|Call Trace|general protection|list_add corruption|list_del corruption|refcount_t|underflow|soft lockup|rcu_sched self-detected|rcu: INFO'

splats_in() {
	grep -E "$SPLAT" "$1" || true
}

# --- Loading and unloading ----------------------------------------------------

# The modules that are not ours, to check that none appears or goes.
other_modules() {
	awk '$1 !~ /^waitcmp/ { print $1 }' /proc/modules | sort
}

# threads_of VARIANT: the pids of its waker and waiters.
threads_of() {
	stat_of "$1" waker_pid
	stat_of "$1" waiter_pids | tr ' ' '\n'
}

# gone PIDS...: none of them is a waitcmp thread any more.
gone() {
	for pid in "$@"; do
		case $(cat "/proc/$pid/comm" 2>/dev/null) in
		waitcmp_*) return 1 ;;
		esac
	done
	return 0
}

# unload_timed VARIANT: rmmod in the background with a 30 s watchdog;
# sets UNLOAD_RC and UNLOAD_MS. rmmod can sleep in D state where no signal
# reaches it, so the suite cannot wait forever: past the watchdog,
# UNLOAD_RC is "stuck" and the blocked tasks go to the kernel log.
UNLOAD_WATCHDOG_S=$((30 * ${TIME_SCALE:-1}))
unload_timed() {
	rm -f /tmp/unload.res
	t0=$(now_ms_fine)
	(
		rc=0
		rmmod "waitcmp_$1" 2>/tmp/unload.err || rc=$?
		echo "$rc $(now_ms_fine)" >/tmp/unload.res.tmp
		mv /tmp/unload.res.tmp /tmp/unload.res
	) &
	bg=$!
	i=0
	while [ ! -e /tmp/unload.res ]; do
		if [ "$i" -ge $((UNLOAD_WATCHDOG_S * 200)) ]; then
			UNLOAD_RC=stuck
			UNLOAD_MS=$((UNLOAD_WATCHDOG_S * 1000))
			echo w >/proc/sysrq-trigger 2>/dev/null || true
			return 0
		fi
		sleep 0.005
		i=$((i + 1))
	done
	wait "$bg" || true
	read -r UNLOAD_RC t1 </tmp/unload.res
	UNLOAD_MS=$((t1 - t0))
}

# Stops the suite: a module that cannot unload leaves nothing to test.
bail() {
	echo "Bail out! $*"
	[ -d /out ] && cp "$KLOG_ALL" /out/dmesg.txt 2>/dev/null
	klog_take | tail -n 80 | sed 's/^/# /'
	exit 1
}

# --- Figures ----------------------------------------------------------------

FIGURES=${FIGURES:-/tmp/reliability-figures}

# figure KEY VALUE: one line of the suite's figures, printed as a TAP
# comment now and collected for the end.
figure() {
	echo "# figure: $1: $2"
	echo "$1: $2" >>"$FIGURES"
}
