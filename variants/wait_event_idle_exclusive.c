// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_idle_exclusive(): wait_event_idle() queued as exclusive, so
 * wake_up() runs at most one of these waiters: a pool of kthreads where
 * each wake is work for one. TASK_IDLE (include/linux/wait.h), which
 * __task_state_index() reports as I; TASK_NOLOAD keeps it out of the load
 * average (__schedule()) and out of check_hung_uninterruptible_tasks().
 * It returns nothing, and no signal ends it: only the condition, which
 * tests for the stop. wake_up_all() (wake_all=1) runs them all; the end of
 * the run uses wake_up_all(), or the waiters that no wake reached would
 * sleep on.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_idle_exclusive_wait(struct waitcmp_waiter *w)
{
	wait_event_idle_exclusive(wq, waitcmp_wake_due(w));
	return 0;
}

static void wait_event_idle_exclusive_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

static void wait_event_idle_exclusive_release(struct waitcmp_run *run)
{
	wake_up_all(&wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_idle_exclusive_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_idle_exclusive_ops = {
	.name = "wait_event_idle_exclusive",
	.wait = wait_event_idle_exclusive_wait,
	.wake = wait_event_idle_exclusive_wake,
	.release = wait_event_idle_exclusive_release,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_idle_exclusive_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'I', .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(wait_event_idle_exclusive_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_idle_exclusive() + wake_up()");
