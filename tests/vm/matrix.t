#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The behaviour matrix in the VM: for every variant, what its wait does to
# the accounting (ps state, iowait, load average, hung-task detector) is
# measured and must agree with what the variant declares in its ops. A
# wrong belief about the kernel fails here. The report's own checks, on
# the committed reference run, without a VM: matrix-report.t.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=bench/common.sh
. bench/common.sh

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

r=0
WAITCMP_RESULTS=$base bench/run --mode matrix --iterations 200 \
	--acct-iterations 10 >"$base/log" 2>&1 || r=$?
ok "$r" "bench/run --mode matrix: every variant measured as declared"
[ "$r" -eq 0 ] || sed 's/^/# /' "$base/log"
run=$base/latest-matrix
r=0; [ "$(cat "$run/status" 2>/dev/null)" = complete ] || r=1
ok "$r" "the matrix run is complete and latest-matrix points at it"
for f in matrix.csv matrix.md matrix.json matrix.png matrix.svg hung-task.log; do
	r=0; [ -s "$run/$f" ] || r=1
	ok "$r" "the run has $f"
done
# The latency columns say their unit: the default clock under TCG is icount.
if [ "$(vm/run --print-accel)" = tcg ]; then
	check "matrix.md: p50 and p99 in instructions (icount), not µs" \
		sh -c "grep -qF '| p50 (instructions, icount) | p99 (instructions, icount) |' '$run/matrix.md' && ! grep -q 'µs' '$run/matrix.md'"
fi
# The run's figures by name, from matrix.json (never a CSV column by place).
for v in $(list_variants .); do
	j() { jq -r --arg v "$v" ".variants[] | select(.variant == \$v) | $1" "$run/matrix.json"; }
	r=0; [ "$(j .agree)" = true ] || r=1
	ok "$r" "$v: measured = declared ($(j '[.measured.state, .measured.iowait, .measured.load, .measured.hung_task] | join(",")'))"
	stop=$(j .stop_ns)
	r=0; [[ $stop =~ ^[1-9][0-9]*$ ]] && [ "$(sed -n 's/^stop_ns: //p' "$run/$v/matrix")" = "$stop" ] || r=1
	ok "$r" "$v: stop_ns from the harness's own timing ($stop)"
	untested=$(j .without_stop_test)
	r=0; [[ $untested =~ ^(hangs|stops)$ ]] || r=1
	ok "$r" "$v: its unload without the stop test measured ($untested)"
	# The latency from the run's trace, exact (the histogram's bucket
	# middle moved with one short sample between boots).
	p50=$(j .p50_ns)
	r=0; [[ $p50 =~ ^[1-9][0-9]*$ ]] && [ "$(sed -n 's/^p50_ns: //p' "$run/$v/analysis")" = "$p50" ] &&
		[ "$(sed -n 's/^percentiles: //p' "$run/$v/analysis")" = exact ] || r=1
	ok "$r" "$v: p50 exact, from the trace's analysis ($p50)"
	[ "$r" -eq 0 ] && continue
	j . | diag
done
# Interruptible waits (declared S) return on kthread_stop()'s
# TIF_NOTIFY_SIGNAL; the others sleep again when their condition ignores
# the stop.
is "$(jq -r '[.variants[] | select(.without_stop_test == "stops") | .variant] | join(" ")' "$run/matrix.json")" \
	"$(jq -r '[.variants[] | select(.declared.state == "S") | .variant] | join(" ")' "$run/matrix.json")" \
	"without the stop test only the interruptible waits (declared S) stop"
# The wake-all order, from the trace: read for every variant (one waiter
# for rcuwait), never failed or without a round; lifo for a wait queue's
# non-exclusive waiters, fifo for the rest, as declared (agree above).
check "the wake-all order read from the trace for every variant, rounds counted" \
	sh -c "jq -e '[.variants[] | .wake_all_order | select(. == null or .measured == \"failed\" or .measured == \"none\" or (.measured != \"one\" and .rounds < 1))] | length == 0' '$run/matrix.json' >/dev/null"
check "... lifo and fifo both seen" \
	sh -c "jq -e '[.variants[] | .wake_all_order.measured] | (index(\"lifo\") != null and index(\"fifo\") != null)' '$run/matrix.json' >/dev/null"
# The freezer ran on every variant (this kernel has pm_test): the ones
# that declare TASK_FREEZABLE froze, every other refused, and the first
# suspend's refusal named each refuser's waiter.
is "$(jq -r '[.variants[] | select(.freezer.measured == "freezes") | .variant] | join(" ")' "$run/matrix.json")" \
	"$(for v in $(list_variants .); do grep -q '^expect_freezer: freezes' "$run/$v/stats" && echo "$v"; done | tr '\n' ' ' | sed 's/ $//')" \
	"the freezer froze exactly the variants that declare it (their waits' TASK_FREEZABLE)"
check "... and every other refused it" \
	sh -c "jq -e '[.variants[] | .freezer.measured] | map(select(. == \"freezes\" or . == \"refuses\")) | length == $(list_variants . | wc -l)' '$run/matrix.json' >/dev/null"
bad=$(jq -r '.variants[] | select((.freezer.measured == "refuses" and .freezer.state != .declared.state) or (.freezer.measured == "freezes" and .freezer.state != "D")) | .variant' "$run/matrix.json")
is "$bad" "" "... each refuser, asleep, showed its wait's ps letter most (frozen: D)"
for v in $bad; do
	diag "$v: $(grep '^freezer' "$run/$v/matrix" | tr '\n' ' ')"
done
check "... the first suspend named each refuser's waiter" \
	sh -c "[ \"\$(grep -c 'task:waitcmp_wait' '$run/freezer-1.log')\" = \"\$(jq '[.variants[] | select(.freezer.measured == \"refuses\")] | length' '$run/matrix.json')\" ]"
# A yes/no needs samples: a variant with 5 state samples is not measured.
few=$base/few
cp -r "$(cd "$run" && pwd -P)" "$few"
sed -i 's/^state_sample_count: .*/state_sample_count: 5/' "$few/swait/accounting"
r=0; bench/bin/report matrix "$few" >/dev/null 2>&1 || r=$?
check "report matrix: 5 state samples fail the variant (exit 1)" test "$r" = 1
check "... and its row says why" grep -qF '**no: samples(5<20)**' "$few/matrix.md"
check "... and matrix.json too" \
	sh -c "jq -e '.variants[] | select(.variant == \"swait\") | .agree == false and .disagree == [\"samples(5<20)\"]' '$few/matrix.json' >/dev/null"
check "the real run's matrix.json: every variant, none differing" \
	sh -c "jq -e '(.variants | length) == $(list_variants . | wc -l) and .differing_count == 0' '$run/matrix.json' >/dev/null"
check "every variant of the real run had at least 20" \
	sh -c "! grep -h '^state_sample_count:' '$run'/*/accounting | awk '\$2 < 20 { bad = 1 } END { exit !bad }'"
done_testing
