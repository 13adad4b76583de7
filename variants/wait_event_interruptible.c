// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_interruptible(): an interruptible wait (S state), not in load
 * average or hung-task checks. It returns -ERESTARTSYS when a signal is
 * pending; a kthread gets none, except that kthread_stop() raises
 * TIF_NOTIFY_SIGNAL, after which every such wait returns at once. The
 * harness then sees no new wake and leaves the loop, so the error is
 * handed back, not slept on again.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_interruptible_wait(struct waitcmp_waiter *w)
{
	return wait_event_interruptible(wq, waitcmp_wake_due(w));
}

static void wait_event_interruptible_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_interruptible_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_interruptible_ops = {
	.name = "wait_event_interruptible",
	.wait = wait_event_interruptible_wait,
	.wake = wait_event_interruptible_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_interruptible_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'S', .signals = WAITCMP_SIG_ANY },
};

WAITCMP_VARIANT(wait_event_interruptible_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_interruptible() + wake_up()");
