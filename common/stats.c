// SPDX-License-Identifier: GPL-2.0
/*
 * Latency histogram and percentiles, see stats.h. Callers serialise.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>

#include "stats.h"

/* Bucket b = (msb - 5) * 32 + (ns >> (msb - 5)), which is ns below 64. */
static unsigned int waitcmp_hist_bucket(u64 ns)
{
	unsigned int msb, shift;

	if (ns < WAITCMP_HIST_SUB)
		return ns;
	msb = fls64(ns) - 1;
	if (msb >= WAITCMP_HIST_TOP_BITS)
		return WAITCMP_HIST_BUCKETS - 1;
	shift = msb - WAITCMP_HIST_SUB_BITS;
	return shift * WAITCMP_HIST_SUB + (unsigned int)(ns >> shift);
}

u64 waitcmp_hist_lower(unsigned int bucket)
{
	unsigned int shift;

	if (bucket < 2 * WAITCMP_HIST_SUB)
		return bucket;
	shift = bucket / WAITCMP_HIST_SUB - 1;
	return (u64)(bucket % WAITCMP_HIST_SUB + WAITCMP_HIST_SUB) << shift;
}

/* Inclusive; the last bucket also holds everything above it. */
u64 waitcmp_hist_upper(unsigned int bucket)
{
	if (bucket == WAITCMP_HIST_BUCKETS - 1)
		return U64_MAX;
	return waitcmp_hist_lower(bucket + 1) - 1;
}

void waitcmp_stats_add(struct waitcmp_stats *s, u64 ns)
{
	if (!s->samples || ns < s->min_ns)
		s->min_ns = ns;
	if (ns > s->max_ns)
		s->max_ns = ns;
	s->samples++;
	s->sum_ns += ns;
	s->hist[waitcmp_hist_bucket(ns)]++;
}

/*
 * The value of rank num/den (nearest-rank method): the middle of the bucket
 * that holds it, within the exact min and max.
 */
static u64 waitcmp_percentile(const struct waitcmp_stats *s, u32 num, u32 den)
{
	u64 rank = max_t(u64, 1, div_u64(s->samples * num + den - 1, den));
	u64 seen = 0, lo, hi;
	unsigned int b;

	for (b = 0; b < WAITCMP_HIST_BUCKETS; b++) {
		seen += s->hist[b];
		if (seen >= rank)
			break;
	}
	if (b == WAITCMP_HIST_BUCKETS)
		return s->max_ns;
	lo = max(waitcmp_hist_lower(b), s->min_ns);
	hi = min(waitcmp_hist_upper(b), s->max_ns);
	return lo + (hi - lo) / 2;
}

void waitcmp_stats_summary(const struct waitcmp_stats *s,
			   struct waitcmp_summary *sum)
{
	*sum = (struct waitcmp_summary){ .samples = s->samples };
	if (!s->samples)
		return;
	sum->min = s->min_ns;
	sum->max = s->max_ns;
	sum->mean = div64_u64(s->sum_ns, s->samples);
	sum->p50 = waitcmp_percentile(s, 50, 100);
	sum->p90 = waitcmp_percentile(s, 90, 100);
	sum->p99 = waitcmp_percentile(s, 99, 100);
	sum->p999 = waitcmp_percentile(s, 999, 1000);
}
