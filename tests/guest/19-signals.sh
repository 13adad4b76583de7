# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# signals=1: the waiters take SIGUSR1 and SIGKILL. One waiter, a period of
# a second: SIGUSR1 in the first wait, SIGKILL in the second, once the
# first wake is recorded (tgkill: the
# thread's own pending set, where a fatal signal lands for each thread of
# a process). What the variant declares (expect_signals) must be what
# happens: "any" (TASK_INTERRUPTIBLE) ends the wait early on both,
# returning an error; "fatal" (TASK_KILLABLE) on SIGKILL only; "none"
# (uninterruptible, idle) on neither, the signal pending until the wake.
# Every wake is recorded whatever the signals did, and each signal is
# flushed (counted once, early or ignored). One variant of each kind
# here; the matrix (matrix.t) runs the same on every variant.

TKILL=$WAITCMP/bench/bin/tkill
for v in wait_event_interruptible completion_killable wait_event_killable wait_event_idle; do
	want=$(fact "$v" expect_signals)
	desc="$v signals=1 (expect $want)"
	if ! load "$v" iterations=3 period_us=1000000 signals=1 2>/tmp/insmod.err; then
		fail "$desc: loads"
		sed 's/^/# /' /tmp/insmod.err
		continue
	fi
	pid=$(stat_of "$v" waiter_pids)
	"$TKILL" "$pid" USR1 || fail "$desc: tkill USR1"
	# SIGKILL in the second wait: once the first wake is recorded.
	n=0
	while [ "$(stat_of "$v" records)" -lt 1 ] && [ "$n" -lt $((100 * TIME_SCALE)) ]; do
		sleep 0.05
		n=$((n + 1))
	done
	"$TKILL" "$pid" KILL || fail "$desc: tkill KILL"
	if ! wait_done "$v" $((10 * TIME_SCALE)); then
		fail "$desc: reaches done"
		unload "$v"
		continue
	fi
	got=""
	for sig in usr1 kill; do
		e=$(stat_of "$v" "sig_${sig}_early")
		i=$(stat_of "$v" "sig_${sig}_ignored")
		if [ "$e" = 1 ] && [ "$i" = 0 ]; then
			got="$got $sig:ends($(stat_of "$v" "sig_${sig}_ret"))"
		elif [ "$e" = 0 ] && [ "$i" = 1 ]; then
			got="$got $sig:ignored"
		else
			got="$got $sig:early=$e,ignored=$i"
		fi
	done
	case $want in
	any) pat=" usr1:ends(-*) kill:ends(-*)" ;;
	fatal) pat=" usr1:ignored kill:ends(-*)" ;;
	*) pat=" usr1:ignored kill:ignored" ;;
	esac
	# shellcheck disable=SC2254 # the pattern is one
	case $got in
	$pat) pass "$desc:$got" ;;
	*) fail "$desc: got$got, want$pat" ;;
	esac
	is "$(stat_of "$v" records)" "$(expected_samples "$v" 3 1)" "$desc: every wake recorded"
	unload "$v"
done

# kill(1), not tgkill: SIGKILL to the thread group. allow_signal() gave
# it a handler, so it is not fatal to the group and stays in its shared
# set, which a killable wait does not check (__fatal_signal_pending()
# reads the thread's own): the wait sleeps on to its wake.
v=wait_event_killable
desc="$v signals=1, kill -KILL (the group)"
if load "$v" iterations=2 period_us=1000000 signals=1; then
	kill -KILL "$(stat_of "$v" waiter_pids)" || fail "$desc: kill"
	if wait_done "$v" $((10 * TIME_SCALE)); then
		is "$(stat_of "$v" sig_kill_early)/$(stat_of "$v" sig_kill_ignored)" 0/1 \
			"$desc: does not end the killable wait, which sleeps on to its wake"
	else
		fail "$desc: reaches done"
	fi
	unload "$v"
else
	fail "$desc: loads"
fi
