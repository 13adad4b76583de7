// SPDX-License-Identifier: GPL-2.0
/*
 * swait_event_exclusive() + swake_up_one(): simple wait queues, the
 * small, RT-friendly queues completions are built on. Every swait waiter
 * is exclusive and swake_up_one() runs one of them; swake_up_all()
 * (wake_all=1, and the end of the run) runs them all, and must not be
 * called with interrupts off.
 */
#include <linux/module.h>
#include <linux/swait.h>

#include "waitcmp.h"

static DECLARE_SWAIT_QUEUE_HEAD(swq);

static int swait_wait(struct waitcmp_waiter *w)
{
	swait_event_exclusive(swq, waitcmp_wake_due(w));
	return 0;
}

static void swait_wake(struct waitcmp_run *run)
{
	if (waitcmp_wake_all(run))
		swake_up_all(&swq);
	else
		swake_up_one(&swq);
}

static void swait_release(struct waitcmp_run *run)
{
	swake_up_all(&swq);
}

/* contend_us: the lock the wake takes. */
static void swait_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_raw(&swq.lock, us);
}

static const struct waitcmp_ops swait_ops = {
	.name = "swait",
	.wait = swait_wait,
	.wake = swait_wake,
	.release = swait_release,
	.wakes_one = true,
	.family = WAITCMP_FAMILY_SIMPLE_BIT,
	WAITCMP_PRIMITIVE(struct swait_queue_head),
	.contend = swait_contend,
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_IRQS_ON,
	.expect = { .state = 'D', .load = true, .hung_task = true,
		    .wake_all_order = WAITCMP_ORDER_FIFO },
};

WAITCMP_VARIANT(swait_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: swait_event_exclusive() + swake_up_one()");
