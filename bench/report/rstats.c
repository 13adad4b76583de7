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

double rs_median(double *v, size_t n)
{
	if (!n)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
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
