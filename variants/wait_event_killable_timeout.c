// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_killable_timeout(): wait_event_killable() with a timeout in
 * jiffies. It returns -ERESTARTSYS on a fatal signal, 0 when the timeout
 * elapsed with the condition false, 1 when it elapsed with the condition
 * true, else the jiffies left; keep it in a long. The timeout is an hour,
 * which no run reaches, unless timeout_us sets it (rounded up to whole
 * jiffies, usecs_to_jiffies()); an expiry is handed to the harness, which
 * measures how late it came and waits again.
 * TASK_KILLABLE (__wait_event_killable_timeout() in include/linux/wait.h):
 * D state and load average, but check_hung_uninterruptible_tasks()
 * (kernel/hung_task.c) skips TASK_WAKEKILL sleepers. kthread_stop()'s
 * TIF_NOTIFY_SIGNAL is not fatal, so the wait condition must test for the
 * stop, as waitcmp_wake_due() does.
 */
#include <linux/module.h>
#include <linux/wait.h>
#include <linux/jiffies.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_killable_timeout_wait(struct waitcmp_waiter *w)
{
	long left = wait_event_killable_timeout(wq, waitcmp_wake_due(w),
						waitcmp_timeout_jiffies(w));

	if (!left)
		waitcmp_timed_out(w, left);
	return left < 0 ? left : 0;
}

static void wait_event_killable_timeout_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_killable_timeout_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_killable_timeout_ops = {
	.name = "wait_event_killable_timeout",
	.wait = wait_event_killable_timeout_wait,
	.wake = wait_event_killable_timeout_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_killable_timeout_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .signals = WAITCMP_SIG_FATAL },
	.timeout = WAITCMP_TIMEOUT_JIFFIES,
};

WAITCMP_VARIANT(wait_event_killable_timeout_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_killable_timeout() + wake_up()");
