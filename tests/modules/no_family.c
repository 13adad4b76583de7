// SPDX-License-Identifier: GPL-2.0
/*
 * A test variant whose ops say nothing of what it is: no .family and no
 * WAITCMP_PRIMITIVE(). The bench reads those from every variant's stats,
 * so the harness must refuse it at insmod, with a line that says why.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int no_family_wait(struct waitcmp_waiter *w)
{
	wait_event(wq, waitcmp_wake_due(w));
	return 0;
}

static void no_family_wake(struct waitcmp_run *run)
{
	wake_up(&wq);
}

static const struct waitcmp_ops no_family_ops = {
	.name = "no_family",
	.wait = no_family_wait,
	.wake = no_family_wake,
};

WAITCMP_VARIANT(no_family_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp test: a variant without a family or a primitive");
