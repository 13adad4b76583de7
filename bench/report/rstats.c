// SPDX-License-Identifier: GPL-2.0
/*
 * rstats - statistics of the host reports, see rstats.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rstats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void rs_sort(double *v, size_t n)
{
	if (n)
		qsort(v, n, sizeof(*v), cmp_double);
}

double rs_median(double *v, size_t n)
{
	if (!n)
		return NAN;
	rs_sort(v, n);
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct ranked {
	double v;
	size_t i;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void rs_ranks(const double *v, size_t n, double *rank)
{
	struct ranked *r;
	size_t i, j, k;

	if (!n)
		return;
	r = calloc(n, sizeof(*r));
	if (!r)
		abort();
	for (i = 0; i < n; i++)
		r[i] = (struct ranked){ .v = v[i], .i = i };
	qsort(r, n, sizeof(*r), cmp_ranked);
	for (i = 0; i < n; i = j) {
		/* r[i..j) are tied: ranks i + 1 .. j, each gets their mean. */
		for (j = i + 1; j < n && r[j].v == r[i].v; j++)
			;
		for (k = i; k < j; k++)
			rank[r[k].i] = (double)(i + 1 + j) / 2;
	}
	free(r);
}

double rs_spearman(const double *x, const double *y, size_t n)
{
	double *rx, *ry, mean = (double)(n + 1) / 2, sxy = 0, sxx = 0, syy = 0;
	size_t i;

	if (n < 2)
		return NAN;
	rx = calloc(n, sizeof(*rx));
	ry = calloc(n, sizeof(*ry));
	if (!rx || !ry)
		abort();
	rs_ranks(x, n, rx);
	rs_ranks(y, n, ry);
	for (i = 0; i < n; i++) {
		sxy += (rx[i] - mean) * (ry[i] - mean);
		sxx += (rx[i] - mean) * (rx[i] - mean);
		syy += (ry[i] - mean) * (ry[i] - mean);
	}
	free(rx);
	free(ry);
	if (sxx == 0 || syy == 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

double rs_rel_diff(double a, double b)
{
	if (a == 0)
		return NAN;
	return fabs(b - a) / fabs(a);
}

struct rs_range rs_range(double *v, size_t n)
{
	struct rs_range r = { NAN, NAN, NAN, n };

	if (!n)
		return r;
	r.median = rs_median(v, n);	/* sorts v */
	r.min = v[0];
	r.max = v[n - 1];
	return r;
}

double rs_ratio(double a, double b)
{
	if (isnan(a) || isnan(b) || !(b > 0))
		return NAN;
	return a / b;
}

double rs_state_share(const char *counts, const char *state)
{
	size_t slen = strlen(state);
	double n = 0, in_state = 0;
	const char *w = counts;

	while (*w) {
		size_t len = strcspn(w, " \t\n");
		const char *eq = memchr(w, '=', len);

		if (eq) {
			double v = strtod(eq + 1, NULL);

			/* a word whose value has no leading number counts 0 */
			if (!isfinite(v))
				v = 0;
			n += v;
			if ((size_t)(eq - w) == slen && !strncmp(w, state, slen))
				in_state = v;
		}
		w += len;
		w += strspn(w, " \t\n");
	}
	if (n == 0)
		return NAN;
	return in_state / n;
}

int rs_share_verdict(double share, double yes_min, double no_max)
{
	if (isnan(share))
		return -1;
	if (share >= yes_min)
		return 1;
	if (share <= no_max)
		return 0;
	return -1;
}

size_t rs_extent(const double *v, size_t n, double *lo, double *hi)
{
	size_t i, k = 0;

	*lo = *hi = NAN;
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (!k++ || v[i] < *lo)
			*lo = v[i];
		if (k == 1 || v[i] > *hi)
			*hi = v[i];
	}
	return k;
}

int rs_against_shift(double ratio, double shift, double bound)
{
	double rel = rs_ratio(ratio, shift);

	if (isnan(rel))
		return 0;
	if (rel < 1 - bound)
		return -1;
	return rel > 1 + bound;
}

struct rs_range rs_ratio_range(const double *num, const double *den, size_t n)
{
	double *v = calloc(n ? n : 1, sizeof(*v));
	struct rs_range r;
	size_t i, k = 0;

	if (!v)
		abort();
	for (i = 0; i < n; i++)
		if (den[i] > 0 && !isnan(num[i]))
			v[k++] = num[i] / den[i];
	r = rs_range(v, k);
	free(v);
	return r;
}

double rs_per_event_diff(double rate_a, double rate_b, double per)
{
	if (!(rate_a > 0) || !(rate_b > 0))
		return NAN;
	return per / rate_a - per / rate_b;
}

int rs_meets(double v, bool le, double bound)
{
	if (isnan(v))
		return -1;
	return le ? v <= bound : v >= bound;
}

enum rs_judgement rs_judge(double median, double lo, double hi, bool le,
			   double bound)
{
	int m = rs_meets(median, le, bound);

	if (m < 0)
		return RS_UNMEASURED;
	if (rs_meets(lo, le, bound) != rs_meets(hi, le, bound))
		return m ? RS_MET_SPLIT : RS_MISSED_SPLIT;
	return m ? RS_MET_ALL : RS_MISSED_ALL;
}

double rs_loglog_slope(const double *x, const double *y, size_t n)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		double a, b;

		if (!(x[i] > 0) || !(y[i] > 0))
			continue;
		a = log(x[i]);
		b = log(y[i]);
		k++;
		sx += a;
		sy += b;
		sxx += a * a;
		sxy += a * b;
	}
	if (k < 2 || k * sxx == sx * sx)
		return NAN;
	return (k * sxy - sx * sy) / (k * sxx - sx * sx);
}

double rs_per_doubling(double slope)
{
	return exp(slope * log(2));
}

enum rs_trend rs_trend_of(double slope, double ratio)
{
	if (isnan(slope) || (slope > -0.2 && slope < 0.2))
		return RS_FLAT;
	if (slope < 0 && ratio < 1)
		return RS_FALLS;
	if (slope < 0 || ratio < 1)
		return RS_VARIES;
	return RS_GROWS;
}

enum rs_pace rs_pace_of(double slope)
{
	/* As the page prints it: the same printed slope, the same words. */
	slope = round(slope * 100) / 100;
	if (slope < 0.8)
		return RS_SUBLINEAR;
	return slope <= 1.2 ? RS_LINEAR : RS_SUPERLINEAR;
}

const char *rs_pace_words(enum rs_pace pace)
{
	switch (pace) {
	case RS_SUBLINEAR:
		return "less than linearly";
	case RS_LINEAR:
		return "about linearly";
	default:
		return "faster than linearly";
	}
}

struct rs_growth rs_growth(const double *x, const double *y, size_t n)
{
	struct rs_growth g = { .trend = RS_UNTOLD, .slope = NAN, .ratio = NAN,
			       .first = NAN, .last = NAN, .lo = NAN, .hi = NAN };
	size_t i;

	if (n < 2 || !(y[0] > 0))
		return g;
	g.first = g.lo = g.hi = y[0];
	g.last = y[n - 1];
	for (i = 1; i < n; i++) {
		if (y[i] < g.lo)
			g.lo = y[i];
		if (y[i] > g.hi)
			g.hi = y[i];
	}
	g.slope = rs_loglog_slope(x, y, n);
	g.ratio = g.last / g.first;
	g.trend = rs_trend_of(g.slope, g.ratio);
	g.pace = rs_pace_of(g.slope);
	return g;
}

int rs_direction(double first, double last)
{
	if (isnan(first) || isnan(last))
		return 0;
	return last >= first ? 1 : -1;
}

long rs_hist_percentile(const double *count, size_t n, double over, double p)
{
	double total = over, rank, s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += count[i];
	if (total - over <= 0)
		return -2;
	/* Rounded up, as int(x + 0.999999): what the performance report always did. */
	rank = floor(total * p / 100 + 0.999999);
	for (i = 0; i < n; i++) {
		s += count[i];
		if (s >= rank)
			return (long)i;
	}
	return -1;
}

/* P(Binomial(n, 1/2) < k), exactly in doubles for the n of a bench. */
static double binom_half_below(size_t n, size_t k)
{
	double c = 1, sum = 0;	/* C(n, i) */
	size_t i;

	for (i = 0; i < k && i <= n; i++) {
		sum += c;
		c = c * (double)(n - i) / (double)(i + 1);
	}
	return sum / pow(2, (double)n);
}

struct rs_interval rs_median_interval(double *v, size_t n, double level)
{
	struct rs_interval r = { NAN, NAN, NAN, NAN, n, 0, true };
	size_t k;

	if (!n)
		return r;
	r.median = rs_median(v, n);	/* sorts v */
	for (k = n / 2; k >= 1; k--) {
		double cov = 1 - 2 * binom_half_below(n, k);

		if (cov >= level) {
			r.lo = v[k - 1];
			r.hi = v[n - k];
			r.coverage = cov;
			r.k = k;
			r.n_low = false;
			break;
		}
	}
	return r;
}

size_t rs_interval_min_n(double level)
{
	size_t n;

	for (n = 1; n < 64; n++)
		if (1 - 2 * binom_half_below(n, 1) >= level)
			return n;
	return 0;
}

int rs_interval_cmp(const struct rs_interval *a, const struct rs_interval *b)
{
	if (a->n_low || b->n_low)
		return 0;
	if (a->hi < b->lo)
		return -1;
	if (a->lo > b->hi)
		return 1;
	return 0;
}
