// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_lock_irq(): wait_event() for a condition that is guarded by a
 * spinlock_t taken with spin_lock_irq(), as md's barriers use it. The
 * caller holds the lock; the macro tests the condition under it, drops it
 * around schedule() and takes it again before the next test, so the wait
 * returns with the lock held (__wait_event_lock_irq() in
 * include/linux/wait.h). The lock must not be the wait queue's own:
 * prepare_to_wait_event() takes that one inside it. The waker takes the
 * lock around its wake_up(), as a waker that changes the guarded state
 * does; the harness publishes the wake's sequence number just before.
 * TASK_UNINTERRUPTIBLE: D state, load average (__schedule()) and hung-task
 * checks (check_hung_uninterruptible_tasks()). It returns nothing, and
 * kthread_stop() does not end it; the condition's release does.
 */
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);
static DEFINE_SPINLOCK(lock);

static int wait_event_lock_irq_wait(struct waitcmp_waiter *w)
{
	spin_lock_irq(&lock);
	wait_event_lock_irq(wq, waitcmp_wake_due(w), lock);
	spin_unlock_irq(&lock);
	return 0;
}

/* irqsave: waker_context=hardirq calls it with interrupts off. */
static void wait_event_lock_irq_wake(struct waitcmp_run *run)
{
	unsigned long flags;

	spin_lock_irqsave(&lock, flags);
	waitcmp_wake_up(run, &wq);
	spin_unlock_irqrestore(&lock, flags);
}

/* contend_us: the outer of the two locks the wake takes. */
static void wait_event_lock_irq_contend(struct waitcmp_run *run, unsigned int us)
{
	unsigned long flags;

	spin_lock_irqsave(&lock, flags);
	udelay(us);
	spin_unlock_irqrestore(&lock, flags);
}

static const struct waitcmp_ops wait_event_lock_irq_ops = {
	.name = "wait_event_lock_irq",
	.wait = wait_event_lock_irq_wait,
	.wake = wait_event_lock_irq_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_lock_irq_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true },
};

WAITCMP_VARIANT(wait_event_lock_irq_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_lock_irq() + wake_up()");
