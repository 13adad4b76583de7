#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The performance bench in the VM: the floor module (loads, records every
# wake, refuses bad values, unloads within a second, mid-run too); and
# bench/perf-run --quick, start to finish, whose report must have its
# tables. The report itself on known figures: tests/host/perf-report.t.
set -eu
cd "$(dirname "$0")/../.."

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

# measured FILE: the page up to the published figures, which are quoted
# from their sources in their own units.
measured() {
	sed '/^## What to expect on real hardware/,$d' "$1"
}

# --- the floor in the VM ----------------------------------------------

make -s modules >/dev/null
out=$base/floor
mkdir "$out"
# shellcheck disable=SC2016 # the guest's shell expands these
guest='
set -u
ko=build/modules/$(uname -r)/bench/guest/floor/waitcmp_floor.ko
res=/sys/kernel/debug/waitcmp_floor/result
cs() { read -r up _ </proc/uptime; echo "${up%.*}${up#*.}"; }
done_wait() {
	i=0
	while ! grep -q "^status: done" "$res"; do
		i=$((i + 1)); [ "$i" -lt 600 ] || return 1; sleep 0.1
	done
}
insmod $ko iterations=3000 waiter_cpu=1 waker_cpu=0 && done_wait && cp "$res" /out/result
t0=$(cs); rmmod waitcmp_floor; t1=$(cs); echo "unload_cs: $((t1 - t0))" >>/out/times
insmod $ko iterations=0 2>/dev/null; echo "zero_rc: $?" >>/out/times
insmod $ko waiter_cpu=7 2>/dev/null; echo "cpu_rc: $?" >>/out/times
insmod $ko iterations=1000000 waiter_cpu=0 waker_cpu=1 && sleep 1
t0=$(cs); rmmod waitcmp_floor; t1=$(cs); echo "midrun_unload_cs: $((t1 - t0))" >>/out/times
grep -q "^waitcmp_floor " /proc/modules && echo "left: yes" >>/out/times
dmesg >/out/dmesg
'
# Both vCPUs in one host thread, as the VM suite's: in a clean clone's CI
# this two-vCPU boot once stopped a second in (after "clocksource:
# Switched to clocksource hpet") with a thread per vCPU, until its timeout.
r=0
WAITCMP_TCG_THREAD=${WAITCMP_TCG_THREAD:-single} \
	vm/run --timeout 300 --smp 2 --out "$out" -- sh -c "$guest" >"$base/floor.log" 2>&1 || r=$?
ok "$r" "the floor's guest run finishes"
[ "$r" -eq 0 ] || sed 's/^/# /' "$base/floor.log" | tail -n 20
f() {
	sed -n "s/^$2: //p" "$1" 2>/dev/null | head -n 1
}
r=0; [ "$(f "$out/result" samples)" = 3000 ] || r=1
ok "$r" "iterations=3000 gives 3000 samples"
r=0
[ "$(f "$out/result" status)" = "done" ] && [ "$(f "$out/result" p50_ns)" -le "$(f "$out/result" p99_ns)" ] &&
	[ "$(f "$out/result" min_ns)" -le "$(f "$out/result" p50_ns)" ] &&
	[ "$(f "$out/result" wakes_per_s)" -gt 0 ] || r=1
ok "$r" "the result is done, min <= p50 <= p99, a wake rate"
r=0; [ -n "$(f "$out/times" unload_cs)" ] && [ "$(f "$out/times" unload_cs)" -lt 100 ] || r=1
ok "$r" "unload after the run takes under 1 s ($(f "$out/times" unload_cs)0 ms)"
r=0; [ -n "$(f "$out/times" midrun_unload_cs)" ] && [ "$(f "$out/times" midrun_unload_cs)" -lt 100 ] || r=1
ok "$r" "unload in the middle of a run takes under 1 s ($(f "$out/times" midrun_unload_cs)0 ms)"
r=0; [ -z "$(f "$out/times" left)" ] || r=1
ok "$r" "nothing is left loaded"
r=0; [ "$(f "$out/times" zero_rc)" != 0 ] && grep -q "iterations=0 is out of range, allowed 1..1000000" "$out/dmesg" || r=1
ok "$r" "iterations=0 is refused with the range"
r=0; [ "$(f "$out/times" cpu_rc)" != 0 ] && grep -q "waiter_cpu=7 is not an online CPU" "$out/dmesg" || r=1
ok "$r" "an offline CPU is refused"
r=0; grep -q "waitcmp_floor: End of run: samples=3000 " "$out/dmesg" &&
	grep -q "waitcmp_floor: End of run (stopped)" "$out/dmesg" || r=1
ok "$r" "the kernel log has a done and a stopped End of run line"
r=0; grep -Eq "WARNING|BUG|Oops|hung_task|blocked for more than" "$out/dmesg" && r=1
ok "$r" "no warning, BUG, Oops or hung task in the kernel log"

# --- bench/perf-run --quick, start to finish ----------------------------

r=0
WAITCMP_RESULTS=$base/results bench/perf-run --quick >"$base/run.log" 2>&1 || r=$?
ok "$r" "bench/perf-run --quick succeeds"
[ "$r" -eq 0 ] || sed 's/^/# /' "$base/run.log" | tail -n 30
q=$base/results/latest-perf
r=0; [ "$(cat "$q/status" 2>/dev/null)" = complete ] || r=1
ok "$r" "the run is complete and latest-perf points at it"
r=0; [ "$(grep -c '^floor,' "$q/b2b.csv")" -ge 2 ] && [ "$(grep -c '^harness,' "$q/b2b.csv")" -ge 2 ] &&
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["samples"] + $c["no_sleep"] != 1000 { bad = 1 } END { exit bad }' "$q/b2b.csv" || r=1
ok "$r" "b2b.csv has the floor and the harness, 1000 wakes each run (samples + no_sleep)"
# The default clock, as bench/run's: icount under TCG, wall with KVM.
want=icount
[ "$(vm/run --print-accel)" != kvm ] || want=wall
r=0
[ "$(sed -n 's/^clock: //p' "$q/env")" = "$want" ] && grep -q "^clock_chosen_by: default" "$q/env" &&
	[ "$(cat "$q/clock" 2>/dev/null)" = "$want" ] || r=1
ok "$r" "the run's env records its clock ($want) and what chose it"
notes="## What icount measures, and what it cannot"
[ "$want" = icount ] || notes="## What emulation distorts (wall clock)"
for s in "## Targets" "## Back to back" "## Overhead" "## Fidelity" "## Peers" "## Analyser speed" "## Scaling with the number of waiters" "## Scaling with the guest's CPUs" "$notes" "What to expect on real hardware"; do
	r=0; grep -q "$s" "$q/perf.md" || r=1
	ok "$r" "the report has: $s"
done
r=0
if [ "$want" = icount ]; then
	grep -q "^\*\*Clock: icount\*\*" "$q/perf.md" && ! measured "$q/perf.md" | grep -q "µs" || r=1
else
	grep -q "^\*\*Clock: wall\*\*" "$q/perf.md" || r=1
fi
ok "$r" "its page gives the clock's unit (icount: never µs)"
r=0; [ "$(jq -r .clock "$q/perf.json" 2>/dev/null)" = "$want" ] || r=1
ok "$r" "its perf.json is valid and names the clock"
r=0; grep -q '^| harness p50 ≤ 1.10× the floor.s, same | [0-9.]*x | \(met\|missed\)' "$q/perf.md" || r=1
ok "$r" "the targets table has a measured ratio and a verdict"
r=0; [ -s "$q/fidelity/b2b/analysis" ] && [ -s "$q/analyser.csv" ] || r=1
ok "$r" "the traces were analysed and the analyser timed"
r=0; grep -q "This is a --quick run" "$q/perf.md" || r=1
ok "$r" "a quick run says its figures mean nothing"
r=0
[ "$(grep -c '^wait_event_interruptible_exclusive,[01],' "$q/waiters/scaling.csv" 2>/dev/null)" = 14 ] || r=1
ok "$r" "a quick run measures one variant at 1..64 waiters, wake one and all"
r=0
grep -q "^- \`wait_event_interruptible_exclusive\`: from 1 to 64 waiters the waker's cost of a wake-all" "$q/perf.md" &&
	grep -q '](performance-waiters.svg)' "$q/perf.md" && [ -s "$q/performance-waiters.png" ] &&
	[ -s "$q/performance-waiters.svg" ] || r=1
ok "$r" "its report has the waiters' figure and sentence"
r=0
grep -A 2 "^## Scaling with the guest's CPUs" "$q/perf.md" | grep -q "^Not measured" || r=1
ok "$r" "a quick run makes no extra boots: the CPU scaling is not measured"

done_testing
