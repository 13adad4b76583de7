/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rstats - the statistics of the host reports (bench/report), each a
 * function with unit tests of its own (tests/host/rstats-test.c).
 */
#ifndef WAITCMP_RSTATS_H
#define WAITCMP_RSTATS_H

#include <stdbool.h>
#include <stddef.h>

/* v[0..n) in ascending order. */
void rs_sort(double *v, size_t n);

/* The median of v[0..n) (sorts v); the mean of the two middles for even n. NAN for n == 0. */
double rs_median(double *v, size_t n);

/* rank[i]: the rank of v[i] among v[0..n), from 1; tied values share their mean rank. */
void rs_ranks(const double *v, size_t n, double *rank);

/*
 * Spearman's rank correlation of x and y: Pearson's correlation of their
 * ranks (ties ranked by their mean rank). NAN when n < 2 or when either
 * side has every value tied (no ranking to compare).
 */
double rs_spearman(const double *x, const double *y, size_t n);

/* |b - a| / a, NAN when a is 0. */
double rs_rel_diff(double a, double b);

/*
 * a / b: a share (iowait ticks over the ticks slept) or a mean from a sum
 * (sum_ns over samples). NAN when b is not above 0 or either is NAN.
 */
double rs_ratio(double a, double b);

/*
 * The share of the samples in STATE among COUNTS, "STATE=N" words such as
 * "R=0 S=3 D=9 other=0" (a word's value is its leading number, 0 when it
 * has none; the last word of STATE counts, none is 0). NAN when the counts
 * sum to 0.
 */
double rs_state_share(const char *counts, const char *state);

/*
 * A share read as a yes or a no: 1 (yes) when at least YES_MIN, 0 (no)
 * when at most NO_MAX, -1 (unclear) between them or when it is NAN.
 */
int rs_share_verdict(double share, double yes_min, double no_max);

/*
 * The smallest and largest of the values of v[0..n) that are not NAN
 * into *lo and *hi (NAN both when there are none); returns how many.
 */
size_t rs_extent(const double *v, size_t n, double *lo, double *hi);

/*
 * Whether RATIO stands out from SHIFT, the median of the ratios it is one
 * of: -1 when ratio / shift is below 1 - BOUND (it gains: less than the
 * shift), 1 when above 1 + BOUND (it loses), 0 within, or when either is
 * NAN or shift is not above 0.
 */
int rs_against_shift(double ratio, double shift, double bound);

/* The median, least and greatest of v[0..n) (sorts v); all NAN for n == 0. */
struct rs_range {
	double median, min, max;
	size_t n;
};
struct rs_range rs_range(double *v, size_t n);

/*
 * The per-pair ratios num[i] / den[i] of the pairs whose den is above 0
 * (runs made one after the other in a round), and their median and range.
 */
struct rs_range rs_ratio_range(const double *num, const double *den, size_t n);

/*
 * PER / rate_a - PER / rate_b: how much more of a unit each event of the
 * slower run takes (rates per PER units, e.g. wakes per 10^9 ns). NAN when
 * a rate is NAN or not above 0.
 */
double rs_per_event_diff(double rate_a, double rate_b, double per);

/*
 * Whether V meets a bound: at most BOUND (le true) or at least BOUND.
 * 1 met, 0 missed, -1 when V is NAN (not measured).
 */
int rs_meets(double v, bool le, double bound);

/*
 * A target on the median of per-round figures, judged with their range:
 * every round on the same side of the bound, or rounds on both sides.
 */
enum rs_judgement {
	RS_UNMEASURED,
	RS_MET_ALL,		/* the median and every round meet it */
	RS_MISSED_ALL,		/* the median and every round miss it */
	RS_MET_SPLIT,		/* the median meets it, some rounds do not */
	RS_MISSED_SPLIT,	/* the median misses it, some rounds do not */
};
enum rs_judgement rs_judge(double median, double lo, double hi, bool le,
			   double bound);

/*
 * The slope of the least-squares line through (log x, log y): the
 * exponent of a power law y = a x^b (1: linear). Points with x or y not
 * above 0 are left out; NAN with fewer than two points left or all at
 * one x.
 */
double rs_loglog_slope(const double *x, const double *y, size_t n);

/* What a power law of exponent SLOPE does per doubling of x: 2^SLOPE. */
double rs_per_doubling(double slope);

/*
 * How y[0..n) changes with x[0..n) (ascending in x): the log-log slope
 * and the ratio of the last to the first value decide. Flat: the slope
 * is within +-0.2 (2^0.2 = 1.15x per doubling either way) or cannot be
 * told; falls: slope and ratio below (0, 1); varies: one of them below;
 * grows: both above.
 */
enum rs_trend { RS_UNTOLD, RS_FLAT, RS_FALLS, RS_VARIES, RS_GROWS };
enum rs_trend rs_trend_of(double slope, double ratio);

/* How fast a growing series grows, from its log-log slope rounded to 2 decimals as the pages print it: below 0.8, 0.8 to 1.2, above. */
enum rs_pace { RS_SUBLINEAR, RS_LINEAR, RS_SUPERLINEAR };
enum rs_pace rs_pace_of(double slope);
/* "less than linearly", "about linearly", "faster than linearly". */
const char *rs_pace_words(enum rs_pace pace);

struct rs_growth {
	enum rs_trend trend;	/* RS_UNTOLD: fewer than 2 points, or the first not above 0 */
	enum rs_pace pace;	/* when it grows */
	double slope;		/* rs_loglog_slope, NAN when it cannot be told */
	double ratio;		/* last / first */
	double first, last, lo, hi;
};
struct rs_growth rs_growth(const double *x, const double *y, size_t n);

/* Which way a figure went from FIRST to LAST: 1 up or the same, -1 down, 0 when either is NAN. */
int rs_direction(double first, double last);

/*
 * The P-th percentile (0..100) of a histogram of unit buckets count[0..n)
 * with OVER samples beyond the last bucket: the first bucket where the
 * running count reaches ceil(total * P / 100) (total with OVER). -1 when
 * that is beyond the last bucket, -2 when the histogram is empty.
 */
long rs_hist_percentile(const double *count, size_t n, double over, double p);

/*
 * A distribution-free interval for the median of v[0..n) (sorts v): the
 * order statistics [v(k), v(n+1-k)] with the largest k whose coverage,
 * 1 - 2 P(Binomial(n, 1/2) < k), is at least LEVEL (0.95 for a 95 %
 * interval). n_low when n is too small for LEVEL (n < 6 at 95 %: even
 * [min, max] of 5 covers 93.75 %): then lo and hi are NAN.
 */
struct rs_interval {
	double median, lo, hi;
	double coverage;	/* the interval's exact coverage */
	size_t n, k;		/* values; lo is the k-th smallest, from 1 */
	bool n_low;
};
struct rs_interval rs_median_interval(double *v, size_t n, double level);

/* The fewest values whose [min, max] covers the median at LEVEL. */
size_t rs_interval_min_n(double level);

/*
 * Whether two intervals say two medians differ: -1 when A lies wholly
 * below B, 1 wholly above, 0 when they overlap or either has none ("no
 * difference measurable").
 */
int rs_interval_cmp(const struct rs_interval *a, const struct rs_interval *b);

#endif /* WAITCMP_RSTATS_H */
