// SPDX-License-Identifier: GPL-2.0
/*
 * A test variant that takes the name of wait_event on purpose. Loaded while
 * waitcmp_wait_event runs, its debugfs directory already exists, so its
 * init fails after the threads were created: the unwinding under test.
 */
#include <linux/module.h>

#include "test_variant.h"

static const struct waitcmp_ops dup_name_ops = {
	.name = "wait_event",
	.wait = test_wait,
	.wake = test_wake,
	.family = WAITCMP_FAMILY_WAIT_QUEUE,
	WAITCMP_PRIMITIVE(struct wait_queue_head),
	.wake_from = WAITCMP_FROM_THREADED_ON_RT,
	.wake_all_from = WAITCMP_FROM_THREADED_ON_RT,
};

WAITCMP_VARIANT(dup_name_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp test: a variant whose debugfs files cannot be made");
