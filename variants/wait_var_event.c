// SPDX-License-Identifier: GPL-2.0
/*
 * wait_var_event() + wake_up_var(): wait on any variable, through a hashed
 * table of shared wait queues keyed by its address, here the run's seq.
 * wake_up_var() only looks at the queue when someone waits there
 * (waitqueue_active()), so the store that makes the condition true must be
 * ordered before it with smp_mb(), or the wake can be lost.
 */
#include <linux/module.h>
#include <linux/wait_bit.h>

#include "waitcmp.h"

static int wait_var_event_wait(struct waitcmp_waiter *w)
{
	wait_var_event(&w->run->seq, waitcmp_wake_due(w));
	return 0;
}

static void wait_var_event_wake(struct waitcmp_run *run)
{
	/* Order the seq store before wake_up_var()'s waitqueue_active(). */
	smp_mb();
	wake_up_var(&run->seq);
}

/* contend_us: the lock the wake takes. */
static void wait_var_event_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(__var_waitqueue(&run->seq), us);
}

static const struct waitcmp_ops wait_var_event_ops = {
	.name = "wait_var_event",
	.wait = wait_var_event_wait,
	.wake = wait_var_event_wake,
	.family = WAITCMP_FAMILY_SIMPLE_BIT,
	WAITCMP_PRIMITIVE_HASHED(unsigned long),
	.contend = wait_var_event_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true },
};

WAITCMP_VARIANT(wait_var_event_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_var_event() + wake_up_var()");
