/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Latency statistics: exact count, min, max and sum, plus a log-linear
 * histogram for the percentiles. Values below 2 * WAITCMP_HIST_SUB (64 ns)
 * have a bucket each (ns resolution); above, every power of two is split
 * into WAITCMP_HIST_SUB buckets, so a bucket spans 1/32 to 1/63 of its
 * lower bound (3.1 % to 1.6 %), and a percentile, the middle of its
 * bucket, is within half of that of the true rank's value.
 */
#ifndef _WAITCMP_STATS_H
#define _WAITCMP_STATS_H

#include <linux/bits.h>
#include <linux/types.h>

#define WAITCMP_HIST_SUB_BITS	5
#define WAITCMP_HIST_SUB	BIT(WAITCMP_HIST_SUB_BITS)
#define WAITCMP_HIST_TOP_BITS	34	/* 2^34 ns: 17 s, the last bucket */
#define WAITCMP_HIST_BUCKETS \
	((WAITCMP_HIST_TOP_BITS - WAITCMP_HIST_SUB_BITS + 1) * WAITCMP_HIST_SUB)

struct waitcmp_stats {
	u64 samples;
	u64 min_ns;
	u64 max_ns;
	u64 sum_ns;
	u64 hist[WAITCMP_HIST_BUCKETS];
};

struct waitcmp_summary {
	u64 samples, min, mean, p50, p90, p99, p999, max;
};

void waitcmp_stats_add(struct waitcmp_stats *s, u64 ns);
void waitcmp_stats_summary(const struct waitcmp_stats *s,
			   struct waitcmp_summary *sum);
u64 waitcmp_hist_lower(unsigned int bucket);
u64 waitcmp_hist_upper(unsigned int bucket);

#endif /* _WAITCMP_STATS_H */
