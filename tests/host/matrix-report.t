#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/report matrix on the host, no VM: the committed reference
# matrix run gives its committed matrix.csv and matrix.md again, with
# matrix.json and the figure; copies of it with one thing changed each
# (too few state samples, a hung-task report that differs from the
# declaration, an unclear iowait share, a failed variant, the wall clock,
# a run without the trace's analysis) give the row, the exit status, the
# unit and the JSON they should. The run in the VM is matrix.t.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ref=results/reference-matrix-20261207T214240Z
report=bench/bin/report
check "bench/bin/report builds" make -s -C bench bin/report

# copy NAME: the reference run without the outputs of its report, in $tmp/NAME.
copy() {
	cp -r "$ref" "$tmp/$1"
	rm -f "$tmp/$1"/matrix.{csv,md,png,svg,json}
}
# run NAME: report matrix on it; its exit status in rc, its messages in NAME.err.
run() {
	rc=0
	$report matrix "$tmp/$1" >"$tmp/$1.out" 2>"$tmp/$1.err" || rc=$?
}
is_rc() { [ "$rc" = "$1" ]; }
# row NAME VARIANT: the variant's row of NAME's matrix.md.
row() { grep -F "| [$2](../variants/$2.c) |" "$tmp/$1/matrix.md"; }
# js NAME FILTER: jq -r FILTER on NAME's matrix.json.
js() { jq -r "$2" "$tmp/$1/matrix.json"; }
# has_row NAME VARIANT TEXT: the variant's row in matrix.md holds TEXT.
has_row() { row "$1" "$2" | grep -qF -- "$3"; }
# val VARIANT FILE KEY: a figure of the reference run, so that the checks
# hold for whichever run is the reference.
val() { sed -n "s/^$3: //p" "$ref/$1/$2"; }
# share VARIANT: its iowait ticks over its waited ticks, two decimals.
share() { awk -v i="$(val "$1" accounting iowait_ticks)" -v w="$(val "$1" accounting waited_ticks)" 'BEGIN { printf "%.2f", i / w }'; }
# wf VARIANT KEY: the matrix.md cell of a woken_from list ("all four").
wf() {
	case $(val "$1" matrix "$2") in
	"kthread hardirq irq_work workqueue") echo "all four" ;;
	*) val "$1" matrix "$2" | tr ' ' / ;;
	esac
}
# The reference's variants: every folder with a status.
nvar=$(find "$ref" -mindepth 2 -maxdepth 2 -name status | wc -l)
sw_stop=$(val swait matrix stop_ns)
sw_p50=$(val swait analysis p50_ns)
sw_p99=$(val swait analysis p99_ns)

copy ref
run ref
check "the reference run: exit 0 (every variant as declared)" is_rc 0
check "matrix.csv is the committed one, byte for byte" cmp "$ref/matrix.csv" "$tmp/ref/matrix.csv"
check "matrix.md is the committed one, byte for byte" cmp "$ref/matrix.md" "$tmp/ref/matrix.md"
check "the figure: matrix.png and matrix.svg" test -s "$tmp/ref/matrix.png" -a -s "$tmp/ref/matrix.svg"
check "its title says 0 of $nvar variants differ" grep -qF "(0 of $nvar variants)</text>" "$tmp/ref/matrix.svg"
check "its data: four cells per variant in plot/matrix.dat" \
	test "$(grep -c '' "$tmp/ref/plot/matrix.dat")" = $((4 * nvar))
check "nothing is left under a temporary name" \
	test -z "$(find "$tmp/ref" -name '*.tmp')"
check "nothing on stderr" test ! -s "$tmp/ref.err"

# The JSON
check "matrix.json is valid JSON" sh -c "jq -e . '$tmp/ref/matrix.json' >/dev/null"
check "schema, kernel, clock and latency unit" \
	test "$(js ref '[.schema, .kernel, .clock, .latency_unit] | join("|")')" = \
	"waitcmp-matrix/1|6.1.0-57-amd64|icount|instructions (icount)"
check "every variant, none differing" \
	test "$(js ref '[(.variants | length), .variant_count, .differing_count, .min_state_samples] | join(" ")')" = "$nvar $nvar 0 20"
sw='.variants[] | select(.variant == "swait")'
check "swait: declared and measured by name" \
	test "$(js ref "$sw | [.declared.state, .declared.iowait, .declared.load, .declared.hung_task, .measured.state, .measured.iowait, .measured.load, .measured.hung_task, .agree] | join(\" \")")" = \
	"D no yes yes D no yes yes true"
check "swait: its stats' family, wake-one, waiters, primitive and size" \
	test "$(js ref "$sw | [.family, .wakes_one, .max_waiters, .primitive, .primitive_size_bytes] | join(\"|\")")" = \
	"simple and bit waits|true|64|struct swait_queue_head|24"
check "swait: sample counts and latency figures, numbers, from the accounting and the trace's analysis" \
	test "$(js ref "$sw | [.state_sample_count, .latency_samples, .stop_ns, .p50_ns, .p99_ns, .latency_from, .latency_percentiles, .uninterruptible_share] | join(\" \")")" = \
	"$(val swait accounting state_sample_count) $(val swait analysis samples) $sw_stop $sw_p50 $sw_p99 analysis exact 1"
check "io_schedule: the iowait share of its waited ticks" \
	test "$(js ref '.variants[] | select(.variant == "io_schedule") | .iowait_share | . * 100 | round')" = \
	"$(awk -v s="$(share io_schedule)" 'BEGIN { printf "%d", s * 100 + 0.5 }')"
check "the stop-test column: swait hangs, wait_event_interruptible stops, as the run found" \
	test "$(js ref '[.variants[] | select(.variant == "swait" or .variant == "wait_event_interruptible") | .without_stop_test] | join(" ")')" = \
	"$(val swait matrix stop_untested) $(val wait_event_interruptible matrix stop_untested)"

# A yes/no needs samples: a variant with 5 state samples is not measured.
copy few
sed -i 's/^state_sample_count: .*/state_sample_count: 5/' "$tmp/few/swait/accounting"
run few
check "5 state samples fail the variant (exit 1)" is_rc 1
check "... and its row says why" has_row few swait '**no: samples(5<20)**'
check "... as does the JSON" \
	test "$(js few "$sw | [.agree, (.disagree | join(\" \")), .state_sample_count] | join(\" \")")" = "false samples(5<20) 5"
check "... and the figure's title: 1 of $nvar" grep -qF "(1 of $nvar variants)</text>" "$tmp/few/matrix.svg"
check "... the other rows agree" test "$(grep -c '| yes |$' "$tmp/few/matrix.md")" = $((nvar - 1))

copy hung
sed -i 's/^hung_task: .*/hung_task: 0/' "$tmp/hung/swait/matrix"
run hung
check "a hung-task report missing against the declaration: exit 1" is_rc 1
check "... its row says hung_task" has_row hung swait "| D | no (0.00) | 0 | 0.0 | yes | no | $sw_stop | $(val swait matrix stop_untested) | $(wf swait woken_from) | $(wf swait woken_all_from) | $sw_p50 | $sw_p99 | **no: hung_task** |"
check "... and the figure's cell is red (2), labelled with the declaration" \
	grep -qx '3 [0-9]* 2 swait "no (declared yes)"' "$tmp/hung/plot/matrix.dat"
check "... the CSV says agree no, disagree hung_task, by its columns" \
	test "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 == "swait" { print $c["agree"], $c["disagree"] }' "$tmp/hung/matrix.csv")" = "no hung_task"

check "under icount nothing in matrix.md is in µs (the context table's period included)" \
	sh -c "! grep -q 'µs' '$tmp/ref/matrix.md'"
check "the latency by waker context: a row per variant, p50 / wake cost, from its matrix file" \
	grep -qxF "| completion | $(val completion matrix ctx_p50_ns_kthread) / $(val completion matrix ctx_wake_cost_ns_kthread) | $(val completion matrix ctx_p50_ns_hardirq) / $(val completion matrix ctx_wake_cost_ns_hardirq) | $(val completion matrix ctx_p50_ns_irq_work) / $(val completion matrix ctx_wake_cost_ns_irq_work) | $(val completion matrix ctx_p50_ns_workqueue) / $(val completion matrix ctx_wake_cost_ns_workqueue) |" "$tmp/ref/matrix.md"
check "... and in the JSON" \
	test "$(js ref '.variants[] | select(.variant == "completion") | .by_waker_context.hardirq.p50_ns')" = "$(val completion matrix ctx_p50_ns_hardirq)"
copy refused
sed -i '/^ctx_.*_hardirq:/d' "$tmp/refused/swait/matrix"
run refused
check "a context without figures (refused) shows -" \
	grep -q '^| swait | [0-9]* / [0-9]* | - | [0-9]* / [0-9]* | [0-9]* / [0-9]* |$' "$tmp/refused/matrix.md"

copy woken
sed -i 's/^woken_all_from: .*/woken_all_from: kthread workqueue/' "$tmp/woken/completion/matrix"
run woken
check "a wake-all call that ran from fewer contexts than the module allows: exit 1" is_rc 1
check "... its row shows what ran and says woken_all_from" \
	has_row woken completion "| $(wf completion woken_from) | kthread/workqueue |"
check "... and names the column that differs" has_row woken completion '**no: woken_all_from** |'
check "... the JSON has both lists" \
	test "$(js woken '.variants[] | select(.variant == "completion") | [.woken_all_from, .wake_all_from] | join("|")')" = "kthread workqueue|$(val completion stats wake_all_from)"

copy unclear
sed -i 's/^procs_blocked_share: .*/procs_blocked_share: 0.30/' "$tmp/unclear/wait_event/accounting"
sed -i 's/^procs_blocked_share: .*/procs_blocked_share: 0.50/' "$tmp/unclear/io_wait_event/accounting"
sed -i 's/^procs_blocked_share: .*/procs_blocked_share: 0.10/' "$tmp/unclear/completion/accounting"
run unclear
check "a procs_blocked share of 0.30: iowait unclear, which no declaration is" has_row unclear wait_event '| unclear (0.00) |'
check "... and it differs (exit 1)" sh -c "[ $rc = 1 ] && grep -qF '**no: iowait**' '$tmp/unclear/matrix.md'"
check "a share of exactly a half is yes" has_row unclear io_wait_event "| yes ($(share io_wait_event)) |"
check "a share of exactly a tenth is no" has_row unclear completion '| no (0.00) |'

copy failed
echo failed >"$tmp/failed/rcuwait/status"
run failed
check "a failed variant: exit 1, its row says failed" \
	sh -c "[ $rc = 1 ] && grep -qF '| **no: failed** |' '$tmp/failed/matrix.md'"
check "... its status in the JSON" test "$(js failed '.variants[] | select(.variant == "rcuwait") | .status')" = failed

# Under the wall clock the latency columns are µs, one decimal; runs
# from before the matrix traced take the module's histogram (stats).
copy wall
sed -i 's/^clock: .*/clock: wall/' "$tmp/wall/env"
rm "$tmp/wall/completion/analysis"
run wall
check "the wall clock: exit 0" is_rc 0
check "the latency columns in µs of wall-clock time" \
	grep -qF '| stop (µs, wall-clock) | without the stop test | woken from (wake one) | woken from (wake all) | p50 (µs, wall-clock) | p99 (µs, wall-clock) |' "$tmp/wall/matrix.md"
us() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1000 }'; }
check "... with one decimal: stop $sw_stop ns is $(us "$sw_stop"), p50 $sw_p50 ns $(us "$sw_p50")" \
	has_row wall swait "| $(us "$sw_stop") | $(val swait matrix stop_untested) | $(wf swait woken_from) | $(wf swait woken_all_from) | $(us "$sw_p50") | $(us "$sw_p99") | yes |"
cp50=$(val completion stats p50_ns)
cp99=$(val completion stats p99_ns)
check "no analysis: the stats' p50 and p99 ($cp50, $cp99: the histogram's)" \
	grep -q "^completion,.*,$(val completion matrix stop_ns),$(val completion matrix stop_untested),$(val completion matrix woken_from),$(val completion stats wake_from),$(val completion matrix woken_all_from),$(val completion stats wake_all_from),$cp50,$cp99,$(val completion stats timeout),$(val completion matrix timeout_fires),$(val completion matrix timeout_us),$(val completion matrix timeout_expiries),$(val completion matrix timeout_expiry_early),$(val completion matrix timeout_expiry_ret),$(val completion matrix timeout_expiry_slept_p50_ns),$(val completion stats expect_signals),$(val completion matrix signal_usr1),$(val completion matrix signal_usr1_ret),$(val completion matrix signal_kill),$(val completion matrix signal_kill_ret),$(val completion matrix wake_order),$(val completion matrix freezer),$(val completion stats expect_freezer),$(val completion matrix freezer_state),$(val completion matrix wake_all_order),$(val completion stats expect_wake_all_order),yes,\$" "$tmp/wall/matrix.csv"
check "... and the JSON says where it came from" \
	test "$(js wall '.variants[] | select(.variant == "completion") | [.latency_from, .latency_percentiles, .p50_ns] | join(" ")')" = "stats histogram $cp50"
check "... the clock and unit in the JSON" \
	test "$(js wall '[.clock, .latency_unit] | join("|")')" = "wall|ns of wall-clock time"

# wa VARIANT: the reference's wake-all order cell of the variant.
wa() {
	local o
	o=$(val "$1" matrix wake_all_order)
	case $o in
	"") echo - ;;
	one) echo "one waiter" ;;
	*) echo "$o ($(val "$1" matrix "wake_all_order_$o") of $(val "$1" matrix wake_all_order_rounds) rounds; declared $(val "$1" stats expect_wake_all_order))" ;;
	esac
}
check "the properties table: type, sizeof, whom a wake runs, the wake-all order, most waiters, timeout (the stats' and the matrix's)" \
	grep -qF "| completion | \`$(val completion stats primitive)\` | $(val completion stats primitive_size) | one, the longest asleep (all $(val completion matrix wake_order_oldest)) | $(wa completion) | $(val completion stats max_waiters) | $(val completion stats timeout | grep . || echo -) |" "$tmp/ref/matrix.md"
# shellcheck disable=SC2016 # the backquotes are Markdown's
check "... a wake-all API's" grep -q '^| wait_event | `struct wait_queue_head` | [0-9]* | all waiters |' "$tmp/ref/matrix.md"

# Timeouts that fire: the reference's own firing gives its row, CSV and
# JSON; a copy where an hrtimer ended early and a wait without a timeout
# fired disagrees on both; a jiffies timeout that ended early does not
# (its tick counter may lag the clock).
t=wait_event_timeout
tv() { val "$t" matrix "timeout_$1"; }
copy timeout
run timeout
check "timeouts: the reference's row of $t: kind, expiries, slept p50 / min / max, shorter than asked, returned" \
	grep -qxF "| $t | $(val $t stats timeout) | $(tv fires) | $(tv expiries) | $(tv expiry_slept_p50_ns) | $(tv expiry_slept_min_ns) | $(tv expiry_slept_max_ns) | $(tv expiry_early) | $(tv expiry_ret) |" "$tmp/timeout/matrix.md"
check "... the time asked for in the run's unit (instructions under icount)" \
	grep -q "against the time asked for ($(($(tv us) * 1000))), in instructions, icount" "$tmp/timeout/matrix.md"
none=$(grep -l '^timeout: none' "$ref"/*/stats | wc -l)
check "... and the $none waits without one refused it" \
	grep -qxF "The $none waits without a timeout: $none refused \`timeout_us\` at insmod, as they must." "$tmp/timeout/matrix.md"
check "... in the CSV" grep -q "^$t,.*,$(val $t stats timeout),$(tv fires),$(tv us),$(tv expiries),$(tv expiry_early),$(tv expiry_ret),$(tv expiry_slept_p50_ns),.*,yes,\$" "$tmp/timeout/matrix.csv"
check "... and the JSON" \
	test "$(js timeout ".variants[] | select(.variant == \"$t\") | [.timeout, .timeout_fired.fired, .timeout_fired.expiries, .timeout_fired.shorter_than_asked, .timeout_fired.slept_p50_ns] | map(tostring) | join(\" \")")" = "$(val $t stats timeout) $(tv fires) $(tv expiries) $(tv expiry_early) $(tv expiry_slept_p50_ns)"
# fired NAME VARIANT KIND FIRES EARLY: the variant's declared timeout and its firing, made up.
fired() {
	sed -i '/^timeout: /d' "$tmp/$1/$2/stats"
	sed -i '/^timeout_/d' "$tmp/$1/$2/matrix"
	echo "timeout: $3" >>"$tmp/$1/$2/stats"
	printf '%s\n' "timeout_fires: $4" "timeout_us: 2000" "timeout_expiries: 3" \
		"timeout_expiry_early: $5" "timeout_expiry_ret: 0" "timeout_expiry_slept_min_ns: 1200000" \
		"timeout_expiry_slept_p50_ns: 1500000" "timeout_expiry_slept_max_ns: 4000000" >>"$tmp/$1/$2/matrix"
}
copy timeout-bad
fired timeout-bad swait hrtimer yes 1
fired timeout-bad wait_event none yes 0
fired timeout-bad wait_event_timeout jiffies yes 1
run timeout-bad
check "timeouts: an hrtimer that ended early, a wait without a timeout that fired: exit 1" is_rc 1
check "... both disagree on timeout" \
	sh -c "grep -q '^swait,.*,no,timeout\$' '$tmp/timeout-bad/matrix.csv' && grep -q '^wait_event,.*,no,timeout\$' '$tmp/timeout-bad/matrix.csv'"
check "... a jiffies timeout that ended early agrees (reported in its row)" \
	sh -c "grep -q '^wait_event_timeout,.*,jiffies,yes,2000,3,1,0,1500000,.*,yes,\$' '$tmp/timeout-bad/matrix.csv' && grep -qxF '| wait_event_timeout | jiffies | yes | 3 | 1500000 | 1200000 | 4000000 | 1 | 0 |' '$tmp/timeout-bad/matrix.md'"

# Signals: as declared (any: both end the wait; fatal: SIGKILL only; none:
# neither), the properties table's cells; then a killable wait that
# ignored SIGKILL and an uninterruptible one that a signal ended disagree.
# sigs NAME VARIANT DECLARED USR1 KILL: made-up signal lines.
sigs() {
	sed -i '/^expect_signals: /d' "$tmp/$1/$2/stats"
	sed -i '/^signal_/d' "$tmp/$1/$2/matrix"
	echo "expect_signals: $3" >>"$tmp/$1/$2/stats"
	printf '%s\n' "signal_usr1: $4" "signal_usr1_ret: -512" "signal_kill: $5" "signal_kill_ret: -512" >>"$tmp/$1/$2/matrix"
}
copy signals
sigs signals wait_event_interruptible any ends ends
sigs signals completion_killable fatal ignored ends
sigs signals wait_event none ignored ignored
run signals
check "signals: as declared, exit 0" is_rc 0
check "... the cells: ends with the return value, or ignored" \
	sh -c "grep -q '^| wait_event_interruptible | .* | any | ends (-512) | ends (-512) |\$' '$tmp/signals/matrix.md' && grep -q '^| completion_killable | .* | fatal | ignored | ends (-512) |\$' '$tmp/signals/matrix.md' && grep -q '^| wait_event | .* | none | ignored | ignored |\$' '$tmp/signals/matrix.md'"
check "... and the JSON" \
	test "$(js signals '.variants[] | select(.variant == "completion_killable") | .signals | [.declared, .usr1, .kill, .kill_ret] | map(tostring) | join(" ")')" = "fatal ignored ends -512"
copy signals-bad
sigs signals-bad completion_killable fatal ignored ignored
sigs signals-bad wait_event none ends ignored
run signals-bad
check "signals: a killable wait that ignored SIGKILL, an uninterruptible one SIGUSR1 ended: exit 1, both disagree" \
	sh -c "[ $rc = 1 ] && grep -q '^completion_killable,.*,no,signals\$' '$tmp/signals-bad/matrix.csv' && grep -q '^wait_event,.*,no,signals\$' '$tmp/signals-bad/matrix.csv'"

# Wake order: a wake-one variant that ran the oldest of four waiters each
# time, and a wake-all one, agree; a wake-one variant that ran others
# disagrees, its counts in the cell.
# order NAME VARIANT ORDER OLDEST NEWEST OTHER: made-up wake order lines.
order() {
	sed -i '/^wake_order/d' "$tmp/$1/$2/matrix"
	printf '%s\n' "wake_order: $3" "wake_order_oldest: $4" "wake_order_newest: $5" "wake_order_other: $6" >>"$tmp/$1/$2/matrix"
}
copy order
order order completion fifo 32 0 0
order order wait_event all 0 0 0
run order
check "wake order: as the code says, exit 0" is_rc 0
check "... the cells: the longest asleep each time; all waiters" \
	sh -c "grep -q '^| completion | .* | one, the longest asleep (all 32) |' '$tmp/order/matrix.md' && grep -q '^| wait_event | .* | all waiters |' '$tmp/order/matrix.md'"
copy order-bad
order order-bad completion mixed 20 4 8
run order-bad
check "wake order: a wake-one variant that ran others: exit 1, disagrees, counts in its cell" \
	sh -c "[ $rc = 1 ] && grep -q '^completion,.*,mixed,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,no,wake_order\$' '$tmp/order-bad/matrix.csv' && grep -q '^| completion | .* | one: mixed (oldest 20, newest 4, other 8) |' '$tmp/order-bad/matrix.md'"

# The wake-all order: as declared (lifo, fifo), a wake call that picks the
# order itself (caller) whatever was measured, and one waiter agree, their
# cells and JSON; a declared fifo measured lifo, and a failed reading,
# disagree.
# waw NAME VARIANT DECLARED MEASURED ROUNDS FIFO LIFO OTHER: made-up lines.
waw() {
	sed -i '/^expect_wake_all_order: /d' "$tmp/$1/$2/stats"
	sed -i '/^wake_all_order/d' "$tmp/$1/$2/matrix"
	echo "expect_wake_all_order: $3" >>"$tmp/$1/$2/stats"
	printf '%s\n' "wake_all_order: $4" "wake_all_order_rounds: $5" "wake_all_order_fifo: $6" \
		"wake_all_order_lifo: $7" "wake_all_order_other: $8" >>"$tmp/$1/$2/matrix"
}
copy wakeall
waw wakeall wait_event lifo lifo 19 0 19 0
waw wakeall completion fifo fifo 19 19 0 0
waw wakeall schedule caller mixed 19 10 0 9
sed -i '/^wake_all_order/d' "$tmp/wakeall/rcuwait/matrix"
echo "wake_all_order: one" >>"$tmp/wakeall/rcuwait/matrix"
run wakeall
check "wake-all order: as declared, a caller's own order, one waiter: exit 0" is_rc 0
check "... the cells" \
	sh -c "grep -q '^| wait_event | .* | all waiters | lifo (19 of 19 rounds; declared lifo) |' '$tmp/wakeall/matrix.md' && grep -q '^| completion | .* | fifo (19 of 19 rounds; declared fifo) |' '$tmp/wakeall/matrix.md' && grep -q '^| schedule | .* | mixed (fifo 10, lifo 0, other 9 of 19 rounds; declared caller) |' '$tmp/wakeall/matrix.md' && grep -q '^| rcuwait | .* | one waiter |' '$tmp/wakeall/matrix.md'"
check "... and the JSON" \
	test "$(js wakeall '.variants[] | select(.variant == "wait_event") | .wake_all_order | [.declared, .measured, .rounds, .lifo] | map(tostring) | join(" ")')" = "lifo lifo 19 19"
copy wakeall-bad
waw wakeall-bad completion fifo lifo 19 0 19 0
waw wakeall-bad wait_event lifo failed "" "" "" ""
run wakeall-bad
check "wake-all order: a fifo declared, lifo measured, and a failed reading: exit 1, both disagree" \
	sh -c "[ $rc = 1 ] && grep -q '^completion,.*,lifo,fifo,no,wake_all_order\$' '$tmp/wakeall-bad/matrix.csv' && grep -q '^wait_event,.*,failed,lifo,no,wake_all_order\$' '$tmp/wakeall-bad/matrix.csv'"

# The freezer: a wait frozen where it sleeps and one that refused, as
# declared, give their rows (the run's pm_freeze_timeout and sampling
# period in the text) and JSON; a declared refuser that froze and a
# declared freezer whose measure failed disagree; a kernel without the
# freezer test ("unsupported") says nothing of the variant.
# frz NAME VARIANT DECLARED MEASURED STATE SUSPEND: made-up freezer lines.
frz() {
	sed -i '/^expect_freezer: /d' "$tmp/$1/$2/stats"
	sed -i '/^freezer/d' "$tmp/$1/$2/matrix"
	echo "expect_freezer: $3" >>"$tmp/$1/$2/stats"
	printf '%s\n' "freezer: $4" "freezer_state: $5" "freezer_suspend: $6" "freezer_timeout_ms: 750" \
		"freezer_freeze_sample_us: 1000" "freezer_suspends: 1" "freezer_freeze_samples: 700" \
		"freezer_freeze_frozen: 600" "freezer_freeze_runnable: 40" "freezer_freeze_after_wait: 0" >>"$tmp/$1/$2/matrix"
}
copy freezer
frz freezer wait_event_freezable freezes freezes D ok
frz freezer wait_event refuses refuses S busy
# One phase, one pm_freeze_timeout: the run's for every variant.
sed -i 's/^freezer_timeout_ms: .*/freezer_timeout_ms: 750/' "$tmp"/freezer/*/matrix
run freezer
check "freezer: as declared, exit 0" is_rc 0
check "... the rows: measured, ps letter, the suspend, samples (frozen)" \
	sh -c "grep -qxF '| wait_event_freezable | freezes | freezes | D | goes through | 600, 40, 700 |' '$tmp/freezer/matrix.md' && grep -qxF '| wait_event | refuses | refuses | S | fails (EBUSY) | 600, 40, 700 |' '$tmp/freezer/matrix.md'"
check "... the text gives the run's pm_freeze_timeout and sampling period" \
	sh -c "grep -q '\`pm_freeze_timeout\` 750 ms' '$tmp/freezer/matrix.md' && grep -q 'every 1000 microseconds' '$tmp/freezer/matrix.md'"
check "... and the JSON" \
	test "$(js freezer '.variants[] | select(.variant == "wait_event") | .freezer | [.declared, .measured, .state, .suspend, .samples, .frozen_samples, .runnable_samples] | map(tostring) | join(" ")')" = "refuses refuses S busy 700 600 40"
copy freezer-bad
frz freezer-bad wait_event refuses freezes D ok
frz freezer-bad wait_event_freezable freezes failed - busy
frz freezer-bad completion refuses unsupported - -
run freezer-bad
check "freezer: a refuser that froze, a freezer whose measure failed: exit 1, both disagree" \
	sh -c "[ $rc = 1 ] && grep -q '^wait_event,.*,freezes,refuses,D,[^,]*,[^,]*,no,freezer\$' '$tmp/freezer-bad/matrix.csv' && grep -q '^wait_event_freezable,.*,failed,freezes,-,[^,]*,[^,]*,no,freezer\$' '$tmp/freezer-bad/matrix.csv'"
check "... a kernel without the freezer test says nothing of completion: no row, no disagreement" \
	sh -c "! grep -q '^| completion | refuses' '$tmp/freezer-bad/matrix.md' && ! grep -q '^completion,.*freezer\$' '$tmp/freezer-bad/matrix.csv'"

# The figure needs gnuplot: without it the tables are written, exit 1.
copy nognuplot
rc=0
PATH=/nonexistent "$PWD/$report" matrix "$tmp/nognuplot" >/dev/null 2>"$tmp/nognuplot.err" || rc=$?
check "no gnuplot: exit 1, says so" sh -c "[ $rc = 1 ] && grep -q '^report matrix: cannot run gnuplot' '$tmp/nognuplot.err'"
check "... the tables are written all the same, no figure, no temporary" \
	sh -c "cmp -s '$ref/matrix.csv' '$tmp/nognuplot/matrix.csv' && [ -s '$tmp/nognuplot/matrix.json' ] && [ ! -e '$tmp/nognuplot/matrix.png' ] && [ -z \"\$(find '$tmp/nognuplot' -name '*.tmp')\" ]"

# Refusals: nothing written.
mkdir -p "$tmp/empty/notavariant"
run empty
check "a folder without variants: exit 2, says so, writes nothing" \
	sh -c "[ $rc = 2 ] && grep -q 'no variant in' '$tmp/empty.err' && [ -z \"\$(ls '$tmp/empty' | grep -v notavariant)\" ]"
rc=0; $report matrix >"$tmp/usage" 2>&1 || rc=$?
check "no folder: usage, exit 2" sh -c "[ $rc = 2 ] && grep -q '^usage: report matrix DIR' '$tmp/usage'"
rc=0; $report matrix "$tmp/nowhere" >/dev/null 2>&1 || rc=$?
check "a folder that does not exist: exit 2" is_rc 2
done_testing
