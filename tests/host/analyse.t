#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/analyse on the committed fixtures (tests/fixtures, recorded in the
# VM by tests/fixtures/make-fixtures), on the host only. Its numbers are
# checked against the module's own debugfs stats of the same run: counts,
# min, max and mean exactly; percentiles within 1/32 of the module's value
# (the width of the module's histogram buckets, 32 per power of two). And
# against trace-cmd report of the same file: the analyser's percentiles
# and sum_ns are exact (nearest-rank over the sorted latency_ns), or,
# past its cap of distinct values (forced down with ANALYSE_EXACT_CAP),
# within 1/512 of them (its histogram's 256 buckets per power of two).
#
# All fixtures but no-sleep.dat and the two *-w3-all.dat were recorded
# before waitcmp_woken had its slept field: there every record is a
# sample. no-sleep.dat has records whose wait returned without sleeping
# (slept=0), which are no samples.
#
# The wake order of wake-all calls: wait_event-w3-all.dat and
# completion-w3-all.dat (wake_all=1, three waiters on one CPU) give the
# order the kernel's code gives (wake_up_all() the newest sleeper first,
# complete_all() the oldest), the count of rounds is that of an awk
# reading of trace-cmd report by the same rules, and traces cut from them
# (trace-cmd split) leave out the rounds the rules leave out.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/host/tap.sh
. "$root/tests/host/tap.sh"
fix=$root/tests/fixtures
an=$root/bench/bin/analyse

if ! make -s -C "$root/bench" >/dev/null 2>&1; then
	echo "1..0 # SKIP bench/bin/analyse does not build here (make -C bench)"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run ARGS...: the analyser; sets rc, out (stdout) and err (stderr).
run() {
	rc=0
	"$an" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
	out=$(cat "$tmp/stdout")
	err=$(cat "$tmp/stderr")
}

# val KEY: a value from the analyser's output (the first variant's).
val() {
	printf '%s\n' "$out" | awk -v k="$1:" '$1 == k { print $2; exit }'
}

# stat FILE KEY: a value from a debugfs stats file.
stat() {
	awk -v k="$2:" '$1 == k { print $2; exit }' "$1"
}

# near GOT MODULE: within 1/32 of the module's value.
near() {
	awk -v a="$1" -v m="$2" 'BEGIN {
		d = a - m
		if (d < 0) d = -d
		exit !(a ~ /^[0-9]+$/ && d * 32 <= m)
	}'
}

# like_module NAME STATS NOTE: the analyser's min, max and mean equal the
# module's (from its STATS file), its percentiles are within 1/32.
like_module() {
	local k m
	for k in min_ns max_ns mean_ns; do
		is "$(val $k)" "$(stat "$2" $k)" "$1: $k = the module's$3"
	done
	for k in p50_ns p90_ns p99_ns p999_ns; do
		m=$(stat "$2" $k)
		if near "$(val $k)" "$m"; then
			pass "$1: $k within 1/32 of the module's"
		else
			fail "$1: $k within 1/32 of the module's"
			diag "analyse $(val $k), module $m"
		fi
	done
}

# fails_with PATTERN DESCRIPTION: exit status 1, nothing on stdout, and
# a message with the file name and PATTERN on stderr.
fails_with() {
	local file=$1 pattern=$2 desc=$3
	if [ "$rc" = 1 ] && [ -z "$out" ] &&
	   grep -q "analyse: $file: .*$pattern" "$tmp/stderr"; then
		pass "$desc"
	else
		fail "$desc"
		diag "exit $rc, stdout '$out', stderr '$err'"
	fi
}

# The scheduler latencies trace-cmd report shows: a waitcmp_woken counts
# when its pid had a sched_waking after the wake of its seq, followed by
# a switch-in. An independent count of what sched_matched should be.
sched_expected() {
	trace-cmd report -i "$1" 2>/dev/null | awk '
	/ sched_waking: / {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^pid=/)
				waking[substr($i, 5)] = $3
	}
	/ sched_switch: / {
		split($0, a, "==> ")
		split(a[2], b, " ")
		pid = b[1]
		sub(/.*:/, "", pid)
		if (pid in waking) {
			from[pid] = waking[pid]
			delete waking[pid]
		}
	}
	/ waitcmp_wake: / {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^seq=/)
				wake[substr($i, 5)] = $3
	}
	/ waitcmp_woken: / {
		n = split($1, c, "-")
		pid = c[n]
		for (i = 1; i <= NF; i++)
			if ($i ~ /^seq=/)
				seq = substr($i, 5)
		if ((pid in from) && (seq in wake) && from[pid] + 0 > wake[seq] + 0)
			matched++
		delete from[pid]
		delete waking[pid]
	}
	END { print matched + 0 }'
}

# single NAME WAITERS: a one-variant fixture with sched events.
single() {
	local name=$1 waiters=$2 dat=$fix/$1.dat stats=$fix/$1.stats
	local v iters samples k m want

	v=$(stat "$stats" variant)
	iters=$(stat "$stats" iterations)
	run "$dat"
	is "$rc" 0 "$name: exit status 0"
	is "$(val variant)" "$v" "$name: variant $v"
	case $v in
	completion*) want=$iters ;;
	*) want=$((iters * waiters)) ;;
	esac
	samples=$(val samples)
	is "$samples" "$want" "$name: samples = $want, one per waiter per wake"
	is "$samples" "$(stat "$stats" samples)" "$name: samples = the module's"
	is "$(val wakes)" "$iters" "$name: wakes = iterations"
	is "$(val woken_without_wake) $(val wakes_without_woken) $(val lost_events)" \
		"0 0 0" "$name: nothing unmatched, nothing lost"
	is "$(val records) $(val no_sleep)" "$samples 0" \
		"$name: no slept field: records = samples, no_sleep 0"
	is "$(val most_per_seq)" "$((want / iters))" \
		"$name: most_per_seq = $((want / iters)), the waiters a wake runs"
	like_module "$name" "$stats" ""
	check "$name: sched_matched > 0" test "$(val sched_matched)" -gt 0
	if command -v trace-cmd >/dev/null; then
		is "$(val sched_matched)" "$(sched_expected "$dat")" \
			"$name: sched_matched = the count from trace-cmd report"
	else
		skip "$name: trace-cmd not installed to count sched matches"
	fi
	[ "$(val sched_matched)" = "$samples" ] ||
		diag "$name: $((samples - $(val sched_matched))) samples had no sched_waking after their wake (waiter not asleep)"
	is "$(val sched_p50_diff_pct)" \
		"$(awk -v p="$(val p50_ns)" -v s="$(val sched_p50_ns)" \
			'BEGIN { printf "%.1f", 100 * (p - s) / p }')" \
		"$name: sched_p50_diff_pct = 100 * (p50 - sched_p50) / p50"
	check "$name: sched percentiles are numbers" \
		test "$(val sched_p50_ns)" -le "$(val sched_p99_ns)"
}

single wait_event-w2 2
single completion-w3 3
run "$fix/completion-w3.dat"
is "$(val sched_matched)" "$(val samples)" \
	"completion-w3: every sample has its scheduler latency"

# Two variants in one trace, no sched events.
run "$fix/together.dat"
is "$rc" 0 "together: exit status 0"
is "$(printf '%s\n' "$out" | awk '$1 == "variant:" { printf "%s ", $2 }')" \
	"wait_event_interruptible io_wait_event " "together: both variants, in trace order"
is "$(printf '%s\n' "$out" | grep -c '^$')" 1 "together: one blank line between them"
for v in wait_event_interruptible io_wait_event; do
	stats=$fix/together.$v.stats
	run -v "$v" "$fix/together.dat"
	is "$(printf '%s\n' "$out" | grep -c '^variant:')" 1 "together -v $v: only that variant"
	is "$(val samples) $(val wakes) $(val min_ns) $(val max_ns) $(val mean_ns)" \
		"$(stat "$stats" samples) $(stat "$stats" iterations) $(stat "$stats" min_ns) $(stat "$stats" max_ns) $(stat "$stats" mean_ns)" \
		"together -v $v: samples, wakes, min, max, mean = the module's"
	is "$(val sched_matched) $(val sched_p50_ns) $(val sched_p99_ns) $(val sched_mean_ns) $(val sched_p50_diff_pct)" \
		"0 n/a n/a n/a n/a" "together -v $v: no sched events, sched keys n/a"
	is "$(val records) $(val no_sleep) $(val most_per_seq)" "$(val samples) 0 1" \
		"together -v $v: records = samples, no_sleep 0, most_per_seq 1"
done
run -v nosuch "$fix/together.dat"
fails_with "$fix/together.dat" "variant 'nosuch'" "-v with a variant not in the trace fails"

# A trace whose ring buffer dropped events.
run "$fix/lost.dat"
is "$rc" 0 "lost: exit status 0"
check "lost: lost_events > 0, or -1 (a drop without a count)" \
	test "$(val lost_events)" -gt 0 -o "$(val lost_events)" = -1
if command -v trace-cmd >/dev/null; then
	# "CPU:1 [2815 EVENTS DROPPED]", or "CPU:0 [EVENTS DROPPED]".
	drops=$(trace-cmd report -i "$fix/lost.dat" 2>/dev/null | awk '
		/ EVENTS DROPPED]/ { n += substr($2, 2) }
		/\[EVENTS DROPPED]/ { unknown = 1 }
		END { print n + 0, unknown ? -1 : n + 0 }')
	is "$(val lost_events)" "${drops#* }" \
		"lost: lost_events = what trace-cmd report shows"
	check "lost: a warning on stderr gives the drops counted" \
		grep -q "dropped events in .* places, ${drops% *} events counted" \
		"$tmp/stderr"
else
	skip "lost: trace-cmd not installed to count drops"
	skip "lost: trace-cmd not installed to count drops"
fi
check "lost: fewer samples than the module counted" \
	test "$(val samples)" -lt "$(stat "$fix/lost.stats" samples)"
is "$(val records) $(val no_sleep) $(val most_per_seq)" "$(val samples) 0 1" \
	"lost: records = samples, no_sleep 0, most_per_seq 1"

# Records whose wait did not sleep (slept=0): counted as records and in
# no_sleep, left out of the latency figures; matched to their wakes all
# the same. The module's stats of the run count them the same way.
ns=$fix/no-sleep.dat
nstats=$fix/no-sleep.stats
run "$ns"
is "$rc" 0 "no-sleep: exit status 0"
check "no-sleep: the fixture has no-sleep records (its stats' no_sleep > 0)" \
	test "$(stat "$nstats" no_sleep)" -gt 0
is "$(val records)" "$(stat "$nstats" records)" "no-sleep: records = the module's records"
is "$(val no_sleep)" "$(stat "$nstats" no_sleep)" "no-sleep: no_sleep = the module's no_sleep"
is "$(val samples)" "$(stat "$nstats" samples)" "no-sleep: samples = the module's samples"
is "$(val samples)" "$(stat "$nstats" slept)" "no-sleep: samples = the module's slept"
is "$(($(val samples) + $(val no_sleep)))" "$(val records)" "no-sleep: samples + no_sleep = records"
is "$(val wakes)" "$(stat "$nstats" iterations)" "no-sleep: wakes = iterations"
is "$(val woken_without_wake) $(val wakes_without_woken) $(val lost_events)" \
	"0 0 0" "no-sleep: every record, slept or not, matched by seq; nothing lost"
is "$(val most_per_seq)" "$(stat "$nstats" waiters)" \
	"no-sleep: most_per_seq = waiters (wait_on_bit wakes every waiter)"
like_module no-sleep "$nstats" " (samples only)"
if command -v trace-cmd >/dev/null; then
	# "slept records, no-sleep records, min and max latency of the slept
	# ones, most records of one seq", from trace-cmd report.
	# shellcheck disable=SC2016 # an awk program
	got=$(trace-cmd report -i "$ns" 2>/dev/null | awk '
		/ waitcmp_woken: / {
			for (i = 1; i <= NF; i++) {
				split($i, kv, "=")
				f[kv[1]] = kv[2]
			}
			if (++per[f["seq"]] > most) most = per[f["seq"]]
			if (f["slept"] == 0) { nosleep++; next }
			slept++
			if (slept == 1 || f["latency_ns"] < min) min = f["latency_ns"]
			if (f["latency_ns"] > max) max = f["latency_ns"]
		}
		END { print slept + 0, nosleep + 0, min + 0, max + 0, most + 0 }')
	is "$(val samples) $(val no_sleep) $(val min_ns) $(val max_ns) $(val most_per_seq)" "$got" \
		"no-sleep: samples, no_sleep, min, max, most_per_seq = the counts from trace-cmd report"
else
	skip "no-sleep: trace-cmd not installed to count slept=0 records"
fi
dir=$tmp/plots/no-sleep
run -o "$dir" "$ns"
is "$(awk '!/^#/ { n += $3 } END { print n }' "$dir/hist.dat")" "$(val samples)" \
	"no-sleep: hist.dat counts sum to samples, not records"
is "$(awk '!/^#/ { x = $1 } END { print x }' "$dir/cdf.dat")" "$(val max_ns)" \
	"no-sleep: cdf.dat ends at the samples' max_ns"

# Wake order: the rules of round_close() in bench/analyse/analyse.c, read
# again from trace-cmd report (-t: nanoseconds, -R: raw fields) of a trace
# of one variant. "rounds fifo lifo other".
order_expected() {
	trace-cmd report -t -R -i "$1" 2>/dev/null | awk '
	function field(name,   i) {
		for (i = 1; i <= NF; i++)
			if (index($i, name "=") == 1)
				return substr($i, length(name) + 2)
		return ""
	}
	# A round is over: count it when two or more waiters recorded its
	# seq, each from a sleep before the wake, no two from the same time,
	# once a round of the run has had every waiter seen so.
	function close_round(   i, k, p, w, fifo, lifo) {
		if (!open)
			return
		open = 0
		k = 0
		for (i = 1; i <= n; i++) {
			p = order[i]
			if (!(p in rec))
				continue
			if (!(p in slept))
				return
			w[++k] = slept[p]
			if (k > 1 && w[k] == w[k - 1])
				return
		}
		if (!settled) {
			for (p in waiter)
				if (!(p in rec))
					return
			settled = 1
		}
		if (k < 2)
			return
		fifo = lifo = 1
		for (i = 2; i <= k; i++) {
			if (w[i] < w[i - 1]) fifo = 0
			if (w[i] > w[i - 1]) lifo = 0
		}
		rounds++
		if (fifo) nfifo++
		else if (lifo) nlifo++
		else nother++
	}
	{
		# The time (integer ns) and the event follow the [cpu] field.
		for (i = 1; i <= NF && $i !~ /^\[[0-9]+\]$/; i++)
			;
		split($(i + 1), tp, /[.:]/)
		t = tp[1] * 1000000000 + tp[2]
		ev = $(i + 2)
		pid = $(i - 1)
		sub(/.*-/, "", pid)
	}
	ev == "sched_switch:" {
		p = field("prev_pid")
		if (p != 0 && field("prev_state") % 256 != 0) {
			asleep[p] = 1
			since[p] = t
		}
		delete asleep[field("next_pid")]
	}
	ev == "sched_waking:" {
		p = field("pid")
		if (open && !(p in inround)) {
			inround[p] = 1
			order[++n] = p
			if ((p in asleep) && since[p] < wake_t)
				slept[p] = since[p]
		}
		delete asleep[p]
	}
	ev == "waitcmp_wake:" {
		close_round()
		open = 1
		seq = field("seq")
		wake_t = t
		n = 0
		delete inround
		delete order
		delete slept
		delete rec
	}
	ev == "waitcmp_woken:" {
		waiter[pid] = 1
		s = field("slept")
		if (open && field("seq") == seq && s != "0" && (pid in inround))
			rec[pid] = 1
	}
	ev == "waitcmp_run_begin:" {
		close_round()
		delete waiter
		settled = 0
	}
	ev == "waitcmp_run_end:" {
		close_round()
	}
	END {
		close_round()
		print rounds + 0, nfifo + 0, nlifo + 0, nother + 0
	}'
}

# order_keys: "rounds fifo lifo other" of the analyser's output.
order_keys() {
	echo "$(val wake_order_rounds) $(val wake_order_fifo) $(val wake_order_lifo) $(val wake_order_other)"
}

# wake_all NAME WORD: NAME (a wake_all=1 fixture) has rounds, and every
# one of them of kind WORD.
wake_all() {
	local name=$1 word=$2 dat=$fix/$1.dat stats=$fix/$1.stats
	local rounds kinds

	run "$dat"
	is "$rc $(stat "$stats" wake_all) $(stat "$stats" waiters)" "0 1 3" \
		"$name: exit status 0; the run had wake_all=1 and three waiters"
	rounds=$(val wake_order_rounds)
	check "$name: wake_order_rounds > 0" test "$rounds" -gt 0
	is "$(val wake_order) $(val "wake_order_$word")" "$word $rounds" \
		"$name: wake_order $word: every round of $rounds"
	# fifo lifo other
	kinds="0 $rounds 0"
	[ "$word" = lifo ] || kinds="$rounds 0 0"
	is "$(val wake_order_fifo) $(val wake_order_lifo) $(val wake_order_other)" \
		"$kinds" "$name: no round of another kind"
	if command -v trace-cmd >/dev/null; then
		is "$(order_keys)" "$(order_expected "$dat")" \
			"$name: rounds fifo lifo other = the counts from trace-cmd report"
	else
		skip "$name: trace-cmd not installed to count the rounds"
	fi
}

# wake_up_all(): non-exclusive waiters join the queue at its head
# (__add_wait_queue()), __wake_up_common() walks it from there.
wake_all wait_event-w3-all lifo
run "$fix/wait_event-w3-all.dat"
is "$(val wake_order_rounds)" "$(val wakes)" \
	"wait_event-w3-all: every wake is a round (its stats' no_sleep $(stat "$fix/wait_event-w3-all.stats" no_sleep): all three asleep at each)"
# complete_all(): swait waiters join at the tail (__prepare_to_swait()),
# swake_up_all_locked() wakes from the head.
wake_all completion-w3-all fifo
if command -v trace-cmd >/dev/null; then
	run "$fix/completion-w3-all.dat"
	is "$(val wake_order_rounds)" "$(trace-cmd report -i "$fix/completion-w3-all.dat" 2>/dev/null |
		awk '/ waitcmp_woken: .* slept=1 / {
			for (i = 1; i <= NF; i++)
				if ($i ~ /^seq=/)
					n[$i]++
		}
		END { for (s in n) k += n[s] >= 2; print k + 0 }')" \
		"completion-w3-all: rounds = the wakes that two or more waiters recorded having slept (its stats' no_sleep $(stat "$fix/completion-w3-all.stats" no_sleep))"
else
	skip "completion-w3-all: trace-cmd not installed to count the wakes"
fi

# Without rounds.
for f in together:wait_event_interruptible together:io_wait_event \
	 completion-w3:completion; do
	run -v "${f#*:}" "$fix/${f%%:*}.dat"
	case $f in
	together:*) why="no sched events" ;;
	*) why="complete() runs one waiter a wake" ;;
	esac
	is "$(order_keys) $(val wake_order)" "0 0 0 0 none" \
		"${f%%:*} ${f#*:}: wake_order none, 0 rounds ($why)"
done
if command -v trace-cmd >/dev/null; then
	for f in wait_event-w2 completion-w3; do
		run "$fix/$f.dat"
		is "$(order_keys)" "$(order_expected "$fix/$f.dat")" \
			"$f: rounds fifo lifo other = the counts from trace-cmd report ($(val wake_order))"
	done
else
	skip "trace-cmd not installed to count the rounds"
	skip "trace-cmd not installed to count the rounds"
fi

# event_ts DAT AFTER PATTERN N: the time (s, to the ns) 1 ns before the
# Nth event of DAT whose line in trace-cmd report matches PATTERN, after
# the first that matches AFTER (from the start if empty): a cut there
# leaves that event out of the part before it and in the part after.
event_ts() {
	trace-cmd report -t -i "$1" 2>/dev/null |
		awk -v after="$2" -v re="$3" -v n="$4" '
		$0 ~ after { from = 1 }
		from && $0 ~ re && ++k == n {
			for (i = 1; i <= NF && $i !~ /^\[[0-9]+\]$/; i++)
				;
			split($(i + 1), t, /[.:]/)
			if (t[2] > 0) {
				t[2]--
			} else {
				t[1]--
				t[2] = 999999999
			}
			printf "%d.%09d\n", t[1], t[2]
			exit
		}'
}

# cut_trace DAT FROM TO: the events of DAT from FROM to TO (s) into
# $tmp/cut.dat (trace-cmd split, which names its file cut.dat.1). If it
# fails, there is no file, and the points on it fail.
cut_trace() {
	rm -f "$tmp/cut.dat" "$tmp/cut.dat".*
	trace-cmd split -i "$1" -o "$tmp/cut.dat" "$2" "$3" >/dev/null 2>&1 || true
	[ -e "$tmp/cut.dat" ] || mv "$tmp/cut.dat.1" "$tmp/cut.dat" 2>/dev/null || true
}

# Traces cut from the wake-all fixtures: each keeps the kind of the whole,
# and leaves out the rounds the rules leave out.
if command -v trace-cmd >/dev/null; then
	dat=$fix/wait_event-w3-all.dat
	# From the second waiter's sleep after wake 4: wake 5 woke the oldest
	# sleeper last (lifo), and its sleep is not in the trace: wake 5 is no
	# round; the next ones are (their waiters all sleep in it).
	cut_trace "$dat" "$(event_ts "$dat" 'waitcmp_woken: .* seq=4 ' \
		'sched_switch: +waitcmp_wait/[0-9]+:[0-9]+ \[[0-9]+\] D ' 2)" 1000000
	run "$tmp/cut.dat"
	is "$(val wakes) $(val wake_order_rounds) $(val wake_order)" "26 25 lifo" \
		"cut between the waiters' sleeps before wake 5: 26 wakes, 25 rounds (not wake 5, one waiter's sleep is cut off), lifo"
	is "$(order_keys)" "$(order_expected "$tmp/cut.dat")" \
		"cut between the sleeps: rounds fifo lifo other = the counts from trace-cmd report"
	# Up to wake 10's first record: its waiters are woken, but none has
	# recorded it; it is no round.
	cut_trace "$dat" 0 "$(event_ts "$dat" '' 'waitcmp_woken: .* seq=10 ' 1)"
	run "$tmp/cut.dat"
	is "$(val wakes) $(val samples) $(val wake_order_rounds) $(val wake_order)" \
		"10 27 9 lifo" \
		"cut before wake 10's records: 10 wakes, 27 samples, 9 rounds (not wake 10, which nobody recorded), lifo"
	# Up to wake 11: wake 10's round ends with the trace, and counts.
	cut_trace "$dat" 0 "$(event_ts "$dat" '' 'waitcmp_wake: .* seq=11 ' 1)"
	run "$tmp/cut.dat"
	is "$(val wakes) $(val samples) $(val wake_order_rounds) $(val wake_order)" \
		"10 30 10 lifo" \
		"cut before wake 11: 10 wakes, 30 samples, 10 rounds (wake 10's ends with the trace), lifo"
	# From wake 25's records on: one of the three waiters is late back to
	# its wait at wakes 26 and 27 (it records them with slept=0), so
	# they wait for a round that ran every waiter, wake 28: 5 wakes, 3
	# rounds. In the whole trace the run had had its first such round
	# long before, and 26 and 27 count with their two waiters.
	dat=$fix/completion-w3-all.dat
	is "$(trace-cmd report -i "$dat" 2>/dev/null | awk '/ waitcmp_woken: .* seq=2[678] / {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^slept=/)
				printf "%s", substr($i, 7)
	}')" \
		"110110111" "completion-w3-all: wakes 26 and 27 have one record of three with slept=0, wake 28 none"
	cut_trace "$dat" "$(event_ts "$dat" '' 'waitcmp_woken: .* seq=25 ' 1)" 1000000
	run "$tmp/cut.dat"
	is "$(val wakes) $(val wake_order_rounds) $(val wake_order)" "5 3 fifo" \
		"cut from wake 25's records: 5 wakes, 3 rounds (from wake 28, the first that ran every waiter), fifo"
	is "$(order_keys)" "$(order_expected "$tmp/cut.dat")" \
		"cut from wake 25's records: rounds fifo lifo other = the counts from trace-cmd report"
else
	for _ in 1 2 3 4 5 6 7; do
		skip "trace-cmd not installed to cut traces"
	done
fi

# oracle DAT VARIANT: "samples p50 p90 p99 p999 sum" of VARIANT's latency
# samples in trace-cmd report of DAT (the waitcmp_woken with slept=1, or
# every one where the trace has no slept field): nearest-rank, rank
# ceil(n * p), over the latency_ns sorted by sort -n; n/a without samples.
# The sum is exact while below 2^53 (awk's doubles): the fixtures' are.
oracle() {
	trace-cmd report -i "$1" 2>/dev/null | awk -v v="$2" '
	/ waitcmp_woken: / {
		delete f
		for (i = 1; i <= NF; i++) {
			split($i, kv, "=")
			f[kv[1]] = kv[2]
		}
		if (f["variant"] == v && (!("slept" in f) || f["slept"] == 1))
			print f["latency_ns"]
	}' | sort -n | awk '
	function at(num, den,  r) {
		r = int((n * num + den - 1) / den)
		return x[r < 1 ? 1 : r]
	}
	{ x[++n] = $1; sum += $1 }
	END {
		if (!n) { print "0 n/a n/a n/a n/a n/a"; exit }
		printf "%d %s %s %s %s %.0f\n", n, at(50, 100), at(90, 100),
			at(99, 100), at(999, 1000), sum
	}'
}

# exact_keys: "samples p50 p90 p99 p999 sum_ns" of the analyser's output.
exact_keys() {
	echo "$(val samples) $(val p50_ns) $(val p90_ns) $(val p99_ns) $(val p999_ns) $(val sum_ns)"
}

# Exact percentiles: every fixture with waitcmp events, every variant.
if command -v trace-cmd >/dev/null; then
	for dat in "$fix"/*.dat; do
		name=$(basename "$dat" .dat)
		trace-cmd report -i "$dat" 2>/dev/null | grep -q ' waitcmp_woken: ' ||
			continue
		run "$dat"
		for v in $(printf '%s\n' "$out" | awk '$1 == "variant:" { print $2 }'); do
			run -v "$v" "$dat"
			is "$(exact_keys)" "$(oracle "$dat" "$v")" \
				"$name $v: samples, p50..p999, sum_ns = nearest-rank and sum over trace-cmd report's latency_ns"
			is "$(val percentiles)" exact "$name $v: percentiles: exact"
		done
	done
else
	skip "trace-cmd not installed to compute exact percentiles"
fi

# within512 GOT EXACT...: each GOT within 1/512 of its EXACT (as many of
# each, in two lists of words).
within512() {
	awk -v g="$1" -v w="$2" 'BEGIN {
		n = split(g, a, " ")
		if (n != split(w, b, " ") || !n) exit 1
		for (i = 1; i <= n; i++) {
			d = a[i] - b[i]
			if (d < 0) d = -d
			if (a[i] !~ /^[0-9]+$/ || d * 512 > b[i]) exit 1
		}
	}'
}

# same_number A B: A is a number and B is A.
same_number() {
	[[ $1 =~ ^[0-9]+$ ]] && [ "$1" = "$2" ]
}

# The fall-back to the histogram, past ANALYSE_EXACT_CAP distinct values.
dat=$fix/wait_event-w2.dat
run "$dat"
exact=$(exact_keys)
exact_p=$(echo "$exact" | cut -d' ' -f2-5)
is "$(val percentiles)" exact "wait_event-w2 without ANALYSE_EXACT_CAP: percentiles: exact"
ANALYSE_EXACT_CAP=1 run "$dat"
capped="$(val p50_ns) $(val p90_ns) $(val p99_ns) $(val p999_ns)"
if [ "$rc $(val percentiles)" = "0 histogram" ] && within512 "$capped" "$exact_p"; then
	pass "ANALYSE_EXACT_CAP=1: percentiles: histogram, p50..p999 within 1/512 of the exact samples"
else
	fail "ANALYSE_EXACT_CAP=1: percentiles: histogram, p50..p999 within 1/512 of the exact samples"
	diag "exit $rc, percentiles '$(val percentiles)', capped '$capped', exact '$exact_p'"
fi
check "ANALYSE_EXACT_CAP=1: sum_ns still exact" \
	same_number "$(val sum_ns)" "${exact##* }"
check "ANALYSE_EXACT_CAP=1: p50..p999 ($capped) are the buckets' middles, not the exact samples ($exact_p)" \
	test "$capped" != "$exact_p" -a -n "$exact_p"
if command -v trace-cmd >/dev/null; then
	distinct=$(trace-cmd report -i "$dat" 2>/dev/null |
		grep -o ' latency_ns=[0-9]*' | sort -u | wc -l)
	ANALYSE_EXACT_CAP=$distinct run "$dat"
	is "$(val percentiles) $(exact_keys)" "exact $exact" \
		"ANALYSE_EXACT_CAP=$distinct, the distinct latencies: still exact"
	ANALYSE_EXACT_CAP=$((distinct - 1)) run "$dat"
	is "$(val percentiles) $(val p50_ns) $(val p90_ns) $(val p99_ns) $(val p999_ns)" \
		"histogram $capped" "ANALYSE_EXACT_CAP=$((distinct - 1)), one fewer: the histogram's"
else
	skip "trace-cmd not installed to count distinct latencies"
	skip "trace-cmd not installed to count distinct latencies"
fi
ANALYSE_EXACT_CAP=0 run "$dat"
is "$(val percentiles) $(val p50_ns)" "histogram ${capped%% *}" \
	"ANALYSE_EXACT_CAP=0: the histogram's from the first sample"
ANALYSE_EXACT_CAP=lots run "$dat"
is "$rc" 2 "ANALYSE_EXACT_CAP not a number: exit status 2"
ANALYSE_EXACT_CAP=65537 run "$dat"
is "$rc" 2 "ANALYSE_EXACT_CAP above the default 65536: exit status 2"
run "$fix/together.dat"
is "$(printf '%s\n' "$out" | grep -c '^percentiles: exact$')" 2 \
	"together: a percentiles line per variant"

# Plot data.
dir=$tmp/plots/new
run -o "$dir" "$fix/wait_event-w2.dat"
samples=$(val samples)
min=$(val min_ns)
max=$(val max_ns)
check "-o: creates OUTDIR, writes cdf.dat and hist.dat" \
	test "$rc" = 0 -a -f "$dir/cdf.dat" -a -f "$dir/hist.dat"
is "$(find "$dir" -name '.*' -type f | wc -l)" 0 "-o: no temporary file left"
is "$(head -n 1 "$dir/cdf.dat")" "# variant wait_event" "cdf.dat: starts with '# variant wait_event'"
# shellcheck disable=SC2016 # an awk program
check "cdf.dat: min_ns 0 first (where a step plot rises), then both columns rise to max_ns and 1" \
	awk -v min="$min" -v max="$max" '
	/^#/ { next }
	{
		n++
		if (n == 1) { if ($1 != min || $2 != 0) bad = 1 }
		else if ($1 < min || (n > 2 && $1 <= x) || $2 < f || $2 > 1 || $2 == 0) bad = 1
		x = $1
		f = $2
	}
	END { exit bad || n < 2 || x != max || f != 1 }' "$dir/cdf.dat"
is "$(awk '!/^#/ { n += $3 } END { print n }' "$dir/hist.dat")" "$samples" \
	"hist.dat: counts sum to samples"
# shellcheck disable=SC2016 # an awk program
check "hist.dat: buckets ascend without overlap, min and max inside" \
	awk -v min="$min" -v max="$max" '
	/^#/ { next }
	{
		if ($1 > $2 || $3 <= 0 || (n && $1 <= hi)) bad = 1
		if (n++ == 0 && !($1 <= min && min <= $2)) bad = 1
		hi = $2
		lo = $1
	}
	END { exit bad || !(lo <= max && max <= hi) }' "$dir/hist.dat"
run -o "$dir" "$fix/together.dat"
check "-o with two variants: VARIANT.cdf.dat and VARIANT.hist.dat" \
	test -f "$dir/io_wait_event.cdf.dat" -a -f "$dir/io_wait_event.hist.dat" \
	-a -f "$dir/wait_event_interruptible.cdf.dat" \
	-a -f "$dir/wait_event_interruptible.hist.dat"

# Files that are not whole waitcmp traces.
run "$tmp/missing.dat"
fails_with "$tmp/missing.dat" "No such file" "a missing file fails"
printf 'variant: wait_event\nsamples: 3\n' >"$tmp/text.dat"
run "$tmp/text.dat"
fails_with "$tmp/text.dat" "not a trace-cmd data file" "a text file fails"
: >"$tmp/empty.dat"
run "$tmp/empty.dat"
fails_with "$tmp/empty.dat" "not a trace-cmd data file (empty" "an empty file fails"
run /dev/null
fails_with /dev/null "not a trace-cmd data file" "/dev/null fails"
head -c 8192 /dev/urandom >"$tmp/random.dat"
run "$tmp/random.dat"
fails_with "$tmp/random.dat" "not a trace-cmd data file" "random bytes fail"
size=$(wc -c <"$fix/wait_event-w2.dat")
head -c $((size / 2)) "$fix/wait_event-w2.dat" >"$tmp/half.dat"
run "$tmp/half.dat"
fails_with "$tmp/half.dat" "truncated" "a trace cut in half fails as truncated"
head -c $((size - 1)) "$fix/wait_event-w2.dat" >"$tmp/short.dat"
run "$tmp/short.dat"
fails_with "$tmp/short.dat" "truncated" "a trace one byte short fails as truncated"
{
	head -c 16 "$fix/wait_event-w2.dat"
	head -c 8192 /dev/urandom
} >"$tmp/magic.dat"
run "$tmp/magic.dat"
is "$rc" 1 "trace-cmd magic then random bytes: exit status 1"
# Overwritten bytes: a count or a message, never a crash (status > 1).
bad=""
for off in 40 400 2100 3200 3500 4100 9000 16000 25000; do
	cp "$fix/wait_event-w2.dat" "$tmp/corrupt.dat"
	head -c 64 /dev/zero | tr '\0' '\377' |
		dd of="$tmp/corrupt.dat" bs=1 seek="$off" conv=notrunc status=none
	run "$tmp/corrupt.dat"
	if [ "$rc" -gt 1 ] || { [ "$rc" = 1 ] && [ -z "$err" ]; }; then
		bad="$bad $off:$rc"
	fi
done
is "$bad" "" "64 bytes overwritten anywhere: exit status 0 or 1 with a message"
run "$fix/no-waitcmp.dat"
fails_with "$fix/no-waitcmp.dat" "no waitcmp events" "a trace without waitcmp events fails"

# Usage.
run
is "$rc" 2 "no argument: exit status 2"
run -x "$fix/together.dat"
is "$rc" 2 "unknown option: exit status 2"
run "$fix/together.dat" "$fix/lost.dat"
is "$rc" 2 "two files: exit status 2"
run --help
check "--help: exit status 0, names the plot files" \
	test "$rc" = 0 -a -n "$(printf '%s\n' "$out" | grep 'VARIANT.cdf.dat')"
is "$(printf '%s\n' "$out" | grep -cE '^  (sum_ns|percentiles) |ANALYSE_EXACT_CAP=N')" 3 \
	"--help: describes sum_ns, percentiles and ANALYSE_EXACT_CAP"
is "$(printf '%s\n' "$out" | grep -cE '^  (wake_order_rounds|wake_order_fifo wake_order_lifo wake_order_other|wake_order)( |$)')" 3 \
	"--help: describes the wake_order keys"

# Each reopen is cheap only while libtracecmd calls the analyser's own
# tep_parse_kallsyms() (which skips the file's kallsyms): it must be in the
# executable's dynamic symbol table.
kallsyms_exported() {
	nm -D --defined-only "$an" | grep -qw tep_parse_kallsyms
}
if command -v nm >/dev/null; then
	check "bench/bin/analyse exports its tep_parse_kallsyms to libtracecmd" \
		kallsyms_exported
else
	skip "no nm to list the dynamic symbols of bench/bin/analyse"
fi

# The reading in slices (reopening the file, see bench/analyse/analyse.c) must not
# change a number: a build that reopens every 97 records agrees.
if command -v pkg-config >/dev/null && command -v cc >/dev/null; then
	# shellcheck disable=SC2046 # pkg-config prints several words
	cc -O2 -std=gnu11 -DSLICE_RECORDS=97ul -o "$tmp/analyse97" \
		$(pkg-config --cflags libtracecmd libtraceevent) \
		"$root/bench/analyse/analyse.c" \
		$(pkg-config --libs libtracecmd libtraceevent)
	diffs=""
	for f in wait_event-w2 completion-w3 wait_event-w3-all completion-w3-all \
		 together lost no-sleep; do
		"$an" "$fix/$f.dat" >"$tmp/a" 2>/dev/null
		"$tmp/analyse97" "$fix/$f.dat" >"$tmp/b" 2>/dev/null
		cmp -s "$tmp/a" "$tmp/b" || diffs="$diffs $f"
	done
	is "$diffs" "" "reading in slices of 97 records gives the same output"
	# A round keeps the first sched_waking of ROUND_TASKS tasks: with 2,
	# the third waiter's is left out, so no round runs every waiter as
	# far as the trace shows, and none counts.
	# shellcheck disable=SC2046 # pkg-config prints several words
	cc -O2 -std=gnu11 -DROUND_TASKS=2 -o "$tmp/analyse-rt2" \
		$(pkg-config --cflags libtracecmd libtraceevent) \
		"$root/bench/analyse/analyse.c" \
		$(pkg-config --libs libtracecmd libtraceevent)
	an=$tmp/analyse-rt2 run "$fix/wait_event-w3-all.dat"
	is "$(order_keys) $(val wake_order)" "0 0 0 0 none" \
		"rounds with room for 2 tasks' wakings: the third waiter's is never in one, no round counts"
else
	skip "no cc or pkg-config to build a small-slice analyser"
	skip "no cc or pkg-config to build an analyser with small rounds"
fi

done_testing
