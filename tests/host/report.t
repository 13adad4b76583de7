#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/report: the unit tests of its statistics and run-folder reader
# (rstats-test.c), then "report targets" on made-up runs: every target met
# when the two sweeps agree; a p50 one instruction apart, a mean 0.6 %
# apart, a swapped ranking, a slow sweep, a harness 10 % above the floor
# a trace cost of 5 % and a p50 that recording moves each missed; a
# missing perf folder is "no data".
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check "rstats and results build with -Wall -Wextra -Werror" \
	cc -std=gnu11 -Wall -Wextra -Werror -O2 -o "$tmp/rstats-test" \
	tests/host/rstats-test.c bench/report/rstats.c bench/report/results.c bench/report/out.c -lm
"$tmp/rstats-test" >"$tmp/unit.tap" || true
ok "$(grep -c '^not ok' "$tmp/unit.tap" || true)" "unit tests: $(grep -c '^ok' "$tmp/unit.tap") of $(sed -n 's/^1\.\.//p' "$tmp/unit.tap") pass"
grep '^not ok' "$tmp/unit.tap" | sed 's/^/# /' || true
check "bench/bin/report builds" make -s -C bench bin/report

# sweep DIR CLOCK SECONDS VARIANT,P50,SUM ...: a made-up sweep folder.
sweep() {
	local d=$1 clock=$2 secs=$3 row
	shift 3
	mkdir -p "$d"
	printf 'kernel: 6.1.0-test\nclock: %s\naccelerator: tcg\ncpus: 1\nwakeup_preemption: off\nelapsed_s: %s\n' \
		"$clock" "$secs" >"$d/env"
	echo "variant,status,samples,p50_ns,other,sum_ns" >"$d/summary.csv"
	for row in "$@"; do
		IFS=, read -r v p s <<<"$row"
		echo "$v,ok,1000,$p,x,$s" >>"$d/summary.csv"
	done
	echo "broken,failed,,,," >>"$d/summary.csv"
}

# perf DIR HARNESS_P50 TRACED_NS [TRACED_P50]: b2b.csv and overhead.csv,
# three rounds.
perf() {
	local d=$1/perf r
	mkdir -p "$d"
	printf 'clock: icount\n' >"$d/env"
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s,no_sleep" >"$d/b2b.csv"
	echo "tool,placement,round,samples,p50_ns,p99_ns,elapsed_ns,wakes_per_s,no_sleep" >"$d/overhead.csv"
	for r in 1 2 3; do
		echo "floor,same,$r,1000,4000,5000,8000000,125000,0"
		echo "harness,same,$r,1000,$2,5000,8000000,125000,0"
		echo "floor,cross,$r,1000,9000,9000,8000000,1,0"
	done >>"$d/b2b.csv"
	for r in 1 2 3; do
		echo "untraced,same,$r,990,4000,5000,8000000,125000,10"
		echo "traced,same,$r,1000,${4:-4000},5000,$3,125000,0"
		echo "traced_sched,same,$r,1000,4000,5000,12000000,125000,0"
	done >>"$d/overhead.csv"
}

good=('wait_event,3879,3880200' 'completion,3631,3632070' 'swait,3755,3756110')
mk() {
	local d=$tmp/$1
	sweep "$d/sweep-1" icount 150 "${good[@]}"
	sweep "$d/sweep-2" icount 160 "${good[@]}"
	sweep "$d/cross-1" icount 100 wait_event,6640,6700000
	sweep "$d/cross-2" icount 100 wait_event,6630,6650000
	perf "$d" 4100 8080000
}
run() {
	rc=0
	bench/bin/report targets "$tmp/$1" >"$tmp/$1.md" 2>"$tmp/$1.err" || rc=$?
}
row() { grep -F "| $2 |" "$tmp/$1.md" | head -n 1; }

mk good
run good
is_rc() { [ "$rc" = "$1" ]; }
check "all agree: exit 0" is_rc 0
check "all agree: no target missed or without data" sh -c "! grep -q 'missed\|no data' '$tmp/good.md'"
check "the p50s and means of both sweeps, per variant" \
	grep -qF '| completion | 3631 | 3631 | 3632.07 | 3632.07 | 0.000 % | yes |' "$tmp/good.md"
check "the unit and the kernel are named" \
	sh -c "grep -q 'instructions (icount)' '$tmp/good.md' && grep -q 'Kernel 6.1.0-test' '$tmp/good.md'"
check "Spearman 1 for the same ranking" grep -qF '| 1.0000 | 1.0 (ties aside) | met |' "$tmp/good.md"
check "floor ratios: p50 1.025x, rate 1.000x" \
	sh -c "grep -qF '| 1.025x | <= 1.05x | met |' '$tmp/good.md' && grep -qF '| 1.000x | >= 0.95x | met |' '$tmp/good.md'"
check "trace cost per recorded wake: +1.00 % (8080 against 8000 ns per wake, no_sleep counted)" \
	grep -qF '| +1.00 % | <= 3 % more | met |' "$tmp/good.md"
check "the p50 recorded and not: the same, met" \
	grep -qF "| the latency's p50 (histogram bucket), waitcmp events recorded, against none | 4000 and 4000 | the same | met |" "$tmp/good.md"
check "the 3 % bound in instructions per wake (240 of 8000)" grep -qF 'A bound of 3 % is 240 per wake' "$tmp/good.md"
check "the sched events' cost is reported (+50.0 %)" grep -qF '(+50.0 %, reported)' "$tmp/good.md"
check "the cross-CPU boots are compared, no target" \
	sh -c "grep -qF '| wait_event | 6640 | 6630 |' '$tmp/good.md' && grep -q '0 of 1 variants with the same p50' '$tmp/good.md'"
check "the failed variant is left out" sh -c "! grep -q '| broken |' '$tmp/good.md'"
check "targets.json: the targets by name, every one met, the clock and kernel" \
	test "$(jq -r '[.schema, .clock, .kernel, (.targets | length), ([.targets[].verdict] | unique | join(","))] | join("|")' "$tmp/good/targets.json")" = \
	"waitcmp-targets/1|icount|6.1.0-test|8|met"

mk p50
sed -i 's/^swait,ok,1000,3755,/swait,ok,1000,3756,/' "$tmp/p50/sweep-2/summary.csv"
run p50
check "a p50 one instruction apart: exit 1" is_rc 1
check "it misses the reproducibility target: 2 of 3" \
	grep -q '^| every variant: .* | 2 of 3 variants | all variants | \*\*missed\*\* |' "$tmp/p50.md"
check "and its row says no" grep -qF '| swait | 3755 | 3756 | 3756.11 | 3756.11 | 0.000 % | **no** |' "$tmp/p50.md"

mk mean
sed -i 's/^wait_event,ok,1000,3879,x,3880200/wait_event,ok,1000,3879,x,3903500/' "$tmp/mean/sweep-2/summary.csv"
run mean
check "a mean 0.6 % apart misses it" \
	sh -c "grep -qF '| wait_event | 3879 | 3879 | 3880.20 | 3903.50 | 0.600 % | **no** |' '$tmp/mean.md' && grep -q '2 of 3 variants' '$tmp/mean.md'"

mk rank
sed -i 's/^wait_event,ok,1000,3879,/wait_event,ok,1000,3600,/' "$tmp/rank/sweep-2/summary.csv"
run rank
check "a changed ranking (wait_event from last to first of 3): Spearman -0.5, missed" grep -qF '| -0.5000 | 1.0 (ties aside) | **missed** |' "$tmp/rank.md"

mk slow
sed -i 's/^elapsed_s: .*/elapsed_s: 181/' "$tmp/slow/sweep-2/env"
run slow
check "a sweep of 181 s misses the time target" \
	grep -qF '| wall time of the second sweep, boot included | 181 s | <= 180 s | **missed** |' "$tmp/slow.md"

mk far
perf "$tmp/far" 4400 8400000
run far
check "a harness 10 % above the floor misses" grep -qF '| 1.100x | <= 1.05x | **missed** |' "$tmp/far.md"
check "a trace cost of 5 % misses" grep -qF '| +5.00 % | <= 3 % more | **missed** |' "$tmp/far.md"

mk moved
perf "$tmp/moved" 4100 8080000 4419
run moved
check "a p50 that recording moves by 419: exit 1" is_rc 1
check "... and misses" grep -qF "| 4000 and 4419 | the same | **missed** |" "$tmp/moved.md"

mk noperf
rm -r "$tmp/noperf/perf"
run noperf
check "no perf runs: exit 1, its targets have no data" \
	sh -c "[ $rc = 1 ] && [ \$(grep -c '| no data |' '$tmp/noperf.md') = 4 ]"

rc=0; bench/bin/report >/dev/null 2>&1 || rc=$?
check "no subcommand: usage, exit 2" is_rc 2
done_testing
