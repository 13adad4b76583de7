# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Bad parameters: every row of the table makes insmod fail with exactly one
# kernel log message that names the parameter, and leaves nothing behind (no
# module, no thread, no debugfs directory, the core's refcount back to 0).
# The edge values just inside the ranges load, a refusal gives the range,
# and a good load works after them all. A D-state sleep as long as the
# hung-task detector's timeout is refused unless allowed. Then a CPU is
# taken offline for real, and a variant without the core is refused too.
# Every bad parameter is tested here (tests/guest has none).

# Lines every first load of an unsigned out-of-tree module prints: not the
# refusal's line.
KLOG_NOISE='taints kernel|module verification failed|tainting kernel'

# The distinct messages of a kernel log, without their timestamps. Busybox
# insmod tries finit_module(), then init_module() with the same values, so
# a refusal comes twice, identical; kmod's insmod makes one attempt.
messages() {
	sed 's/^\[[ 0-9.]*\] //' | sort -u
}

refusals=0
refusal_rows=0

# refused_row NAME VARIANT PARAMS...: insmod VARIANT PARAMS fails, one log
# line names NAME, nothing is left.
refused_row() {
	name=$1
	v=$2
	shift 2
	refusal_rows=$((refusal_rows + 1))
	desc="refused: $v $*"
	threads0=$(grep -ls waitcmp_ /proc/[0-9]*/comm | wc -l)
	klog_take >/dev/null
	if insmod "$KO/variants/waitcmp_$v.ko" "$@" </dev/null 2>/tmp/insmod.err; then
		fail "$desc"
		diag "insmod accepted it"
		rmmod "waitcmp_$v" || true
		return 0
	fi
	# Only our modules' lines: the debug kernel also logs other tasks'
	# stack depth records ("cat (205) used greatest stack depth").
	lines=$(klog_take | grep waitcmp | grep -Ev "$KLOG_NOISE" | messages || true)
	n=$(echo "$lines" | grep -c . || true)
	named=$(echo "$lines" | grep -c "$name" || true)
	left=""
	loaded "$v" && left="$left module"
	[ -e "$DEBUGFS/$v" ] && left="$left debugfs"
	[ "$(grep -ls waitcmp_ /proc/[0-9]*/comm | wc -l)" = "$threads0" ] || left="$left threads"
	[ "$(cat /sys/module/waitcmp/refcnt)" = 0 ] || left="$left core-refcount"
	if [ "$n" = 1 ] && [ "$named" = 1 ] && [ -z "$left" ]; then
		pass "$desc"
		refusals=$((refusals + 1))
		diag "  $lines"
	else
		fail "$desc"
		diag "want one log message naming $name and nothing left; got $n, left:${left:- nothing}"
		echo "$lines" | sed 's/^/#   /'
	fi
}

# accepted VARIANT PARAMS...: a value at the edge of its range loads.
accepted() {
	v=$1
	shift
	if load "$v" "$@" 2>/tmp/insmod.err; then
		pass "accepted at the edge: $v $*"
		unload "$v"
	else
		fail "accepted at the edge: $v $*"
		sed 's/^/# /' /tmp/insmod.err
	fi
	klog_take >/dev/null
}

load_core
ncpu=$(nproc)
last=$((ncpu - 1))

# name variant params...; a variant per row, round the list.
while read -r name v params; do
	[ -n "$name" ] || continue
	# shellcheck disable=SC2086 # params are words
	refused_row "$name" "$v" $params
done <<EOF
waiters wait_event waiters=0
waiters completion waiters=65
waiters swait waiters=-1
waiters wait_event_idle waiters=4294967296
waiters wait_on_bit waiters=99999999999999999999
waiters io_wait_event waiters=abc
waiters wait_event_killable waiters=
waiters wait_var_event waiters=0x41
waiters rcuwait waiters=2
waiters rcuwait waiters=64 wake_all=1
waiters schedule waiters=4 waiters=65
iterations completion_io iterations=-5
iterations io_schedule iterations=1e3
iterations wait_event_timeout iterations=4294967296
iterations completion_killable iterations=0x
period_us wait_event_interruptible period_us=10000001
period_us wait_on_bit_io period_us=4294967295
period_us wait_event_interruptible_timeout period_us=-1
period_us wait_event_interruptible_exclusive period_us=1.5
waiter_cpu wait_event waiter_cpu=-2
waiter_cpu completion waiter_cpu=$ncpu
waiter_cpu swait waiter_cpu=4096
waiter_cpu wait_event_idle waiter_cpu=2147483648
waker_cpu io_wait_event waker_cpu=-7
waker_cpu wait_on_bit waker_cpu=1x
waker_cpu wait_event_killable waker_cpu=-2147483649
waker_cpu schedule waiter_cpu=0 waker_cpu=$((ncpu + 1))
wake_all completion wake_all=2
wake_all swait wake_all=-1
wake_all wait_event_interruptible_exclusive wake_all=yes
waiters completion_io waiters=0 period_us=10000001 wake_all=2
waker_context wait_event waker_context=softirq
waker_context completion_io waker_context=
waker_context swait waker_context=HARDIRQ
waker_context swait wake_all=1 waker_context=hardirq
sched_fifo wait_event_idle sched_fifo=100
sched_fifo rcuwait sched_fifo=-1
contend_us wait_event contend_us=1001
contend_us rcuwait contend_us=10
contend_us io_schedule contend_us=1
timeout_us wait_event_timeout timeout_us=10000001
timeout_us wait_event timeout_us=1000
timeout_us completion timeout_us=-1
signals wait_event_killable signals=2
signals completion signals=yes
EOF

# The edges: all of these must load.
accepted wait_event iterations=0 period_us=10000000 waiters=64 allow_hung_task=1
accepted wait_event_killable iterations=0 period_us=10000000 waiters=64
accepted completion iterations=3 period_us=0 waiters=64 wake_all=1
accepted rcuwait iterations=3 waiters=1 waiter_cpu="$last" waker_cpu=0
accepted swait iterations=0 waiter_cpu=-1 waker_cpu="$last" wake_all=0
accepted wait_event iterations=3 sched_fifo=99 waker_context=workqueue
accepted schedule iterations=3 sched_fifo=1 waker_context=hardirq
accepted swait iterations=3 contend_us=1000
accepted wait_event_timeout iterations=3 timeout_us=10000000
accepted wait_event_interruptible_timeout iterations=3 timeout_us=1
accepted wait_event_interruptible iterations=3 signals=1

# A CPU that exists but is offline.
cpu=/sys/devices/system/cpu/cpu$last/online
if [ "$ncpu" -gt 1 ] && [ -w "$cpu" ] && echo 0 >"$cpu" 2>/dev/null; then
	klog_take >/dev/null
	refused_row waiter_cpu wait_event waiter_cpu="$last"
	refused_row waker_cpu completion_io waker_cpu="$last"
	echo 1 >"$cpu"
	check "CPU $last is back online" [ "$(cat "$cpu")" = 1 ]
	klog_take >/dev/null
else
	skip "no CPU to take offline ($ncpu CPUs)"
	skip "no CPU to take offline"
	skip "no CPU to take offline"
fi
# The log line gives the allowed range, and a good load works after all
# the refusals.
klog_take >/dev/null
insmod "$KO/variants/waitcmp_wait_event.ko" waiters=0 2>/dev/null || true
check "a refusal's log line gives the range: 'waiters=0 is out of range, allowed 1..64'" \
	sh -c "dmesg | grep -q 'wait_event: waiters=0 is out of range, allowed 1..64'"
klog_take >/dev/null
check "a good load works after the refusals" \
	sh -c ". $WAITCMP/tests/guest/lib.sh; load wait_event iterations=10 period_us=100 && wait_done wait_event 60"
is "$(stat_of wait_event records)" 10 "... and runs its 10 records"
unload wait_event
klog_take >/dev/null

# A D-state sleep the hung-task detector would report is refused, with the
# detector's timeout at 10 s. A wake-one API wakes its waiters in turn, so
# each sleeps waiters * period_us; any other, period_us.
# loads VARIANT PARAMS...: insmod works (then unload at once).
loads() {
	v=$1
	shift
	load "$v" "$@" 2>/dev/null || return 1
	unload "$v"
}
# logged TEXT: the kernel log since the last klog_take has TEXT.
logged() {
	klog_take | grep -qF "$1"
}

HUNG=/proc/sys/kernel/hung_task_timeout_secs
old_hung=$(cat "$HUNG")
echo 10 >"$HUNG"
klog_take >/dev/null
check "completion waiters=10 period_us=1000000 (10 s in D) is refused" \
	sh -c "! insmod $KO/variants/waitcmp_completion.ko waiters=10 period_us=1000000 2>/dev/null"
check "... its log line names the parameters, the sleep and the timeout" \
	logged 'completion: waiters=10 period_us=1000000: each waiter would sleep 10.000000 s in D state, not under hung_task_timeout_secs=10; allowed waiters * period_us < 10 s (or allow_hung_task=1)'
check "... nothing left after the refusal" nothing_left completion
check "completion waiters=9 period_us=1000000 (9 s) loads" \
	loads completion waiters=9 period_us=1000000
check "completion wake_all=1 waiters=10 period_us=1000000 (1 s each) loads" \
	loads completion wake_all=1 waiters=10 period_us=1000000
klog_take >/dev/null
check "allow_hung_task=1 accepts it" \
	loads completion waiters=10 period_us=1000000 allow_hung_task=1
check "... with a warning that the detector will report the waiters" \
	logged 'completion: waiters=10 period_us=1000000 allow_hung_task=1: each waiter sleeps 10.000000 s in D state, not under hung_task_timeout_secs=10: the hung-task detector will report them'
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
klog_take >/dev/null

figure param_table_rows "$refusal_rows"
figure param_table_refused_cleanly "$refusals"
check "at least 25 bad values in the table ($refusal_rows)" [ "$refusal_rows" -ge 25 ]

# Without the core, a variant cannot resolve waitcmp_start: refused, and
# the log names the symbol.
rmmod waitcmp
klog_take >/dev/null
check "a variant without the core is refused" \
	sh -c "! insmod $KO/variants/waitcmp_wait_event.ko 2>/dev/null"
check "... the log names the missing symbol" \
	sh -c "dmesg | grep -q 'Unknown symbol waitcmp_start'"
check "... and it is not loaded" sh -c "! grep -q '^waitcmp_wait_event ' /proc/modules"
klog_take >/dev/null
load_core
