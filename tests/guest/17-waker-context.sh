# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# waker_context: where the wake call runs. For every variant's wake-one
# call, and its wake-all call where the rule differs (completions, swait),
# each context its module allows on this kernel (its stats' wake_from,
# wake_all_from) runs every wake and records it as declared;
# every other is refused at insmod with the reason and nothing left. Then
# the wake really ran there: the trace's waitcmp_wake event has the hard
# interrupt flag for hardirq (and irq_work without PREEMPT_RT), and is
# emitted by a kworker for workqueue, by the waker for kthread. Splats
# (lockdep, DEBUG_ATOMIC_SLEEP on the debug kernel) fail 90-kernel-log.sh.

CONTEXTS="kthread hardirq irq_work workqueue"
# PREEMPT_RT: uname -v says so on every RT kernel; /sys/kernel/realtime
# is the out-of-tree RT patches' (Debian's rt kernels have it, a
# mainline 6.12 PREEMPT_RT kernel, make test-debug-rt's, does not).
RT=0
case $(uname -v) in *PREEMPT_RT*) RT=1 ;; esac

for v in $VARIANTS; do
	n=2
	[ "$(max_waiters "$v")" -ge 2 ] || n=1
	for all in 0 1; do
		key=wake_from
		[ "$all" = 0 ] || key=wake_all_from
		allowed=" $(fact "$v" "$key") "
		# The wake-all call where its rule differs from the wake-one
		# call's (matrix.t runs both calls of every variant, under icount).
		[ "$all" = 0 ] || [ "$allowed" != " $(fact "$v" wake_from) " ] || continue
		for ctx in $CONTEXTS; do
			desc="$v wake_all=$all waker_context=$ctx"
			case $allowed in
			*" $ctx "*)
				if ! load "$v" iterations=20 period_us=200 waiters=$n \
					wake_all=$all waker_context="$ctx" 2>/tmp/insmod.err; then
					fail "$desc: loads"
					sed 's/^/# /' /tmp/insmod.err
					continue
				fi
				want=$(expected_samples "$v" 20 $n $all)
				if wait_done "$v" 60; then
					is "$(stat_of "$v" records)/$(stat_of "$v" waker_context)" "$want/$ctx" \
						"$desc: $want records"
				else
					fail "$desc: reaches done"
				fi
				unload "$v"
				;;
			*)
				mark=$(dmesg_mark)
				if load "$v" iterations=20 wake_all=$all waker_context="$ctx" 2>/dev/null; then
					fail "$desc: refused"
					unload "$v"
					continue
				fi
				check "$desc: refused, saying why and what is allowed" \
					sh -c "dmesg | tail -n +$((mark + 1)) | grep -q '$v: waker_context=$ctx wake_all=$all is refused on this kernel: .*; allowed: kthread'"
				check "$desc: ... nothing left" nothing_left "$v"
				;;
			esac
		done
	done
done

# Every variant takes kthread and workqueue; hardirq goes to what its wake
# locks allow: complete() and swake_up_one() (raw locks), wake_up_process()
# and rcuwait_wake_up() always; a wait queue's wake_up() only without
# PREEMPT_RT; swake_up_all() never.
is "$(fact completion wake_from)" "kthread hardirq irq_work workqueue" \
	"completion's complete(): any context"
is "$(fact swait wake_all_from)" "kthread$([ "$RT" = 1 ] && echo " irq_work") workqueue" \
	"swait's swake_up_all(): never with interrupts off"
if [ "$RT" = 1 ]; then
	want="kthread irq_work workqueue"
else
	want="kthread hardirq irq_work workqueue"
fi
is "$(fact wait_event wake_from)" "$want" "wait_event's wake_up(): hard IRQ only without PREEMPT_RT"

# Where the wake call ran, from the trace: completion allows all four.
T=$TRACEFS
for ctx in $CONTEXTS; do
	echo 0 >"$T/tracing_on"
	: >"$T/trace"
	echo 1 >"$T/events/waitcmp/waitcmp_wake/enable"
	echo 1 >"$T/tracing_on"
	if load completion iterations=5 period_us=1000 waker_context="$ctx" && wait_done completion 60; then
		echo 0 >"$T/tracing_on"
		line=$(grep -m 1 'waitcmp_wake:' "$T/trace" || true)
		# "  <comm>-<pid>  [cpu] flags  time: waitcmp_wake: ..."
		comm=$(echo "$line" | sed 's/^ *\(.*\)-[0-9]* *\[.*/\1/')
		flags=$(echo "$line" | awk '{ print $3 }')
		case $ctx in
		kthread) want=waker ;;
		hardirq) want=hard ;;
		irq_work) want=hard; [ "$RT" = 0 ] || want=irq_work ;;
		workqueue) want=kworker ;;
		esac
		case $want in
		hard) got=$(case $flags in *h*) echo hard ;; *) echo "flags $flags" ;; esac) ;;
		waker) got=$(case $comm in waitcmp_waker) echo waker ;; *) echo "$comm" ;; esac) ;;
		*) got=$(case $comm in "$want"/*) echo "$want" ;; *) echo "$comm" ;; esac) ;;
		esac
		is "$got" "$want" "waker_context=$ctx: the wake ran in $want context (trace: $line)"
	else
		fail "waker_context=$ctx: completion runs with the trace on"
	fi
	echo 0 >"$T/events/waitcmp/waitcmp_wake/enable"
	unload completion
done
: >"$T/trace"

# SCHED_FIFO: sched_fifo=N makes waiters and waker SCHED_FIFO at N
# (/proc/PID/stat: policy field 41 is 1, rt_priority field 40 is N).
if load wait_event iterations=0 period_us=1000 waiters=2 sched_fifo=42; then
	bad=""
	for pid in $(stat_of wait_event waker_pid) $(stat_of wait_event waiter_pids); do
		# After "comm) ", field 3 (state) is the first: rt_priority
		# (field 40) the 38th, policy (41) the 39th.
		got=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $38 "/" $39 }')
		[ "$got" = 42/1 ] || bad="$bad $pid:$got"
	done
	is "${bad:-none}" none "sched_fifo=42: waker and waiters SCHED_FIFO at priority 42"
	is "$(stat_of wait_event sched_fifo)" 42 "... and the stats say so"
	unload wait_event
else
	fail "wait_event sched_fifo=42 loads"
fi

# contend_us: a thread holds the lock the wake takes (a wait queue's
# spinlock_t, a completion's or swait's raw lock) contend_us at a time;
# every wake still runs and is recorded, and the thread goes with the run.
for v in wait_event completion swait wait_var_event; do
	if load "$v" iterations=200 period_us=300 contend_us=50 && wait_done "$v" 60; then
		c=$(stat_of "$v" contended)
		is "$(stat_of "$v" records)/$(stat_of "$v" contend_us)" 200/50 \
			"$v contend_us=50: 200 records"
		check "$v contend_us=50: the lock was taken ($c times)" [ "$c" -gt 0 ]
		check "$v contend_us=50: its thread, waitcmp_contend, is there with the run" \
			sh -c "grep -qx waitcmp_contend /proc/[0-9]*/comm"
		unload "$v"
		check "$v contend_us=50: ... and gone with the module" nothing_left "$v"
	else
		fail "$v contend_us=50: reaches done"
		unload "$v" 2>/dev/null || true
	fi
done
