/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rstats - the statistics of the host reports (bench/report), each a
 * function with unit tests of its own (tests/host/rstats-test.c).
 */
#ifndef WAITCMP_RSTATS_H
#define WAITCMP_RSTATS_H

#include <stddef.h>

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

#endif /* WAITCMP_RSTATS_H */
