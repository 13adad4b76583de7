// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_killable(): TASK_KILLABLE, an uninterruptible sleep that a
 * fatal signal (SIGKILL) can end. ps shows D and it adds to the load
 * average, but the hung-task detector skips it: it reports uninterruptible
 * sleepers without TASK_WAKEKILL (and without TASK_NOLOAD). kthread_stop()'s
 * TIF_NOTIFY_SIGNAL is not fatal, so the wait condition must test for
 * the stop, as waitcmp_wake_due() does.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_killable_wait(struct waitcmp_waiter *w)
{
	return wait_event_killable(wq, waitcmp_wake_due(w));
}

static void wait_event_killable_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_killable_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_killable_ops = {
	.name = "wait_event_killable",
	.wait = wait_event_killable_wait,
	.wake = wait_event_killable_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_killable_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .signals = WAITCMP_SIG_FATAL },
};

WAITCMP_VARIANT(wait_event_killable_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_killable() + wake_up()");
