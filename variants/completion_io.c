// SPDX-License-Identifier: GPL-2.0
/*
 * wait_for_completion_io(): a completion wait accounted as I/O, through
 * io_schedule_timeout(): D state, iowait, procs_blocked, PSI io and delay
 * accounting's blkio, as io_wait_event(). complete() lets one waiter
 * through; complete_all() (wake_all=1) all of them until
 * reinit_completion().
 */
#include <linux/completion.h>
#include <linux/module.h>

#include "waitcmp.h"

static DECLARE_COMPLETION(done);

static int completion_io_wait(struct waitcmp_waiter *w)
{
	wait_for_completion_io(&done);
	return 0;
}

static void completion_io_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		complete_all(&done);
	else
		complete(&done);
}

static void completion_io_release(struct waitcmp_run *run)
{
	complete_all(&done);
}

static void completion_io_rearm(struct waitcmp_run *run)
{
	reinit_completion(&done);
}

/* contend_us: the lock the wake takes. */
static void completion_io_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&done.wait.lock, us);
}

static const struct waitcmp_ops completion_io_ops = {
	.name = "completion_io",
	.wait = completion_io_wait,
	.wake = completion_io_wake,
	.release = completion_io_release,
	.rearm = completion_io_rearm,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_COMPLETION,
	WAITCMP_PRIMITIVE(struct completion),
	.contend = completion_io_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .iowait = true, .load = true, .hung_task = true,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(completion_io_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_for_completion_io() + complete()");
