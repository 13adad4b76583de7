// SPDX-License-Identifier: GPL-2.0
/*
 * rcuwait_wait_event() + rcuwait_wake_up(): a wait for exactly one task,
 * with no queue (a task pointer under RCU), as the percpu rwsem writer
 * uses. It cannot hold two waiters, so waiters > 1 is refused.
 */
#include <linux/module.h>
#include <linux/rcuwait.h>
#include <linux/sched.h>

#include "waitcmp.h"

static struct rcuwait rw = __RCUWAIT_INITIALIZER(rw);

static int rcuwait_wait(struct waitcmp_waiter *w)
{
	return rcuwait_wait_event(&rw, waitcmp_wake_due(w),
				  TASK_UNINTERRUPTIBLE);
}

static void rcuwait_wake(struct waitcmp_run *run)
{
	rcuwait_wake_up(&rw);
}

static const struct waitcmp_ops rcuwait_ops = {
	.name = "rcuwait",
	.wait = rcuwait_wait,
	.wake = rcuwait_wake,
	.max_waiters = 1,
	.family = WAITCMP_FAMILY_SIMPLE_BIT,
	WAITCMP_PRIMITIVE(struct rcuwait),
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_ANY,
	.expect = { .state = 'D', .load = true, .hung_task = true },
};

WAITCMP_VARIANT(rcuwait_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: rcuwait_wait_event() + rcuwait_wake_up()");
