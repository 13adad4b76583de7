// SPDX-License-Identifier: GPL-2.0
/*
 * wait_for_completion() + complete(): each complete() lets exactly one
 * waiter through, so with several waiters each wake is recorded by one of
 * them (whichever the completion picks), not by all. The end of the run
 * uses complete_all(), which lets every waiter through for good.
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
	complete(&done);
}

static void completion_release(struct waitcmp_run *run)
{
	complete_all(&done);
}

static const struct waitcmp_ops completion_ops = {
	.name = "completion",
	.wait = completion_wait,
	.wake = completion_wake,
	.release = completion_release,
	.wakes_one = true,
};

WAITCMP_VARIANT(completion_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_for_completion() + complete()");
