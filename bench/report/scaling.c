// SPDX-License-Identifier: GPL-2.0
/*
 * report scaling DIR: a bench/run --mode scaling run (or bench/perf-run's
 * waiters folder), from its DIR/<variant>/w<N>-all<0|1>.stats files:
 *   scaling.csv    a row per (variant, wake mode, number of waiters): the
 *                  waker's cost of one wake and the waiters' latency
 *   scaling.json   the same, every field named: per variant its wake-one
 *                  and wake-all series
 *   scaling.png/svg  both p50s against the number of waiters, a line per
 *                  variant and wake mode (plots/scaling.gp, from
 *                  DIR/plot/scaling.dat)
 * The clock and kernel come from DIR/env (the waiters folder of
 * bench/perf-run has it one level up). Exit status 1 when the figure
 * could not be drawn, 2 on bad usage or when DIR cannot be read.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"
#include "results.h"
#include "rstats.h"

/* The fields of scaling.csv, in order, as the stats files name them. */
static const char *const fields[] = {
	"variant", "wake_all", "waiters", "samples", "woken_per_wake",
	"wake_cost_p50_ns", "wake_cost_mean_ns", "p50_ns", "p99_ns",
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))
enum { F_VARIANT, F_ALL, F_WAITERS, F_SAMPLES, F_WOKEN, F_COST_P50,
       F_COST_MEAN, F_P50, F_P99 };

struct point {
	char cell[NFIELDS][64];
	char *line;		/* the CSV row, for the last tie-break */
};

static struct point *points;
static size_t npoints;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sort -n's reading of a field: its leading number, 0 when none. */
static double sort_number(const char *s)
{
	return strtod(s, NULL);
}

/* The shell's order: sort -t, -k1,1 -k2,2n -k3,3n (then the whole line). */
static int cmp_point(const void *a, const void *b)
{
	const struct point *x = a, *y = b;
	double d;
	int c = strcmp(x->cell[F_VARIANT], y->cell[F_VARIANT]);

	if (c)
		return c;
	d = sort_number(x->cell[F_ALL]) - sort_number(y->cell[F_ALL]);
	if (d)
		return d < 0 ? -1 : 1;
	d = sort_number(x->cell[F_WAITERS]) - sort_number(y->cell[F_WAITERS]);
	if (d)
		return d < 0 ? -1 : 1;
	return strcmp(x->line, y->line);
}

/* Every DIR/<sub>/w*-all*.stats, in the shell glob's order. */
static int read_points(const char *dir)
{
	char **subs = NULL;
	size_t nsubs = 0, i;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		report_err("scaling", "cannot read %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			subs = realloc(subs, (nsubs + 1) * sizeof(*subs));
			if (!subs)
				abort();
			subs[nsubs++] = xasprintf("%s", e->d_name);
		}
	closedir(d);
	qsort(subs, nsubs, sizeof(*subs), cmp_str);
	for (i = 0; i < nsubs; i++) {
		char *sub = path_join(dir, subs[i]), **files = NULL;
		size_t nfiles = 0, k, f;
		DIR *sd = opendir(sub);

		while (sd && (e = readdir(sd)))
			if (!fnmatch("w*-all*.stats", e->d_name, FNM_PERIOD)) {
				files = realloc(files, (nfiles + 1) * sizeof(*files));
				if (!files)
					abort();
				files[nfiles++] = xasprintf("%s", e->d_name);
			}
		if (sd)
			closedir(sd);
		qsort(files, nfiles, sizeof(*files), cmp_str);
		for (f = 0; f < nfiles; f++) {
			char *path = path_join(sub, files[f]);
			struct point *p;

			if (!is_file(path)) {
				free(path);
				continue;
			}
			points = realloc(points, (npoints + 1) * sizeof(*points));
			if (!points)
				abort();
			p = &points[npoints++];
			for (k = 0; k < NFIELDS; k++)
				if (!kv_get(path, fields[k], p->cell[k], sizeof(p->cell[k])))
					p->cell[k][0] = '\0';
			p->line = xasprintf("%s,%s,%s,%s,%s,%s,%s,%s,%s", p->cell[0],
					    p->cell[1], p->cell[2], p->cell[3], p->cell[4],
					    p->cell[5], p->cell[6], p->cell[7], p->cell[8]);
			free(path);
			free(files[f]);
		}
		free(files);
		free(sub);
		free(subs[i]);
	}
	free(subs);
	qsort(points, npoints, sizeof(*points), cmp_point);
	return 0;
}

static int write_csv(const char *dir)
{
	char *path = path_join(dir, "scaling.csv");
	struct out o;
	size_t i, k;
	int rc;

	if (!out_open(&o, "scaling", path)) {
		free(path);
		return -1;
	}
	for (k = 0; k < NFIELDS; k++)
		fprintf(o.f, "%s%s", k ? "," : "", fields[k]);
	fputc('\n', o.f);
	for (i = 0; i < npoints; i++)
		fprintf(o.f, "%s\n", points[i].line);
	rc = out_commit(&o, "scaling");
	free(path);
	return rc;
}

/* A series: the points of one (variant, wake mode), consecutive once sorted. */
struct series {
	size_t first, n;
	size_t colour;		/* the variant's place among the variants, from 1 */
};

static size_t series_of(struct series *s)
{
	size_t i, n = 0, nvariants = 0;

	for (i = 0; i < npoints; i++) {
		const struct point *p = &points[i], *q = i ? &points[i - 1] : NULL;

		if (q && !strcmp(p->cell[F_VARIANT], q->cell[F_VARIANT]) &&
		    !strcmp(p->cell[F_ALL], q->cell[F_ALL])) {
			s[n - 1].n++;
			continue;
		}
		if (!q || strcmp(p->cell[F_VARIANT], q->cell[F_VARIANT]))
			nvariants++;
		s[n++] = (struct series){ .first = i, .n = 1, .colour = nvariants };
	}
	return n;
}

/* The env of the run: DIR/env, else the one above (bench/perf-run's waiters folder). */
static char *env_of(const char *dir)
{
	char *env = path_join(dir, "env");

	if (!is_file(env)) {
		free(env);
		env = path_join(dir, "../env");
	}
	return env;
}

/* Plain digits: what the shell counted as a sample count. */
static double count_of(const char *s)
{
	const char *c;

	for (c = s; *c >= '0' && *c <= '9'; c++)
		;
	return *s && !*c ? strtod(s, NULL) : NAN;
}

/* The kernel (DIR/env.sweep's when the env has none) and accelerator of the run, "" when unknown. */
static void run_origin(const char *dir, const char *env, char *kernel, size_t klen,
		       char *accel, size_t alen)
{
	if (!kv_get(env, "kernel", kernel, klen) || !*kernel) {
		char *sweep = path_join(dir, "env.sweep");

		if (!kv_get(sweep, "kernel", kernel, klen))
			*kernel = '\0';
		free(sweep);
	}
	if (!kv_get(env, "accelerator", accel, alen) || !*accel)
		if (!kv_get(env, "accel", accel, alen))
			*accel = '\0';
}

static int plot(const char *dir, const char *env, const char *clock,
		struct series *s, size_t ns)
{
	char *plotdir = path_join(dir, "plot"), *dat = path_join(plotdir, "scaling.dat"),
	     kernel[128] = "", accel[64] = "", rawclock[32] = "", *origin, *origin_q,
	     *wakes, *vars = NULL, *dat_q;
	double *samples = calloc(npoints + 1, sizeof(double)), lo, hi;
	size_t i, k, len;
	struct out o;
	FILE *m;
	int rc = -1;

	if (!samples)
		abort();
	if (mkdir(plotdir, 0777) && errno != EEXIST) {
		report_err("scaling", "cannot create %s: %s", plotdir, strerror(errno));
		goto done;
	}
	/* One data block per (variant, mode), for gnuplot's "index". */
	if (!out_open(&o, "scaling", dat))
		goto done;
	fprintf(o.f, "# waiters wake_cost_p50_ns p50_ns, a block per variant and wake mode\n");
	for (i = 0; i < ns; i++) {
		fprintf(o.f, "# %s wake_all=%s\n", points[s[i].first].cell[F_VARIANT],
			points[s[i].first].cell[F_ALL]);
		for (k = s[i].first; k < s[i].first + s[i].n; k++)
			fprintf(o.f, "%s %s %s\n", points[k].cell[F_WAITERS],
				points[k].cell[F_COST_P50], points[k].cell[F_P50]);
		fputs("\n\n", o.f);
	}
	if (out_commit(&o, "scaling"))
		goto done;

	run_origin(dir, env, kernel, sizeof(kernel), accel, sizeof(accel));
	if (!kv_get(env, "clock", rawclock, sizeof(rawclock)) || !*rawclock)
		snprintf(rawclock, sizeof(rawclock), "wall");
	origin = xasprintf("kernel %s, %s, clock %s", *kernel ? kernel : "?",
			   *accel ? accel : "?", rawclock);
	origin_q = gp_quote_safe(origin);
	for (i = 0; i < npoints; i++)
		samples[i] = count_of(points[i].cell[F_SAMPLES]);
	if (!rs_extent(samples, npoints, &lo, &hi))
		wakes = xasprintf("no samples");
	else if (lo == hi)
		wakes = xasprintf("%.0f samples a point", lo);
	else
		wakes = xasprintf("%.0f to %.0f samples a point", lo, hi);
	dat_q = gp_quote_safe(dat);
	m = open_memstream(&vars, &len);
	fprintf(m, "data='%s'; origin='%s'; wakes='%s'; unit='%s'; variants='", dat_q,
		origin_q, wakes, clock_is_icount(clock) ?
		"thousands of instructions, icount" : "µs, wall-clock");
	for (i = 0; i < ns; i++)
		fprintf(m, "%s%s", i ? " " : "", points[s[i].first].cell[F_VARIANT]);
	fputs("'; all='", m);
	for (i = 0; i < ns; i++)
		fprintf(m, "%s%d", i ? " " : "", !strcmp(points[s[i].first].cell[F_ALL], "1"));
	fputs("'; colour='", m);
	for (i = 0; i < ns; i++)
		fprintf(m, "%s%zu", i ? " " : "", s[i].colour);
	fputs("'", m);
	fclose(m);
	rc = render("scaling", "scaling.gp", dir, "scaling", 1100, 520, vars);
	free(origin);
	free(origin_q);
	free(wakes);
	free(dat_q);
	free(vars);
done:
	free(samples);
	free(plotdir);
	free(dat);
	return rc;
}

static void write_series(struct json *j, const char *key, const struct series *s)
{
	size_t k;

	json_array(j, key);
	for (k = s ? s->first : 0; s && k < s->first + s->n; k++) {
		const struct point *p = &points[k];

		json_object(j, NULL);
		json_num(j, "waiters", str_num(p->cell[F_WAITERS]));
		json_num(j, "samples", str_num(p->cell[F_SAMPLES]));
		json_num(j, "woken_per_wake", str_num(p->cell[F_WOKEN]));
		json_num(j, "wake_cost_p50_ns", str_num(p->cell[F_COST_P50]));
		json_num(j, "wake_cost_mean_ns", str_num(p->cell[F_COST_MEAN]));
		json_num(j, "p50_ns", str_num(p->cell[F_P50]));
		json_num(j, "p99_ns", str_num(p->cell[F_P99]));
		json_end(j);
	}
	json_end(j);
}

static int write_json(const char *dir, const char *env, const char *clock,
		      const struct series *s, size_t ns)
{
	char *path = path_join(dir, "scaling.json"), kernel[128], accel[64];
	struct json j;
	struct out o;
	size_t i, k;

	if (!out_open(&o, "scaling", path)) {
		free(path);
		return -1;
	}
	free(path);
	json_begin(&j, o.f);
	json_str(&j, "schema", "waitcmp-scaling/1");
	json_str(&j, "clock", clock);
	json_str(&j, "latency_unit", latency_unit(clock));
	run_origin(dir, env, kernel, sizeof(kernel), accel, sizeof(accel));
	json_str(&j, "kernel", *kernel ? kernel : NULL);
	json_str(&j, "accelerator", *accel ? accel : NULL);
	json_array(&j, "variants");
	for (i = 0; i < ns; i = k) {
		const struct series *one = NULL, *all = NULL;

		/* The series of one variant are consecutive: wake one (0) first. */
		for (k = i; k < ns && s[k].colour == s[i].colour; k++) {
			if (!strcmp(points[s[k].first].cell[F_ALL], "1"))
				all = &s[k];
			else if (!strcmp(points[s[k].first].cell[F_ALL], "0"))
				one = &s[k];
		}
		json_object(&j, NULL);
		json_str(&j, "name", points[s[i].first].cell[F_VARIANT]);
		write_series(&j, "wake_one", one);
		write_series(&j, "wake_all", all);
		json_end(&j);
	}
	json_finish(&j);
	return out_commit(&o, "scaling");
}

int cmd_scaling(int argc, char **argv)
{
	struct series *s;
	const char *dir, *clock;
	char *env;
	size_t ns;
	int rc = 0;

	if (argc != 2) {
		report_err("scaling", "usage: report scaling DIR");
		return 2;
	}
	dir = argv[1];
	if (read_points(dir))
		return 2;
	s = calloc(npoints + 1, sizeof(*s));
	if (!s)
		abort();
	ns = series_of(s);
	env = env_of(dir);
	clock = run_clock(env);
	if (write_csv(dir))
		rc = 1;
	if (plot(dir, env, clock, s, ns))
		rc = 1;
	if (write_json(dir, env, clock, s, ns))
		rc = 1;
	free(env);
	free(s);
	return rc;
}
