// SPDX-License-Identifier: GPL-2.0
/*
 * swait_event_interruptible_exclusive() + swake_up_one(): the
 * interruptible form of swait_event_exclusive(). TASK_INTERRUPTIBLE
 * (include/linux/swait.h): S state, no load average (__schedule() counts
 * TASK_UNINTERRUPTIBLE sleepers only), no hung-task checks. It returns 0,
 * or -ERESTARTSYS when a signal is pending (prepare_to_swait_event() in
 * kernel/sched/swait.c): after kthread_stop()'s TIF_NOTIFY_SIGNAL every
 * such wait returns at once, and the harness, seeing no new wake, leaves.
 * Every swait waiter is exclusive and swake_up_one() runs one of them;
 * swake_up_all() (wake_all=1, and the end of the run) runs them all, and
 * must not be called with interrupts off.
 */
#include <linux/module.h>
#include <linux/swait.h>

#include "waitcmp.h"

static DECLARE_SWAIT_QUEUE_HEAD(swq);

static int swait_interruptible_wait(struct waitcmp_waiter *w)
{
	return swait_event_interruptible_exclusive(swq, waitcmp_wake_due(w));
}

static void swait_interruptible_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		swake_up_all(&swq);
	else
		swake_up_one(&swq);
}

static void swait_interruptible_release(struct waitcmp_run *run)
{
	swake_up_all(&swq);
}

/* contend_us: the lock the wake takes. */
static void swait_interruptible_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&swq.lock, us);
}

static const struct waitcmp_ops swait_interruptible_ops = {
	.name = "swait_interruptible",
	.wait = swait_interruptible_wait,
	.wake = swait_interruptible_wake,
	.release = swait_interruptible_release,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_SIMPLE_BIT,
	WAITCMP_PRIMITIVE(struct swait_queue_head),
	.contend = swait_interruptible_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_IRQS_ON,
	.expect = { .state = 'S', .signals = WAITCMP_SIG_ANY,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(swait_interruptible_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: swait_event_interruptible_exclusive() + swake_up_one()");
