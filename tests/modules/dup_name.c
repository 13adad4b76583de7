// SPDX-License-Identifier: GPL-2.0
/*
 * A test variant that takes the name of wait_event on purpose. Loaded while
 * waitcmp_wait_event runs, its debugfs directory already exists, so its
 * init fails after the threads were created: the unwinding under test.
 */
#include <linux/module.h>
#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(wq);

static int dup_name_wait(struct waitcmp_waiter *w)
{
	wait_event(wq, waitcmp_wake_due(w));
	return 0;
}

static void dup_name_wake(struct waitcmp_run *run)
{
	wake_up(&wq);
}

static const struct waitcmp_ops dup_name_ops = {
	.name = "wait_event",
	.wait = dup_name_wait,
	.wake = dup_name_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
};

WAITCMP_VARIANT(dup_name_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp test: a variant whose debugfs files cannot be made");
