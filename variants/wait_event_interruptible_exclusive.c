// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_interruptible_exclusive(): the waiter queues as exclusive, so
 * wake_up() runs at most one exclusive waiter (after all non-exclusive
 * ones): one wake, one waiter, no thundering herd. wake_up_all()
 * (wake_all=1) runs them all. The end of the run uses wake_up_all(), or
 * the waiters that no wake reached would sleep on.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_interruptible_exclusive_wait(struct waitcmp_waiter *w)
{
	return wait_event_interruptible_exclusive(wq, waitcmp_wake_due(w));
}

static void wait_event_interruptible_exclusive_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

static void wait_event_interruptible_exclusive_release(struct waitcmp_run *run)
{
	wake_up_all(&wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_interruptible_exclusive_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_interruptible_exclusive_ops = {
	.name = "wait_event_interruptible_exclusive",
	.wait = wait_event_interruptible_exclusive_wait,
	.wake = wait_event_interruptible_exclusive_wake,
	.release = wait_event_interruptible_exclusive_release,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_interruptible_exclusive_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'S', .signals = WAITCMP_SIG_ANY,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(wait_event_interruptible_exclusive_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_interruptible_exclusive() + wake_up()");
