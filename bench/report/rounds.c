// SPDX-License-Identifier: GPL-2.0
/*
 * The rounds of a sweep (bench/run --rounds R, the default on the wall
 * clock): round 1 in DIR/<variant>/, round r in DIR/<variant>/round-<r>/,
 * each with its analysis (p50_ns, p99_ns, from the trace) and stats
 * (wake_cost_p50_ns, the module's). Per variant the median over the
 * rounds of each, with a 95 % interval from the rounds' order statistics
 * (rstats: rs_median_interval); a variant differs from the lowest only
 * when the two intervals do not overlap. The rank stability is Spearman's
 * rho between the p50 medians of the first and the second half of the
 * rounds. Part of report summary: rounds.csv, a section of summary.md and
 * "rounds" in summary.json.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "results.h"
#include "rounds.h"
#include "rstats.h"

#define LEVEL 0.95

static const char *const figure_key[NFIG] = { "p50_ns", "p99_ns", "wake_cost_p50_ns" };
static const char *const figure_file[NFIG] = { "analysis", "analysis", "stats" };

/* DIR/<variant>/ for round 1, DIR/<variant>/round-R/ after. */
static char *round_dir(const char *vdir, size_t r)
{
	return r == 1 ? xasprintf("%s", vdir) : xasprintf("%s/round-%zu", vdir, r);
}

int rounds_read(struct rounds *rs, const char *dir, const char *env,
		char *const *names, char *const *vdirs, size_t n)
{
	double v;
	size_t i, r, f;

	memset(rs, 0, sizeof(*rs));
	if (!kv_number(env, "rounds", &v) || v < 2 || v > MAX_ROUNDS)
		return 0;
	rs->rounds = (size_t)v;
	rs->seed = kv_number(env, "seed", &v) ? v : NAN;
	rs->dir = dir;
	rs->n = n;
	rs->v = calloc(n, sizeof(*rs->v));
	if (!rs->v)
		abort();
	for (i = 0; i < n; i++) {
		struct round_variant *rv = &rs->v[i];

		rv->name = names[i];
		for (r = 1; r <= rs->rounds; r++) {
			char *d = round_dir(vdirs[i], r), *st = path_join(d, "status");
			char status[16] = "";

			/* A round counts when its status is ok and its trace analysed. */
			if (file_get(st, status, sizeof(status)) && !strcmp(status, "ok")) {
				for (f = 0; f < NFIG; f++) {
					char *p = path_join(d, figure_file[f]);

					rv->fig[f][r - 1] = kv_number(p, figure_key[f], &v) ? v : NAN;
					free(p);
				}
			} else {
				for (f = 0; f < NFIG; f++)
					rv->fig[f][r - 1] = NAN;
			}
			free(st);
			free(d);
		}
		for (f = 0; f < NFIG; f++) {
			double vals[MAX_ROUNDS];
			size_t k = 0;

			for (r = 0; r < rs->rounds; r++)
				if (!isnan(rv->fig[f][r]))
					vals[k++] = rv->fig[f][r];
			rv->iv[f] = rs_median_interval(vals, k, LEVEL);
		}
	}
	rs->rho = rounds_stability(rs);
	return (int)rs->rounds;
}

double rounds_stability(const struct rounds *rs)
{
	double a[256], b[256];
	size_t i, r, m = 0, half = rs->rounds / 2;

	for (i = 0; i < rs->n && m < 256; i++) {
		double x[MAX_ROUNDS], y[MAX_ROUNDS];
		size_t nx = 0, ny = 0;

		for (r = 0; r < rs->rounds; r++) {
			double v = rs->v[i].fig[FIG_P50][r];

			if (isnan(v))
				continue;
			if (r < half)
				x[nx++] = v;
			else
				y[ny++] = v;
		}
		if (!nx || !ny)
			continue;
		a[m] = rs_median(x, nx);
		b[m] = rs_median(y, ny);
		m++;
	}
	return rs_spearman(a, b, m);
}

/* The variant with the lowest median of figure F, or -1. */
static long lowest(const struct rounds *rs, int f)
{
	long best = -1;
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (!isnan(rs->v[i].iv[f].median) &&
		    (best < 0 || rs->v[i].iv[f].median < rs->v[best].iv[f].median))
			best = (long)i;
	return best;
}

const char *rounds_against(const struct rounds *rs, size_t i, int f)
{
	long b = lowest(rs, f);

	if (b < 0 || isnan(rs->v[i].iv[f].median))
		return REPORT_MISSING;
	if ((size_t)b == i)
		return "the lowest";
	if (rs->v[i].iv[f].n_low || rs->v[b].iv[f].n_low)
		return "too few rounds for an interval";
	return rs_interval_cmp(&rs->v[i].iv[f], &rs->v[b].iv[f]) > 0 ?
	       "higher" : "no difference measurable here";
}

/* A figure: µs with one decimal on the wall clock, instructions under icount. */
static const char *fig_text(char *buf, size_t len, double ns, bool icount)
{
	return icount ? fmt_num(buf, len, ns, 0) : fmt_num(buf, len, ns / 1000, 1);
}

static void cell(FILE *f, const struct rs_interval *iv, bool icount)
{
	char m[32], lo[32], hi[32];

	fprintf(f, " %s", fig_text(m, sizeof(m), iv->median, icount));
	if (!iv->n_low)
		fprintf(f, " [%s, %s]", fig_text(lo, sizeof(lo), iv->lo, icount),
			fig_text(hi, sizeof(hi), iv->hi, icount));
	fputs(" |", f);
}

void rounds_md(FILE *f, const struct rounds *rs, const char *clock)
{
	bool icount = clock_is_icount(clock);
	const char *unit = icount ? "instructions, icount" : "µs, wall-clock";
	long b = lowest(rs, FIG_P50), c = lowest(rs, FIG_COST);
	size_t i;

	fprintf(f, "\n## Over %zu rounds\n\n", rs->rounds);
	fprintf(f, "Each round ran the latency phase of every variant once, the variants in an order shuffled from seed %.0f (`bench/run --seed %.0f` repeats the orders); the table above is round 1. "
		"Per variant: the median over its rounds and a 95 %% interval for it from the rounds' order statistics, distribution-free: [k-th smallest, k-th largest], the k whose coverage is at least 95 %% (with 6 rounds, the least and the greatest: 96.9 %%; with fewer than 6 no interval is possible, and none is called). "
		"A variant is called higher than the lowest only when its interval lies wholly above the lowest's; otherwise no difference is measurable here. "
		"Wake cost: the waker's time in the wake call (the module's median).\n\n",
		rs->seed, rs->seed);
	if (!isnan(rs->rho))
		fprintf(f, "Rank stability: Spearman's rho between the p50 medians of rounds 1-%zu and %zu-%zu: %.2f (1: the same ranking in both halves).\n\n",
			rs->rounds / 2, rs->rounds / 2 + 1, rs->rounds, rs->rho);
	fprintf(f, "| variant | rounds | p50 (%s) | p99 (%s) | wake cost (%s) | p50 against the lowest (%s) | wake cost against the lowest (%s) |\n"
		"|---|---:|---:|---:|---:|---|---|\n",
		unit, unit, unit, b >= 0 ? rs->v[b].name : REPORT_MISSING,
		c >= 0 ? rs->v[c].name : REPORT_MISSING);
	for (i = 0; i < rs->n; i++) {
		const struct round_variant *v = &rs->v[i];

		fprintf(f, "| %s | %zu |", v->name, v->iv[FIG_P50].n);
		cell(f, &v->iv[FIG_P50], icount);
		cell(f, &v->iv[FIG_P99], icount);
		cell(f, &v->iv[FIG_COST], icount);
		fprintf(f, " %s | %s |\n", rounds_against(rs, i, FIG_P50),
			rounds_against(rs, i, FIG_COST));
	}
}

static void json_interval(struct json *j, const char *key, const struct rs_interval *iv)
{
	json_object(j, key);
	json_num(j, "median", iv->median);
	json_num(j, "lo", iv->n_low ? NAN : iv->lo);
	json_num(j, "hi", iv->n_low ? NAN : iv->hi);
	json_num(j, "coverage", iv->n_low ? NAN : iv->coverage);
	json_num(j, "rounds", (double)iv->n);
	json_end(j);
}

void rounds_json(struct json *j, const struct rounds *rs)
{
	size_t i;

	json_object(j, "rounds");
	json_num(j, "rounds", (double)rs->rounds);
	json_num(j, "seed", rs->seed);
	json_str(j, "interval", "order statistics of the rounds, distribution-free, 95 %");
	json_num(j, "rank_stability_spearman", rs->rho);
	json_array(j, "variants");
	for (i = 0; i < rs->n; i++) {
		const struct round_variant *v = &rs->v[i];

		json_object(j, NULL);
		json_str(j, "variant", v->name);
		json_interval(j, "p50_ns", &v->iv[FIG_P50]);
		json_interval(j, "p99_ns", &v->iv[FIG_P99]);
		json_interval(j, "wake_cost_p50_ns", &v->iv[FIG_COST]);
		json_str(j, "p50_against_lowest", rounds_against(rs, i, FIG_P50));
		json_str(j, "wake_cost_against_lowest", rounds_against(rs, i, FIG_COST));
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

int rounds_csv(const struct rounds *rs, const char *cmd)
{
	char *path = path_join(rs->dir, "rounds.csv");
	struct out o;
	FILE *f = out_open(&o, cmd, path);
	char a[32], b[32], c[32];
	size_t i, r;

	free(path);
	if (!f)
		return -1;
	fputs("variant,round,p50_ns,p99_ns,wake_cost_p50_ns\n", f);
	for (i = 0; i < rs->n; i++)
		for (r = 0; r < rs->rounds; r++)
			fprintf(f, "%s,%zu,%s,%s,%s\n", rs->v[i].name, r + 1,
				isnan(rs->v[i].fig[FIG_P50][r]) ? "" : fmt_num(a, sizeof(a), rs->v[i].fig[FIG_P50][r], 0),
				isnan(rs->v[i].fig[FIG_P99][r]) ? "" : fmt_num(b, sizeof(b), rs->v[i].fig[FIG_P99][r], 0),
				isnan(rs->v[i].fig[FIG_COST][r]) ? "" : fmt_num(c, sizeof(c), rs->v[i].fig[FIG_COST][r], 0));
	return out_commit(&o, cmd);
}

void rounds_free(struct rounds *rs)
{
	free(rs->v);
	rs->v = NULL;
}
