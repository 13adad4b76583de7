// SPDX-License-Identifier: GPL-2.0
/*
 * wait_for_completion_interruptible(): TASK_INTERRUPTIBLE
 * (wait_for_common() in kernel/sched/completion.c): S state, no load
 * average (__schedule() counts TASK_UNINTERRUPTIBLE sleepers only), no
 * hung-task checks. It returns 0, or -ERESTARTSYS when a signal is
 * pending (do_wait_for_common()'s signal_pending_state()): after
 * kthread_stop()'s TIF_NOTIFY_SIGNAL every such wait returns at once, so
 * unlike the other completions it ends on the stop alone; the harness,
 * seeing no new wake, leaves. complete() lets one waiter through;
 * complete_all() (wake_all=1, and the end of the run) all of them until
 * reinit_completion().
 */
#include <linux/completion.h>
#include <linux/module.h>

#include "waitcmp.h"

static DECLARE_COMPLETION(done);

static int completion_interruptible_wait(struct waitcmp_waiter *w)
{
	return wait_for_completion_interruptible(&done);
}

static void completion_interruptible_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		complete_all(&done);
	else
		complete(&done);
}

static void completion_interruptible_release(struct waitcmp_run *run)
{
	complete_all(&done);
}

static void completion_interruptible_rearm(struct waitcmp_run *run)
{
	reinit_completion(&done);
}

/* contend_us: the lock the wake takes. */
static void completion_interruptible_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&done.wait.lock, us);
}

static const struct waitcmp_ops completion_interruptible_ops = {
	.name = "completion_interruptible",
	.wait = completion_interruptible_wait,
	.wake = completion_interruptible_wake,
	.release = completion_interruptible_release,
	.rearm = completion_interruptible_rearm,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_COMPLETION,
	WAITCMP_PRIMITIVE(struct completion),
	.contend = completion_interruptible_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'S', .signals = WAITCMP_SIG_ANY,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(completion_interruptible_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_for_completion_interruptible() + complete()");
