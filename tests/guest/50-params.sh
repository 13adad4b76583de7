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
