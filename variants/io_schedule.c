// SPDX-License-Identifier: GPL-2.0
/*
 * set_current_state() + io_schedule(), woken by wake_up_process(): the
 * raw form of io_wait_event(). io_schedule() marks the task in_iowait
 * around schedule(), which is all that makes a sleep count as iowait,
 * procs_blocked, PSI io and delay accounting's blkio.
 */
#include <linux/module.h>
#include <linux/sched.h>

#include "waitcmp.h"

/*
 * The pattern every wait_event() expands to: set the state before testing
 * the condition, so a wake between the test and io_schedule() is not lost.
 */
static int io_schedule_wait(struct waitcmp_waiter *w)
{
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (waitcmp_wake_due(w))
			break;
		io_schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void io_schedule_wake(struct waitcmp_run *run)
{
	unsigned int i;

	for (i = 0; i < run->params.waiters; i++)
		wake_up_process(run->waiter[i].task);
}

static const struct waitcmp_ops io_schedule_ops = {
	.name = "io_schedule",
	.wait = io_schedule_wait,
	.wake = io_schedule_wake,
	.family = WAITCMP_FAMILY_SCHEDULE,
	WAITCMP_PRIMITIVE(struct task_struct *),
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_ANY,
	.expect = { .state = 'D', .iowait = true, .load = true, .hung_task = true,
		    .wake_all_order = WAITCMP_ORDER_CALLER },
};

WAITCMP_VARIANT(io_schedule_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: io_schedule() + wake_up_process()");
