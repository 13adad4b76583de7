// SPDX-License-Identifier: GPL-2.0
/*
 * A test variant whose ops say nothing of what it is: no .family and no
 * WAITCMP_PRIMITIVE(). The bench reads those from every variant's stats,
 * so the harness must refuse it at insmod, with a line that says why.
 */
#include <linux/module.h>

#include "test_variant.h"

static const struct waitcmp_ops no_family_ops = {
	.name = "no_family",
	.wait = test_wait,
	.wake = test_wake,
};

WAITCMP_VARIANT(no_family_ops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp test: a variant without a family or a primitive");
