// SPDX-License-Identifier: GPL-2.0
/*
 * wait_for_completion_killable(): TASK_KILLABLE, so a fatal signal ends
 * it with -ERESTARTSYS. kthread_stop()'s TIF_NOTIFY_SIGNAL does not, so
 * the end of the run uses complete_all(). D state and load average, but
 * the hung-task detector skips killable sleeps.
 */
#include <linux/completion.h>
#include <linux/module.h>

#include "waitcmp.h"

static DECLARE_COMPLETION(done);

static int completion_killable_wait(struct waitcmp_waiter *w)
{
	return wait_for_completion_killable(&done);
}

static void completion_killable_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		complete_all(&done);
	else
		complete(&done);
}

static void completion_killable_release(struct waitcmp_run *run)
{
	complete_all(&done);
}

static void completion_killable_rearm(struct waitcmp_run *run)
{
	reinit_completion(&done);
}

/* contend_us: the lock the wake takes. */
static void completion_killable_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&done.wait.lock, us);
}

static const struct waitcmp_ops completion_killable_ops = {
	.name = "completion_killable",
	.wait = completion_killable_wait,
	.wake = completion_killable_wake,
	.release = completion_killable_release,
	.rearm = completion_killable_rearm,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_COMPLETION,
	WAITCMP_PRIMITIVE(struct completion),
	.contend = completion_killable_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .signals = WAITCMP_SIG_FATAL,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(completion_killable_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_for_completion_killable() + complete()");
