/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of the core module, not with variants. */
#ifndef _WAITCMP_INTERNAL_H
#define _WAITCMP_INTERNAL_H

#include "stats.h"
#include "waitcmp.h"

int waitcmp_debugfs_init(void);
void waitcmp_debugfs_exit(void);
int waitcmp_debugfs_add(struct waitcmp_run *run);
void waitcmp_debugfs_remove(struct waitcmp_run *run);

void waitcmp_summarize(struct waitcmp_run *run, struct waitcmp_stats *stats,
		       struct waitcmp_summary *sum);

#endif /* _WAITCMP_INTERNAL_H */
