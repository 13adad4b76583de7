// SPDX-License-Identifier: GPL-2.0
/*
 * wait_event_freezable(): wait_event_interruptible() whose sleep the system
 * freezer may turn into a frozen one, for kthreads that called
 * set_freezable() (with freezable=1; a kthread starts PF_NOFREEZE). The
 * state is TASK_INTERRUPTIBLE | TASK_FREEZABLE (__wait_event_freezable() in
 * include/linux/wait.h): a suspend's freezer sets such a sleeper
 * TASK_FROZEN where it sleeps (__set_task_frozen() in kernel/freezer.c),
 * which ps shows as D while it lasts; every other wait here makes the
 * suspend fail. TASK_FREEZABLE is a flag beside the state and outside
 * TASK_REPORT, so __task_state_index() (include/linux/sched.h) reports S.
 * No load average: __schedule() counts TASK_UNINTERRUPTIBLE sleepers only;
 * no hung-task checks: check_hung_uninterruptible_tasks() wants
 * TASK_UNINTERRUPTIBLE too. It returns 0, or -ERESTARTSYS when a
 * signal is pending: after kthread_stop()'s TIF_NOTIFY_SIGNAL every such
 * wait returns at once, and the harness, seeing no new wake, leaves.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_event_freezable_wait(struct waitcmp_waiter *w)
{
	return wait_event_freezable(wq, waitcmp_wake_due(w));
}

static void wait_event_freezable_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_event_freezable_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_event_freezable_ops = {
	.name = "wait_event_freezable",
	.wait = wait_event_freezable_wait,
	.wake = wait_event_freezable_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_event_freezable_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'S', .signals = WAITCMP_SIG_ANY, .freezes = true },
};

WAITCMP_VARIANT(wait_event_freezable_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_event_freezable() + wake_up()");
