#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A wall-clock sweep of several rounds (bench/run --rounds) on the host
# only: report summary gives each variant's median over the rounds with a
# 95 % interval from the rounds' order statistics, calls a variant higher
# than the lowest only when the intervals are apart and else says no
# difference is measurable, gives the rank stability of the two halves,
# and writes every round in rounds.csv and the intervals in summary.json.
# bench/guest/sweep's order of the variants in a round comes from the seed.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

if ! command -v gnuplot >/dev/null || ! command -v jq >/dev/null; then
	echo "1..0 # SKIP gnuplot and jq are needed (scripts/deps test)"
	exit 0
fi
check "bench/bin/report builds" make -s -C bench bin/report
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run=$tmp/sweep-20260101T000000Z
mkdir -p "$run"
printf 'target: vm\nkernel: 6.1.0-test\ncpus: 2\naccelerator: tcg\nclock: wall\nrounds: 6\nseed: 1234\n' >"$run/env"

# figures DIR P50 P99 COST: one round's analysis and stats.
figures() {
	mkdir -p "$1"
	echo ok >"$1/status"
	printf 'samples: 1000\np50_ns: %s\np99_ns: %s\nmean_ns: %s\n' "$2" "$3" "$2" >"$1/analysis"
	printf 'family: wait queue\nwake_cost_p50_ns: %s\n' "$4" >"$1/stats"
}
# variant NAME "P50..." "COST...": six rounds, p99 twice the p50.
variant() {
	local d=$run/$1 r=1 p c
	read -ra p <<<"$2"
	read -ra c <<<"$3"
	for r in 1 2 3 4 5 6; do
		local rd=$d/round-$r
		[ "$r" = 1 ] && rd=$d
		figures "$rd" "${p[r - 1]}" $((2 * ${p[r - 1]})) "${c[r - 1]}"
	done
	printf 'state: D\nstate_samples: D=3\niowait_ticks: 0\nwaited_ticks: 100\n' >"$d/accounting"
}
# fast: 10-15 us; near: 14-20 us, overlapping fast; slow: 30-36 us, apart.
variant fast "10000 11000 12000 13000 14000 15000" "500 510 520 530 540 550"
variant near "14000 16000 17000 18000 19000 20000" "520 530 540 550 560 570"
variant slow "30000 31000 32000 33000 34000 36000" "900 910 920 930 940 950"
# One round of slow's lost: five rounds, too few for a 95 % interval.
echo failed >"$run/slow/round-6/status"

rc=0
bench/bin/report summary "$run" >/dev/null 2>"$tmp/err" || rc=$?
is "$rc" 0 "report summary on a sweep of 6 rounds: exit 0"
md=$run/summary.md
check "a section over the rounds" grep -q '^## Over 6 rounds$' "$md"
check "... says the seed that repeats the orders" grep -qF "shuffled from seed 1234 (\`bench/run --seed 1234\` repeats the orders)" "$md"
check "... and how the interval is made" grep -q 'order statistics, distribution-free' "$md"
check "the lowest: median 12.5 µs, interval [10.0, 15.0] (the least and the greatest of 6)" \
	grep -q '^| fast | 6 | 12.5 \[10.0, 15.0\] | 25.0 \[20.0, 30.0\] | 0.5 \[0.5, 0.6\] | the lowest | the lowest |$' "$md"
check "intervals that overlap: no difference measurable here" \
	grep -q '^| near | 6 | 17.5 \[14.0, 20.0\] | .* | no difference measurable here | no difference measurable here |$' "$md"
check "five rounds: the median, no interval, no difference called" \
	grep -q '^| slow | 5 | 32.0 | 64.0 | 0.9 | too few rounds for an interval | too few rounds for an interval |$' "$md"
check "the rank stability of the halves" grep -q "^Rank stability: Spearman's rho between the p50 medians of rounds 1-3 and 4-6: 1.00" "$md"
csv=$run/rounds.csv
check "rounds.csv: every round of every variant" test "$(grep -c . "$csv")" = 19
check "... a lost round is empty" grep -qx 'slow,6,,,' "$csv"
check "... a round's figures" grep -qx 'near,2,16000,32000,530' "$csv"
j=$run/summary.json
is "$(jq -r '.rounds.rounds' "$j")" 6 "summary.json: the rounds"
is "$(jq -r '.rounds.seed' "$j")" 1234 "... the seed"
is "$(jq -c '.rounds.variants[] | select(.variant == "fast") | .p50_ns | [.median, .lo, .hi, .rounds]' "$j")" \
	"[12500,10000,15000,6]" "... an interval, in ns"
is "$(jq -r '.rounds.variants[] | select(.variant == "slow") | .p50_ns.lo' "$j")" null "... none with five rounds"
is "$(jq -r '.rounds.variants[] | select(.variant == "near") | .p50_against_lowest' "$j")" \
	"no difference measurable here" "... and the verdict"

# Apart: make near's rounds all above fast's greatest.
variant near "16000 17000 18000 19000 20000 21000" "520 530 540 550 560 570"
bench/bin/report summary "$run" >/dev/null 2>&1 || true
check "intervals apart: higher" grep -q '^| near | 6 | 18.5 \[16.0, 21.0\] | .* | higher | no difference measurable here |$' "$md"

# One round: no section, no rounds.csv.
one=$tmp/one
mkdir -p "$one"
printf 'clock: wall\nrounds: 1\n' >"$one/env"
figures "$one/fast" 10000 20000 500
printf 'state: D\nstate_samples: D=3\niowait_ticks: 0\nwaited_ticks: 100\n' >"$one/fast/accounting"
bench/bin/report summary "$one" >/dev/null 2>&1 || true
refute "a sweep of one round has no rounds section" grep -q 'Over .* rounds' "$one/summary.md"
check "... and no rounds.csv" test ! -e "$one/rounds.csv"

# bench/guest/sweep's orders: drawn from the seed and the round, the same each time.
# shellcheck source=bench/guest/lib.sh
orders=$(WAITCMP=. && . bench/guest/lib.sh && for r in 1 2 3; do shuffled 1234 "$r" a b c d e | tr '\n' ' '; echo; done)
again=$(WAITCMP=. && . bench/guest/lib.sh && for r in 1 2 3; do shuffled 1234 "$r" a b c d e | tr '\n' ' '; echo; done)
is "$orders" "$again" "the shuffled orders repeat with the seed"
check "... each round's order holds every variant once" \
	test "$(echo "$orders" | head -n 1 | tr ' ' '\n' | grep . | sort | tr '\n' ' ')" = "a b c d e "
check "... and the rounds' orders differ" test "$(echo "$orders" | sort -u | wc -l)" -gt 1
done_testing
