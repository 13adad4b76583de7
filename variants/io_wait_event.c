// SPDX-License-Identifier: GPL-2.0
/*
 * io_wait_event(): an uninterruptible wait that the scheduler accounts as
 * waiting for I/O (io_schedule()): the task is in D state, counts in
 * procs_blocked and load average, and its idle CPU's time goes to iowait.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int io_wait_event_wait(struct waitcmp_waiter *w)
{
	io_wait_event(wq, waitcmp_wake_due(w));
	return 0;
}

static void io_wait_event_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void io_wait_event_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops io_wait_event_ops = {
	.name = "io_wait_event",
	.wait = io_wait_event_wait,
	.wake = io_wait_event_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = io_wait_event_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .iowait = true, .load = true, .hung_task = true },
};

WAITCMP_VARIANT(io_wait_event_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: io_wait_event() + wake_up()");
