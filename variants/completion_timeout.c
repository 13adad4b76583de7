// SPDX-License-Identifier: GPL-2.0
/*
 * wait_for_completion_timeout(): wait_for_completion() with a timeout in
 * jiffies. It returns 0 when the timeout elapsed, else the jiffies left
 * (at least 1), as an unsigned long. The timeout is an hour, which no run
 * reaches, unless timeout_us sets it (rounded up to whole jiffies,
 * usecs_to_jiffies()); an expiry is handed to the harness, which measures
 * how late it came and waits again. TASK_UNINTERRUPTIBLE (wait_for_common() in
 * kernel/sched/completion.c): D state, load average (__schedule()) and
 * hung-task checks (check_hung_uninterruptible_tasks()). complete() lets
 * one waiter through; complete_all() (wake_all=1, and the end of the run:
 * kthread_stop() cannot end the wait) all of them until
 * reinit_completion().
 */
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/module.h>

#include "waitcmp.h"

static DECLARE_COMPLETION(done);

static int completion_timeout_wait(struct waitcmp_waiter *w)
{
	unsigned long left = wait_for_completion_timeout(&done,
						waitcmp_timeout_jiffies(w));

	if (!left)
		waitcmp_timed_out(w, 0);
	return 0;
}

static void completion_timeout_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		complete_all(&done);
	else
		complete(&done);
}

static void completion_timeout_release(struct waitcmp_run *run)
{
	complete_all(&done);
}

static void completion_timeout_rearm(struct waitcmp_run *run)
{
	reinit_completion(&done);
}

/* contend_us: the lock the wake takes. */
static void completion_timeout_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&done.wait.lock, us);
}

static const struct waitcmp_ops completion_timeout_ops = {
	.name = "completion_timeout",
	.wait = completion_timeout_wait,
	.wake = completion_timeout_wake,
	.release = completion_timeout_release,
	.rearm = completion_timeout_rearm,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_COMPLETION,
	WAITCMP_PRIMITIVE(struct completion),
	.contend = completion_timeout_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
	.timeout = WAITCMP_TIMEOUT_JIFFIES,
};

WAITCMP_VARIANT(completion_timeout_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_for_completion_timeout() + complete()");
