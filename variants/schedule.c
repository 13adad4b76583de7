// SPDX-License-Identifier: GPL-2.0
/*
 * set_current_state() + schedule(), woken by wake_up_process(): no wait
 * queue at all, the waker must know the task. The raw form under every
 * wait API; D state, load average and hung-task checks as wait_event().
 */
#include <linux/module.h>
#include <linux/sched.h>

#include "waitcmp.h"

/*
 * The pattern every wait_event() expands to: set the state before testing
 * the condition, so a wake between the test and schedule() is not lost.
 */
static int schedule_wait(struct waitcmp_waiter *w)
{
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (waitcmp_wake_due(w))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void schedule_wake(struct waitcmp_run *run)
{
	unsigned int i;

	for (i = 0; i < run->params.waiters; i++)
		wake_up_process(run->waiter[i].task);
}

static const struct waitcmp_ops schedule_ops = {
	.name = "schedule",
	.wait = schedule_wait,
	.wake = schedule_wake,
	.family = WAITCMP_FAMILY_SCHEDULE,
	WAITCMP_PRIMITIVE(struct task_struct *),
	.wake_from = WAITCMP_FROM_ANY,
	.wake_all_from = WAITCMP_FROM_ANY,
	.expect = { .state = 'D', .load = true, .hung_task = true,
		    .wake_all_order = WAITCMP_ORDER_CALLER },
};

WAITCMP_VARIANT(schedule_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp variant: schedule() + wake_up_process()");
