// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_idle(): TASK_IDLE, uninterruptible but marked NOLOAD. ps
 * shows I; it adds nothing to the load average and the hung-task
 * detector ignores it: the wait for a kthread that idles by design.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_idle_wait(struct waitcmp_waiter *w)
{
	wait_event_idle(wq, waitcmp_wake_due(w));
	return 0;
}

static void wait_event_idle_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_idle_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_idle_ops = {
	.name = "wait_event_idle",
	.wait = wait_event_idle_wait,
	.wake = wait_event_idle_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_idle_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'I' },
};

WAITCMP_VARIANT(wait_event_idle_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_idle() + wake_up()");
