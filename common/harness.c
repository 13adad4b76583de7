// SPDX-License-Identifier: GPL-2.0
/*
 * The waitcmp harness: one waker and up to 64 waiter kthreads per loaded
 * variant. The waker publishes a sequence number and a timestamp, calls the
 * variant's wake, then waits until the woken waiters have recorded it, so
 * no wake is lost or counted twice whatever the period: after a wake-one,
 * the waiter that takes seq from seq - 1 (cmpxchg on @claimed) alone
 * records it. A record whose wait did not sleep (its condition was already
 * true: the waiter came back after the next wake was published) is counted
 * in no_sleep and kept out of the latency histogram.
 *
 * The harness's own sleeps are TASK_IDLE or interruptible: only the wait
 * under test may show up in iowait, load average, PSI or the hung-task
 * detector.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/error-injection.h>
#include <linux/freezer.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/jump_label.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/timekeeping.h>
#include <uapi/linux/sched/types.h>

#include "internal.h"

#define CREATE_TRACE_POINTS
#include "waitcmp_trace.h"

EXPORT_TRACEPOINT_SYMBOL_GPL(waitcmp_run_begin);
EXPORT_TRACEPOINT_SYMBOL_GPL(waitcmp_wake);
EXPORT_TRACEPOINT_SYMBOL_GPL(waitcmp_woken);
EXPORT_TRACEPOINT_SYMBOL_GPL(waitcmp_run_end);

/*
 * On while a loaded run measures timeout_us, signals or the freezer: the
 * wait loops of every other run skip those (a jump, patched out).
 */
static DEFINE_STATIC_KEY_FALSE(waitcmp_extras);

static bool waitcmp_has_extras(const struct waitcmp_params *p)
{
	return p->timeout_us || p->signals || p->freezable;
}

/* complete() or an exclusive wake without wake_all: one waiter runs. */
static bool waitcmp_wakes_one(const struct waitcmp_run *run)
{
	return run->ops->wakes_one && !waitcmp_wake_all(run);
}

/* Waiters that record each wake: one, or all of them. */
static unsigned int waitcmp_acks_per_wake(const struct waitcmp_run *run)
{
	return waitcmp_wakes_one(run) ? 1 : run->params.waiters;
}

/* A wake that opens the wait for all must be closed before the next. */
static bool waitcmp_gated(const struct waitcmp_run *run)
{
	return run->ops->rearm && !waitcmp_wakes_one(run);
}

static bool waitcmp_ending(const struct waitcmp_run *run)
{
	return READ_ONCE(run->ending);
}

/*
 * Sleep without counting as blocked, until kthread_stop(). A freezable
 * waiter (freezable=1) parked here once its run is done is frozen where it
 * sleeps, so that it does not hold a suspend back; for the other threads
 * (PF_NOFREEZE) TASK_FREEZABLE does nothing.
 */
static void waitcmp_park(void)
{
	for (;;) {
		set_current_state(TASK_IDLE | TASK_FREEZABLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/*
 * Copies what a reader needs under the lock, so that the percentile scans
 * run without it: the waiters take stats_lock for every record.
 */
void waitcmp_snapshot(struct waitcmp_run *run, struct waitcmp_snap *snap)
{
	spin_lock(&run->stats_lock);
	snap->stats = *run->stats;
	snap->wake_cost = *run->wake_cost;
	snap->no_sleep = run->no_sleep;
	snap->negative = run->negative;
	snap->expiry = *run->expiry;
	snap->expiry_early = run->expiry_early;
	snap->expiry_ret = run->expiry_ret;
	memcpy(snap->sig_early, run->sig_early, sizeof(snap->sig_early));
	memcpy(snap->sig_ignored, run->sig_ignored, sizeof(snap->sig_ignored));
	memcpy(snap->sig_ret, run->sig_ret, sizeof(snap->sig_ret));
	snap->order_oldest = run->order_oldest;
	snap->order_newest = run->order_newest;
	snap->order_other = run->order_other;
	spin_unlock(&run->stats_lock);
}

/*
 * Every wake ran and was recorded: the last seq was published and acked,
 * even if an unload cut the waker short just after.
 */
static bool waitcmp_all_ran(const struct waitcmp_run *run)
{
	const struct waitcmp_params *p = &run->params;

	return READ_ONCE(run->done) ||
	       (p->iterations && READ_ONCE(run->seq) == p->iterations &&
		atomic_read(&run->acks) >= waitcmp_acks_per_wake(run));
}

static void waitcmp_end_of_run(struct waitcmp_run *run)
{
	struct waitcmp_snap *snap = run->end_snap;
	struct waitcmp_summary s;

	waitcmp_snapshot(run, snap);
	waitcmp_stats_summary(&snap->stats, &s);
	trace_waitcmp_run_end(run->ops->name, &s);
	pr_info("%s: End of run (%s): records=%llu samples=%llu no_sleep=%llu min_ns=%llu mean_ns=%llu p50_ns=%llu p90_ns=%llu p99_ns=%llu p999_ns=%llu max_ns=%llu%s\n",
		run->ops->name, waitcmp_all_ran(run) ? "done" : "stopped",
		waitcmp_records(snap), s.samples, snap->no_sleep, s.min, s.mean,
		s.p50, s.p90, s.p99, s.p999, s.max,
		READ_ONCE(run->affinity_lost) ? " affinity_lost" : "");
}

/* Tell every thread the run is ending: no wait of the harness's holds. */
static void waitcmp_set_ending(struct waitcmp_run *run)
{
	WRITE_ONCE(run->ending, true);
	wake_up_all(&run->ctl_wq);
	wake_up_all(&run->arm_wq);
}

/*
 * Let every waiter leave its wait for good. Called by the waker after its
 * last wake, or once the waker has stopped: never beside ops->rearm().
 */
static void waitcmp_release(struct waitcmp_run *run)
{
	waitcmp_set_ending(run);
	WRITE_ONCE(run->released, true);
	if (run->ops->release)
		run->ops->release(run);
	else
		run->ops->wake(run);
}

/*
 * A wake-one call ran W, and W alone, with several waiters: where W stood
 * in line among the others, by the tickets each took as it went to wait.
 * They wait still (they have not recorded since), so theirs are current.
 * A FIFO queue (exclusive waits, completions, swait) runs the oldest: the
 * tail is where prepare_to_wait_exclusive() and prepare_to_swait_exclusive()
 * add a waiter, the head is where wake_up() and swake_up_one() take one.
 */
static void waitcmp_record_order(struct waitcmp_waiter *w)
{
	struct waitcmp_run *run = w->run;
	unsigned int i, older = 0, newer = 0;

	for (i = 0; i < run->params.waiters; i++) {
		unsigned long t = READ_ONCE(run->waiter[i].ticket);

		if (&run->waiter[i] == w)
			continue;
		if ((long)(t - w->ticket) < 0)
			older++;
		else
			newer++;
	}
	spin_lock(&run->stats_lock);
	if (!older)
		run->order_oldest++;
	else if (!newer)
		run->order_newest++;
	else
		run->order_other++;
	spin_unlock(&run->stats_lock);
}

static void waitcmp_record(struct waitcmp_waiter *w, unsigned long seq,
			   u64 woken_ns, bool slept, int ret)
{
	struct waitcmp_run *run = w->run;
	/* The waker waits for this ack: wake_ns is still that of seq. */
	u64 wake_ns = READ_ONCE(run->wake_ns);
	bool negative = woken_ns < wake_ns;

	spin_lock(&run->stats_lock);
	if (unlikely(negative))
		run->negative++;
	else if (slept)
		waitcmp_stats_add(run->stats, woken_ns - wake_ns);
	else
		run->no_sleep++;
	spin_unlock(&run->stats_lock);
	/* seq was read before woken_ns was taken, so this cannot happen. */
	if (!WARN_ON_ONCE(negative))
		trace_waitcmp_woken(run->ops->name, seq, w->id,
				    woken_ns - wake_ns, slept,
				    raw_smp_processor_id(), ret);
	w->seen = seq;
	if (atomic_inc_return(&run->acks) == waitcmp_acks_per_wake(run))
		wake_up(&run->ctl_wq);
}

/* The wait is closed again after seq, or the run ends. */
static bool waitcmp_rearmed(struct waitcmp_run *run, unsigned long seq)
{
	/* Pairs with the waker's release after ops->rearm(). */
	return smp_load_acquire(&run->armed) == seq || waitcmp_ending(run);
}

/*
 * After a wake-one, only the waiter that moves @claimed from seq - 1 to seq
 * records seq: one that lost seq and comes back late cannot take a later
 * seq's claim in its name, because it compares against the seq it read.
 */
static bool waitcmp_claim(struct waitcmp_run *run, unsigned long seq)
{
	return cmpxchg(&run->claimed, seq - 1, seq) == seq - 1;
}

/*
 * timeout_us: the wait that started at START_NS expired at NOW_NS. Kept:
 * how long it slept, and whether that was less than timeout_us. An
 * hrtimer expires at its time or after. A jiffies timeout is rounded up
 * to ticks and the timer wheel rounds its expiry up to the next tick
 * (calc_index() in kernel/time/timer.c), but it counts from jiffies as
 * last updated, which a CPU back from tickless idle may read behind the
 * clock: it may end short by up to a tick.
 */
static void waitcmp_record_expiry(struct waitcmp_waiter *w, u64 start_ns, u64 now_ns)
{
	struct waitcmp_run *run = w->run;
	u64 elapsed = now_ns - start_ns;

	spin_lock(&run->stats_lock);
	if (elapsed < (u64)run->params.timeout_us * NSEC_PER_USEC)
		run->expiry_early++;
	waitcmp_stats_add(run->expiry, elapsed);
	run->expiry_ret = w->expired_ret;
	spin_unlock(&run->stats_lock);
}

/* SIG is pending for current: its own (tgkill) or its thread group's (kill). */
static bool waitcmp_sig_pending(int sig)
{
	return sigismember(&current->pending.signal, sig) ||
	       sigismember(&current->signal->shared_pending.signal, sig);
}

/*
 * signals=1: the wait returned with SIGUSR1 or SIGKILL pending: before a
 * wake (EARLY: no new seq) it ended the wait, else the wait ignored it
 * until the wake. Flushed either way, or the next wait would see it.
 */
static void waitcmp_record_signals(struct waitcmp_waiter *w, bool early, int ret)
{
	static const int sigs[2] = { SIGUSR1, SIGKILL };
	struct waitcmp_run *run = w->run;
	int i;

	spin_lock(&run->stats_lock);
	for (i = 0; i < 2; i++) {
		if (!waitcmp_sig_pending(sigs[i]))
			continue;
		if (early) {
			run->sig_early[i]++;
			run->sig_ret[i] = ret;
		} else {
			run->sig_ignored[i]++;
		}
	}
	spin_unlock(&run->stats_lock);
	flush_signals(current);
}

static int waitcmp_waiter_fn(void *arg)
{
	struct waitcmp_waiter *w = arg;
	struct waitcmp_run *run = w->run;

	if (run->params.signals) {
		allow_signal(SIGUSR1);
		allow_signal(SIGKILL);
	}
	if (run->params.freezable)
		set_freezable();
	atomic_inc(&run->ready);
	wake_up(&run->ctl_wq);

	while (!waitcmp_ending(run)) {
		/* A wait that slept switched out voluntarily at least once. */
		unsigned long nvcsw = READ_ONCE(current->nvcsw), seq;
		u64 start_ns = 0, woken_ns;
		bool slept;
		int ret;

		/*
		 * What only some runs measure costs the others nothing: past
		 * a static key, the freezer, the wait's start for timeout_us;
		 * a place in line for the wake order of wake-one calls with
		 * several waiters.
		 */
		if (static_branch_unlikely(&waitcmp_extras)) {
			/* A freezable kthread's loop: between waits, not in them. */
			if (run->params.freezable && try_to_freeze())
				atomic64_inc(&run->freeze_after_wait);
			w->expired = false;
			if (run->params.timeout_us)
				start_ns = ktime_get_ns();
		}
		if (waitcmp_wakes_one(run) && run->params.waiters > 1)
			WRITE_ONCE(w->ticket, atomic_long_inc_return(&run->tickets));
		ret = run->ops->wait(w);
		/*
		 * seq first, then the time: pairs with the waker's release,
		 * so the wake_ns of seq is never later than woken_ns.
		 */
		seq = smp_load_acquire(&run->seq);
		woken_ns = ktime_get_ns();
		slept = READ_ONCE(current->nvcsw) != nvcsw;

		if (static_branch_unlikely(&waitcmp_extras)) {
			if (w->expired && run->params.timeout_us)
				waitcmp_record_expiry(w, start_ns, woken_ns);
			if (run->params.signals && !waitcmp_ending(run) &&
			    (waitcmp_sig_pending(SIGUSR1) || waitcmp_sig_pending(SIGKILL)))
				waitcmp_record_signals(w, seq == w->seen, ret);
		}
		if (!waitcmp_ending(run))
			atomic64_inc(&run->woken);
		/*
		 * No new wake: the run is ending, or an interruptible wait
		 * returned early (kthread_stop() raises TIF_NOTIFY_SIGNAL).
		 */
		if (seq == w->seen)
			continue;
		/*
		 * After a wake-one, only one waiter owns the wake. The others
		 * count it as seen: a condition-based wait (swait, exclusive)
		 * would otherwise return at once, again and again, until the
		 * next wake: a busy loop.
		 */
		if (waitcmp_wakes_one(run) && !waitcmp_claim(run, seq)) {
			w->seen = seq;
			continue;
		}
		/*
		 * The first wakes take the waiters from a line they joined
		 * at their start, at once, in an order the tickets may not
		 * have: counted once each could have gone round.
		 */
		if (waitcmp_wakes_one(run) && run->params.waiters > 1 && slept &&
		    seq > 2 * run->params.waiters)
			waitcmp_record_order(w);
		waitcmp_record(w, seq, woken_ns, slept, ret);
		if (waitcmp_gated(run))
			wait_event_idle(run->arm_wq, waitcmp_rearmed(run, seq));
	}
	waitcmp_park();
	return 0;
}

/* What the wake call cost the waker: grows with the waiters it runs. */
static void waitcmp_add_wake_cost(struct waitcmp_run *run, u64 cost)
{
	spin_lock(&run->stats_lock);
	waitcmp_stats_add(run->wake_cost, cost);
	spin_unlock(&run->stats_lock);
}

/* Interruptible, not D state, and cut short when the run ends. */
static void waitcmp_pause(struct waitcmp_run *run, unsigned int us)
{
	wait_event_interruptible_hrtimeout(run->ctl_wq, waitcmp_ending(run),
					   ns_to_ktime((u64)us * NSEC_PER_USEC));
}

/*
 * The wake call for run->next_seq, in the waker_context that runs it:
 * the trace event and the timestamp the latency starts from, the seq
 * released, ops->wake(), then when it returned.
 */
static void waitcmp_wake_call(struct waitcmp_run *run)
{
	unsigned long seq = READ_ONCE(run->next_seq);
	u64 wake_ns;

	trace_waitcmp_wake(run->ops->name, seq, raw_smp_processor_id());
	wake_ns = ktime_get_ns();
	WRITE_ONCE(run->wake_ns, wake_ns);
	/* Publish wake_ns before seq; pairs with the waiters' acquire. */
	smp_store_release(&run->seq, seq);
	run->ops->wake(run);
	WRITE_ONCE(run->woke_ns, ktime_get_ns());
	/* woke_ns before called; pairs with waitcmp_wake_over(). */
	smp_store_release(&run->called, seq);
}

/*
 * Out of the waker's thread, the call ends by waking the waker, which
 * waits for it. wake_up_process() takes raw locks only: any context may.
 * The waker's task_struct is held until the run is freed.
 */
static void waitcmp_wake_call_away(struct waitcmp_run *run)
{
	waitcmp_wake_call(run);
	wake_up_process(run->waker);
}

static enum hrtimer_restart waitcmp_wake_timer_fn(struct hrtimer *timer)
{
	waitcmp_wake_call_away(container_of(timer, struct waitcmp_run,
					    wake_timer));
	return HRTIMER_NORESTART;
}

static void waitcmp_wake_irq_work_fn(struct irq_work *work)
{
	waitcmp_wake_call_away(container_of(work, struct waitcmp_run,
					    wake_irq_work));
}

static void waitcmp_wake_work_fn(struct work_struct *work)
{
	waitcmp_wake_call_away(container_of(work, struct waitcmp_run,
					    wake_work));
}

/* Makes the wake call for next_seq in the run's waker_context. */
static void waitcmp_dispatch_wake(struct waitcmp_run *run)
{
	switch (run->context) {
	case WAITCMP_CTX_HARDIRQ:
		hrtimer_start(&run->wake_timer, 0,
			      HRTIMER_MODE_REL_PINNED_HARD);
		break;
	case WAITCMP_CTX_IRQ_WORK:
		irq_work_queue(&run->wake_irq_work);
		break;
	case WAITCMP_CTX_WORKQUEUE:
		queue_work(system_wq, &run->wake_work);
		break;
	default:
		waitcmp_wake_call(run);
		break;
	}
}

/*
 * The wake call for seq has returned (the waker waits for it even when
 * the run ends, so that no call is left running once the waker is gone)
 * and its waiters have recorded it, or the run ends.
 */
static bool waitcmp_wake_over(struct waitcmp_run *run, unsigned long seq,
			      unsigned int acks)
{
	/* Pairs with the release in waitcmp_wake_call(): woke_ns is set. */
	return smp_load_acquire(&run->called) == seq &&
	       (atomic_read(&run->acks) >= acks || waitcmp_ending(run));
}

/*
 * contend_us: takes the lock the variant's wake takes (ops->contend()),
 * holds it contend_us, sleeps a quarter of that, until the run ends: the
 * lock is held about four fifths of the time, so most wakes find it held.
 */
static int waitcmp_contender_fn(void *arg)
{
	struct waitcmp_run *run = arg;
	unsigned int us = run->params.contend_us;
	unsigned int gap = DIV_ROUND_UP(us, 4);

	while (!waitcmp_ending(run)) {
		run->ops->contend(run, us);
		atomic64_inc(&run->contended);
		/* Not on ctl_wq: the waiters' acks would wake it there. */
		usleep_range_state(gap, gap, TASK_IDLE);
	}
	waitcmp_park();
	return 0;
}

static int waitcmp_waker_fn(void *arg)
{
	struct waitcmp_run *run = arg;
	const struct waitcmp_params *p = &run->params;
	unsigned int acks = waitcmp_acks_per_wake(run);
	unsigned long seq;

	/* The first wake should find the waiters started, not being forked. */
	wait_event_idle(run->ctl_wq, atomic_read(&run->ready) == p->waiters ||
			waitcmp_ending(run));

	for (seq = 1; !p->iterations || seq <= p->iterations; seq++) {
		if (p->period_us)
			waitcmp_pause(run, p->period_us);
		if (static_branch_unlikely(&waitcmp_extras) && p->freezable)
			wait_event_idle(run->ctl_wq, !READ_ONCE(run->suspending) ||
					waitcmp_ending(run));
		if (waitcmp_ending(run))
			break;

		DEFINE_WAIT(wait);

		atomic_set(&run->acks, 0);
		/*
		 * On the ack queue before the wake, so that the waker sleeps
		 * right after it, through the same schedule() whether or not
		 * the wake set need_resched: on a shared CPU the woken waiter
		 * then runs after the same code path at every wake, not after
		 * one that depends on CFS's wakeup preemption (the vruntime
		 * history of the two threads).
		 */
		prepare_to_wait(&run->ctl_wq, &wait, TASK_IDLE);
		WRITE_ONCE(run->next_seq, seq);
		waitcmp_dispatch_wake(run);
		while (!waitcmp_wake_over(run, seq, acks)) {
			schedule();
			prepare_to_wait(&run->ctl_wq, &wait, TASK_IDLE);
		}
		finish_wait(&run->ctl_wq, &wait);
		/*
		 * Accounted only now: on one CPU without preemption, the
		 * lock taken here would otherwise run inside the woken
		 * waiter's latency.
		 */
		waitcmp_add_wake_cost(run, READ_ONCE(run->woke_ns) -
				      READ_ONCE(run->wake_ns));
		if (waitcmp_gated(run) && !waitcmp_ending(run)) {
			run->ops->rearm(run);
			/* Close the wait before letting the waiters back to it. */
			smp_store_release(&run->armed, seq);
			wake_up_all(&run->arm_wq);
		}
	}

	if (!waitcmp_ending(run)) {
		WRITE_ONCE(run->done, true);
		waitcmp_end_of_run(run);
		waitcmp_release(run);
	}
	waitcmp_park();
	return 0;
}

/*
 * freezable=1, every WAITCMP_FREEZE_SAMPLE_US while a suspend is under
 * way: each waiter the freezer is after (freezing()), frozen in its wait,
 * runnable (the freezer wakes a kthread it cannot freeze where it sleeps,
 * again and again), or asleep with its ps state letter. Hard interrupt context, on PREEMPT_RT
 * too, so that it samples while the suspending task busy-waits
 * (pm_test_delay's mdelay()) on the only CPU: atomics, no lock.
 */
static enum hrtimer_restart waitcmp_freeze_timer_fn(struct hrtimer *timer)
{
	struct waitcmp_run *run = container_of(timer, struct waitcmp_run,
					       freeze_timer);
	unsigned int i;

	for (i = 0; i < run->params.waiters; i++) {
		struct task_struct *t = run->waiter[i].task;
		unsigned int index;

		if (!freezing(t))
			continue;
		index = task_state_index(t);
		atomic64_inc(&run->freeze_samples);
		/* frozen(), which 6.1 does not export. */
		if (READ_ONCE(t->__state) & TASK_FROZEN) {
			atomic64_inc(&run->freeze_frozen);
			WRITE_ONCE(run->frozen_state, task_index_to_char(index));
		} else if (!index) {
			/* Woken by the freezer (a kthread's freeze_task()), or running. */
			atomic64_inc(&run->freeze_runnable);
		} else if (index < WAITCMP_NR_STATE_LETTERS) {
			atomic64_inc(&run->freeze_asleep[index]);
		}
	}
	hrtimer_forward_now(timer, ns_to_ktime(WAITCMP_FREEZE_SAMPLE_US * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

/* freezable=1: a suspend (or hibernation) begins or has ended. */
static int waitcmp_pm_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct waitcmp_run *run = container_of(nb, struct waitcmp_run, pm_nb);

	switch (action) {
	case PM_SUSPEND_PREPARE:
	case PM_HIBERNATION_PREPARE:
		atomic64_inc(&run->suspends);
		WRITE_ONCE(run->suspending, true);
		hrtimer_start(&run->freeze_timer,
			      ns_to_ktime(WAITCMP_FREEZE_SAMPLE_US * NSEC_PER_USEC),
			      HRTIMER_MODE_REL_HARD);
		break;
	case PM_POST_SUSPEND:
	case PM_POST_HIBERNATION:
		hrtimer_cancel(&run->freeze_timer);
		WRITE_ONCE(run->suspending, false);
		wake_up_all(&run->ctl_wq);
		break;
	}
	return NOTIFY_DONE;
}

noinline __noclone int waitcmp_watch_suspend(struct waitcmp_run *run)
{
	if (!run->params.freezable)
		return 0;
	run->pm_nb.notifier_call = waitcmp_pm_notify;
	return register_pm_notifier(&run->pm_nb);
}

ALLOW_ERROR_INJECTION(waitcmp_watch_suspend, ERRNO);

static void waitcmp_unwatch_suspend(struct waitcmp_run *run)
{
	if (!run->params.freezable)
		return;
	unregister_pm_notifier(&run->pm_nb);
	hrtimer_cancel(&run->freeze_timer);
}

static int waitcmp_check_cpu(const char *variant, const char *name, int cpu)
{
	if (cpu == -1 || (cpu >= 0 && cpu < nr_cpu_ids && cpu_online(cpu)))
		return 0;
	pr_err("%s: %s=%d is not an online CPU, allowed -1 or %*pbl\n",
	       variant, name, cpu, cpumask_pr_args(cpu_online_mask));
	return -EINVAL;
}

/*
 * The running kernel's hung_task_timeout_secs (the symbol is not exported:
 * read the sysctl), 0 when the detector is off. If /proc cannot be read,
 * the built-in default.
 */
static unsigned long waitcmp_hung_task_timeout(void)
{
	char buf[24] = "";
	unsigned long secs;
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	if (!IS_ENABLED(CONFIG_DETECT_HUNG_TASK))
		return 0;
	f = filp_open("/proc/sys/kernel/hung_task_timeout_secs", O_RDONLY, 0);
	if (IS_ERR(f))
		goto fallback;
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	filp_close(f, NULL);
	if (n > 0 && !kstrtoul(strim(buf), 10, &secs))
		return secs;
fallback:
#ifdef CONFIG_DEFAULT_HUNG_TASK_TIMEOUT
	return CONFIG_DEFAULT_HUNG_TASK_TIMEOUT;
#else
	return 0;
#endif
}

/*
 * A waiter of a wait the hung-task detector watches (TASK_UNINTERRUPTIBLE
 * without TASK_WAKEKILL or TASK_NOLOAD: the variant's expect.hung_task)
 * must not sleep as long as its timeout: a wake-one wakes the waiters in
 * turn (FIFO), so each sleeps waiters * period_us.
 */
static int waitcmp_check_hung_task(const struct waitcmp_ops *ops,
				   const struct waitcmp_params *p)
{
	unsigned int turns = ops->wakes_one && !p->wake_all ? p->waiters : 1;
	u64 sleep_us = (u64)turns * p->period_us;
	unsigned long timeout = waitcmp_hung_task_timeout();
	u32 rem_us;
	u64 sleep_s = div_u64_rem(sleep_us, USEC_PER_SEC, &rem_us);

	if (!ops->expect.hung_task || !timeout ||
	    sleep_us < (u64)timeout * USEC_PER_SEC)
		return 0;
	if (p->allow_hung_task) {
		pr_warn("%s: waiters=%u period_us=%u allow_hung_task=1: each waiter sleeps %llu.%06u s in D state, not under hung_task_timeout_secs=%lu: the hung-task detector will report them\n",
			ops->name, p->waiters, p->period_us,
			sleep_s, rem_us,
			timeout);
		return 0;
	}
	pr_err("%s: waiters=%u period_us=%u: each waiter would sleep %llu.%06u s in D state, not under hung_task_timeout_secs=%lu; allowed %s < %lu s (or allow_hung_task=1)\n",
	       ops->name, p->waiters, p->period_us,
	       sleep_s, rem_us,
	       timeout, turns > 1 ? "waiters * period_us" : "period_us",
	       timeout);
	return -EINVAL;
}

/* What the bench reads of a variant from its stats must be there. */
static int waitcmp_check_ops(const struct waitcmp_ops *ops)
{
	if (!ops->family || !ops->primitive || !ops->primitive_size) {
		pr_err("%s: the variant's ops lack a family or a primitive (WAITCMP_PRIMITIVE())\n",
		       ops->name);
		return -EINVAL;
	}
	if (!ops->wake_from || !ops->wake_all_from) {
		pr_err("%s: the variant's ops lack wake_from or wake_all_from: where its wake may be called from\n",
		       ops->name);
		return -EINVAL;
	}
	return 0;
}

static const char * const waitcmp_context_names[WAITCMP_NR_CTX] = {
	[WAITCMP_CTX_KTHREAD] = "kthread",
	[WAITCMP_CTX_HARDIRQ] = "hardirq",
	[WAITCMP_CTX_IRQ_WORK] = "irq_work",
	[WAITCMP_CTX_WORKQUEUE] = "workqueue",
};

const char *waitcmp_context_name(enum waitcmp_context ctx)
{
	return waitcmp_context_names[ctx];
}

/* The waker_context called @name, or -EINVAL. */
static int waitcmp_context_of(const char *name)
{
	int i;

	for (i = 0; i < WAITCMP_NR_CTX; i++)
		if (name && sysfs_streq(name, waitcmp_context_names[i]))
			return i;
	return -EINVAL;
}

#define WAITCMP_NOT_ON_RT \
	"it takes a spinlock_t or is complete_all(), which PREEMPT_RT allows in a threaded context only"
#define WAITCMP_NOT_IRQS_OFF \
	"it unlocks with raw_spin_unlock_irq(), which enables interrupts: never in hard interrupt context"

/*
 * Why the running kernel forbids a wake call declared @from in @ctx, or
 * NULL. Hard interrupt context: the hrtimer's callback, and irq_work's
 * without PREEMPT_RT (with it, irq_work runs in a per-CPU thread).
 */
const char *waitcmp_forbidden(enum waitcmp_wake_from from,
			      enum waitcmp_context ctx)
{
	bool rt = IS_ENABLED(CONFIG_PREEMPT_RT);
	bool hardirq = ctx == WAITCMP_CTX_HARDIRQ ||
		       (ctx == WAITCMP_CTX_IRQ_WORK && !rt);

	if (!hardirq || from == WAITCMP_FROM_ANY)
		return NULL;
	if (from == WAITCMP_FROM_THREADED_ON_RT)
		return rt ? WAITCMP_NOT_ON_RT : NULL;
	return WAITCMP_NOT_IRQS_OFF;
}

/* The declaration that applies to this run's wake call. */
static enum waitcmp_wake_from
waitcmp_wake_from(const struct waitcmp_ops *ops, const struct waitcmp_params *p)
{
	return p->wake_all ? ops->wake_all_from : ops->wake_from;
}

static int waitcmp_check_context(const struct waitcmp_ops *ops,
				 const struct waitcmp_params *p)
{
	int ctx = waitcmp_context_of(p->waker_context);
	enum waitcmp_wake_from from = waitcmp_wake_from(ops, p);
	char allowed[48] = "";
	const char *why;
	int i;

	if (ctx < 0) {
		pr_err("%s: waker_context=%s is not one of kthread, hardirq, irq_work, workqueue\n",
		       ops->name, p->waker_context ?: "(null)");
		return -EINVAL;
	}
	why = waitcmp_forbidden(from, ctx);
	if (!why)
		return 0;
	for (i = 0; i < WAITCMP_NR_CTX; i++)
		if (!waitcmp_forbidden(from, i))
			snprintf(allowed + strlen(allowed),
				 sizeof(allowed) - strlen(allowed), "%s%s",
				 allowed[0] ? ", " : "",
				 waitcmp_context_names[i]);
	pr_err("%s: waker_context=%s wake_all=%u is refused on this kernel: %s; allowed: %s\n",
	       ops->name, p->waker_context, p->wake_all, why, allowed);
	return -EINVAL;
}

static int waitcmp_check_params(const struct waitcmp_ops *ops,
				const struct waitcmp_params *p)
{
	unsigned int max_waiters = waitcmp_max_waiters(ops);

	if (p->waiters < 1 || p->waiters > max_waiters) {
		pr_err("%s: waiters=%u is out of range, allowed 1..%u\n",
		       ops->name, p->waiters, max_waiters);
		return -EINVAL;
	}
	if (p->wake_all > 1) {
		pr_err("%s: wake_all=%u is out of range, allowed 0..1\n",
		       ops->name, p->wake_all);
		return -EINVAL;
	}
	if (p->allow_hung_task > 1) {
		pr_err("%s: allow_hung_task=%u is out of range, allowed 0..1\n",
		       ops->name, p->allow_hung_task);
		return -EINVAL;
	}
	if (p->stop_test > 1) {
		pr_err("%s: stop_test=%u is out of range, allowed 0..1\n",
		       ops->name, p->stop_test);
		return -EINVAL;
	}
	if (p->period_us > WAITCMP_MAX_PERIOD_US) {
		pr_err("%s: period_us=%u is out of range, allowed 0..%u\n",
		       ops->name, p->period_us, WAITCMP_MAX_PERIOD_US);
		return -EINVAL;
	}
	if (p->contend_us > WAITCMP_MAX_CONTEND_US) {
		pr_err("%s: contend_us=%u is out of range, allowed 0..%u\n",
		       ops->name, p->contend_us, WAITCMP_MAX_CONTEND_US);
		return -EINVAL;
	}
	if (p->contend_us && !ops->contend) {
		pr_err("%s: contend_us=%u: the API's wake takes no lock of its own to contend, allowed 0\n",
		       ops->name, p->contend_us);
		return -EINVAL;
	}
	if (p->timeout_us > WAITCMP_MAX_TIMEOUT_US) {
		pr_err("%s: timeout_us=%u is out of range, allowed 0..%u\n",
		       ops->name, p->timeout_us, WAITCMP_MAX_TIMEOUT_US);
		return -EINVAL;
	}
	if (p->timeout_us && ops->timeout == WAITCMP_TIMEOUT_NONE) {
		pr_err("%s: timeout_us=%u: the API's wait has no timeout, allowed 0\n",
		       ops->name, p->timeout_us);
		return -EINVAL;
	}
	if (p->signals > 1) {
		pr_err("%s: signals=%u is out of range, allowed 0..1\n",
		       ops->name, p->signals);
		return -EINVAL;
	}
	if (p->freezable > 1) {
		pr_err("%s: freezable=%u is out of range, allowed 0..1\n",
		       ops->name, p->freezable);
		return -EINVAL;
	}
	if (p->sched_fifo > MAX_RT_PRIO - 1) {
		pr_err("%s: sched_fifo=%u is out of range, allowed 0 (SCHED_NORMAL) or 1..%u\n",
		       ops->name, p->sched_fifo, MAX_RT_PRIO - 1);
		return -EINVAL;
	}
	if (waitcmp_check_cpu(ops->name, "waiter_cpu", p->waiter_cpu) ||
	    waitcmp_check_cpu(ops->name, "waker_cpu", p->waker_cpu) ||
	    waitcmp_check_context(ops, p))
		return -EINVAL;
	return waitcmp_check_hung_task(ops, p);
}

static enum cpuhp_state waitcmp_cpuhp_state;

/*
 * The scheduler moves a bound kthread off a CPU going offline and leaves
 * it unbound: the run goes on, but no longer where its parameters say.
 */
static int waitcmp_cpu_offline(unsigned int cpu, struct hlist_node *node)
{
	struct waitcmp_run *run = hlist_entry(node, struct waitcmp_run,
					      cpuhp_node);
	const struct waitcmp_params *p = &run->params;
	bool waiters = p->waiter_cpu == cpu, waker = p->waker_cpu == cpu;

	if (!waiters && !waker)
		return 0;
	WRITE_ONCE(run->affinity_lost, true);
	pr_warn("%s: CPU %u goes offline: the %s threads run unbound from here on (affinity_lost)\n",
		run->ops->name, cpu,
		waiters && waker ? "waiter and waker" :
		waiters ? "waiter" : "waker");
	return 0;
}

static struct task_struct *waitcmp_bind(struct task_struct *t, int cpu)
{
	if (!IS_ERR(t) && cpu >= 0)
		kthread_bind(t, cpu);
	return t;
}

/*
 * Stops the threads that exist. Threads that never ran (an init that
 * failed) need kthread_stop() alone: it stops them before their function.
 */
static void waitcmp_stop_waiters(struct waitcmp_run *run)
{
	unsigned int i;

	for (i = 0; i < run->params.waiters; i++)
		if (run->waiter[i].task)
			kthread_stop(run->waiter[i].task);
}

static void waitcmp_stopper_fn(struct work_struct *work)
{
	struct waitcmp_waiter *w = container_of(work, struct waitcmp_waiter,
						stop_work);

	kthread_stop(w->task);
	/* All: the unload may wait for it twice, bounded and then not. */
	complete_all(&w->stopped);
}

/*
 * stop_test=0: the waiters' condition does not test the stop, like a
 * wait_event() whose condition lacks kthread_should_stop(). kthread_stop()
 * wakes each waiter, which finds its condition false and sleeps again: a
 * module's unload would hang there for good (an interruptible wait is the
 * exception: kthread_stop() raises TIF_NOTIFY_SIGNAL, and it returns). The
 * harness calls kthread_stop() from a work item per waiter, waits
 * WAITCMP_STOP_BOUND_MS for them, says which did not stop, and only then
 * releases them.
 */
static void waitcmp_stop_untested(struct waitcmp_run *run)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(WAITCMP_STOP_BOUND_MS);
	unsigned int i, stuck = 0;

	for (i = 0; i < run->params.waiters; i++)
		queue_work(system_unbound_wq, &run->waiter[i].stop_work);
	for (i = 0; i < run->params.waiters; i++) {
		long left = (long)(deadline - jiffies);

		if (!wait_for_completion_timeout(&run->waiter[i].stopped,
						 max(left, 0L)))
			stuck++;
	}
	if (stuck) {
		pr_info("%s: stop_test=0: %u of %u waiters still in their wait %u ms after kthread_stop(): this unload hangs without the stop test; released by the harness\n",
			run->ops->name, stuck, run->params.waiters,
			WAITCMP_STOP_BOUND_MS);
		waitcmp_release(run);
	}
	for (i = 0; i < run->params.waiters; i++)
		wait_for_completion(&run->waiter[i].stopped);
}

static void waitcmp_stop_created(struct waitcmp_run *run)
{
	if (run->contender)
		kthread_stop(run->contender);
	if (run->waker)
		kthread_stop(run->waker);
	waitcmp_stop_waiters(run);
}

/*
 * A running run: the waker first, so that no ops->rearm() can follow the
 * release; then the waiters, released with the wake-all form.
 */
static void waitcmp_stop_threads(struct waitcmp_run *run)
{
	waitcmp_set_ending(run);
	kthread_stop(run->waker);
	/*
	 * The waker waited for its last wake call to return; this waits for
	 * the callback that made it to finish too, before the run is freed.
	 */
	hrtimer_cancel(&run->wake_timer);
	irq_work_sync(&run->wake_irq_work);
	flush_work(&run->wake_work);
	if (run->contender)
		kthread_stop(run->contender);
	if (!run->params.stop_test && !READ_ONCE(run->released)) {
		waitcmp_stop_untested(run);
		return;
	}
	waitcmp_release(run);
	waitcmp_stop_waiters(run);
}

static void waitcmp_free(struct waitcmp_run *run)
{
	if (run->waker)
		put_task_struct(run->waker);
	kfree(run->end_snap);
	kfree(run->expiry);
	kfree(run->wake_cost);
	kfree(run->stats);
	kfree(run->waiter);
	kfree(run);
}

/*
 * The load path's failure points are functions of their own, open to
 * fail_function (Documentation/fault-injection/fault-injection.rst) on a
 * kernel with CONFIG_FUNCTION_ERROR_INJECTION, so that each unwind is
 * tested for real. noinline and __noclone keep them whole and named.
 */
noinline __noclone struct waitcmp_run *
waitcmp_alloc(const struct waitcmp_ops *ops, const struct waitcmp_params *params)
{
	struct waitcmp_run *run;

	run = kzalloc(sizeof(*run), GFP_KERNEL);
	if (!run)
		return ERR_PTR(-ENOMEM);
	run->waiter = kcalloc(params->waiters, sizeof(*run->waiter),
			      GFP_KERNEL);
	run->stats = kzalloc(sizeof(*run->stats), GFP_KERNEL);
	run->wake_cost = kzalloc(sizeof(*run->wake_cost), GFP_KERNEL);
	run->expiry = kzalloc(sizeof(*run->expiry), GFP_KERNEL);
	run->end_snap = kmalloc(sizeof(*run->end_snap), GFP_KERNEL);
	if (!run->waiter || !run->stats || !run->wake_cost || !run->expiry ||
	    !run->end_snap) {
		waitcmp_free(run);
		return ERR_PTR(-ENOMEM);
	}
	run->ops = ops;
	run->params = *params;
	init_waitqueue_head(&run->ctl_wq);
	init_waitqueue_head(&run->arm_wq);
	spin_lock_init(&run->stats_lock);
	run->context = waitcmp_context_of(params->waker_context);
	hrtimer_init(&run->wake_timer, CLOCK_MONOTONIC,
		     HRTIMER_MODE_REL_PINNED_HARD);
	run->wake_timer.function = waitcmp_wake_timer_fn;
	init_irq_work(&run->wake_irq_work, waitcmp_wake_irq_work_fn);
	INIT_WORK(&run->wake_work, waitcmp_wake_work_fn);
	hrtimer_init(&run->freeze_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	run->freeze_timer.function = waitcmp_freeze_timer_fn;
	return run;
}

ALLOW_ERROR_INJECTION(waitcmp_alloc, ERRNO);

/* A waiter's thread, or with w NULL the waker's; created, not woken. */
noinline __noclone struct task_struct *
waitcmp_kthread(struct waitcmp_run *run, struct waitcmp_waiter *w)
{
	struct task_struct *t;

	if (w)
		t = kthread_create(waitcmp_waiter_fn, w, "waitcmp_wait/%u",
				   w->id);
	else
		t = kthread_create(waitcmp_waker_fn, run, "waitcmp_waker");
	return waitcmp_bind(t, w ? run->params.waiter_cpu :
				   run->params.waker_cpu);
}

ALLOW_ERROR_INJECTION(waitcmp_kthread, ERRNO);

noinline __noclone int waitcmp_watch_cpus(struct waitcmp_run *run)
{
	return cpuhp_state_add_instance_nocalls(waitcmp_cpuhp_state,
						&run->cpuhp_node);
}

ALLOW_ERROR_INJECTION(waitcmp_watch_cpus, ERRNO);

/* sched_fifo=N: SCHED_FIFO at priority N; 0 leaves SCHED_NORMAL. */
static int waitcmp_set_sched(struct waitcmp_run *run, struct task_struct *t)
{
	struct sched_attr attr = {
		.size = sizeof(attr),
		.sched_policy = SCHED_FIFO,
		.sched_priority = run->params.sched_fifo,
	};

	return run->params.sched_fifo ? sched_setattr_nocheck(t, &attr) : 0;
}

/* Created, not woken: waitcmp_stop_created() can still undo them. */
static int waitcmp_create_threads(struct waitcmp_run *run)
{
	struct task_struct *t;
	unsigned int i;
	int err;

	for (i = 0; i < run->params.waiters; i++) {
		struct waitcmp_waiter *w = &run->waiter[i];

		w->run = run;
		w->id = i;
		INIT_WORK(&w->stop_work, waitcmp_stopper_fn);
		init_completion(&w->stopped);
		t = waitcmp_kthread(run, w);
		if (IS_ERR(t))
			return PTR_ERR(t);
		w->task = t;
		err = waitcmp_set_sched(run, t);
		if (err)
			return err;
	}
	t = waitcmp_kthread(run, NULL);
	if (IS_ERR(t))
		return PTR_ERR(t);
	/* Held for a wake call made away from it (waitcmp_free() puts it). */
	run->waker = get_task_struct(t);
	err = waitcmp_set_sched(run, t);
	if (err || !run->params.contend_us)
		return err;
	t = kthread_create(waitcmp_contender_fn, run, "waitcmp_contend");
	if (IS_ERR(t))
		return PTR_ERR(t);
	run->contender = t;
	return waitcmp_set_sched(run, t);
}

static void waitcmp_wake_threads(struct waitcmp_run *run)
{
	unsigned int i;

	for (i = 0; i < run->params.waiters; i++)
		wake_up_process(run->waiter[i].task);
	wake_up_process(run->waker);
	if (run->contender)
		wake_up_process(run->contender);
}

struct waitcmp_run *waitcmp_start(const struct waitcmp_ops *ops,
				  const struct waitcmp_params *params)
{
	struct waitcmp_run *run;
	int err;

	err = waitcmp_check_ops(ops);
	if (err)
		return ERR_PTR(err);
	err = waitcmp_check_params(ops, params);
	if (err)
		return ERR_PTR(err);

	run = waitcmp_alloc(ops, params);
	if (IS_ERR(run)) {
		pr_err("%s: cannot allocate the run: %ld\n", ops->name,
		       PTR_ERR(run));
		return run;
	}

	if (ops->init) {
		err = ops->init(run);
		if (err) {
			pr_err("%s: the variant's init failed: %d\n", ops->name,
			       err);
			goto err_free;
		}
	}

	err = waitcmp_create_threads(run);
	if (err) {
		pr_err("%s: cannot create a kthread: %d\n", ops->name, err);
		goto err_threads;
	}
	err = waitcmp_debugfs_add(run);
	if (err) {
		pr_err("%s: cannot create debugfs files: %d\n", ops->name, err);
		goto err_threads;
	}
	err = waitcmp_watch_cpus(run);
	if (err) {
		pr_err("%s: cannot watch CPU hotplug: %d\n", ops->name, err);
		goto err_debugfs;
	}
	err = waitcmp_watch_suspend(run);
	if (err) {
		pr_err("%s: cannot watch suspend: %d\n", ops->name, err);
		goto err_cpus;
	}

	pr_info("%s: Start of run: iterations=%u period_us=%u waiters=%u waiter_cpu=%d waker_cpu=%d wake_all=%u allow_hung_task=%u stop_test=%u waker_context=%s sched_fifo=%u contend_us=%u timeout_us=%u signals=%u freezable=%u\n",
		ops->name, params->iterations, params->period_us,
		params->waiters, params->waiter_cpu, params->waker_cpu,
		params->wake_all, params->allow_hung_task, params->stop_test,
		waitcmp_context_name(run->context), params->sched_fifo,
		params->contend_us, params->timeout_us, params->signals,
		params->freezable);
	trace_waitcmp_run_begin(ops->name, params);
	if (waitcmp_has_extras(params))
		static_branch_inc(&waitcmp_extras);
	waitcmp_wake_threads(run);
	return run;

err_cpus:
	cpuhp_state_remove_instance_nocalls(waitcmp_cpuhp_state,
					    &run->cpuhp_node);
err_debugfs:
	waitcmp_debugfs_remove(run);
err_threads:
	waitcmp_stop_created(run);
	if (ops->exit)
		ops->exit(run);
err_free:
	waitcmp_free(run);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(waitcmp_start);

void waitcmp_stop(struct waitcmp_run *run)
{
	u64 t0;

	waitcmp_unwatch_suspend(run);
	cpuhp_state_remove_instance_nocalls(waitcmp_cpuhp_state,
					    &run->cpuhp_node);
	/* No reader may see the run once its threads are going. */
	waitcmp_debugfs_remove(run);
	/* How long the stop takes to reach the sleepers and end them. */
	t0 = ktime_get_ns();
	waitcmp_stop_threads(run);
	pr_info("%s: threads stopped in %llu ns\n", run->ops->name,
		ktime_get_ns() - t0);
	if (waitcmp_has_extras(&run->params))
		static_branch_dec(&waitcmp_extras);
	if (!run->done)
		waitcmp_end_of_run(run);
	if (run->ops->exit)
		run->ops->exit(run);
	waitcmp_free(run);
}
EXPORT_SYMBOL_GPL(waitcmp_stop);

static int __init waitcmp_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN, "waitcmp:online",
				      NULL, waitcmp_cpu_offline);
	if (ret < 0)
		return ret;
	waitcmp_cpuhp_state = ret;
	ret = waitcmp_debugfs_init();
	if (ret)
		cpuhp_remove_multi_state(waitcmp_cpuhp_state);
	return ret;
}
module_init(waitcmp_init);

static void __exit waitcmp_exit(void)
{
	waitcmp_debugfs_exit();
	cpuhp_remove_multi_state(waitcmp_cpuhp_state);
}
module_exit(waitcmp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp: a kthread harness that compares kernel wait APIs");

