#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/report perf on a run folder made here with known figures
# (ratios, verdicts, percentiles, the scaling figures and their
# sentences, what is missing), on the wall clock and the same figures
# under icount (instructions, never µs, none of the wall clock's
# explanations), and its perf.json. Host only: tests/vm/perf.t runs the
# floor module and bench/perf-run in the VM.
set -eu
cd "$(dirname "$0")/../.."

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

check "bench/bin/report builds" make -s -C bench bin/report

run=$base/fixture
mkdir -p "$run/fidelity/b2b" "$run/fidelity/period" "$run/overhead" "$run/peers" "$run/smp1/runs" \
	"$run/runs" "$run/waiters/swait" "$run/waiters/wait_event" "$run/waiters/completion"
cat >"$run/env" <<EOF
date_utc: 2026-01-01T00:00:00Z
host_cpu: Test CPU
host_cpus: 2
host_loadavg_before: 0.00 0.00 0.00
host_loadavg_after_guests: 0.10 0.10 0.10
qemu: QEMU emulator version 7.2.0
accel: tcg
clock: wall
clock_chosen_by: --clock
quick: no
EOF
cat >"$run/env.perf" <<EOF
kernel: 6.1.0-test
preempt: none (voluntary) full
cpus: 2
placements: same,cross
iterations: 1000
rounds: 3
overhead_placement: unbound
cyclic_loops: 100
waiter_iterations: 50
waiter_period_us: 1000
EOF
b2b_csv() {
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s"
	# same: harness/floor p50 per round 1.05, 1.04, 1.15 -> median 1.05.
	echo "floor,same,1,1000,1000,5000,100000000,10000"
	echo "harness,same,1,1000,1050,5200,105263158,9500"
	echo "harness,same,2,1000,1040,5200,104166667,9600"
	echo "floor,same,2,1000,1000,5000,100000000,10000"
	echo "floor,same,3,1000,1000,5000,100000000,10000"
	echo "harness,same,3,1000,1150,5200,105263158,9500"
	# cross: 1.30 at p50 while the floor's own rounds span 2000/1000.
	echo "floor,cross,1,1000,1000,9000,200000000,5000"
	echo "harness,cross,1,1000,1300,9000,250000000,4000"
	echo "floor,cross,2,1000,2000,9000,200000000,5000"
	echo "harness,cross,2,1000,2600,9000,250000000,4000"
}
b2b_csv >"$run/b2b.csv"
{
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s"
	echo "floor,unbound,1,1000,500,5000,50000000,20000"
	echo "harness,unbound,1,1000,520,5000,52000000,19000"
} >"$run/smp1/b2b.csv"
{
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s"
	echo "floor,unbound,1,1000,700,5000,80000000,12500"
	echo "harness,unbound,1,1000,720,5000,83000000,12000"
} >>"$run/b2b.csv.unbound"
# Unbound rows of the main boot, for the scaling table.
tail -n +2 "$run/b2b.csv.unbound" >>"$run/b2b.csv"
rm "$run/b2b.csv.unbound"
{
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s"
	echo "untraced,unbound,1,1000,700,5000,100000000,10000"
	echo "traced,unbound,1,1000,700,5000,111111111,9000"
} >"$run/overhead.csv"
printf 'samples: 1000\nrecords: 1000\nwakes: 1000\nlost_events: 0\n' >"$run/overhead/traced-r1.analysis"
# The harness's wake cost per boot: 4 us with 1 CPU, 8 us with 2 (the
# median of 7000, 8000, 9000 over the main boot's rounds).
printf 'p50_ns: 520\nwake_cost_p50_ns: 4000\n' >"$run/smp1/runs/harness-unbound-r1"
for c in 7000 8000 9000; do
	printf 'p50_ns: 720\nwake_cost_p50_ns: %s\n' "$c" >"$run/runs/harness-unbound-r${c%000}"
done
echo "insmod: no" >"$run/runs/harness-unbound-r1.err"	# not a run
# Against the waiters: swait's wake-all costs 10 us per waiter (linear),
# its latency grows as the square root; its wake one stays near 10 us
# (within 1.3x) at a flat 20 us latency. wait_event's wake one wakes all.
{
	echo "variant,wake_all,waiters,samples,woken_per_wake,wake_cost_p50_ns,wake_cost_mean_ns,p50_ns,p99_ns"
	# w, not n: tap.sh counts its test points in n.
	for w in 1 2 4 8 16 32 64; do
		c1=10000
		case $w in 2 | 16) c1=13000 ;; 8) c1=11000 ;; esac
		echo "swait,0,$w,50,1.00,$c1,$c1,20000,90000"
		echo "swait,1,$w,$((50 * w)),$w.00,$((10000 * w)),$((10000 * w)),$(awk -v w="$w" 'BEGIN { printf "%d", 20000 * sqrt(w) }'),90000"
		echo "wait_event,0,$w,$((50 * w)),$w.00,$((10000 * w)),$((10000 * w)),20000,90000"
		echo "wait_event,1,$w,$((50 * w)),$w.00,$((10000 * w)),$((10000 * w)),20000,90000"
	done
} >"$run/waiters/scaling.csv"
echo ok >"$run/waiters/swait/status"
echo ok >"$run/waiters/wait_event/status"
echo failed >"$run/waiters/completion/status"
echo "waiters=64 wake_all=1: insmod: ERROR: could not insert module" >"$run/waiters/completion/reason"
analysis() {
	printf 'variant: wait_event\nsamples: %s\np50_ns: %s\nlost_events: %s\nsched_matched: %s\nsched_p50_ns: %s\nsched_p50_diff_pct: %s\n' "$@"
}
analysis 1000 1000 0 1000 970 3.0 >"$run/fidelity/b2b/analysis"
analysis 100 2000 3 90 1800 10.0 >"$run/fidelity/period/analysis"
printf '# Running sched/pipe\n     Total time: 0.010 [sec]\n\n       5.000000 usecs/op\n         200000 ops/sec\n' \
	>"$run/peers/pipe-proc-same.txt"
{
	echo "# Histogram"
	echo "000005 000050"
	echo "000006 000049"
	echo "000100 000001"
	echo "# Avg Latencies: 00007"
	echo "# Max Latencies: 00100"
	echo "# Histogram Overflows: 00000"
} >"$run/peers/cyclictest.txt"
printf 'samples: 100\np50_ns: 10000\np99_ns: 20000\nmean_ns: 11000\nmax_ns: 30000\n' >"$run/peers/waitcmp-period.stats"
echo "placement: waiter_cpu=1 waker_cpu=0" >"$run/peers/placement"
{
	echo "tool,trace,events,seconds,max_rss_kb,samples,p50_ns,p99_ns,sched_matched,sched_p50_ns"
	echo "analyse,full,1200000,1.00,4096,200000,1000,2000,150000,900"
	echo "report+awk+sort,full,1200000,30.00,102400,200000,1000,2000,150000,900"
	echo "analyse,half,600000,0.50,4096,100000,1000,2000,75000,900"
	echo "report+awk+sort,half,600000,15.00,51200,100000,1000,2000,75000,900"
} >"$run/analyser.csv"

r=0
bench/bin/report perf "$run" --doc "$base/doc.md" >"$base/report.log" 2>&1 || r=$?
ok "$r" "report perf writes a report from a run folder"
md=$run/perf.md
row() {
	grep -F -- "$1" "$md" >/dev/null || { echo "# no line with: $1"; return 1; }
}
check "and the same file to --doc" cmp -s "$md" "$base/doc.md"
check "a p50 ratio is the median of per-round ratios" \
	row "| harness p50 ≤ 1.10× the floor's, same | 1.050x | met"
check "a miss in every round says so, with the rounds' range and why" \
	row "| harness p50 ≤ 1.10× the floor's, cross | 1.300x | missed in every round (1.300x–1.300x): the harness's own work"
check "rounds on both sides of the target are within the noise" \
	row "| harness p50 ≤ 1.10× the floor's, same | 1.050x | met, within the noise: the rounds' ratios span 1.040x–1.150x"
check "a target met in every round says so" \
	row "| harness wake rate ≥ 0.90× the floor's, same | 0.950x | met in every round (0.950x–0.960x) |"
check "tracing overhead 0.90 misses the 0.95 target" \
	row "| traced/untraced wake rate ≥ 0.95 | 0.900x | missed in every round (0.900x–0.900x): each wake writes two events"
check "a 3 % scheduler diff is within 5 %" \
	row "| p50 diff within 5 %, back to back | 3.0 % | met |"
check "unmatched samples are counted" \
	row "| every sample matched, 1 ms period | 90 of 100 | missed: 10 samples had no sched_waking"
check "lost events are reported" \
	row "| lost events reported, 1 ms period | 3 | met |"
check "the analyser's speed-up is the pipeline's time over its own" \
	row "| analyser ≥ 20× faster than trace-cmd report + awk + sort | 30.0x | met |"
check "flat memory: full/half peak RSS" \
	row "| analyser memory flat: full/half peak RSS ≤ 1.10 | 1.00 | met |"
check "the back-to-back table has the medians and ranges" \
	row "| same (waiter and waker on CPU 0) | 1.0 [1.0–1.0] | 1.1 [1.0–1.1] | 1.05x |"
check "pipe: µs per op and ops/s, against the floor's rate" \
	row "| perf bench sched pipe (processes) | same (taskset -c 0) | n/a | n/a | 5.0 | 200000 | 20.00x |"
check "cyclictest p50 and p99 from its histogram" \
	row "| CPU 1 | 5 | 6 | 7 | 100 |"
check "the CPU scaling table has one row per boot, with the wake cost" \
	row "| 1 | 0.5 | 20000 | 0.5 | 4.0 | 19000 | 0.95x |"
check "the wake cost is the median over the rounds" \
	row "| 2 | 0.7 | 12500 | 0.7 | 8.0 | 12000 | 0.96x |"
check "a sentence on how wake cost and latency grow with the CPUs" \
	row "From 1 to 2 guest CPUs the harness's wake cost grows 2.0x (4.0 to 8.0 µs), about linearly (log-log slope 1.00: ×2.00 per doubling); its latency grows 1.4x (0.5 to 0.7 µs), less than linearly (log-log slope 0.47"
check "and one on how the rate changes" \
	row "The floor's back-to-back rate falls to 0.62x"
check "the CPU scaling has its figure" row "![Harness wake cost, harness and floor latency p50 against the guest's CPUs](performance-cpus.svg)"
check "a linear wake-all cost is said to grow linearly" \
	row "- \`swait\`: from 1 to 64 waiters the waker's cost of a wake-all grows 64x (10.0 to 640.0 µs), about linearly (log-log slope 1.00: ×2.00 per doubling); of a wake-one it stays flat within 1.3x (10.0 to 13.0 µs;"
check "a square-root latency grows less than linearly, a constant one is flat" \
	row "The waiters' latency p50 grows 8.0x (20.0 to 160.0 µs), less than linearly (log-log slope 0.50: ×1.41 per doubling) with wake-all, and stays flat within 1.0x (20.0 to 20.0 µs; log-log slope 0.00) with wake-one."
check "a wake one that wakes every waiter says so" \
	row "Its wake-one call woke 64.00 waiters per wake at 64 waiters."
check "a failed variant of the waiters phase is named with its reason" \
	row "- \`completion\` failed: waiters=64 wake_all=1: insmod: ERROR"
check "the waiters' parameters come from the run" row "waiting kthreads (no affinity), \`iterations=50\` wakes \`period_us=1000\` apart"
check "the waiters have their figure" row "![Wake cost, latency p50 and waiters run per wake against the number of waiters, wake one (dashed, open circles) and wake all (solid, dots), per variant](performance-waiters.svg)"
check "... with a panel of the waiters each wake ran" grep -q 'waiters each wake ran' "$run/performance-waiters.svg"
r=0
for f in performance-waiters performance-cpus; do
	for e in png svg; do
		if ! { [ -s "$run/$f.$e" ] && cmp -s "$run/$f.$e" "$base/$f.$e"; }; then
			echo "# $f.$e missing or not beside the doc"
			r=1
		fi
	done
	grep -q '</svg>' "$run/$f.svg" || r=1
	file "$run/$f.png" | grep -q 'PNG image' || r=1
done
ok "$r" "both figures, PNG and SVG, in the run folder and beside --doc"
check "published figures cite their sources" row "https://lore.kernel.org/all/aDqs0_c_vq96EWW6@gmail.com/"
r=0; bench/bin/report perf "$base/nothing" >/dev/null 2>"$base/nothing.err" || r=$?
check "a missing folder is refused: exit 2, nothing written" sh -c "[ $r = 2 ] && grep -q '^report perf: .*no such folder' '$base/nothing.err' && [ ! -e '$base/nothing' ]"
r=0; bench/bin/report perf "$run" --bad >/dev/null 2>"$base/usage.err" || r=$?
check "bad usage: exit 2 and the usage line" sh -c "[ $r = 2 ] && grep -q 'usage: report perf DIR \[--doc FILE\]' '$base/usage.err'"
mkdir "$base/empty"
r=0
bench/bin/report perf "$base/empty" --doc "$base/doc.md" >/dev/null 2>&1 || r=1
grep -q "Not measured (no b2b.csv)" "$base/empty/perf.md" || r=1
ok "$r" "an empty run folder says what was not measured"
r=0
grep -A 2 "^## Scaling with the number of waiters" "$base/empty/perf.md" | grep -q "^Not measured (no waiters/scaling.csv" || r=1
grep -A 2 "^## Scaling with the guest's CPUs" "$base/empty/perf.md" | grep -q "^Not measured: needs boots with other CPU counts" || r=1
grep -q "performance-.*\.svg" "$base/empty/perf.md" && r=1
ok "$r" "missing scaling parts are not measured, without a figure"
r=0
ls "$base"/performance-* "$base"/empty/performance-* >/dev/null 2>&1 && r=1
ok "$r" "no figure from an older run is left beside the doc"

# measured FILE: the page up to the published figures, which are quoted
# from their sources in their own units.
measured() {
	sed '/^## What to expect on real hardware/,$d' "$1"
}
check "a wall-clock run says µs, with the wall clock's notes" \
	grep -q "^\*\*Clock: wall\*\* (chosen by: --clock). Latencies and costs are in µs of wall-clock time" "$md"
r=0
grep -q "p50 and p99 in µs" "$md" && grep -q "| floor wakes/s | harness wakes/s |" "$md" &&
	grep -q "^## What emulation distorts (wall clock)" "$md" &&
	! grep -q "^## What icount measures" "$md" || r=1
ok "$r" "its tables are in µs and per second, its notes the wall clock's"
r=0
grep -q "p50 (µs, wall-clock)" "$run/performance-waiters.svg" &&
	grep -q "clock wall" "$run/performance-waiters.svg" &&
	grep -q "µs of wall-clock time" "$run/performance-cpus.svg" &&
	grep -q "kernel 6.1.0-test, tcg, clock wall" "$run/performance-cpus.svg" || r=1
ok "$r" "its figures name the unit, the clock and the kernel"
# More vCPUs than host cores on the wall clock: the figure marks them.
cp -r "$run" "$base/over"
sed -i 's/^host_cpus: .*/host_cpus: 1/' "$base/over/env"
bench/bin/report perf "$base/over" >/dev/null 2>&1
check "the CPU figure marks the boots with more vCPUs than host cores" \
	sh -c "grep -q 'more vCPUs than' '$base/over/performance-cpus.svg' && ! grep -q 'more vCPUs than' '$run/performance-cpus.svg'"
# A run from before the clock was recorded ran on the wall clock.
cp -r "$run" "$base/old"
sed -i '/^clock/d' "$base/old/env"
bench/bin/report perf "$base/old" >/dev/null 2>&1
check "a run without a recorded clock is a wall-clock run" grep -q "^\*\*Clock: wall\*\*\. Latencies" "$base/old/perf.md"

# The same figures under icount: whole instructions, rates per 10^9 of
# them, and a difference on one CPU is real, not noise.
ic=$base/icount
cp -r "$run" "$ic"
rm -f "$ic"/perf.md "$ic"/performance-*
sed -i 's/^clock: wall$/clock: icount/; s/^clock_chosen_by: .*/clock_chosen_by: default (TCG: no hardware virtualization)/' "$ic/env"
echo "wakeup_preemption: off" >>"$ic/env.perf"
r=0
bench/bin/report perf "$ic" >/dev/null 2>&1 || r=1
ok "$r" "report perf writes an icount run's report"
im=$ic/perf.md
irow() {
	grep -F -- "$1" "$im" >/dev/null || { echo "# no line with: $1"; return 1; }
}
check "it says its clock and unit once, at the top" \
	irow "**Clock: icount** (\`vm/run --clock icount\`, QEMU's \`-icount shift=0,sleep=off\`; chosen by: default (TCG: no hardware virtualization); CFS wakeup preemption off). A guest nanosecond is one emulated instruction: every latency and cost on this page is a whole number of instructions"
check "rates are per second of guest time, per 10^9 instructions" \
	irow "every rate is per second of guest time, that is per 10⁹ instructions"
r=0
measured "$im" | grep -n "µs" && r=1
ok "$r" "an icount run's page never says µs (but in the published figures)"
r=0
measured "$im" | grep -n -E "shared host|host preempts|host cores competing|within the noise|emulated instruction by instruction|all of it emulated|host's scheduler" && r=1
grep -q "^## What emulation distorts" "$im" && r=1
ok "$r" "and none of the wall clock's explanations"
check "the icount notes are in it" grep -q "^## What icount measures, and what it cannot" "$im"
check "latencies in whole instructions, with the rounds' range" \
	irow "| same (waiter and waker on CPU 0) | 1000 [1000–1000] | 1050 [1040–1150] | 1.05x | 5000 | 5200 | 10000 [10000–10000] | 9500 [9500–9600] | 0.95x |"
check "rate columns per 10^9 instructions" irow "| floor wakes per 10⁹ instr. | harness wakes per 10⁹ instr. |"
check "one CPU: rounds on both sides of a bound are not called noise" \
	irow "| harness p50 ≤ 1.10× the floor's, same | 1.050x | met on the median, but the rounds' ratios span 1.040x–1.150x in this boot, on both sides of the bound |"
check "a miss says the difference in instructions" \
	irow "| harness p50 ≤ 1.10× the floor's, cross | 1.300x | missed in every round (1.300x–1.300x): the harness's p50 is 450 instructions above the floor's"
check "the rate miss in instructions per wake" \
	irow "| harness wake rate ≥ 0.90× the floor's, cross | 0.800x | missed in every round (0.800x–0.800x): the harness's run takes 50000 more guest ns (instructions) per wake than the floor's"
check "the cost of recording in instructions per wake" \
	irow "Per wake, recording the waitcmp events adds 11111 guest ns, that is instructions (1e9 / traced rate − 1e9 / untraced rate, medians): the events' writes (2.00 events a recorded wake in the first traced round's analysis: 5556 instructions an event, if the readers cost nothing)"
check "the fidelity gap in instructions" irow "the two differ by 200 instructions at p50 here, the instructions of those paths"
check "pipe and cyclictest in instructions (their µs are thousands of instructions)" \
	irow "| perf bench sched pipe (processes) | same (taskset -c 0) | n/a | n/a | 5000 | 200000 | 20.00x |"
check "cyclictest's histogram in instructions" irow "| CPU 1 | 5000 | 6000 | 7000 | 100000 |"
check "growth sentences in instructions" \
	irow "- \`swait\`: from 1 to 64 waiters the waker's cost of a wake-all grows 64x (10000 to 640000 instructions), about linearly"
check "the CPU scaling in instructions, without the host's cores" \
	irow "| 2 | 700 | 12500 | 720 | 8000 | 12000 | 0.96x |"
check "and its rate sentence under icount" \
	irow "under icount the vCPUs run in turn in one host thread, not side by side"
check "several vCPUs: cross and unbound are reported, not exact" \
	irow "The figures of runs not pinned to one CPU (cross, unbound, the fidelity traces, the waiters) are reported, not exact"
r=0
grep -q "p50 (instructions, icount)" "$ic/performance-waiters.svg" &&
	grep -q "kernel 6.1.0-test, tcg, clock icount" "$ic/performance-waiters.svg" &&
	grep -q "instructions, icount (p50, median over rounds)" "$ic/performance-cpus.svg" &&
	grep -q "clock icount" "$ic/performance-cpus.svg" &&
	! grep -q "µs" "$ic/performance-waiters.svg" "$ic/performance-cpus.svg" || r=1
ok "$r" "its figures say instructions, icount and the kernel, never µs"

# Traced rounds as fast as untraced ones (several vCPUs run in turn): no
# per-wake cost of recording is stated, never a negative one.
ie=$base/icount-even
cp -r "$ic" "$ie"
rm -f "$ie"/perf.md "$ie"/performance-*
{
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s"
	for i in 1 2 3; do echo "untraced,unbound,$i,1000,700,5000,100000000,10000"; done
	echo "traced,unbound,1,1000,700,5000,90000000,11000"
	echo "traced,unbound,2,1000,700,5000,110000000,9500"
	echo "traced,unbound,3,1000,700,5000,95000000,10500"
} >"$ie/overhead.csv"
bench/bin/report perf "$ie" >/dev/null 2>&1 || true
check "icount, traced rounds on both sides of the untraced rate: no per-wake cost stated" \
	sh -c "grep -qF 'Per wake, the cost of recording the waitcmp events is not stated for this boot: traced rounds ran at 0.95x to 1.10x the untraced rate' '$ie/perf.md' && ! grep -q 'recording the waitcmp events adds' '$ie/perf.md'"

# perf.json: every figure by name, with its units.
js=$run/perf.json
check "perf.json is valid JSON" sh -c "jq -e . '$js' >/dev/null"
jqis() {
	local got
	got=$(jq -c "$1" "$2")
	[ "$got" = "$3" ] || { echo "# $1: $got, not $3"; return 1; }
}
check "perf.json: its schema, clock, unit and kernel" sh -c "
	$(declare -f jqis)
	jqis .schema '$js' '\"waitcmp-perf/1\"' && jqis .clock '$js' '\"wall\"' &&
	jqis .latency_unit '$js' '\"ns of wall-clock time\"' && jqis .kernel '$js' '\"6.1.0-test\"'"
check "perf.json: the same placement's p50 ratio over the rounds (1.05, 1.04 to 1.15)" \
	jqis '.b2b[] | select(.placement == "same") | .p50_ratio' "$js" '{"median":1.05,"min":1.04,"max":1.15,"rounds":3}'
check "perf.json: the floor's p50 in ns, median over the rounds" \
	jqis '.b2b[] | select(.placement == "cross") | .floor_p50_ns.median' "$js" 1500
check "perf.json: the recording's cost per wake and the lost events" \
	jqis '[.overhead.lost_events, (.overhead.recording_ns_per_wake | floor)]' "$js" '[[0],11111]'
check "perf.json: swait's wake-all cost grows linearly (log-log slope 1)" \
	jqis '.waiters.variants[] | select(.variant == "swait") | .wake_all.wake_cost | [.trend, .loglog_slope]' "$js" '["grows",1]'
check "perf.json: the failed variant with its reason" \
	jqis '.waiters.failed[0] | [.variant, .status]' "$js" '["completion","failed"]'
check "perf.json: one row per boot of the CPU scaling, the wake cost in ns" \
	jqis '[.cpu_scaling.boots[] | [.cpus, .harness_wake_cost_p50_ns]]' "$js" '[[1,4000],[2,8000]]'
check "perf.json: the targets as in the page, met or not" \
	jqis '[(.targets | length), ([.targets[] | select(.met == false)] | length)]' "$js" \
	"[$(grep -c '^| .* | \(met\|missed\|not measured\)' <(sed -n '/^## Targets/,/^## Back/p' "$md")),$(sed -n '/^## Targets/,/^## Back/p' "$md" | grep -c '| missed')]"
check "perf.json of an icount run: its clock and unit" \
	jqis '[.clock, .latency_unit]' "$ic/perf.json" '["icount","instructions (icount)"]'
check "perf.json of an empty folder is valid, without the parts it lacks" \
	jqis '[.schema, .b2b, .cpus]' "$base/empty/perf.json" '["waitcmp-perf/1",null,null]'
check "the lost events of each traced round, one cell" row "| 10000 [10000–10000] | 9000 | 0.90x [0.90x–0.90x] | 0 |"
r=0
[ -s "$run/plot/performance-waiters.dat" ] && [ -s "$run/plot/performance-cpus.dat" ] &&
	! ls "$run"/*.err "$run"/*.tmp "$run"/plot/*.tmp >/dev/null 2>&1 || r=1
ok "$r" "the figures' data are in plot/, no .err or temporary file left"
# A figure gnuplot cannot draw: the page says so, and where its messages are.
mkdir -p "$base/nognuplot"
printf '#!/bin/sh\necho "gnuplot: broken" >&2\nexit 1\n' >"$base/nognuplot/gnuplot"
chmod +x "$base/nognuplot/gnuplot"
cp -r "$run" "$base/broken"
PATH=$base/nognuplot:$PATH bench/bin/report perf "$base/broken" >/dev/null 2>&1
check "a figure gnuplot failed on: said, its messages in NAME.err" sh -c "
	grep -qF '(No figure: gnuplot failed, see performance-waiters.err in the run folder.)' '$base/broken/perf.md' &&
	grep -q 'gnuplot: broken' '$base/broken/performance-waiters.err' && [ ! -e '$base/broken/performance-waiters.png' ]"

done_testing
