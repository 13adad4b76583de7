# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2034,SC2154 # shared with the scripts that source it
#
# bench/guest/lib.sh - shell functions shared by the scripts of
# bench/guest/, which run where the modules run (the guest, or a host with
# --target host). POSIX sh. The caller sets WAITCMP (this tree) and prog
# (its own path in the tree, for messages: scripts/cli.sh) first.

# shellcheck source=scripts/cli.sh
. "$WAITCMP/scripts/cli.sh"

# The modules built for the kernel we run on (make builds one dir per kernel).
KO=${WAITCMP_KO:-$WAITCMP/build/modules/$(uname -r)}
DEBUGFS=/sys/kernel/debug/waitcmp
TRACEFS=/sys/kernel/tracing
USER_HZ=100	# /proc/stat and /proc/PID/stat count in these ticks

say() {
	echo "${prog:-${0##*/}}: $*"
}

# field FILE KEY: the value of "KEY: value" in FILE.
field() {
	sed -n "s/^$2: //p" "$1"
}

stat_of() {
	field "$DEBUGFS/$1/stats" "$2"
}

# state_of PID: the ps state letter, without forking.
state_of() {
	read -r line <"/proc/$1/stat" || return 1
	line=${line##*) }
	echo "${line%% *}"
}

snapshot() {
	mkdir -p "$1"
	cat /proc/stat >"$1/stat"
	cat /proc/loadavg >"$1/loadavg"
	cat /proc/pressure/io >"$1/pressure-io" 2>/dev/null || true
}

core_loaded() {
	grep -q '^waitcmp ' /proc/modules
}

# load VARIANT DIR PARAMS...: insmod; on refusal keep the kernel's reason.
load() {
	v=$1
	d=$2
	shift 2
	core_loaded || insmod "$KO/common/waitcmp.ko"
	mark=$(dmesg | wc -l)
	if ! insmod "$KO/variants/waitcmp_$v.ko" "$@" 2>"$d/insmod.err"; then
		dmesg | tail -n +$((mark + 1)) | grep -E "waitcmp|$v" |
			tail -n 3 >>"$d/insmod.err"
		return 1
	fi
}

# What a run was measured on: bench/run adds it to the run's env.
environment() {
	echo "kernel: $(uname -r)"
	echo "kernel_version: $(uname -v)"
	echo "preempt: $(cat /sys/kernel/debug/sched/preempt 2>/dev/null || echo unknown)"
	echo "cpus: $(nproc)"
	# vm/run --clock icount turns it off (NO_WAKEUP_PREEMPTION).
	wp=unknown
	if [ -r /sys/kernel/debug/sched/features ]; then
		wp=on
		grep -qw NO_WAKEUP_PREEMPTION /sys/kernel/debug/sched/features && wp=off
	fi
	echo "wakeup_preemption: $wp"
	echo "trace_clock: mono"
	echo "trace_cmd: $(trace-cmd -h 2>&1 | sed -n 's/^trace-cmd version \([^ ]*\).*/\1/p' | head -n 1)"
}

# The tasks counted in the load average as uninterruptible, into $unint:
# the sum of every runqueue's nr_uninterruptible. Each is an unsigned int
# that may wrap (a task sleeps on one CPU and wakes on another); the sum
# modulo 2^32 is the true count.
read_unint() {
	unint=0
	while read -r key _ val; do
		if [ "$key" = .nr_uninterruptible ]; then unint=$((unint + val)); fi
	done </sys/kernel/debug/sched/debug
	unint=$((unint % 4294967296))
	[ "$unint" -lt 2147483648 ] || unint=$((unint - 4294967296))
}

# until_done VARIANT INTERVAL: until the run is done, sample every
# INTERVAL seconds the first waiter's state letter (st_*), procs_blocked
# (blocked_max, blocked_samples) and, when unint_base is set, the
# uninterruptible count above it (unint_samples), with bench/bin/sampler (C:
# the shell took ~20 M instructions a sample to parse sched/debug); the
# number of samples in samples, their real interval in sample_interval_ms.
# Fails when the run's samples did not move for 120 s.
SAMPLER=$WAITCMP/bench/bin/sampler
# bench/bin/tkill: a signal to one thread (the matrix's signals).
TKILL=$WAITCMP/bench/bin/tkill

# In the guest the modules and the sampler are loaded and run from copies
# in /tmp (tmpfs), made here, before any phase. The repo is the host's 9p
# share: the sampler's exec read it inside the accounting phase (92
# requests), insmod closed the module's file after the run had begun (5).
# A 9p request waits on the host, and under icount (sleep=off) the guest's
# clock jumps to its next timer meanwhile, so the phase lost a
# host-dependent part of its guest time: the sampler started late (35 of
# about 50 samples on an idle host). tests/vm/icount.t counts the requests.
# The copy costs guest time too (each 9p request lets the clock jump), so
# a boot makes it once: a second script sourcing this reuses it.
stage_in_tmpfs() {
	stage=/tmp/waitcmp-stage
	if [ ! -f "$stage/done" ]; then
		rm -rf "$stage"
		mkdir -p "$stage/bin"
		(cd "$KO" && find . -name '*.ko') | while read -r ko; do
			mkdir -p "$stage/ko/$(dirname "$ko")"
			cp "$KO/$ko" "$stage/ko/$ko" || return 1
		done || return 1
		[ ! -x "$SAMPLER" ] || cp "$SAMPLER" "$stage/bin/sampler" || return 1
		[ ! -x "$TKILL" ] || cp "$TKILL" "$stage/bin/tkill" || return 1
		: >"$stage/done"
	fi
	KO=$stage/ko
	[ ! -x "$stage/bin/sampler" ] || SAMPLER=$stage/bin/sampler
	[ ! -x "$stage/bin/tkill" ] || TKILL=$stage/bin/tkill
}
if [ "${WAITCMP_GUEST:-}" = 1 ] && [ -d "$KO" ]; then
	stage_in_tmpfs || die "cannot copy the modules to /tmp"
fi

until_done() {
	v=$1
	pid=$(stat_of "$v" waiter_pids | cut -d' ' -f1)
	st_R=0 st_S=0 st_D=0 st_I=0 st_other=0
	samples=0 blocked_max=0 blocked_samples=0 unint_samples=0 sample_interval_ms=n/a
	rc=0
	"$SAMPLER" --stats "$DEBUGFS/$v/stats" --pid "$pid" --interval "$2" \
		${unint_base:+--unint-base "$unint_base"} --name "$v" \
		>/tmp/waitcmp-sampler.out || rc=$?
	while read -r key val; do
		case $key in
		samples:) samples=$val ;;
		R:) st_R=$val ;;
		S:) st_S=$val ;;
		D:) st_D=$val ;;
		I:) st_I=$val ;;
		other:) st_other=$val ;;
		blocked_max:) blocked_max=$val ;;
		blocked_samples:) blocked_samples=$val ;;
		unint_samples:) unint_samples=$val ;;
		interval_ms:) sample_interval_ms=$val ;;
		esac
	done </tmp/waitcmp-sampler.out
	rm -f /tmp/waitcmp-sampler.out
	[ "$rc" -eq 0 ]
}

# share PART WHOLE: PART/WHOLE with two decimals.
share() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f\n", a / b; else print "" }'
}

states() {
	echo "R: $st_R"
	echo "S: $st_S"
	echo "D: $st_D"
	echo "I: $st_I"
	echo "other: $st_other"
}

# The letter seen most while waiting (R, the waiter running, aside).
main_state() {
	best=S
	n=$st_S
	[ "$st_D" -gt "$n" ] && best=D && n=$st_D
	[ "$st_I" -gt "$n" ] && best=I
	echo "$best"
}

cpu_iowait() {
	awk -v c="cpu$1" '$1 == c { print $6 }' /proc/stat
}

# The /proc/stat line of one CPU, its fields named: where the time went.
cpu_line() {
	awk -v c="cpu$1" '$1 == c { print "user=" $2, "nice=" $3, "system=" $4,
		"idle=" $5, "iowait=" $6, "irq=" $7, "softirq=" $8 }' /proc/stat
}

# cpu_delta BEFORE AFTER: the difference of two cpu_line outputs.
cpu_delta() {
	echo "$1 $2" | awk '{ n = NF / 2; for (i = 1; i <= n; i++) {
		split($i, a, "="); split($(i + n), b, "=")
		printf "%s%s=%d", (i > 1 ? " " : ""), a[1], b[2] - a[2] }
		print "" }'
}

uptime_ticks() {
	awk -v hz="$USER_HZ" '{ printf "%d\n", $1 * hz }' /proc/uptime
}

psi_io_some() {
	awk '$1 == "some" { sub("total=", "", $5); print $5 }' /proc/pressure/io 2>/dev/null || echo 0
}

loadavg1() {
	cut -d' ' -f1 /proc/loadavg
}

# accounting_phase VARIANT DIR: the waiter alone on the last CPU, the waker
# and this shell on CPU 0, a long period, so that the waiter's sleep shows
# in iowait, procs_blocked, PSI, delay accounting and the load average.
# Writes DIR/accounting.
accounting_phase() {
	v=$1
	d=$2
	cpus=$(nproc)
	acpu=$((cpus - 1))
	wcpu=0
	# Fork the waiter after this, or field 42 of its stat stays 0.
	sysctl -w kernel.task_delayacct=1 >/dev/null
	[ "$cpus" -gt 1 ] && taskset -p 1 $$ >/dev/null
	read_unint
	unint_base=$unint
	iow0=$(cpu_iowait "$acpu")
	cpu0=$(cpu_line "$acpu")
	psi0=$(psi_io_some)
	la0=$(loadavg1)
	t0=$(uptime_ticks)
	if ! load "$v" "$d" iterations="$acct_iterations" period_us="$acct_period_us" \
		waiter_cpu="$acpu" waker_cpu="$wcpu"; then
		{ echo "insmod refused (accounting phase):"; cat "$d/insmod.err"; } >"$d/reason"
		unint_base=""
		return 1
	fi
	pid=$(stat_of "$v" waiter_pids | cut -d' ' -f1)
	ok=1
	until_done "$v" 0.02 || ok=0
	unint_base=""
	# The waiter slept for nearly all of the run: its length is the base.
	waited=$(($(uptime_ticks) - t0))
	# Field 42: the waiter's delayacct block-I/O ticks.
	blkio=$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f40)
	rmmod "waitcmp_$v" || ok=0
	[ "$cpus" -gt 1 ] && taskset -p "$(( (1 << cpus) - 1 ))" $$ >/dev/null
	{
		echo "cpus: $cpus"
		echo "waiter_cpu: $acpu"
		echo "waker_cpu: $wcpu"
		echo "iterations: $acct_iterations"
		echo "period_us: $acct_period_us"
		echo "waited_ticks: $waited"
		echo "iowait_ticks: $(($(cpu_iowait "$acpu") - iow0))"
		echo "cpu_ticks: $(cpu_delta "$cpu0" "$(cpu_line "$acpu")")"
		echo "state_sample_count: $samples"
		echo "state_sample_interval_ms: $sample_interval_ms"
		echo "procs_blocked_max: $blocked_max"
		echo "procs_blocked_share: $(share "$blocked_samples" "$samples")"
		echo "uninterruptible_share: $(share "$unint_samples" "$samples")"
		echo "blkio_ticks: $blkio"
		echo "psi_io_some_us: $(($(psi_io_some) - psi0))"
		echo "loadavg1_before: $la0"
		echo "loadavg1_after: $(loadavg1)"
		echo "state: $(main_state)"
		echo "state_samples: R=$st_R S=$st_S D=$st_D I=$st_I other=$st_other"
	} >"$d/accounting"
	[ "$ok" = 1 ] || echo "the accounting run stalled or did not stop cleanly" >"$d/reason"
	[ "$ok" = 1 ]
}

# trace_start LOG OPTIONS...: trace-cmd record (clock mono, OPTIONS such
# as -e EVENT) into /tmp/waitcmp-trace.dat in the background, its pid in
# trace_pid, its output in LOG; returns once it records.
#
# -O norecord-cmd: the kernel's record-cmd option (on by default) hooks
# sched_wakeup and sched_switch to save the comm of each task that wrote
# an event, and both run between the wake and the waiter's timestamp.
# With it, recording only the waitcmp events (which lie outside that
# window) moved wait_event's back-to-back p50 from 3759 to 4178
# instructions under icount; without it the p50 stays 3759
# (tests/vm/icount.t). Nothing here reads a comm from the trace (the
# analyser goes by pid; sched_switch carries its own comms).
trace_start() {
	log=$1
	shift
	trace-cmd record -q -C mono -O norecord-cmd "$@" -o /tmp/waitcmp-trace.dat \
		>"$log" 2>&1 &
	trace_pid=$!
	i=0
	# Events on, then trace-cmd resizes (empties) the buffer and only
	# then turns tracing_on back to 1: wait for both.
	until [ "$(cat "$TRACEFS/events/waitcmp/waitcmp_woken/enable" 2>/dev/null)" = 1 ] &&
	      [ "$(cat "$TRACEFS/tracing_on")" = 1 ]; do
		kill -0 "$trace_pid" 2>/dev/null || return 1
		[ $i -lt 600 ] || return 1
		sleep 0.05
		i=$((i + 1))
	done
}

# trace_stop FILE: stop recording (before any rmmod of the core:
# unloading its events empties the buffer) and move the trace to FILE;
# fails when trace-cmd did.
trace_stop() {
	kill -INT "$trace_pid" 2>/dev/null || true
	trace_rc=0
	wait "$trace_pid" || trace_rc=$?
	trace_pid=""
	mv /tmp/waitcmp-trace.dat "$1" || trace_rc=1
	[ "$trace_rc" -eq 0 ]
}

# trace_quiet WAKES WAITERS: under icount, the trace-cmd options that keep
# WAKES wakes of WAITERS waiters in the recorders' buffers (per CPU, about
# 600 bytes of events a wake with the sched events, room for twice that)
# instead of waking them every millisecond (-s): on one CPU whatever runs
# beside the wakes lands in some samples, a different few in every boot.
# Nothing on the wall clock.
trace_quiet() {
	[ "${WAITCMP_CLOCK:-wall}" = icount ] || return 0
	echo "-s 1000000000 -b $(($1 * $2 * 12 / 10 + 4096))"
}

# quiet_sleep WAKES PERIOD_US: under icount, sleep until WAKES wakes
# PERIOD_US apart should be over (10 % more), so that nothing of the
# bench's own runs beside them; nothing on the wall clock.
quiet_sleep() {
	[ "${WAITCMP_CLOCK:-wall}" = icount ] || return 0
	sleep "$(awk -v n="$1" -v p="$2" 'BEGIN { printf "%.3f", n * p * 1.1 / 1e6 }')"
}

# Cut off (a signal, or bench/run stopping us): leave no trace-cmd and no
# module behind, which matters on a real machine (--target host).
unload_all() {
	[ -z "${trace_pid:-}" ] || kill -INT "$trace_pid" 2>/dev/null || true
	while read -r m _; do
		case $m in waitcmp_*) rmmod "$m" 2>/dev/null || true ;; esac
	done </proc/modules
	if core_loaded; then
		rmmod waitcmp 2>/dev/null || true
	fi
}
trap 'unload_all; exit 130' INT TERM

# shuffled SEED ROUND WORD...: the words in an order drawn from SEED and
# ROUND (the glibc LCG on 31 bits, one draw a word, sorted by the draws):
# the same order for the same seed and round on every machine.
shuffled() {
	r=$(( ($1 * 31 + $2 * 7919 + 1) & 0x7fffffff ))
	shift 2
	for w in "$@"; do
		r=$(( (r * 1103515245 + 12345) & 0x7fffffff ))
		echo "$r $w"
	done | sort -n | cut -d' ' -f2
}
