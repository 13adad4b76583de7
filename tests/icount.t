#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The deterministic clock (vm/run --clock icount): two boots run the same
# variants back to back, and the code paths must have the same lengths in
# both: the histogram buckets that hold a tenth of the samples or more are
# the same (on one vCPU, guest time is the count of emulated
# instructions). p50 and mean are printed, not asserted: a variant whose
# wakes alternate between two paths (completion: about half at 2.9k, half
# at 3.7k instructions, here) has its p50 on the edge between them, and a
# rare tick or host I/O completion inside a sample moves the mean by
# percents. A third boot with two CPUs (maxcpus=1, then online) runs a
# cross-CPU wake.
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

VARIANTS="wait_event completion swait io_wait_event"
out=${WAITCMP_TEST_OUT:-build}/test-icount
rm -rf "$out"
mkdir -p "$out"

if why=$(vm_missing); then
	echo "1..0 # SKIP $why"
	exit 0
fi

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
for v in $VARIANTS; do
	a=$(grep "^$v " "$out/1.txt" || true)
	b=$(grep "^$v " "$out/2.txt" || true)
	echo "# $v (p50 mean records modes): boot 1: ${a#* }; boot 2: ${b#* }"
	r1="" modes1="" r2="" modes2=""
	read -r _ _ _ r1 modes1 <<<"$a" || true
	read -r _ _ _ r2 modes2 <<<"$b" || true
	check "$v: 2000 records in both boots" [ "$r1/$r2" = 2000/2000 ]
	check "$v: the same path lengths in both boots (buckets $modes1 and $modes2)" \
		[ "${modes1:-x}" = "${modes2:-y}" ]
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
done_testing
