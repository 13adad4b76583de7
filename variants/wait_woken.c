// SPDX-License-Identifier: GPL-2.0
/*
 * wait_woken() + woken_wake_function(): the networking pattern
 * (sk_wait_event() in include/net/sock.h). The waiter queues its own entry
 * (DEFINE_WAIT_FUNC, add_wait_queue()) once, then loops: test the
 * condition, then wait_woken(), which sleeps only if no wake came since the
 * last call. woken_wake_function() sets WQ_FLAG_WOKEN before it wakes the
 * task, so a wake between the test and the sleep is not lost although the
 * task was running (kernel/sched/wait.c). wait_woken() sleeps in the state
 * it is given, here TASK_INTERRUPTIBLE as sockets do: S state, no load
 * average (__schedule()), no hung-task checks
 * (check_hung_uninterruptible_tasks()). It returns the timeout left
 * (MAX_SCHEDULE_TIMEOUT here, no timeout); the loop returns -ERESTARTSYS
 * once a signal is pending, which after kthread_stop()'s TIF_NOTIFY_SIGNAL
 * it always is. wait_woken() does not sleep once kthread_should_stop() is
 * true, so a loop without that test would spin there.
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int wait_woken_wait(struct waitcmp_waiter *w)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	int ret = 0;

	add_wait_queue(&wq, &wait);
	while (!waitcmp_wake_due(w)) {
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		wait_woken(&wait, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
	}
	remove_wait_queue(&wq, &wait);
	return ret;
}

static void wait_woken_wake(struct waitcmp_run *run)
{
	waitcmp_wake_up(run, &wq);
}

/* contend_us: the lock the wake takes. */
static void wait_woken_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(&wq, us);
}

static const struct waitcmp_ops wait_woken_ops = {
	.name = "wait_woken",
	.wait = wait_woken_wait,
	.wake = wait_woken_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.contend = wait_woken_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'S', .signals = WAITCMP_SIG_ANY },
};

WAITCMP_VARIANT(wait_woken_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_woken() + wake_up()");
