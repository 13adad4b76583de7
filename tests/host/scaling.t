#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/report scaling on made-up scaling runs (bench/run --mode
# scaling): scaling.csv in order, the figure's unit by the clock, its title
# (kernel, samples a point), scaling.json; bench/perf-run's waiters folder,
# whose env is one level up; exit 2 on bad usage.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check "bench/bin/report builds" make -s -C bench bin/report

# scaling_run DIR: two variants, 1, 2 and 4 waiters, both wake modes; the
# waker's cost grows with the waiters, 100 samples per waiter. Written in
# an order the report must sort (4 before 1 before 2, as the glob has it).
scaling_run() {
	local v w a
	for v in wait_event swait; do
		mkdir -p "$1/$v"
		for w in 4 1 2; do
			for a in 1 0; do
				printf '%s\n' "variant: $v" "wake_all: $a" "waiters: $w" "samples: $((100 * w))" \
					"woken_per_wake: 1.00" "wake_cost_p50_ns: $((700 * w))" "wake_cost_mean_ns: 700" \
					"p50_ns: 6400" "p99_ns: 6500" >"$1/$v/w$w-all$a.stats"
			done
		done
		echo ok >"$1/$v/status"
	done
}

# jqe FILTER FILE: FILTER is true of FILE.
jqe() { jq -e "$1" "$2" >/dev/null; }

sc=$tmp/icount
scaling_run "$sc"
printf 'kernel: 6.1.0-test\naccelerator: tcg\nclock: icount\n' >"$sc/env"
check "report scaling succeeds" bench/bin/report scaling "$sc"
check "scaling.csv: the header, then by variant, wake mode, waiters" \
	test "$(head -n 4 "$sc/scaling.csv")" = "variant,wake_all,waiters,samples,woken_per_wake,wake_cost_p50_ns,wake_cost_mean_ns,p50_ns,p99_ns
swait,0,1,100,1.00,700,700,6400,6500
swait,0,2,200,1.00,1400,700,6400,6500
swait,0,4,400,1.00,2800,700,6400,6500"
check "scaling.csv: a row per stats file (12)" test "$(tail -n +2 "$sc/scaling.csv" | wc -l)" = 12
check "scaling.csv: wait_event's wake all last" test "$(tail -n 1 "$sc/scaling.csv")" = "wait_event,1,4,400,1.00,2800,700,6400,6500"
check "scaling.svg: instructions under icount, never µs; the kernel and the samples a point" \
	sh -c "grep -q 'thousands of instructions, icount' '$sc/scaling.svg' && ! grep -q 'µs' '$sc/scaling.svg' && grep -q 'kernel 6.1.0-test, tcg, clock icount' '$sc/scaling.svg' && grep -q '100 to 400 samples a point' '$sc/scaling.svg'"
check "scaling.svg: a line per variant and wake mode" \
	sh -c "grep -q '>swait wake one<' '$sc/scaling.svg' && grep -q '>wait_event wake all<' '$sc/scaling.svg'"
check "scaling.png drawn" test -s "$sc/scaling.png"
check "the figure's data is kept, a block per variant and wake mode" \
	test "$(grep -c '^# [a-z_]* wake_all=[01]$' "$sc/plot/scaling.dat")" = 4
check "no temporary file left" sh -c "! find '$sc' -name '*.tmp' | grep -q ."
j=$sc/scaling.json
check "scaling.json is valid JSON: schema waitcmp-scaling/1, clock icount, its unit, the kernel" \
	jqe '.schema == "waitcmp-scaling/1" and .clock == "icount" and .latency_unit == "instructions (icount)" and .kernel == "6.1.0-test" and .accelerator == "tcg"' "$j"
check "scaling.json: the variants in order, each with its wake-one and wake-all series" \
	jqe '[.variants[].name] == ["swait", "wait_event"] and (.variants[1].wake_one | length) == 3 and (.variants[1].wake_all | length) == 3' "$j"
check "scaling.json: a point's figures named, with their units" \
	jqe '.variants[1].wake_all[2] == {"waiters": 4, "samples": 400, "woken_per_wake": 1, "wake_cost_p50_ns": 2800, "wake_cost_mean_ns": 700, "p50_ns": 6400, "p99_ns": 6500}' "$j"

# bench/perf-run's waiters folder: the env one level up, wall clock; one
# sample count for every point.
pr=$tmp/perf
scaling_run "$pr/waiters"
sed -i 's/^samples: .*/samples: 200/' "$pr"/waiters/*/*.stats
printf 'accel: kvm\nclock: wall\n' >"$pr/env"
printf 'kernel: 6.1.0-sweep\n' >"$pr/waiters/env.sweep"
check "report scaling on bench/perf-run's waiters folder" bench/bin/report scaling "$pr/waiters"
check "... its env one level up: µs of wall-clock time, kernel from env.sweep, accel" \
	sh -c "grep -q 'µs, wall-clock' '$pr/waiters/scaling.svg' && grep -q 'kernel 6.1.0-sweep, kvm, clock wall' '$pr/waiters/scaling.svg' && grep -q '200 samples a point' '$pr/waiters/scaling.svg'"
check "... scaling.json says the wall clock and its unit" \
	jqe '.clock == "wall" and .latency_unit == "ns of wall-clock time" and .kernel == "6.1.0-sweep"' "$pr/waiters/scaling.json"

# No stats at all: a header alone, and no samples.
mkdir -p "$tmp/empty/x"
check "a run without stats: report scaling still writes" bench/bin/report scaling "$tmp/empty"
check "... a header alone, no samples in the title, no variant in the JSON" \
	sh -c "[ \$(wc -l <'$tmp/empty/scaling.csv') = 1 ] && grep -q 'no samples' '$tmp/empty/scaling.svg' && jq -e '.variants == []' '$tmp/empty/scaling.json' >/dev/null"

rc=0
bench/bin/report scaling "$tmp/nonexistent" 2>"$tmp/err" || rc=$?
check "a folder that does not exist: exit 2, with a message" \
	sh -c "[ $rc = 2 ] && grep -q '^report scaling: cannot read' '$tmp/err'"
rc=0
bench/bin/report scaling >/dev/null 2>&1 || rc=$?
check "no folder: usage, exit 2" test "$rc" = 2
done_testing
