// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of common/stats.c, the module's histogram and percentiles,
 * built against tests/host/shim/. Prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/stats.h"

static int tests, failed;

static void ok(int cond, const char *what)
{
	tests++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tests, what);
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted values. */
static u64 exact(const u64 *v, size_t n, u64 num, u64 den)
{
	u64 rank = (n * num + den - 1) / den;

	return v[(rank ? rank : 1) - 1];
}

/* |got - want| within the width of want's bucket (3 %), or 1 ns. */
static int close_to(u64 got, u64 want)
{
	u64 diff = got > want ? got - want : want - got;

	return diff <= want / 32 + 1;
}

static u64 next_random(u64 *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return *state >> 11;
}

int main(void)
{
	static struct waitcmp_stats s;
	struct waitcmp_summary sum;
	unsigned int b;
	int contiguous = 1, exact_low = 1, width = 1;
	u64 *v, state = 42;
	size_t i, n = 100000;

	/* Buckets tile 0..U64_MAX with no gap or overlap. */
	for (b = 0; b + 1 < WAITCMP_HIST_BUCKETS; b++)
		if (waitcmp_hist_upper(b) + 1 != waitcmp_hist_lower(b + 1))
			contiguous = 0;
	ok(contiguous && waitcmp_hist_lower(0) == 0 &&
	   waitcmp_hist_upper(WAITCMP_HIST_BUCKETS - 1) == U64_MAX,
	   "buckets are contiguous from 0 to U64_MAX");

	for (b = 0; b < 64; b++)
		if (waitcmp_hist_lower(b) != b || waitcmp_hist_upper(b) != b)
			exact_low = 0;
	ok(exact_low, "one bucket per ns below 64 ns");

	for (b = 64; b + 1 < WAITCMP_HIST_BUCKETS; b++) {
		u64 lo = waitcmp_hist_lower(b), hi = waitcmp_hist_upper(b);

		if ((hi - lo + 1) * 32 > lo)
			width = 0;
	}
	ok(width, "a bucket is at most 1/32 of its lower bound wide");
	ok(waitcmp_hist_lower(WAITCMP_HIST_BUCKETS - 1) >= 10000000000ULL,
	   "the histogram reaches at least 10 s");

	waitcmp_stats_summary(&s, &sum);
	ok(sum.samples == 0 && sum.p50 == 0 && sum.max == 0,
	   "no samples: all zero");

	/* Log-uniform latencies from 100 ns to about 1 s. */
	v = calloc(n, sizeof(*v));
	if (!v)
		return 1;
	for (i = 0; i < n; i++) {
		v[i] = 100 + (next_random(&state) % 1000) *
			(1ULL << (next_random(&state) % 24));
		waitcmp_stats_add(&s, v[i]);
	}
	qsort(v, n, sizeof(*v), cmp_u64);
	waitcmp_stats_summary(&s, &sum);
	ok(sum.samples == n, "samples counted");
	ok(sum.min == v[0] && sum.max == v[n - 1], "min and max are exact");
	ok(close_to(sum.p50, exact(v, n, 50, 100)), "p50 within 3 % of exact");
	ok(close_to(sum.p90, exact(v, n, 90, 100)), "p90 within 3 % of exact");
	ok(close_to(sum.p99, exact(v, n, 99, 100)), "p99 within 3 % of exact");
	ok(close_to(sum.p999, exact(v, n, 999, 1000)),
	   "p99.9 within 3 % of exact");
	ok(sum.min <= sum.p50 && sum.p50 <= sum.p90 && sum.p90 <= sum.p99 &&
	   sum.p99 <= sum.p999 && sum.p999 <= sum.max, "percentiles in order");

	/* One huge value lands in the last bucket; max stays exact. */
	memset(&s, 0, sizeof(s));
	waitcmp_stats_add(&s, 5);
	waitcmp_stats_add(&s, 100000000000ULL);
	waitcmp_stats_summary(&s, &sum);
	ok(s.hist[WAITCMP_HIST_BUCKETS - 1] == 1 && sum.max == 100000000000ULL &&
	   sum.p50 == 5, "values beyond the top go to the last bucket");

	free(v);
	printf("1..%d\n", tests);
	return failed != 0;
}
