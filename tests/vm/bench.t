#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bench: bad input is refused before any boot, a small sweep in the VM
# gives a complete results folder, and a variant that fails to load is
# recorded as failed while the sweep goes on.
set -eu
cd "$(dirname "$0")/../.."

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

# refused MESSAGE-REGEX ARGS...: bench/run exits non-zero before booting
# and says why.
refused() {
	local want=$1 err rc=0
	shift
	err=$(WAITCMP_RESULTS="$base" bench/run "$@" 2>&1 >/dev/null) || rc=$?
	if [ "$rc" -eq 0 ] || ! grep -Eq -- "$want" <<<"$err" || [ -e "$base/latest" ]; then
		echo "# rc=$rc: $err"
		return 1
	fi
}

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT

r=0; refused "unknown variant 'nope'; known: .*wait_event" --variants wait_event,nope || r=1
ok $r "an unknown variant is named, with the known ones"
r=0; refused "^bench/run: --waiters takes a whole number from 1 to 64, not '0'" --waiters 0 || r=1
ok $r "waiters=0 is refused with the range"
r=0; refused "--iterations takes a whole number from 1 " --iterations 0 || r=1
ok $r "iterations=0 (no end) is refused"
r=0; refused "--period-us takes a whole number from 0 to [0-9]*, not '99999999999999999999'" --period-us 99999999999999999999 || r=1
ok $r "an overflowing period is refused"
r=0; refused "--waiter-cpu takes a whole number from -1 to 1, not '2'" --smp 2 --waiter-cpu 2 || r=1
ok $r "a CPU the guest does not have is refused"
r=0; refused "--target must be vm or host" --target cloud || r=1
ok $r "an unknown target is refused"
r=0; refused "--clock must be wall or icount" --clock sundial || r=1
ok $r "an unknown clock is refused"
r=0; refused "--clock icount is the VM's instruction counting" --target host --clock icount || r=1
ok $r "--target host --clock icount is refused: the host runs on the wall clock"
r=0; refused "--waiters is not used by --mode matrix" --mode matrix --waiters 4 || r=1
ok $r "--mode matrix --waiters 4 is refused, not ignored"
r=0; refused "--period-us is not used by --mode matrix" --mode matrix --period-us 500 || r=1
ok $r "--mode matrix --period-us 500 is refused"
r=0; refused "--acct-iterations is not used by --mode scaling" --mode scaling --acct-iterations 5 || r=1
ok $r "--mode scaling --acct-iterations 5 is refused"
r=0; refused "--sched-fifo takes a whole number from 0 to 99, not '100'" --sched-fifo 100 || r=1
ok $r "sched_fifo=100 is refused with the range"
r=0; refused "--contend-us takes a whole number from 0 to 1000, not '1001'" --contend-us 1001 || r=1
ok $r "contend_us=1001 is refused with the range"
r=0; refused "--waker-context takes a context's name" --waker-context "hard irq" || r=1
ok $r "a waker context that is no name is refused"
r=0; refused "--waker-context is not used by --mode matrix" --mode matrix --waker-context hardirq || r=1
ok $r "--mode matrix --waker-context is refused: the matrix tries every context"
r=0; WAITCMP_RESULTS="$base" bench/run --mode matrix --iterations 50 --acct-iterations 5 --check 2>/dev/null || r=1
ok $r "--mode matrix takes --iterations and --acct-iterations"
mkdir "$base/taken"
r=0; refused "exists: results are never overwritten" --out "$base/taken" || r=1
ok $r "an existing results folder is never reused"
r=0; [ -z "$(ls -A "$base/taken")" ] || r=1
ok $r "and it is left untouched"

# Every command but gnuplot.
fakebin=$base/bin
mkdir "$fakebin"
for d in /usr/local/bin /usr/bin /bin; do
	for f in "$d"/*; do
		[ -e "$fakebin/${f##*/}" ] || ln -s "$f" "$fakebin/${f##*/}"
	done
done
rm "$fakebin/gnuplot"
r=0; PATH=$fakebin refused "gnuplot not found: apt-get install gnuplot-nox" || r=1
ok $r "a missing gnuplot is named with its package"

if [ "$(id -u)" -eq 0 ]; then
	r=0; err=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		env WAITCMP_RESULTS="$base" bench/run --target host 2>&1) && r=1
	grep -q "run as root" <<<"$err" || r=1
	ok $r "--target host without root says so and stops"
else
	r=0; refused "run as root" --target host || r=1
	ok $r "--target host without root says so and stops"
fi

# A small sweep in the VM, start to finish, on the default clock: icount
# under TCG (one CPU), wall with KVM.
log=$base/run.log
r=0
WAITCMP_RESULTS="$base" bench/run --variants wait_event,completion \
	--iterations 400 --waiters 2 --acct-iterations 10 >"$log" 2>&1 || r=$?
ok $r "bench/run with two variants succeeds"
[ $r -eq 0 ] || sed 's/^/# /' "$log"
# The folder itself: latest moves on to the wall-clock run below.
run=$base/$(readlink "$base/latest" || true)
r=0; [[ $(basename "$run") =~ ^sweep-[0-9]{8}T[0-9]{6}Z$ ]] || r=1
ok $r "the run folder is named sweep-<UTC time> ($(basename "$run"))"
r=0; [ "$(cat "$run/status" 2>/dev/null)" = complete ] || r=1
ok $r "the run is marked complete and results/latest points at it"
r=0; [ "$(grep -c '^bench/guest/sweep: \[[12]/2\] .*: [0-9]* samples' "$log")" = 2 ] || r=1
ok $r "one progress line per variant with k of N and samples"
for f in env summary.csv summary.md summary.json report.html latency-cdf.png latency-cdf.svg latency-cdf-families.png \
	iowait.png iowait.svg console.log; do
	r=0; [ -s "$run/$f" ] || r=1
	ok $r "the run has $f"
done
for v in wait_event completion; do
	for f in trace.dat stats histogram kernel.log accounting analysis \
		acct-before/stat acct-after/stat acct-before/pressure-io cdf.dat hist.dat; do
		r=0; [ -s "$run/$v/$f" ] || r=1
		ok $r "$v has $f"
	done
done
# cell VARIANT COLUMN: a cell of summary.csv, by the header's name.
cell() { csv_cell "$run/summary.csv" "$1" "$2"; }
# records VARIANT: samples (from the trace: waits that slept) plus the
# module's no_sleep (waits that returned at once), one per wake and waiter.
records() {
	local n s
	n=$(cell "$1" samples)
	s=$(cell "$1" no_sleep)
	[[ $n =~ ^[0-9]+$ && $s =~ ^[0-9]+$ ]] && echo $((n + s))
}
r=0; grep -q '^variant,status,samples,no_sleep,' "$run/summary.csv" || r=1
ok $r "summary.csv: no_sleep next to samples"
r=0; [ "$(cell wait_event status) $(records wait_event)" = "ok 800" ] || r=1
ok $r "summary.csv: wait_event with 2 waiters has samples + no_sleep = 800"
r=0; [ "$(cell completion status) $(records completion)" = "ok 400" ] || r=1
ok $r "summary.csv: completion has 400, one waiter per complete()"
r=0; [ "$(cell wait_event no_sleep)" = "$(sed -n 's/^no_sleep: //p' "$run/wait_event/stats")" ] || r=1
ok $r "summary.csv: no_sleep is the module's"
r=0; for k in kernel preempt cpus accelerator trace_clock trace_cmd parameters hz; do
	grep -q "^$k: ." "$run/env" || { echo "# env lacks $k"; r=1; }
done
ok $r "env holds kernel, preemption, HZ, CPUs, accelerator, clock, versions, parameters"

# A variant that cannot load fails alone; the sweep goes on.
out=$base/sweep
mkdir "$out"
r=0
vm/run --timeout 600 --out "$out" -- bench/guest/sweep --out /out \
	--variants no_such_api,wait_event --iterations 50 --acct-iterations 3 \
	>"$base/sweep.log" 2>&1 && r=1
ok $r "bench/guest/sweep exits non-zero when a variant fails"
r=0; [ "$(cat "$out/no_such_api/status")" = failed ] &&
	grep -q "insmod refused" "$out/no_such_api/reason" || r=1
ok $r "the failed variant is recorded as failed, with the reason"
r=0; [ "$(cat "$out/wait_event/status")" = ok ] || r=1
ok $r "the next variant still runs"

# The default clock: deterministic (icount, one CPU, wakeup preemption
# off) where the guest runs under TCG; its env and summary say so, and no
# figure is in µs. With KVM, wall.
if [ "$(vm/run --print-accel)" = tcg ]; then
	check "the default run's env says clock: icount, chosen as TCG's default" \
		sh -c "grep -qx 'clock: icount' '$run/env' && grep -qx 'clock_chosen_by: default (TCG: no hardware virtualization)' '$run/env'"
	check "it ran on one CPU with CFS wakeup preemption off" \
		sh -c "grep -qx 'cpus: 1' '$run/env' && grep -qx 'wakeup_preemption: off' '$run/env'"
	check "its summary gives instructions, not µs" \
		sh -c "grep -q '^Latency (wake to run) in instructions: clock icount' '$run/summary.md' && ! grep -q 'µs' '$run/summary.md'"
else
	check "the default run's env says clock: wall, chosen as KVM's default" \
		sh -c "grep -qx 'clock: wall' '$run/env' && grep -qx 'clock_chosen_by: default (KVM)' '$run/env'"
fi
# The wall clock, asked for: two CPUs, µs of wall-clock time; the wake
# from a work item, the threads SCHED_FIFO.
r=0
WAITCMP_RESULTS="$base" bench/run --variants wait_event --iterations 200 \
	--acct-iterations 3 --clock wall --waker-context workqueue --sched-fifo 10 --contend-us 20 \
	--out "$base/wall" >"$base/wall.log" 2>&1 || r=$?
ok $r "bench/run --clock wall --waker-context workqueue --sched-fifo 10 --contend-us 20 succeeds"
check "its summary gives the module's waker_context, sched_fifo and contend_us" \
	grep -q "^Latency phase, the module's parameters (its stats):.* waker_context=workqueue sched_fifo=10 contend_us=20\.$" "$base/wall/summary.md"
[ $r -eq 0 ] || sed 's/^/# /' "$base/wall.log"
check "its env says clock: wall, asked for, 2 CPUs, wakeup preemption on" \
	sh -c "grep -qx 'clock: wall' '$base/wall/env' && grep -qx 'clock_chosen_by: --clock' '$base/wall/env' && grep -qx 'cpus: 2' '$base/wall/env' && grep -qx 'wakeup_preemption: on' '$base/wall/env'"
check "its summary gives µs of wall-clock time" \
	grep -q '^Latency (wake to run, µs of wall-clock time)' "$base/wall/summary.md"

done_testing
