/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wait and the wake of the test variants (wait_event() and wake_up()
 * on one queue): each includes this once and gives its own ops.
 */
#ifndef _WAITCMP_TEST_VARIANT_H
#define _WAITCMP_TEST_VARIANT_H

#include <linux/wait.h>

#include "waitcmp.h"

static DECLARE_WAIT_QUEUE_HEAD(test_wq);

static int test_wait(struct waitcmp_waiter *w)
{
	wait_event(test_wq, waitcmp_wake_due(w));
	return 0;
}

static void test_wake(struct waitcmp_run *run)
{
	wake_up(&test_wq);
}

#endif /* _WAITCMP_TEST_VARIANT_H */
