#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The deterministic clock (vm/run --clock icount): two boots run the same
# variants as the bench's latency phase does (one waiter, a wake every
# 1000 us, 2000 wakes), and each variant's exact p50 must be the same
# instruction count in both, its exact mean within 0.5 % (on one vCPU,
# guest time is the count of emulated instructions). Both hold only with
# what --clock icount sets up: the waker asleep right after each wake,
# CFS wakeup preemption off (vm/run's WAITCMP_SCHED_FEATURES), nothing of
# the test's own running beside the wakes. Before that, each variant's
# wakes went down two paths about 770 instructions apart, in shares that
# changed from boot to boot (completion's p50 2975 or 3743). A third boot
# with two CPUs (maxcpus=1, then online) runs a cross-CPU wake. A fourth
# runs the accounting phase and checks it reads nothing from the host, and
# that recording the waitcmp events leaves the p50 as it was.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

VARIANTS="wait_event completion swait io_wait_event"
out=${WAITCMP_TEST_OUT:-build}/test-icount
rm -rf "$out"
mkdir -p "$out"

skip_without_vm

# boot N: the figures of boot N in $out/N.txt.
boot() {
	# shellcheck disable=SC2086 # VARIANTS are words
	vm/run -q --clock icount --smp 1 --timeout 300 --out "$out/boot$1" -- \
		tests/guest/icount-figures.sh $VARIANTS >"$out/$1.txt" 2>"$out/$1.err"
}

check "first boot under icount runs" boot 1
check "second boot under icount runs" boot 2
is_icount() { [ "$(cat "$out/boot1/clock")" = icount ] && grep -qF -- '-icount shift=0\,sleep=off' "$out/boot1/qemu.cmd"; }
check "the run says its clock (clock file, qemu command)" is_icount
wp_off() { grep -qx 'wakeup_preemption off' "$out/1.txt" && grep -qx 'wakeup_preemption off' "$out/2.txt"; }
check "CFS wakeup preemption is off in both boots" wp_off
# same A B: the same p50, a number.
same() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" = "$2" ]; }
# within A B: the means A and B differ by at most 0.5 % of A.
within() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && d * 200 <= a) }'; }
for v in $VARIANTS; do
	a=$(grep "^$v " "$out/1.txt" || true)
	b=$(grep "^$v " "$out/2.txt" || true)
	echo "# $v (p50 mean records samples modes): boot 1: ${a#* }; boot 2: ${b#* }"
	p1="" m1="" r1="" p2="" m2="" r2=""
	read -r _ p1 m1 r1 _ <<<"$a" || true
	read -r _ p2 m2 r2 _ <<<"$b" || true
	check "$v: 2000 records in both boots" [ "$r1/$r2" = 2000/2000 ]
	check "$v: the same exact p50 in both boots ($p1 and $p2 instructions)" \
		same "$p1" "$p2"
	check "$v: means within 0.5 % ($m1 and $m2)" within "${m1:-0}" "${m2:-0}"
done

# Two CPUs: the boot must bring CPU 1 up after maxcpus=1.
two() {
	# shellcheck disable=SC2016 # expanded in the guest
	vm/run -q --clock icount --smp 2 --timeout 300 --out "$out/smp2" -- sh -c \
		'. tests/guest/lib.sh; load_core; load wait_event iterations=500 period_us=0 waiter_cpu=1 waker_cpu=0 && wait_done wait_event 300 && echo "records $(stat_of wait_event records)"; echo "online $(cat /sys/devices/system/cpu/online)"' \
		>"$out/smp2.txt" 2>"$out/smp2.err"
}
check "a two-CPU boot under icount runs" two
check "CPU 1 is online in it (maxcpus=1, then online)" grep -qx 'online 0-1' "$out/smp2.txt"
check "a cross-CPU wake runs to done there" grep -qx 'records 500' "$out/smp2.txt"

# Nothing read from the host inside a measured phase: a 9p read waits on
# the host, and meanwhile icount's clock jumps to the guest's next timer,
# so the phase loses a host-dependent part of its guest time (the
# sampler, run from the share, started late and took fewer samples).
# One boot for this and the recording check below.
QUIET="io_wait_event completion_killable"
quiet() {
	# shellcheck disable=SC2016,SC2086 # $1 $2 are the guest shell's; QUIET are words
	# A long timeout: the guest's deadline counts guest time, and on a
	# loaded host bench/guest/lib.sh's copy of the modules over 9p takes much of
	# it (each request lets icount's clock jump to the next timer).
	vm/run -q --clock icount --smp 1 --timeout 1200 --out "$out/quiet" -- sh -c \
		'tests/guest/icount-quiet.sh $1 $2 && tests/guest/icount-trace.sh' _ $QUIET \
		>"$out/quiet.txt" 2>"$out/quiet.err"
}
check "the accounting phase and wait_event traced and not, under icount, run" quiet
for v in $QUIET; do
	reqs="" s=""
	read -r _ _ reqs _ s <<<"$(grep "^$v " "$out/quiet.txt" || true)" || true
	check "$v: no 9p request from the run's begin to its end (${reqs:-none})" [ "$reqs" = 0 ]
	# 10 periods of 100 ms, a sample every 20 ms: about 50.
	check "$v: the sampler took its samples (${s:-none} of about 50)" \
		[ "${s:-0}" -ge 40 ]
done

# Recording as the bench records leaves the latency as it was: the
# waitcmp events lie outside the wake-to-run window, and trace_start
# turns off record-cmd, whose sched_wakeup and sched_switch hooks run
# inside it (with it wait_event's p50 went from 3759 to 4178). The p50 is
# the module's histogram's: a shift under its 1.6 % bucket would hide.
p50_of() { sed -n "s/^$1 p50 \([0-9]*\) records 2000 .*/\1/p" "$out/quiet.txt"; }
none=$(p50_of none) traced=$(p50_of waitcmp)
echo "# $(grep ' per_wake ' "$out/quiet.txt" | tr '\n' ';')"
check "recording the waitcmp events leaves the p50 as it was (${none:-none} and ${traced:-none})" \
	same "$none" "$traced"
done_testing
