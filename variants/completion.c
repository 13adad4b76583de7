// SPDX-License-Identifier: GPL-2.0
/*
 * wait_for_completion() + complete(): each complete() lets exactly one
 * waiter through, so with several waiters each wake is recorded by one of
 * them (whichever the completion picks), not by all. With wake_all=1 the
 * wake is complete_all(), which lets every waiter through until
 * reinit_completion() closes the completion again.
 */
#include <linux/completion.h>
#include <linux/module.h>

#include "waitcmp.h"

static DECLARE_COMPLETION(done);

static int completion_wait(struct waitcmp_waiter *w)
{
	wait_for_completion(&done);
	return 0;
}

static void completion_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		complete_all(&done);
	else
		complete(&done);
}

static void completion_release(struct waitcmp_run *run)
{
	complete_all(&done);
}

static void completion_rearm(struct waitcmp_run *run)
{
	reinit_completion(&done);
}

/* contend_us: the lock the wake takes. */
static void completion_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&done.wait.lock, us);
}

static const struct waitcmp_ops completion_ops = {
	.name = "completion",
	.wait = completion_wait,
	.wake = completion_wake,
	.release = completion_release,
	.rearm = completion_rearm,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_COMPLETION,
	WAITCMP_PRIMITIVE(struct completion),
	.contend = completion_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(completion_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_for_completion() + complete()");
