#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/kernels without a VM: the kernel option refuses what it does not
# know before anything runs, and bench/bin/report kernels joins per-kernel
# runs (made up here) into one table, with ratios, differences, the check
# that each kernel ran the model asked for and kernels.json; report
# kernels-doc makes the page of one. tests/vm/kernels-e2e.t (make
# test-kernels) runs two real kernels end to end.
# shellcheck disable=SC2016 # $N in single quotes is awk's
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

base=build/test-host-kernels
rm -rf "$base"
mkdir -p "$base"
check "bench/bin/report builds" make -s -C bench bin/report

# refused OPTIONS... MESSAGE: exit 2 with MESSAGE, and no results folder.
refused() {
	local msg=${*: -1} rc=0
	WAITCMP_RESULTS=$base/results bench/kernels "${@:1:$#-1}" >"$base/out" 2>&1 || rc=$?
	[ "$rc" = 2 ] && grep -qF -- "$msg" "$base/out" && [ ! -e "$base/results" ]
}
check "an unknown kernel is refused by name" \
	refused --kernels "generic foo" "unknown kernel 'foo'"
check "an unknown preemption model is refused by name" \
	refused --kernels "generic:lazy" "unknown preemption model 'lazy' in 'generic:lazy': none, voluntary or full"
check "a model for the RT kernel is refused" \
	refused --kernels "rt:none" "the rt kernel is PREEMPT_RT"
check "a model for the PREEMPT_RT debug kernel is refused" \
	refused --kernels "debug-rt:full" "the debug-rt kernel is PREEMPT_RT"
check "a kernel given twice is refused" \
	refused --kernels "generic:full generic:full" "'generic:full' is given twice"
check "an empty kernel list is refused" refused --kernels "" "--kernels is empty"
check "an unknown mode is refused" refused --modes "sweep fast" "--modes takes sweep and matrix, not 'fast'"
check "bench/run options are checked before anything runs" \
	refused -- --iterations 0 "bench/run: --iterations takes a whole number from 1 "
check "an unknown variant is refused" refused -- --variants nope "unknown variant 'nope'"

# A made-up run: kernel DIR MODEL-ASKED PREEMPT-LINE KERNEL-VERSION P50S STATES
fake_kernel() {
	local d=$run/$1 i=0 v p50 st
	mkdir -p "$d/sweep" "$d/matrix"
	printf 'spec: %s\nmodel_requested: %s\nrelease: 6.1.0-test\n' "$1" "$2" >"$d/kernel"
	printf 'preempt: %s\nkernel_version: %s\nclock: %s\n' "$3" "$4" "${CLOCK:-wall}" >"$d/sweep/env"
	echo "variant,status,samples,p50_ns,p90_ns,p99_ns,max_ns" >"$d/sweep/summary.csv"
	# WOKEN="ONE|ALL": the woken_from and woken_all_from columns, the same for every variant.
	# LATER="FIRES,USR1,KILL,ORDER,FREEZER,LETTER": the later columns, the same for every variant.
	echo "variant,status,state,iowait,load,hung_task,stop_ns${WOKEN:+,woken_from,woken_all_from}${LATER:+,timeout_fires,signal_usr1,signal_kill,wake_order,freezer,freezer_state}" >"$d/matrix/matrix.csv"
	read -ra p50 <<<"$5"
	read -ra st <<<"$6"
	for v in wait_event swait io_wait_event completion; do
		echo "$v,ok,1000,${p50[$i]},$((p50[i] * 2)),$((p50[i] * 4)),$((p50[i] * 8))" >>"$d/sweep/summary.csv"
		echo "$v,ok,${st[$i]},no,yes,yes,50${WOKEN:+,${WOKEN%|*},${WOKEN#*|}}${LATER:+,$LATER}" >>"$d/matrix/matrix.csv"
		mkdir -p "$d/sweep/$v"
		printf '%s 0.5\n%s 1\n' "${p50[$i]}" "$((p50[i] * 4))" >"$d/sweep/$v/cdf.dat"
		printf 'wake_cost_p50_ns: %s\n' "$((p50[i] / 10))" >"$d/sweep/$v/stats"
		i=$((i + 1))
	done
	echo ok >"$d/status"
	echo "$1" >>"$run/kernels.list"
}

run=$base/agree
mkdir -p "$run"
printf 'kernels: generic:voluntary rt\ndate_utc: 2026-01-01T00:00:00Z\nhost: test\nrun_args: \n' >"$run/env"
CLOCK=icount fake_kernel generic-voluntary voluntary "none (voluntary) full" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D D D D"
CLOCK=icount fake_kernel rt default "" "#1 SMP PREEMPT_RT" "20000 40000 60000 200000" "D D D D"
check "the report joins two kernels" bench/bin/report kernels "$run"
rows=$(tail -n +2 "$run/kernels.csv" | wc -l)
ok "$([ "$rows" = 8 ] && echo 0 || echo 1)" "a row per (kernel, variant): $rows of 8"
check "ratios to the first kernel" \
	grep -q '^rt,6.1.0-test,rt,swait,ok,1000,40000,80000,160000,320000,2.00,2.00,D,no,yes,yes,50$' "$run/kernels.csv"
check "the model in force is read from the guest: voluntary" \
	grep -q '^generic-voluntary,6.1.0-test,voluntary,' "$run/kernels.csv"
check "equal behaviour is reported as no difference" \
	grep -q '^\*\*No difference\*\*' "$run/kernels.md"
check "the primitive that stands out from the kernel-wide shift loses" \
	grep -q 'rt.* against generic-voluntary: kernel-wide p50 shift 2.000×; gain: none; lose: completion (2.500× the shift)' "$run/kernels.md"
check "a CDF per variant across kernels" test -s "$run/cdf/completion.svg"
check "the panel figure" test -s "$run/latency-cdf-kernels.svg"
check "... the survival (1 - F) on a log y, one x range, the sample count" \
	sh -c "grep -q 'the share of wakes slower than x' '$run/latency-cdf-kernels.svg' && grep -q 'one range for every panel; y: log; [0-9]* wakes a curve' '$run/latency-cdf-kernels.svg'"
check "... one legend: each kernel named once" \
	test "$(grep -c '>generic-voluntary<' "$run/latency-cdf-kernels.svg")" = 1
check "... and under icount a linear x axis in thousands of instructions" \
	grep -q 'x: latency in thousands of instructions, icount, linear' "$run/latency-cdf-kernels.svg"
check "no temporary file left" sh -c "! find '$run' -name '*.tmp' | grep -q ."
j=$run/kernels.json
# jqe FILTER FILE: FILTER is true of FILE.
jqe() { jq -e "$1" "$2" >/dev/null; }
check "kernels.json is valid JSON, schema waitcmp-kernels/1, clock icount, its unit" \
	jqe '.schema == "waitcmp-kernels/1" and .clock == "icount" and .latency_unit == "instructions (icount)"' "$j"
check "kernels.json: the kernels in order, the first the base, each with its model" \
	jqe '[.kernels[].name] == ["generic-voluntary", "rt"] and .base_kernel == "generic-voluntary" and [.kernels[].model_in_force] == ["voluntary", "rt"]' "$j"
check "kernels.json: rt's kernel-wide shift 2, completion loses, none gains; the base has no shift" \
	jqe '.kernels[1].p50_shift == 2 and .kernels[1].lose == ["completion"] and .kernels[1].gain == [] and .kernels[0].p50_shift == null' "$j"
check "kernels.json: a variant's figures per kernel, in ns, with their ratios and the behaviour" \
	jqe '.variants[3].name == "completion" and .variants[3].kernels[1].p50_ns == 200000 and .variants[3].kernels[1].p50_ratio == 5 and .variants[3].kernels[1].p50_ratio_to_shift == 2.5 and .variants[3].kernels[1].wake_cost_p50_ns == 20000 and .variants[3].kernels[1].wake_cost_ratio == 5 and .variants[3].kernels[1].state == "D" and .variants[3].kernels[1].stop_ns == 50' "$j"

# 6.1 and 6.12 side by side, with where each wake ran from.
run=$base/lts
mkdir -p "$run"
printf 'kernels: generic:voluntary rt generic-6.12:voluntary rt-6.12\ndate_utc: 2026-01-01T00:00:00Z\nhost: test\nrun_args: \n' >"$run/env"
any="kthread hardirq irq_work workqueue" rt_ctx="kthread irq_work workqueue"
CLOCK=icount WOKEN="$any|kthread workqueue" fake_kernel generic-voluntary voluntary "none (voluntary) full" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D D D D"
CLOCK=icount WOKEN="$rt_ctx|$rt_ctx" fake_kernel rt default "" "#1 SMP PREEMPT_RT" "20000 40000 60000 200000" "D D D D"
CLOCK=icount WOKEN="$any|kthread workqueue" fake_kernel generic-6.12-voluntary voluntary "none (voluntary) full" "#1 SMP PREEMPT_DYNAMIC" "11000 22000 33000 88000" "D D D D"
CLOCK=icount WOKEN="$rt_ctx|$rt_ctx" fake_kernel rt-6.12 default "" "#1 SMP PREEMPT_RT" "20000 40000 60000 200000" "D D D D"
echo "wake_cost_p99_ns: 31487" >>"$run/rt-6.12/sweep/wait_event/stats"
# cyclictest in rt-6.12's sweep only (bench/run --cyclictest): p50 bucket 3, p99 beyond the histogram.
printf '%s\n' "000003 000060" "000004 000038" "# Min Latencies: 00003" "# Avg Latencies: 00004" \
	"# Max Latencies: 00250" "# Histogram Overflows: 00002" >"$run/rt-6.12/sweep/cyclictest.txt"
echo "cyclictest -t1 -m -q -i 1000 -l 100 -h 20000 -p 50 -a 1" >"$run/rt-6.12/sweep/cyclictest.cmd"
check "four kernels, 6.1 and 6.12" bench/bin/report kernels "$run"
check "the wake cost's p99 beside its p50 where the stats have it (a waker held up)" \
	grep -qF '| wait_event | 1000 (1.00×) | 2000 (2.00×) | 1100 (1.10×) | 2000 / 31487 (2.00×) |' "$run/kernels.md"
check "... and in the JSON" \
	jqe '.variants[0].kernels[3].wake_cost_p99_ns == 31487 and .variants[0].kernels[0].wake_cost_p99_ns == null' "$run/kernels.json"
check "where each wake ran from, per kernel: K H I W, wake one / wake all" \
	grep -qxF '| wait_event | KHIW / KW | **KIW / KIW** | KHIW / KW | **KIW / KIW** |' "$run/kernels.md"
check "... the differences counted" grep -q '^\*\*8 differences\*\* from the first kernel' "$run/kernels.md"
check "cyclictest beside the variants, under icount in instructions (>: beyond its histogram)" \
	grep -qxF '| cyclictest | - | - | - | 3000 / >5000 / 250000 |' "$run/kernels.md"
check "... each variant's p50 / p99 / max in the same boots" \
	grep -qxF '| wait_event | 10000 / 40000 / 80000 | 20000 / 80000 / 160000 | 11000 / 44000 / 88000 | 20000 / 80000 / 160000 |' "$run/kernels.md"
check "... and its command, once when every kernel that ran it ran the same" grep -qxF "cyclictest's command, on every kernel: \`cyclictest -t1 -m -q -i 1000 -l 100 -h 20000 -p 50 -a 1\`." "$run/kernels.md"
cp -r "$run" "$base/lts-cmds"
cp "$run/rt-6.12/sweep/cyclictest.txt" "$base/lts-cmds/rt/sweep/"
echo "cyclictest -t1 -m -q -i 1000 -l 100 -h 20000" >"$base/lts-cmds/rt/sweep/cyclictest.cmd"
bench/bin/report kernels "$base/lts-cmds" >/dev/null 2>&1 || true
check "... each kernel's command when they differ" grep -qxF "cyclictest's command: \`cyclictest -t1 -m -q -i 1000 -l 100 -h 20000\` (rt); \`cyclictest -t1 -m -q -i 1000 -l 100 -h 20000 -p 50 -a 1\` (rt-6.12)." "$base/lts-cmds/kernels.md"
check "... and in the JSON, in µs, only where it ran" \
	jqe '.kernels[3].cyclictest.p50_us == 3 and .kernels[3].cyclictest.p99_us == null and .kernels[3].cyclictest.max_us == 250 and .kernels[3].cyclictest.samples == 100 and (.kernels[0] | has("cyclictest") | not)' "$run/kernels.json"
check "6.12 against the 6.1 kernel of its configuration: the shift and who stands out" \
	grep -qxF -- '- **generic-6.12-voluntary** against **generic-voluntary**: p50 shift 1.100×; standing out: completion 40000 → 88000 (2.000× the shift); behaviour and woken from: the same for every variant.' "$run/kernels.md"
check "... rt-6.12 against rt" \
	grep -qxF -- '- **rt-6.12** against **rt**: p50 shift 1.000×; standing out: none; behaviour and woken from: the same for every variant.' "$run/kernels.md"
sed -i 's/^swait,ok,D,no,yes,yes,50,.*/swait,ok,S,no,yes,yes,50,kthread workqueue,kthread workqueue/' "$run/rt-6.12/matrix/matrix.csv"
bench/bin/report kernels "$run" >/dev/null 2>&1 || true
check "... a behaviour and a woken-from cell that changed are named" \
	grep -qF -- '- **rt-6.12** against **rt**: p50 shift 1.000×; standing out: none; behaviour and woken from: swait D · iowait no · load yes · hung yes → S · iowait no · load yes · hung yes, swait woken from KIW / KIW → KW / KW.' "$run/kernels.md"
check "a run without 6.12 kernels has no such section" sh -c "! grep -q 'From 6.1 to 6.12' '$base/agree/kernels.md'"

# The later columns (timeouts, signals, wake order, the freezer): a table
# of their own, a change in bold, and named from 6.1 to 6.12.
run=$base/later
mkdir -p "$run"
printf 'kernels: generic:full generic-6.12:full\ndate_utc: 2026-01-01T00:00:00Z\nhost: test\nrun_args: \n' >"$run/env"
LATER="refused,ignored,ignored,all,refuses,D" fake_kernel generic-full full "none voluntary (full)" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D D D D"
LATER="refused,ignored,ignored,all,refuses,D" fake_kernel generic-6.12-full full "none voluntary (full)" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D D D D"
sed -i 's/^swait,\(.*\),refuses,D$/swait,\1,freezes,D/' "$run/generic-6.12-full/matrix/matrix.csv"
bench/bin/report kernels "$run" >/dev/null 2>&1 || true
check "timeouts, signals, wake order and the freezer per kernel, a change in bold" \
	grep -qxF '| swait | refused · ignored/ignored · all · refuses D | **refused · ignored/ignored · all · freezes D** |' "$run/kernels.md"
check "... counted" grep -q '^\*\*1 differences\*\* from the first kernel (in bold)' "$run/kernels.md"
check "... and named from 6.1 to 6.12" \
	grep -qF 'swait refused · ignored/ignored · all · refuses D → refused · ignored/ignored · all · freezes D.' "$run/kernels.md"
check "a run whose matrix lacks them has no such table" sh -c "! grep -q 'Timeouts, signals, wake order and the freezer' '$base/agree/kernels.md'"

run=$base/differ
mkdir -p "$run"
fake_kernel generic-none none "(none) voluntary full" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D D D D"
fake_kernel generic-full full "none (voluntary) full" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D S D D"
# A variant that ran without a sample (its summary says n/a).
sed -i 's|^swait,ok,1000,.*|swait,ok,0,n/a,n/a,n/a,n/a|' "$run/generic-full/sweep/summary.csv"
rc=0
bench/bin/report kernels "$run" || rc=$?
ok "$([ "$rc" = 1 ] && echo 0 || echo 1)" "a kernel that ran another model than asked fails the report"
check "and says which" grep -qx 'failed: preempt=full asked, voluntary in force' "$run/generic-full/status"
check "a behaviour that differs is in bold" grep -q '| \*\*S · iowait no · load yes · hung yes\*\* |' "$run/kernels.md"
check "and counted" grep -q '^\*\*1 differences\*\*' "$run/kernels.md"
check "a variant without samples has no ratio" \
	grep -q '^generic-full,6.1.0-test,[a-z]*,swait,ok,0,n/a,n/a,n/a,n/a,,,' "$run/kernels.csv"
check "... shows - in the latency table" grep -q '^| swait | 20.0 / 80.0 (1.00×) | - |$' "$run/kernels.md"
check "... and is not said to gain" sh -c "! grep -q 'gain: swait' '$run/kernels.md'"
check "one wall-clock run calls no gain or loss" \
	sh -c "grep -q '^Not called on this run: on the wall clock' '$run/kernels.md' && ! grep -q 'kernel-wide p50 shift [0-9]' '$run/kernels.md'"
check "... nor does its kernels.json (no shift), which says the clock" \
	jqe '.clock == "wall" and .latency_unit == "ns of wall-clock time" and .kernels[1].p50_shift == null' "$run/kernels.json"
check "kernels.json: the failed kernel, the behaviour that differs, the sample-less variant" \
	jqe '.kernels[1].ok == false and .kernels[1].status == "failed: preempt=full asked, voluntary in force" and .behaviour_differences == 1 and .variants[1].kernels[1].behaviour_differs == true and .variants[1].kernels[1].p50_ns == null and .variants[1].kernels[1].samples == 0' "$run/kernels.json"
check "the wall-clock figures are on a log x axis, in µs" \
	sh -c "grep -q 'latency (µs, wall-clock, log)' '$run/cdf/swait.svg' && grep -q 'x: latency in µs, wall-clock, log' '$run/latency-cdf-kernels.svg'"

# Wall clock with rounds in each kernel's sweep: a difference is called
# only where the two kernels' intervals of the p50 median are apart.
run=$base/rounds
mkdir -p "$run"
printf 'kernels: generic:voluntary rt\ndate_utc: 2026-01-01T00:00:00Z\nhost: test\nrun_args: \n' >"$run/env"
fake_kernel generic-voluntary voluntary "none (voluntary) full" "#1 SMP PREEMPT_DYNAMIC" "10000 20000 30000 40000" "D D D D"
fake_kernel rt default "" "#1 SMP PREEMPT_RT" "20000 21000 31000 30000" "D D D D"
# rounds KERNEL VARIANT P50...: six rounds of the variant's p50 in the kernel's sweep.
rounds() {
	local d=$run/$1/sweep/$2 r=1 p
	shift 2
	for p in "$@"; do
		local rd=$d/round-$r
		[ "$r" = 1 ] && rd=$d
		mkdir -p "$rd"
		echo ok >"$rd/status"
		printf 'p50_ns: %s\np99_ns: %s\n' "$p" "$((p * 4))" >"$rd/analysis"
		[ -f "$rd/stats" ] || printf 'wake_cost_p50_ns: 100\n' >"$rd/stats"
		r=$((r + 1))
	done
}
for k in generic-voluntary rt; do
	printf 'rounds: 6\nseed: 7\n' >>"$run/$k/sweep/env"
done
# wait_event: apart (higher on rt); swait, io_wait_event: overlapping;
# completion: apart (lower on rt).
rounds generic-voluntary wait_event 10000 10100 10200 10300 10400 10500
rounds rt wait_event 20000 20100 20200 20300 20400 20500
rounds generic-voluntary swait 20000 21000 22000 23000 24000 25000
rounds rt swait 21000 22000 23000 24000 25000 26000
rounds generic-voluntary io_wait_event 30000 30100 30200 30300 30400 30500
rounds rt io_wait_event 30500 30600 30700 30800 30900 31000
rounds generic-voluntary completion 40000 40100 40200 40300 40400 40500
rounds rt completion 30000 30100 30200 30300 30400 30500
bench/bin/report kernels "$run" >/dev/null 2>&1 || true
check "wall clock with rounds: a difference only where the intervals are apart" \
	grep -qF -- '- **rt** against generic-voluntary: higher: `wait_event`; lower: `completion`; no difference measurable here for the other 2.' "$run/kernels.md"
refute "... not the one-run note" grep -q '^Not called on this run' "$run/kernels.md"
rm "$run/rt/sweep/completion/round-6/status"
bench/bin/report kernels "$run" >/dev/null 2>&1 || true
check "five rounds of one variant: no interval, no difference called for it" \
	grep -qF -- '- **rt** against generic-voluntary: higher: `wait_event`; lower: none; no difference measurable here for the other 3.' "$run/kernels.md"

rc=0
bench/bin/report kernels "$base" 2>"$base/nolist.err" || rc=$?
check "a folder without kernels.list: exit 2, says so, writes nothing" \
	sh -c "[ $rc = 2 ] && grep -q 'report kernels: no .*kernels.list' '$base/nolist.err' && [ ! -e '$base/kernels.csv' ]"
rc=0
bench/bin/report kernels >/dev/null 2>&1 || rc=$?
check "report kernels without a folder: exit 2" test "$rc" = 2

check "the waker's wake cost per kernel, with its ratio to the first" \
	grep -q '^| completion | 4000 (1.00×) | 20000 (5.00×) |' "$base/agree/kernels.md"
rc=0
bench/bin/report kernels-doc "$base" "$base/x.md" 2>/dev/null || rc=$?
check "kernels-doc refuses a folder without a report: exit 2, nothing written" \
	sh -c "[ $rc = 2 ] && [ ! -e '$base/x.md' ]"
printf 'no markers\n' >"$base/bad.md.in"
rc=0
WAITCMP_KERNELS_TEMPLATE=$base/bad.md.in bench/bin/report kernels-doc "$base/agree" "$base/x.md" 2>/dev/null || rc=$?
check "kernels-doc refuses a template without its markers: exit 2, nothing written" \
	sh -c "[ $rc = 2 ] && [ ! -e '$base/x.md' ]"
rc=0
bench/bin/report kernels-doc "$base/agree" 2>/dev/null || rc=$?
check "kernels-doc without OUT: usage, exit 2" test "$rc" = 2
check "kernels-doc writes a page from the report" bench/bin/report kernels-doc "$base/agree" "$base/kernels.md"
check "no marker left" sh -c "! grep -q '@[A-Z]*@' '$base/kernels.md'"
check "the page says what generated it, from which run" \
	grep -qxF '<!-- Generated by bench/bin/report kernels-doc from docs/kernels.md.in and agree: edit the template, not this file. -->' "$base/kernels.md"
check "another template (docs/contention.md.in) makes another page, which names it, its figure beside it under its own name" \
	sh -c "WAITCMP_KERNELS_TEMPLATE=docs/contention.md.in bench/bin/report kernels-doc '$base/agree' '$base/contention.md' && grep -qxF '<!-- Generated by bench/bin/report kernels-doc from docs/contention.md.in and agree: edit the template, not this file. -->' '$base/contention.md' && grep -q '^# Waking behind a busy lock' '$base/contention.md' && grep -qF '](contention-cdf.png)' '$base/contention.md' && [ -s '$base/contention-cdf.png' ]"
check "the report's headings one level down, its figure under the docs name" \
	sh -c "grep -q '^### Latency\$' '$base/kernels.md' && grep -qF '](kernels-cdf.png)' '$base/kernels.md' && ! grep -q 'latency-cdf-kernels.svg' '$base/kernels.md'"
check "the template's text is kept" grep -q '^## What changes between the models$' "$base/kernels.md"
# make kernels passes results/latest-kernels, a link to the run folder.
printf 'accelerator: tcg\ncpus: 1\nclock: icount\nwakeup_preemption: off\n' >>"$base/agree/generic-voluntary/sweep/env"
ln -sfn agree "$base/latest-kernels"
check "kernels-doc through a link to the run folder" bench/bin/report kernels-doc "$base/latest-kernels" "$base/linked.md"
check "... reads the first kernel's env inside it (accelerator, CPUs, clock)" \
	grep -qF -- '- **Where:** a QEMU guest (accelerator: `tcg`), 1 CPU,' "$base/linked.md"
check "... says the clock" grep -qF -- '- **Clock:** `icount`, CFS wakeup preemption `off`' "$base/linked.md"
check "... and names the folder, not the link" grep -qF -- '- **Run folder:** `agree`' "$base/linked.md"
check "the figure is copied next to the page" cmp -s "$base/agree/latency-cdf-kernels.png" "$base/kernels-cdf.png"
check "... and the repeat command names the kernels, not the defaults" \
	grep -qF 'Repeat it with `make kernels KERNELS="generic:voluntary rt"`.' "$base/linked.md"
done_testing
