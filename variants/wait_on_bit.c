// SPDX-License-Identifier: GPL-2.0
/*
 * wait_on_bit() + clear_and_wake_up_bit(): wait until a flag bit is clear,
 * on the same hashed wait queues as wait_var_event(). Its condition is the
 * bit alone: a clear bit lets every waiter through, so it is set again
 * (rearm) only after each has recorded the wake. The end of the run
 * clears it for good (the wake is the release).
 */
#include <linux/bitops.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait_bit.h>

#include "waitcmp.h"

#define BUSY	0

static unsigned long flags;

static int wait_on_bit_init(struct waitcmp_run *run)
{
	set_bit(BUSY, &flags);
	return 0;
}

/* Waits until BUSY is clear; the run's end clears it too. */
static int wait_on_bit_wait(struct waitcmp_waiter *w)
{
	return wait_on_bit(&flags, BUSY, TASK_UNINTERRUPTIBLE);
}

/* Has the barrier wake_up_bit() needs after the clear. */
static void wait_on_bit_wake(struct waitcmp_run *run)
{
	clear_and_wake_up_bit(BUSY, &flags);
}

/* Every waiter has seen the bit clear: make it busy for the next wake. */
static void wait_on_bit_rearm(struct waitcmp_run *run)
{
	set_bit(BUSY, &flags);
}

/* contend_us: the lock the wake takes. */
static void wait_on_bit_contend(struct waitcmp_run *run, unsigned int us)
{
	waitcmp_hold_wq(bit_waitqueue(&flags, BUSY), us);
}

static const struct waitcmp_ops wait_on_bit_ops = {
	.name = "wait_on_bit",
	.init = wait_on_bit_init,
	.wait = wait_on_bit_wait,
	.wake = wait_on_bit_wake,
	.rearm = wait_on_bit_rearm,
	.family = WAITCMP_FAMILY_SIMPLE_BIT,
	WAITCMP_PRIMITIVE_HASHED(unsigned long),
	.contend = wait_on_bit_contend,
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
	.expect = { .state = 'D', .load = true, .hung_task = true },
};

WAITCMP_VARIANT(wait_on_bit_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: wait_on_bit() + clear_and_wake_up_bit()");
