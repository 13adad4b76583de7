# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Bad parameters: every row of the table makes insmod fail with exactly one
# kernel log message that names the parameter, and leaves nothing behind (no
# module, no thread, no debugfs directory, the core's refcount back to 0).
# The edge values just inside the ranges load. Then a CPU is taken offline
# for real, and a variant without the core is refused too.

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
		not_ok "$desc"
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
		ok "$desc"
		refusals=$((refusals + 1))
		diag "  $lines"
	else
		not_ok "$desc"
		diag "want one log message naming $name and nothing left; got $n, left:${left:- nothing}"
		echo "$lines" | sed 's/^/#   /'
	fi
}

# accepted VARIANT PARAMS...: a value at the edge of its range loads.
accepted() {
	v=$1
	shift
	if load "$v" "$@" 2>/tmp/insmod.err; then
		ok "accepted at the edge: $v $*"
		unload "$v"
	else
		not_ok "accepted at the edge: $v $*"
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
EOF

# The edges: all of these must load.
accepted wait_event iterations=0 period_us=10000000 waiters=64 allow_hung_task=1
accepted wait_event_killable iterations=0 period_us=10000000 waiters=64
accepted completion iterations=3 period_us=0 waiters=64 wake_all=1
accepted rcuwait iterations=3 waiters=1 waiter_cpu="$last" waker_cpu=0
accepted swait iterations=0 waiter_cpu=-1 waker_cpu="$last" wake_all=0

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
