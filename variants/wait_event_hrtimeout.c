// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_hrtimeout(): wait_event() with a deadline as a ktime_t, kept
 * by an on-stack hrtimer_sleeper armed for every wait (__wait_event_hrtimeout()
 * in include/linux/wait.h), not by the jiffies of schedule_timeout(). It
 * returns 0 once the condition is true, -ETIME when the timer fired first.
 * The timeout is an hour, which no run reaches, unless timeout_us sets it
 * (as it is, in ns: no rounding to ticks); an expiry is handed to the
 * harness, which measures how late it came and waits again.
 * TASK_UNINTERRUPTIBLE, as
 * wait_event(): D state, load average (__schedule()) and hung-task checks
 * (check_hung_uninterruptible_tasks()): the timer switches the task in only
 * when it fires. kthread_stop() does not end it; the condition's release
 * does.
 */
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_hrtimeout_wait(struct waitcmp_waiter *w)
{
	int ret = wait_event_hrtimeout(wq, waitcmp_wake_due(w),
				       waitcmp_timeout_ktime(w));

	if (ret == -ETIME)
		waitcmp_timed_out(w, ret);
	return 0;
}

static void wait_event_hrtimeout_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_hrtimeout_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_hrtimeout_ops = {
	.name = "wait_event_hrtimeout",
	.wait = wait_event_hrtimeout_wait,
	.wake = wait_event_hrtimeout_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_hrtimeout_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true },
	.timeout = WAITCMP_TIMEOUT_HRTIMER,
};

WAITCMP_VARIANT(wait_event_hrtimeout_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_hrtimeout() + wake_up()");
