/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of the core module, not with variants. */
#ifndef _WAITCMP_INTERNAL_H
#define _WAITCMP_INTERNAL_H

#include "stats.h"
#include "waitcmp.h"

int waitcmp_debugfs_init(void);
void waitcmp_debugfs_exit(void);
/* Failure points of the load path, open to fail_function (harness.c). */
int waitcmp_debugfs_add(struct waitcmp_run *run);
struct waitcmp_run *waitcmp_alloc(const struct waitcmp_ops *ops,
				  const struct waitcmp_params *params);
struct task_struct *waitcmp_kthread(struct waitcmp_run *run,
				    struct waitcmp_waiter *w);
int waitcmp_watch_cpus(struct waitcmp_run *run);
int waitcmp_watch_suspend(struct waitcmp_run *run);
void waitcmp_debugfs_remove(struct waitcmp_run *run);

const char *waitcmp_context_name(enum waitcmp_context ctx);
const char *waitcmp_forbidden(enum waitcmp_wake_from from,
			      enum waitcmp_context ctx);

/* A run's statistics as of one moment, to summarise outside stats_lock. */
struct waitcmp_snap {
	struct waitcmp_stats stats;
	struct waitcmp_stats wake_cost;
	u64 no_sleep;
	u64 negative;
	struct waitcmp_stats expiry;
	u64 expiry_early;
	long expiry_ret;
	u64 sig_early[2], sig_ignored[2];
	int sig_ret[2];
	u64 order_oldest, order_newest, order_other;
};

void waitcmp_snapshot(struct waitcmp_run *run, struct waitcmp_snap *snap);

/* Wakes recorded by a waiter: latency samples, and the two kinds apart. */
static inline u64 waitcmp_records(const struct waitcmp_snap *snap)
{
	return snap->stats.samples + snap->no_sleep + snap->negative;
}

#endif /* _WAITCMP_INTERNAL_H */
