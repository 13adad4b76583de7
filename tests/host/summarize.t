#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/report summary (a sweep's summary and figures) on a made-up
# results folder, on the host only: each variant's analysis is
# bench/bin/analyse's output for a committed fixture (tests/fixtures), its
# stats the module's stats of the same run. The summary reports the
# module's no_sleep (waits that returned without sleeping) next to the
# trace's samples, in summary.csv, summary.md and summary.json; the
# figures say their unit, clock and kernel.
set -eu
cd "$(dirname "$0")/../.."

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

if ! make -s -C bench >/dev/null 2>&1; then
	echo "1..0 # SKIP bench/bin/analyse does not build here (make -C bench)"
	exit 0
fi
if ! command -v gnuplot >/dev/null; then
	echo "1..0 # SKIP gnuplot not installed: report summary draws the figures"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run=$tmp/run
mkdir "$run"
fix=tests/fixtures

printf 'target: vm\nkernel: 6.1.0-test\npreempt: none (voluntary) full\ncpus: 2\naccelerator: tcg\nparameters: test\n' >"$run/env"

# variant NAME FIXTURE STATS FAMILY: a variant that ran, its accounting
# made up; FAMILY is added to its stats (the fixtures were recorded
# before the module gave it).
variant() {
	local d=$run/$1
	mkdir -p "$d"
	echo ok >"$d/status"
	bench/bin/analyse -v "$1" -o "$d" "$fix/$2.dat" >"$d/analysis"
	cp "$fix/$3" "$d/stats"
	echo "family: $4" >>"$d/stats"
	printf '%s\n' "state: D" "state_samples: D=3 S=1" "procs_blocked_max: 1" \
		"iowait_ticks: 0" "waited_ticks: 100" "blkio_ticks: 0" \
		"psi_io_some_us: 0" "loadavg1_before: 0.10" "loadavg1_after: 0.20" \
		>"$d/accounting"
}
variant wait_on_bit no-sleep no-sleep.stats "simple and bit waits"
# Recorded before the module counted no-sleep returns: its stats have none.
variant wait_event wait_event-w2 wait_event-w2.stats "wait queue"
mkdir "$run/broken"
echo failed >"$run/broken/status"
echo "insmod refused" >"$run/broken/reason"

# cyclictest in the same boot (bench/run --cyclictest): p50 bucket 5, p99 6.
{
	echo "# Histogram"
	echo "000005 000050"
	echo "000006 000049"
	echo "000100 000001"
	echo "# Total: 000000100"
	echo "# Min Latencies: 00005"
	echo "# Avg Latencies: 00007"
	echo "# Max Latencies: 00100"
	echo "# Histogram Overflows: 00000"
} >"$run/cyclictest.txt"
echo "cyclictest -t1 -m -q -i 300 -l 100 -h 20000 -p 50" >"$run/cyclictest.cmd"

# summary DIR: report summary on DIR, its exit status in rc.
summary() {
	rc=0
	bench/bin/report summary "$1" >"$tmp/out" 2>"$tmp/err" || rc=$?
}
is_rc() { [ "$rc" = "$1" ]; }

summary "$run"
check "report summary: a failed variant, exit 1" is_rc 1
csv=$run/summary.csv
md=$run/summary.md
json=$run/summary.json

# cell VARIANT COLUMN: a cell of summary.csv, by the header's name.
cell() { csv_cell "$csv" "$1" "$2"; }
# stat FILE KEY
stat() {
	awk -v k="$2:" '$1 == k { print $2; exit }' "$1"
}

check "summary.csv: no_sleep follows samples in the header" \
	grep -q '^variant,status,samples,no_sleep,min_ns,' "$csv"
r=0; [ "$(awk -F, '{ print NF }' "$csv" | sort -u | wc -l)" = 1 ] || r=1
ok $r "summary.csv: every row has the header's number of fields"
s=$fix/no-sleep.stats
check "the fixture has no-sleep returns" test "$(stat "$s" no_sleep)" -gt 0
r=0; [ "$(cell wait_on_bit samples)" = "$(stat "$s" samples)" ] || r=1
ok $r "summary.csv: samples from the trace, the module's (slept) samples"
r=0; [ "$(cell wait_on_bit no_sleep)" = "$(stat "$s" no_sleep)" ] || r=1
ok $r "summary.csv: no_sleep is the module's"
r=0; [ $(($(cell wait_on_bit samples) + $(cell wait_on_bit no_sleep))) = "$(stat "$s" records)" ] || r=1
ok $r "summary.csv: samples + no_sleep = the module's records"
r=0; [ "$(cell wait_on_bit min_ns) $(cell wait_on_bit state) $(cell wait_on_bit loadavg1_after)" = \
	"$(stat "$s" min_ns) D 0.20" ] || r=1
ok $r "summary.csv: the columns after no_sleep stay in place"
check "summary.csv: stats without no_sleep leave it empty" grep -q '^wait_event,ok,400,,' "$csv"
check "summary.csv: a failed variant has an empty no_sleep" grep -q '^broken,failed,,,' "$csv"

check "summary.md: the latency table has a no sleep column after samples" \
	grep -q '^| variant | status | samples | no sleep | min |' "$md"
check "summary.md: says what no sleep counts" grep -q '^no sleep: ' "$md"
check "summary.md: wait_on_bit's samples, no sleep and min" grep -q "^| wait_on_bit | ok | $(stat "$s" samples) | $(stat "$s" no_sleep) | $(awk -v v="$(stat "$s" min_ns)" 'BEGIN { printf "%.1f", v / 1000 }') |" "$md"
check "summary.md: no sleep unknown is -" grep -q '^| wait_event | ok | 400 | - |' "$md"
check "summary.md: the accounting table reads its columns from the right places" grep -q '^| wait_on_bit | D | 0.75 | 1 | 0.00 | 0 | 0.0 | 0.10 → 0.20 |$' "$md"
check "summary.md: the failed variant and its reason" \
	grep -q '^\*\*broken failed:\*\* insmod refused' "$md"

# The clock: a run without it in env ran on the wall clock (µs); under
# icount the unit is instructions, in the summary and on every plot, with
# the kernel the run came from.
check "summary.md: no clock recorded is wall-clock µs" \
	grep -q '^Latency (wake to run, µs of wall-clock time)' "$md"
check "summary.md: the clock is in the measured-on line" grep -q 'clock wall\.$' "$md"
check "summary.md: each module's parameters, from its stats (waiters 4 and 2; wake_all, not in the older stats, left out)" \
	sh -c "grep -qx -- '- wait_on_bit: iterations=200 period_us=300 waiters=4 waiter_cpu=-1 waker_cpu=-1 wake_all=0' '$md' && grep -qx -- '- wait_event: iterations=200 period_us=300 waiters=2 waiter_cpu=-1 waker_cpu=-1' '$md'"
check "summary.md: not bench/run's arguments" sh -c "! grep -q 'Parameters: test' '$md'"

check "summary.md: cyclictest's command and figures in µs (min, p50, p99, max from its histogram; not its mean, printed rounded down)" \
	sh -c "grep -qF '(\`cyclictest -t1 -m -q -i 300 -l 100 -h 20000 -p 50\`)' '$md' && grep -qxF '| cyclictest | 100 | 5 | 5 | 6 | 100 | 0 |' '$md'"
# summary.json: every row by field name, the run's env.
jqr() { jq -r "$1" "$json"; }
check "summary.json: valid JSON" sh -c "jq -e . '$json' >/dev/null"
is "$(jqr '.schema')" waitcmp-summary/1 "summary.json: its schema"
is "$(jqr '.cyclictest | [.samples, .p50_us, .p99_us, .max_us, .command] | map(tostring) | join("|")')" \
	"100|5|6|100|cyclictest -t1 -m -q -i 300 -l 100 -h 20000 -p 50" "summary.json: cyclictest's figures in µs and its command"
is "$(jqr '[.kernel, .clock, .latency_unit, .accelerator, .cpus] | map(tostring) | join("|")')" \
	"6.1.0-test|wall|ns of wall-clock time|tcg|2" "summary.json: kernel, clock, unit, accelerator and cpus from env"
is "$(jqr '[.variants[].variant] | join(" ")')" "broken wait_event wait_on_bit" \
	"summary.json: one object a row, in the CSV's order"
w='.variants[] | select(.variant == "wait_on_bit")'
is "$(jqr "$w | [.samples, .no_sleep, .min_ns, .d_share, .iowait_share, .loadavg1_after] | map(tostring) | join(\" \")")" \
	"$(stat "$s" samples) $(stat "$s" no_sleep) $(stat "$s" min_ns) 0.75 0 0.2" \
	"summary.json: wait_on_bit's fields are the CSV's, as numbers"
is "$(jqr "$w | [.state, .percentiles, .family] | join(\" \")")" "D exact simple and bit waits" \
	"summary.json: words stay strings, the family from the stats"
is "$(jqr "$w | .parameters | [.iterations, .period_us, .waiters, .wake_all] | map(tostring) | join(\" \")")" \
	"200 300 4 0" "summary.json: the module's parameters from its stats"
is "$(jqr '.variants[] | select(.variant == "wait_event") | [.no_sleep, .parameters.wake_all] | map(tostring) | join(" ")')" \
	"null null" "summary.json: what the stats do not have is null"
is "$(jqr '.variants[] | select(.variant == "broken") | [.status, (.samples | tostring), (.p50_ns | tostring), .reason] | join("|")')" \
	"failed|null|null|insmod refused " "summary.json: a failed variant: its status, null fields and its reason"
check "no temporary file left" sh -c "! ls '$run' | grep -q 'tmp'"
for f in latency-cdf latency-hist latency-cdf-families iowait; do
	check "$f: PNG and SVG" test -s "$run/$f.png" -a -s "$run/$f.svg"
done
check "a wall-clock run has no latency-p50 plot" test ! -e "$run/latency-p50.svg"
check "latency-cdf.svg: µs, wall-clock, and the kernel" \
	sh -c "grep -q 'latency (µs, wall-clock, log scale)' '$run/latency-cdf.svg' && grep -q 'kernel 6.1.0-test, tcg, clock wall' '$run/latency-cdf.svg'"
check "latency-cdf.svg: a line a variant with a cdf.dat, in the first two colours" \
	sh -c "grep -q '>wait_event<' '$run/latency-cdf.svg' && grep -q '>wait_on_bit<' '$run/latency-cdf.svg' && ! grep -q '>broken<' '$run/latency-cdf.svg' && grep -q \"stroke='rgb(230, 159,   0)'\" '$run/latency-cdf.svg'"

# Without the failed variant: exit 0.
ok_run=$tmp/run-ok
cp -r "$run" "$ok_run"
rm -r "$ok_run/broken"
summary "$ok_run"
check "report summary: every variant ok, exit 0" is_rc 0
check "... and no failure in its summary.md" sh -c "! grep -q 'failed' '$ok_run/summary.md'"

# Errors: usage, a folder that is not there, gnuplot failing.
rc=0; bench/bin/report summary >/dev/null 2>"$tmp/err" || rc=$?
check "report summary without DIR: exit 2 and the usage line" \
	sh -c "[ $rc = 2 ] && grep -q 'usage: report summary DIR' '$tmp/err'"
summary "$run/nonexistent"
check "report summary on a folder that is not there: exit 2, nothing written" \
	sh -c "[ $rc = 2 ] && grep -q '^report summary: cannot read' '$tmp/err' && [ ! -e '$run/nonexistent' ]"
fakebin=$tmp/bin
mkdir "$fakebin"
printf '#!/bin/sh\nexit 1\n' >"$fakebin/gnuplot"
chmod +x "$fakebin/gnuplot"
rm "$ok_run/summary.csv"
rc=0; PATH=$fakebin:$PATH bench/bin/report summary "$ok_run" 2>"$tmp/err" || rc=$?
check "gnuplot failing: exit 2 and says so, the summary written, no figure half-written" \
	sh -c "[ $rc = 2 ] && grep -q 'gnuplot failed' '$tmp/err' && [ -s '$ok_run/summary.csv' ] && ! ls '$ok_run' | grep -q 'tmp'"

echo "clock: icount" >>"$run/env"
summary "$run"
check "report summary succeeds on an icount run (exit 1: the failed variant)" is_rc 1
check "summary.md: under icount the unit is instructions, not µs" \
	sh -c "grep -q '^Latency (wake to run) in instructions: clock icount' '$md' && ! grep -q 'µs' '$md'"
check "summary.md: under icount cyclictest's figures in instructions (its µs buckets are 1000 each)" \
	grep -qxF '| cyclictest | 100 | 5000 | 5000 | 6000 | 100000 | 0 |' "$md"
cfail=$tmp/run-cyclic-failed
cp -r "$run" "$cfail"
: >"$cfail/cyclictest.txt"
summary "$cfail"
check "summary.md: a cyclictest that gave no histogram is said to have failed" \
	sh -c "grep -q '^\*\*cyclictest failed\*\*' '$cfail/summary.md' && ! grep -q '^| cyclictest |' '$cfail/summary.md'"
a=$run/wait_on_bit/analysis
mean=$(awk -v s="$(stat "$a" sum_ns)" -v n="$(stat "$a" samples)" 'BEGIN { printf "%.1f", s / n }')
check "summary.md: under icount min, p50 and max are whole instructions, the mean sum_ns / samples ($mean)" \
	grep -q "^| wait_on_bit | ok | $(stat "$a" samples) | [0-9]* | $(stat "$a" min_ns) | $(stat "$a" p50_ns) | $mean | $(stat "$a" p90_ns) | $(stat "$a" p99_ns) | $(stat "$a" p999_ns) | $(stat "$a" max_ns) |" "$md"
check "summary.csv: sum_ns and percentiles (exact) from the analysis" \
	test "$(cell wait_on_bit sum_ns) $(cell wait_on_bit percentiles)" = "$(stat "$a" sum_ns) exact"
is "$(jqr '[.clock, .latency_unit] | join("|")')" "icount|instructions (icount)" \
	"summary.json: clock icount, the unit instructions"
if command -v gnuplot >/dev/null; then
	check "latency-hist: not drawn under icount (the paths fall in one bin), the wall clock's removed" \
		test ! -e "$run/latency-hist.png" -a ! -e "$run/latency-hist.svg"
	for p in latency-cdf latency-cdf-families; do
		[ -f "$run/$p.svg" ] || continue
		scale="linear, p50 to p99"
		check "$p.svg: thousands of instructions, clock icount, $scale, no µs" \
			sh -c "grep -q 'thousands of instructions, icount, $scale' '$run/$p.svg' && grep -q 'clock icount' '$run/$p.svg' && ! grep -q 'µs' '$run/$p.svg'"
	done
	check "latency-cdf.svg: the share of wakes slower than x on a log axis, with the sample count" \
		sh -c "grep -q 'the share of wakes slower than x' '$run/latency-cdf.svg' && grep -q 'share of wakes slower (log)' '$run/latency-cdf.svg' && grep -q 'wakes a variant' '$run/latency-cdf.svg'"
	check "latency-cdf-families.svg: a panel per family, from the stats" \
		sh -c "grep -q '>simple and bit waits<' '$run/latency-cdf-families.svg' && grep -q '>wait queue<' '$run/latency-cdf-families.svg'"
	check "latency-p50.svg: each variant's exact p50, in instructions, labelled" \
		sh -c "grep -q 'p50 (instructions, icount)' '$run/latency-p50.svg' && grep -q '>$(stat "$a" p50_ns)<' '$run/latency-p50.svg'"
	check "no temporary data file left" test ! -e "$run/.latency-p50.dat"
	check "plot/latency-p50.dat: the p50 bars' data, each ok variant's p50, sorted" \
		sh -c "[ \"\$(grep -v '^#' '$run/plot/latency-p50.dat' | awk '{ print \$2 }' | tr '\n' ' ')\" = \"\$(grep -v '^#' '$run/plot/latency-p50.dat' | sort -n | awk '{ print \$2 }' | tr '\n' ' ')\" ] && [ \$(grep -vc '^#' '$run/plot/latency-p50.dat') = 2 ] && grep -qx '$(stat "$a" p50_ns) wait_on_bit' '$run/plot/latency-p50.dat'"
else
	echo "# gnuplot not installed: the plots' labels are not checked"
fi

done_testing
