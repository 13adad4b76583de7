// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event(): an uninterruptible wait (D state). It counts in load
 * average and the hung-task detector watches it, but it is not iowait.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_wait(struct waitcmp_waiter *w)
{
	wait_event(wq, waitcmp_wake_due(w));
	return 0;
}

static void wait_event_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_ops = {
	.name = "wait_event",
	.wait = wait_event_wait,
	.wake = wait_event_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true },
};

WAITCMP_VARIANT(wait_event_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event() + wake_up()");
