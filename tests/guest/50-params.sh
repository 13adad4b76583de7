# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Bad parameter values: insmod fails with -EINVAL and a kernel log line
# naming the parameter, and nothing is left behind. Values of the wrong
# type are refused by the kernel's own parser with its own line.

# refused PARAM=VALUE: insmod fails, logs PARAM, leaves nothing.
refused() {
	mark=$(dmesg_mark)
	if load wait_event "$1" iterations=10 2>/tmp/insmod.err; then
		diag "insmod accepted $1"
		unload wait_event
		return 1
	fi
	name=${1%%=*}
	line=$(dmesg_since "$mark" | grep -F "$name" | head -n 1)
	diag "$1: $line"
	[ -n "$line" ] && nothing_left wait_event
}

load_core
for bad in waiters=0 waiters=65 waiters=4294967296 waiters=abc \
	   period_us=10000001 period_us=-1 iterations=-5 iterations=1e3 \
	   waiter_cpu=-2 waiter_cpu=$(nproc) waiter_cpu=4096 \
	   waker_cpu=-7 waker_cpu=2147483648 waker_cpu=1x; do
	check "refused with a log line naming it: $bad" refused "$bad"
done

mark=$(dmesg_mark)
load wait_event waiters=0 2>/dev/null || true
check "the range is in the log line" \
	sh -c "dmesg | tail -n +$((mark + 1)) | grep -q 'wait_event: waiters=0 is out of range, allowed 1..64'"

check "a good load works after the refusals" \
	sh -c ". $WAITCMP/tests/guest/lib.sh; load wait_event iterations=10 period_us=100 && wait_done wait_event 60"
is "$(stat_of wait_event records)" 10 "the good load ran 10 records"

p=/sys/module/waitcmp_wait_event/parameters
check "parameters are read-only in sysfs" \
	sh -c "[ \"\$(stat -c %a $p/* | sort -u)\" = 444 ]"
check "writing a parameter is refused" sh -c "! echo 5 2>/dev/null >$p/waiters"
unload wait_event

# A D-state sleep the hung-task detector would report is refused: run-all
# set hung_task_timeout_secs=10. A wake-one API wakes its waiters in turn,
# so each sleeps waiters * period_us; any other, period_us.
# loads VARIANT PARAMS...: insmod works (then unload at once).
loads() {
	v=$1
	shift
	load "$v" "$@" 2>/dev/null || return 1
	unload "$v"
}

HUNG=/proc/sys/kernel/hung_task_timeout_secs
old_hung=$(cat "$HUNG")
echo 10 >"$HUNG"
mark=$(dmesg_mark)
check "completion waiters=10 period_us=1000000 (10 s in D) is refused" \
	sh -c "! insmod $KO/variants/waitcmp_completion.ko waiters=10 period_us=1000000 2>/dev/null"
check "its log line names the parameters, the sleep and the timeout" \
	sh -c "dmesg | tail -n +$((mark + 1)) | grep -q 'completion: waiters=10 period_us=1000000: each waiter would sleep 10.000000 s in D state, not under hung_task_timeout_secs=10; allowed waiters \* period_us < 10 s (or allow_hung_task=1)'"
check "nothing left after the refusal" nothing_left completion
check "completion waiters=9 period_us=1000000 (9 s) loads" \
	loads completion waiters=9 period_us=1000000
check "completion wake_all=1 waiters=10 period_us=1000000 (1 s each) loads" \
	loads completion wake_all=1 waiters=10 period_us=1000000
mark=$(dmesg_mark)
check "allow_hung_task=1 accepts it" \
	loads completion waiters=10 period_us=1000000 allow_hung_task=1
check "with a warning that the detector will report the waiters" \
	sh -c "dmesg | tail -n +$((mark + 1)) | grep -q 'completion: waiters=10 period_us=1000000 allow_hung_task=1: each waiter sleeps 10.000000 s in D state, not under hung_task_timeout_secs=10: the hung-task detector will report them'"
check "allow_hung_task=2 is refused" \
	sh -c "! insmod $KO/variants/waitcmp_completion.ko allow_hung_task=2 2>/dev/null"
check "wait_event period_us=10000000 (10 s in D) is refused" \
	sh -c "! insmod $KO/variants/waitcmp_wait_event.ko period_us=10000000 2>/dev/null"
check "wait_event_killable period_us=10000000 loads (the detector skips killable sleeps)" \
	loads wait_event_killable period_us=10000000
check "wait_event_interruptible_exclusive waiters=64 period_us=10000000 loads (S state)" \
	loads wait_event_interruptible_exclusive waiters=64 period_us=10000000
echo 0 >"$HUNG"
check "hung_task_timeout_secs=0 (detector off): completion waiters=64 period_us=10000000 loads" \
	loads completion waiters=64 period_us=10000000
echo "$old_hung" >"$HUNG"
