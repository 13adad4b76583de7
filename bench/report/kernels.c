// SPDX-License-Identifier: GPL-2.0
/*
 * report kernels DIR: the per-kernel runs of bench/kernels joined, in DIR:
 *   kernels.csv    one row per (kernel, variant): the latency from the
 *                  kernel's sweep with its ratio to the first kernel's,
 *                  and the behaviour its matrix measured
 *   kernels.md     the kernels and the preemption model each ran (read in
 *                  the guest), the latency and the waker's wake cost side
 *                  by side, which primitives gain or lose against the
 *                  kernel-wide shift (icount only), the behaviour matrix
 *                  across kernels with every difference in bold
 *   kernels.json   the same figures, every field named
 *   cdf/<variant>.png/svg  the latency CDF of one variant, a line per
 *                  kernel (plots/kernels-cdf.gp)
 *   latency-cdf-kernels.png/svg  all of them, a panel per variant: the
 *                  survival 1 - F on a log axis, one x range for all
 *                  (plots/kernels-survival.gp)
 * DIR/kernels.list names the kernels' folders, in order; each holds kernel
 * (spec, model_requested, release), status, sweep/ and matrix/.
 * A kernel that is ok but ran another model than it asked for gets
 * "failed: ..." in its status file. Exit status 1 when a kernel failed or
 * did not run the model asked for (or a figure could not be drawn), 2 on
 * bad usage or without kernels.list.
 *
 * report kernels-doc DIR OUT: OUT (docs/kernels.md) from its template
 * docs/kernels.md.in (WAITCMP_KERNELS_TEMPLATE overrides it) and DIR's
 * kernels.md: the line @REPORT@ becomes the report (its headings one
 * level down), @PROVENANCE@ where, when and how it was measured. The
 * panel figure is copied next to OUT as kernels-cdf.png (its SVG, with
 * every step of 18 panels, runs to megabytes). Nothing is written unless
 * everything was found (exit 2 then).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "results.h"
#include "rounds.h"
#include "rstats.h"

#define MAX_KERNELS	32
/* bench/kernels' default set: make kernels runs it. */
#define DEFAULT_KERNELS	"generic:none generic:voluntary generic:full rt generic-6.12:none generic-6.12:voluntary generic-6.12:full rt-6.12"
#define MAX_VARIANTS	128
/* A primitive gains or loses when its ratio is more than 2 % from the shift. */
#define SHIFT_BOUND	0.02
#define PANEL_COLS	3

struct kernel {
	char label[128];
	char *dir;			/* DIR/label */
	char *env;			/* the env of its sweep, else of its matrix, else NULL */
	char release[128], asked[64], proof[256], status[1024];
	const char *model;		/* in force, read in the guest */
	struct csv sweep, matrix;
	bool has_sweep, has_matrix;
	struct cyclictest cyclic;	/* sweep/cyclictest.txt (bench/run --cyclictest) */
	bool has_cyclic;
	char cyclic_cmd[256];
};

/* One row of kernels.csv: cells point into the kernel's CSVs. */
struct krow {
	const char *status, *samples, *p50, *p90, *p99, *max;
	const char *state, *iowait, *load, *hung, *stop;
	const char *woken_from, *woken_all_from;	/* waker contexts that ran */
	/* The matrix's timeout, signals, wake order and freezer columns. */
	const char *timeout_fires, *sig_usr1, *sig_kill, *wake_order, *freezer, *freezer_state;
	double p50_ratio, p99_ratio;	/* exact; NAN when there is none */
	char wake_cost[64];		/* wake_cost_p50_ns of the variant's stats */
	char wake_cost_p99[64];		/* its wake_cost_p99_ns: a waker held up shows here */
	double wake_cost_ratio;
};

static const char *run;
static struct kernel kernels[MAX_KERNELS];
static size_t nk;
static const char *variants[MAX_VARIANTS];
static size_t nv;
static struct krow rows[MAX_KERNELS][MAX_VARIANTS];
static const struct kernel *base;
static const char *clock_;		/* of the first kernel's sweep */
static char cpus_[16];			/* its guest's CPUs */

/* S is digits only (or digits and dots with DOTS): the shell's tests of a figure. */
static bool plain_number(const char *s, bool dots)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(*s >= '0' && *s <= '9') && !(dots && *s == '.'))
			return false;
	return true;
}

static double number_of(const char *s, bool dots)
{
	return plain_number(s, dots) ? strtod(s, NULL) : NAN;
}

/* The last component of PATH, trailing slashes aside, allocated. */
static char *base_name(const char *path)
{
	char *p = xasprintf("%s", path), *s, *r;
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	s = strrchr(p, '/');
	r = xasprintf("%s", s && s[1] ? s + 1 : p);
	free(p);
	return r;
}

static char *kpath(const struct kernel *k, const char *name)
{
	return path_join(k->dir, name);
}

/* kv_get into buf, "" when missing. */
static void field(const char *path, const char *key, char *buf, size_t len)
{
	if (!path || !kv_get(path, key, buf, len))
		*buf = '\0';
}

/*
 * The model the guest ran: PREEMPT_DYNAMIC kernels show "none (voluntary)
 * full" in /sys/kernel/debug/sched/preempt, the one in force in brackets;
 * PREEMPT_RT kernels say so in their version string.
 */
static const char *model_in_force(const char *env)
{
	static const char *const models[] = { "none", "voluntary", "full" };
	char p[256], kv[256];
	const char *o;
	size_t i;

	field(env, "preempt", p, sizeof(p));
	field(env, "kernel_version", kv, sizeof(kv));
	if (strstr(kv, "PREEMPT_RT"))
		return "rt";
	for (o = strchr(p, '('); o; o = strchr(o + 1, '(')) {
		const char *c = o + 1;

		while (*c >= 'a' && *c <= 'z')
			c++;
		if (c == o + 1 || *c != ')')
			continue;
		for (i = 0; i < sizeof(models) / sizeof(models[0]); i++)
			if (strlen(models[i]) == (size_t)(c - o - 1) &&
			    !strncmp(models[i], o + 1, (size_t)(c - o - 1)))
				return models[i];
		/* A model this report does not know: named as the guest did. */
		return xasprintf("%.*s", (int)(c - o - 1), o + 1);
	}
	if (strstr(kv, " PREEMPT "))
		return "full";
	return "unknown";
}

static bool nonempty_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && st.st_size > 0;
}

static bool load_csv(struct csv *c, const char *path)
{
	if (!csv_load(c, path))
		return true;
	if (errno != ENOENT)
		report_err("kernels", "%s cannot be read: %s", path, strerror(errno));
	return false;
}

static int read_list(void)
{
	char *list = path_join(run, "kernels.list"), *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = fopen(list, "r");

	if (!f) {
		report_err("kernels", "no %s (not a bench/kernels run?)", list);
		free(list);
		return -1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		struct kernel *k;

		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		if (nk == MAX_KERNELS || (size_t)n >= sizeof(k->label)) {
			report_err("kernels", "%s: more than %d kernels, or a name too long",
				   list, MAX_KERNELS);
			break;
		}
		k = &kernels[nk++];
		snprintf(k->label, sizeof(k->label), "%s", line);
	}
	free(line);
	fclose(f);
	free(list);
	return 0;
}

/* Each kernel's files; a kernel that ran another model than asked fails. */
static void read_kernels(void)
{
	size_t i;

	for (i = 0; i < nk; i++) {
		struct kernel *k = &kernels[i];
		char *p, *kf;

		k->dir = path_join(run, k->label);
		p = kpath(k, "sweep/env");
		if (!is_file(p)) {
			free(p);
			p = kpath(k, "matrix/env");
			if (!is_file(p)) {
				free(p);
				p = NULL;
			}
		}
		k->env = p;
		kf = kpath(k, "kernel");
		field(kf, "release", k->release, sizeof(k->release));
		field(kf, "model_requested", k->asked, sizeof(k->asked));
		free(kf);
		k->model = model_in_force(k->env);
		field(k->env, "preempt", k->proof, sizeof(k->proof));
		if (!(strchr(k->proof, '(') && strchr(strchr(k->proof, '('), ')')))
			field(k->env, "kernel_version", k->proof, sizeof(k->proof));
		p = kpath(k, "status");
		if (!file_get(p, k->status, sizeof(k->status)))
			snprintf(k->status, sizeof(k->status), "failed: did not run");
		if (!strcmp(k->status, "ok") && strcmp(k->asked, "default") &&
		    strcmp(k->asked, k->model)) {
			struct out o;

			snprintf(k->status, sizeof(k->status),
				 "failed: preempt=%s asked, %s in force", k->asked, k->model);
			if (out_open(&o, "kernels", p)) {
				fprintf(o.f, "%s\n", k->status);
				out_commit(&o, "kernels");
			}
		}
		free(p);
		p = kpath(k, "sweep/summary.csv");
		k->has_sweep = load_csv(&k->sweep, p);
		free(p);
		p = kpath(k, "matrix/matrix.csv");
		k->has_matrix = load_csv(&k->matrix, p);
		free(p);
		p = kpath(k, "sweep/cyclictest.txt");
		k->has_cyclic = cyclictest_read(p, &k->cyclic);
		free(p);
		p = kpath(k, "sweep/cyclictest.cmd");
		if (!file_get(p, k->cyclic_cmd, sizeof(k->cyclic_cmd)))
			*k->cyclic_cmd = '\0';
		free(p);
	}
}

/* One cell of a kernel's CSV: the row of VARIANT, the column NAME; "" when none. */
static const char *cell(const struct csv *c, bool has, const char *variant,
			const char *name)
{
	long r;

	if (!has)
		return "";
	r = csv_row(c, variant);
	return r < 0 ? "" : csv_cell(c, (size_t)r, csv_col(c, name));
}

/* The base (the first kernel with a sweep summary), the variants, the clock. */
static void find_base_and_variants(void)
{
	size_t i, r;

	for (i = 0; i < nk && !base; i++) {
		char *p = kpath(&kernels[i], "sweep/summary.csv");

		if (is_file(p))
			base = &kernels[i];
		free(p);
	}
	/* In the order of the first summary or matrix found. */
	for (i = 0; i < nk && !nv; i++) {
		const struct kernel *k = &kernels[i];
		const struct csv *c = k->has_sweep && k->sweep.rows ? &k->sweep :
				      k->has_matrix ? &k->matrix : NULL;

		for (r = 0; c && r < c->rows && nv < MAX_VARIANTS; r++)
			variants[nv++] = csv_cell(c, r, 0);
	}
	clock_ = "wall";
	for (i = 0; i < nk; i++) {
		char *p = kpath(&kernels[i], "sweep/env");

		if (is_file(p)) {
			clock_ = run_clock(p);
			field(p, "cpus", cpus_, sizeof(cpus_));
			free(p);
			break;
		}
		free(p);
	}
}

static void fill_rows(void)
{
	size_t i, j;

	for (i = 0; i < nk; i++) {
		const struct kernel *k = &kernels[i];

		for (j = 0; j < nv; j++) {
			const char *v = variants[j];
			struct krow *w = &rows[i][j];
			const char *b50 = base ? cell(&base->sweep, base->has_sweep, v, "p50_ns") : "",
				   *b99 = base ? cell(&base->sweep, base->has_sweep, v, "p99_ns") : "";
			char *stats, bcost[64] = "";

			w->status = cell(&k->sweep, k->has_sweep, v, "status");
			if (!*w->status)
				w->status = cell(&k->matrix, k->has_matrix, v, "status");
			if (!*w->status)
				w->status = "missing";
			w->samples = cell(&k->sweep, k->has_sweep, v, "samples");
			w->p50 = cell(&k->sweep, k->has_sweep, v, "p50_ns");
			w->p90 = cell(&k->sweep, k->has_sweep, v, "p90_ns");
			w->p99 = cell(&k->sweep, k->has_sweep, v, "p99_ns");
			w->max = cell(&k->sweep, k->has_sweep, v, "max_ns");
			w->p50_ratio = rs_ratio(number_of(w->p50, true), number_of(b50, true));
			w->p99_ratio = rs_ratio(number_of(w->p99, true), number_of(b99, true));
			w->state = cell(&k->matrix, k->has_matrix, v, "state");
			w->iowait = cell(&k->matrix, k->has_matrix, v, "iowait");
			w->load = cell(&k->matrix, k->has_matrix, v, "load");
			w->hung = cell(&k->matrix, k->has_matrix, v, "hung_task");
			w->stop = cell(&k->matrix, k->has_matrix, v, "stop_ns");
			w->woken_from = cell(&k->matrix, k->has_matrix, v, "woken_from");
			w->woken_all_from = cell(&k->matrix, k->has_matrix, v, "woken_all_from");
			w->timeout_fires = cell(&k->matrix, k->has_matrix, v, "timeout_fires");
			w->sig_usr1 = cell(&k->matrix, k->has_matrix, v, "signal_usr1");
			w->sig_kill = cell(&k->matrix, k->has_matrix, v, "signal_kill");
			w->wake_order = cell(&k->matrix, k->has_matrix, v, "wake_order");
			w->freezer = cell(&k->matrix, k->has_matrix, v, "freezer");
			w->freezer_state = cell(&k->matrix, k->has_matrix, v, "freezer_state");
			stats = xasprintf("%s/sweep/%s/stats", k->dir, v);
			field(stats, "wake_cost_p50_ns", w->wake_cost, sizeof(w->wake_cost));
			field(stats, "wake_cost_p99_ns", w->wake_cost_p99, sizeof(w->wake_cost_p99));
			free(stats);
			if (base) {
				stats = xasprintf("%s/sweep/%s/stats", base->dir, v);
				field(stats, "wake_cost_p50_ns", bcost, sizeof(bcost));
				free(stats);
			}
			w->wake_cost_ratio = rs_ratio(number_of(w->wake_cost, true),
						      number_of(bcost, true));
		}
	}
}

/* "%.2f" of V, or "" when NAN (a cell of kernels.csv). */
static const char *ratio_cell(char *buf, size_t len, double v)
{
	if (isnan(v))
		*buf = '\0';
	else
		snprintf(buf, len, "%.2f", v);
	return buf;
}

static int write_csv(void)
{
	char *path = path_join(run, "kernels.csv"), r50[32], r99[32];
	struct out o;
	size_t i, j;
	int rc;

	if (!out_open(&o, "kernels", path)) {
		free(path);
		return -1;
	}
	fprintf(o.f, "kernel,release,model,variant,status,samples,p50_ns,p90_ns,p99_ns,max_ns,p50_ratio,p99_ratio,state,iowait,load,hung_task,stop_ns\n");
	for (i = 0; i < nk; i++)
		for (j = 0; j < nv; j++) {
			const struct krow *w = &rows[i][j];

			fprintf(o.f, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
				kernels[i].label, kernels[i].release, kernels[i].model,
				variants[j], w->status, w->samples, w->p50, w->p90,
				w->p99, w->max,
				ratio_cell(r50, sizeof(r50), w->p50_ratio),
				ratio_cell(r99, sizeof(r99), w->p99_ratio), w->state,
				w->iowait, w->load, w->hung, w->stop);
		}
	rc = out_commit(&o, "kernels");
	free(path);
	return rc;
}

/* The behaviour cell: state, iowait, load, hung task; "" when not measured. */
static const char *behaviour(char *buf, size_t len, const struct krow *w)
{
	if (!*w->state)
		*buf = '\0';
	else
		snprintf(buf, len, "%s · iowait %s · load %s · hung %s", w->state,
			 w->iowait, w->load, w->hung);
	return buf;
}

/* A latency in the table's unit: as it is under icount, else µs. */
static const char *lat(char *buf, size_t len, const char *ns)
{
	if (clock_is_icount(clock_))
		snprintf(buf, len, "%s", ns);
	else if (!*ns || !strcmp(ns, "n/a"))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", strtod(ns, NULL) / 1000);
	return buf;
}

/*
 * The kernel-wide shift of kernel I against the base: the median of its
 * p50 ratios over the variants that have one; NAN when none has.
 */
static double shift_of(size_t i)
{
	double r[MAX_VARIANTS];
	size_t j, n = 0;

	for (j = 0; j < nv; j++)
		if (!isnan(rows[i][j].p50_ratio))
			r[n++] = rows[i][j].p50_ratio;
	return rs_median(r, n);
}

/* The variants of kernel I that gain (SIDE -1) or lose (1) against SHIFT, for the page. */
static void stand_out(FILE *f, size_t i, double shift, int side)
{
	size_t j, n = 0;

	for (j = 0; j < nv; j++) {
		double r = rows[i][j].p50_ratio;

		if (isnan(r) || rs_against_shift(r, shift, SHIFT_BOUND) != side)
			continue;
		fprintf(f, "%s%s (%.3f× the shift)", n++ ? ", " : "", variants[j],
			rs_ratio(r, shift));
	}
	if (!n)
		fputs("none", f);
}

static void table_head(FILE *f, const char *align)
{
	size_t i;

	fputs("| variant |", f);
	for (i = 0; i < nk; i++)
		fprintf(f, " %s |", kernels[i].label);
	fputs("\n|---|", f);
	for (i = 0; i < nk; i++)
		fprintf(f, "%s|", align);
	fputc('\n', f);
}

/*
 * On the wall clock with rounds in every kernel's sweep: each variant's
 * p50 median over the rounds with its 95 % interval (rounds.c), against
 * the base kernel's; a variant is higher or lower on a kernel only when
 * the two intervals are apart. false when a sweep has no rounds.
 */
static bool md_rounds(FILE *f)
{
	static struct rounds rs[MAX_KERNELS];
	char *names[MAX_VARIANTS], *dirs[MAX_KERNELS][MAX_VARIANTS];
	size_t i, j, bi = 0;
	bool all = true;

	for (j = 0; j < nv; j++)
		names[j] = (char *)variants[j];	/* rounds_read only reads them */
	for (i = 0; i < nk; i++) {
		char *sweep = xasprintf("%s/sweep", kernels[i].dir), *env = path_join(sweep, "env");

		if (&kernels[i] == base)
			bi = i;
		for (j = 0; j < nv; j++)
			dirs[i][j] = xasprintf("%s/%s", sweep, variants[j]);
		if (!kernels[i].has_sweep ||
		    !rounds_read(&rs[i], sweep, env, names, dirs[i], nv))
			all = false;
		free(env);
		free(sweep);
	}
	if (all) {
		fprintf(f, "On the wall clock from the sweeps' rounds (%zu in the first kernel's): each\n", rs[bi].rounds);
		fprintf(f, "variant's p50 median over the rounds with a 95 %% interval from their order\n");
		fprintf(f, "statistics; a variant is higher or lower on a kernel than on %s only when\n", base->label);
		fprintf(f, "the two intervals are apart, otherwise no difference is measurable here.\n\n");
		for (i = 0; i < nk; i++) {
			size_t hi = 0, lo = 0;

			if (i == bi)
				continue;
			fprintf(f, "- **%s** against %s: higher: ", kernels[i].label, base->label);
			for (j = 0; j < nv; j++)
				if (rs_interval_cmp(&rs[i].v[j].iv[FIG_P50], &rs[bi].v[j].iv[FIG_P50]) > 0)
					fprintf(f, "%s`%s`", hi++ ? ", " : "", variants[j]);
			fputs(hi ? "; lower: " : "none; lower: ", f);
			for (j = 0; j < nv; j++)
				if (rs_interval_cmp(&rs[i].v[j].iv[FIG_P50], &rs[bi].v[j].iv[FIG_P50]) < 0)
					fprintf(f, "%s`%s`", lo++ ? ", " : "", variants[j]);
			fprintf(f, "%s; no difference measurable here for the other %zu.\n",
				lo ? "" : "none", nv - hi - lo);
		}
	}
	for (i = 0; i < nk; i++) {
		for (j = 0; j < nv; j++)
			free(dirs[i][j]);
		rounds_free(&rs[i]);
	}
	return all;
}

/* A cyclictest figure (µs of the guest's clock) in the table's unit; BUCKET: a percentile, -1 beyond the histogram. */
static const char *cyclic_lat(char *buf, size_t len, const struct kernel *k, double us, bool bucket)
{
	char ns[64];

	if (bucket && us < 0)
		snprintf(ns, sizeof(ns), "%.0f", (double)(k->cyclic.top + 1) * 1000);
	else
		snprintf(ns, sizeof(ns), "%.0f", us * 1000);
	lat(buf, len, ns);
	if (bucket && us < 0) {
		memmove(buf + 1, buf, strnlen(buf, len - 2) + 1);
		buf[0] = '>';
	}
	return buf;
}

/*
 * bench/run --cyclictest: cyclictest ran first in each kernel's sweep, with
 * the latency phase's period, wakes, CPU and class; its p50 / p99 / max
 * beside each variant's, per kernel. Nothing when no kernel has it.
 */
static void md_cyclictest(FILE *f)
{
	char a[64], b[64], c[64];
	const char *same = NULL;
	size_t i, j;
	bool any = false, differ = false;

	for (i = 0; i < nk; i++)
		any |= kernels[i].has_cyclic;
	if (!any)
		return;
	fprintf(f, "\n### cyclictest in the same boot\n\n");
	fprintf(f, "Each kernel's sweep ran cyclictest first, alone, as its latency phase runs\n");
	fprintf(f, "(the same period, wakes, CPU and scheduling class): a user thread sleeps\n");
	fprintf(f, "to an absolute hrtimer deadline, and its latency is when it runs minus the\n");
	fprintf(f, "deadline; nobody wakes it but the timer. It counts whole buckets of 1000\n");
	fprintf(f, "guest nanoseconds, rounded down (%s). p50 / p99 / max in the unit above, beside each variant's\n",
		clock_is_icount(clock_) ? "1000 instructions under icount: its figures are\nmultiples of 1000" : "one µs");
	fprintf(f, "wake-to-run p50 / p99 / max in the same boot.\n\n");
	table_head(f, "---:");
	fputs("| cyclictest |", f);
	for (i = 0; i < nk; i++) {
		const struct kernel *k = &kernels[i];

		if (!k->has_cyclic)
			fputs(" - |", f);
		else
			fprintf(f, " %s / %s / %s |",
				cyclic_lat(a, sizeof(a), k, (double)k->cyclic.p50, true),
				cyclic_lat(b, sizeof(b), k, (double)k->cyclic.p99, true),
				cyclic_lat(c, sizeof(c), k, k->cyclic.max, false));
	}
	fputc('\n', f);
	for (j = 0; j < nv; j++) {
		fprintf(f, "| %s |", variants[j]);
		for (i = 0; i < nk; i++) {
			const struct krow *w = &rows[i][j];

			if (!plain_number(w->p50, false))
				fputs(" - |", f);
			else
				fprintf(f, " %s / %s / %s |", lat(a, sizeof(a), w->p50),
					lat(b, sizeof(b), w->p99), lat(c, sizeof(c), w->max));
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	/* The command once when every kernel ran the same, else each kernel's. */
	for (i = 0; i < nk; i++) {
		if (!kernels[i].has_cyclic || !*kernels[i].cyclic_cmd)
			continue;
		if (!same)
			same = kernels[i].cyclic_cmd;
		else if (strcmp(same, kernels[i].cyclic_cmd))
			differ = true;
	}
	if (same && !differ)
		fprintf(f, "cyclictest's command, on every kernel: `%s`.\n", same);
	for (i = 0, j = 0; differ && i < nk; i++)
		if (kernels[i].has_cyclic && *kernels[i].cyclic_cmd)
			fprintf(f, "%s`%s` (%s)", j++ ? "; " : "cyclictest's command: ",
				kernels[i].cyclic_cmd, kernels[i].label);
	if (differ)
		fputs(".\n", f);
}

static void md_latency(FILE *f)
{
	const char *unit = clock_is_icount(clock_) ? "instructions, icount" : "µs, wall-clock";
	char a[64], b[64], r[32];
	size_t i, j;

	fprintf(f, "## Latency\n\n");
	fprintf(f, "Wake-to-run p50 / p99 (%s) from each kernel's sweep (the trace), and in\n", unit);
	fprintf(f, "brackets the p50 ratio to **%s**, the first kernel.\n\n", base->label);
	table_head(f, "---:");
	for (j = 0; j < nv; j++) {
		fprintf(f, "| %s |", variants[j]);
		for (i = 0; i < nk; i++) {
			const struct krow *w = &rows[i][j];

			/* Empty when it did not run, n/a when it had no samples. */
			if (!plain_number(w->p50, false))
				fputs(" - |", f);
			else
				fprintf(f, " %s / %s (%s×) |", lat(a, sizeof(a), w->p50),
					lat(b, sizeof(b), w->p99),
					ratio_cell(r, sizeof(r), w->p50_ratio));
		}
		fputc('\n', f);
	}
	fprintf(f, "\n### The waker's wake cost\n\n");
	fprintf(f, "How long the waker spent in the wake call itself (`wake_cost_p50_ns` and\n");
	fprintf(f, "`wake_cost_p99_ns` in each variant's stats: the module's histogram, the\n");
	fprintf(f, "middle of a bucket within 1.6 %% of the value), p50 / p99 (%s), and in\n", unit);
	fprintf(f, "brackets the p50's ratio to **%s**.\n\n", base->label);
	table_head(f, "---:");
	for (j = 0; j < nv; j++) {
		fprintf(f, "| %s |", variants[j]);
		for (i = 0; i < nk; i++) {
			const struct krow *w = &rows[i][j];

			if (!plain_number(w->wake_cost, false))
				fputs(" - |", f);
			else if (!plain_number(w->wake_cost_p99, false))
				fprintf(f, " %s (%s×) |", lat(a, sizeof(a), w->wake_cost),
					ratio_cell(r, sizeof(r), w->wake_cost_ratio));
			else
				fprintf(f, " %s / %s (%s×) |", lat(a, sizeof(a), w->wake_cost),
					lat(b, sizeof(b), w->wake_cost_p99),
					ratio_cell(r, sizeof(r), w->wake_cost_ratio));
		}
		fputc('\n', f);
	}
	md_cyclictest(f);
	fprintf(f, "\n### Which primitives gain or lose\n\n");
	if (!clock_is_icount(clock_)) {
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);
		bool have = m && md_rounds(m);

		if (m)
			fclose(m);
		if (have)
			fputs(text, f);
		free(text);
		if (have)
			goto figure;
	}
	fprintf(f, "Every kernel shifts all latencies at once (the kernel-wide shift: the median\n");
	fprintf(f, "p50 ratio over the variants). A primitive gains or loses on a kernel when its\n");
	fprintf(f, "own ratio stands out from that shift.\n\n");
	if (!clock_is_icount(clock_)) {
		/* One wall-clock run: the same kernel's sweep and matrix differ by as much as two kernels do. */
		fprintf(f, "Not called on this run: on the wall clock one run cannot tell a primitive's\n");
		fprintf(f, "own change from the noise (the same kernel's sweep and matrix differ by as\n");
		fprintf(f, "much as two kernels do), and its sweeps have no rounds to give intervals\n");
		fprintf(f, "(`--rounds`, 6 by default on the wall clock). Under icount (the default\n");
		fprintf(f, "under TCG) the figures are exact and this section lists them.\n");
	} else if (strcmp(cpus_, "1")) {
		fprintf(f, "Under icount the p50s are counts of emulated instructions. With %s CPUs,\n",
			*cpus_ ? cpus_ : "several");
		fprintf(f, "which QEMU runs in turn on one host thread, a wake's path also depends on\n");
		fprintf(f, "that interleaving and on where the threads run: a ratio here is what this\n");
		fprintf(f, "placement gave, not a difference of code alone. Listed are the primitives\n");
		fprintf(f, "whose own ratio is more than 2 %% from the shift (a matter of size, not of\n");
		fprintf(f, "confidence).\n\n");
	} else {
		fprintf(f, "Under icount the p50s are exact path lengths (on one CPU they repeat from\n");
		fprintf(f, "boot to boot: [determinism.md](determinism.md), measured on the generic\n");
		fprintf(f, "kernel), so a ratio here is a difference of code, not of noise; listed are\n");
		fprintf(f, "the primitives whose own ratio is more than 2 %% from the shift (a matter\n");
		fprintf(f, "of size, not of confidence).\n\n");
	}
	for (i = 0; clock_is_icount(clock_) && i < nk; i++) {
		double shift;

		if (&kernels[i] == base)
			continue;
		shift = shift_of(i);
		if (isnan(shift)) {
			fprintf(f, "- **%s**: no latency to compare.\n", kernels[i].label);
			continue;
		}
		fprintf(f, "- **%s** against %s: kernel-wide p50 shift %.3f×; gain: ",
			kernels[i].label, base->label, shift);
		stand_out(f, i, shift, -1);
		fputs("; lose: ", f);
		stand_out(f, i, shift, 1);
		fputs(".\n", f);
	}
figure:
	fprintf(f, "\n![the share of wakes slower than x, per variant, a line per kernel (log y: the tail shows)](latency-cdf-kernels.svg)\n\n");
}

/* Behaviour differences from the first kernel that measured the variant: into *measured the cells measured. */
static size_t behaviour_diffs(size_t *measured, bool differs[MAX_KERNELS][MAX_VARIANTS])
{
	size_t i, j, n = 0;

	*measured = 0;
	for (j = 0; j < nv; j++) {
		char ref[256] = "", b[256];

		for (i = 0; i < nk; i++) {
			differs[i][j] = false;
			if (!*behaviour(b, sizeof(b), &rows[i][j]))
				continue;
			(*measured)++;
			if (!*ref)
				snprintf(ref, sizeof(ref), "%s", b);
			else if (strcmp(b, ref))
				differs[i][j] = true, n++;
		}
	}
	return n;
}

static bool differs[MAX_KERNELS][MAX_VARIANTS];

/*
 * A table of one cell per kernel and variant (CELL: "" when not
 * measured), in bold where it differs from the first kernel that measured
 * the variant; returns how many differ.
 */
static size_t md_diff_table(FILE *f, const char *(*cell)(char *, size_t, const struct krow *))
{
	char b[256], ref[256];
	size_t i, j, n = 0;

	table_head(f, "---");
	for (j = 0; j < nv; j++) {
		*ref = '\0';
		fprintf(f, "| %s |", variants[j]);
		for (i = 0; i < nk; i++) {
			if (!*cell(b, sizeof(b), &rows[i][j])) {
				fputs(" - |", f);
				continue;
			}
			if (!*ref)
				snprintf(ref, sizeof(ref), "%s", b);
			if (strcmp(b, ref)) {
				fprintf(f, " **%s** |", b);
				n++;
			} else {
				fprintf(f, " %s |", b);
			}
		}
		fputc('\n', f);
	}
	return n;
}

/* A list of waker contexts as letters: K kthread, H hardirq, I irq_work, W workqueue. */
static void context_letters(char *buf, size_t len, const char *list)
{
	static const char *const name[] = { "kthread", "hardirq", "irq_work", "workqueue" };
	static const char letter[] = "KHIW";
	size_t k, n = 0;

	for (k = 0; k < 4 && n + 1 < len; k++) {
		const char *p = strstr(list, name[k]);
		size_t l = strlen(name[k]);

		if (p && (p == list || p[-1] == ' ') && (!p[l] || p[l] == ' '))
			buf[n++] = letter[k];
	}
	if (!n && n + 1 < len)
		buf[n++] = '0';
	buf[n] = '\0';
}

/*
 * The woken-from cell: the contexts the wake-one and the wake-all call ran
 * from, "KHIW / KW"; "" when the matrix did not measure them (an older run).
 */
static const char *woken(char *buf, size_t len, const struct krow *w)
{
	char one[8], all[8];

	if (!*w->state || (!*w->woken_from && !*w->woken_all_from)) {
		*buf = '\0';
		return buf;
	}
	context_letters(one, sizeof(one), w->woken_from);
	context_letters(all, sizeof(all), w->woken_all_from);
	snprintf(buf, len, "%s / %s", one, all);
	return buf;
}

/* The table of where each variant's wake ran from, per kernel; false when none measured it. */
static bool md_woken(FILE *f)
{
	char b[32];
	size_t i, j, n = 0, ndiff;

	for (i = 0; i < nk; i++)
		for (j = 0; j < nv; j++)
			if (*woken(b, sizeof(b), &rows[i][j]))
				n++;
	if (!n)
		return false;
	fprintf(f, "## Where a wake may be called from\n\n");
	fprintf(f, "The waker contexts each variant's wake ran from in the matrix (its\n");
	fprintf(f, "`waker_context`, 20 wakes each, every one recorded and no warning logged):\n");
	fprintf(f, "the wake-one call / the wake-all call; K the waker kthread, H an hrtimer\n");
	fprintf(f, "callback in hard interrupt context, I an irq_work (hard interrupt context,\n");
	fprintf(f, "except on PREEMPT_RT, where it runs in a thread), W a work item. A context\n");
	fprintf(f, "left out was refused at insmod: the running kernel forbids the call there.\n");
	fprintf(f, "**Bold**: differs from the first kernel that measured it.\n\n");
	ndiff = md_diff_table(f, woken);
	if (!ndiff)
		fprintf(f, "\n**No difference**: every kernel let every variant's wake run from the same contexts.\n\n");
	else
		fprintf(f, "\n**%zu differences** from the first kernel (in bold).\n\n", ndiff);
	return true;
}

/*
 * The matrix's later columns: the timeout fired (or was refused), what
 * SIGUSR1 and SIGKILL did, the wake order, the freezer and the ps letter
 * then; "" when the matrix did not measure them (an older run).
 */
static const char *later(char *buf, size_t len, const struct krow *w)
{
	if (!*w->state || !*w->timeout_fires || !*w->sig_usr1 || !*w->wake_order ||
	    !*w->freezer) {
		*buf = '\0';
		return buf;
	}
	snprintf(buf, len, "%s · %s/%s · %s · %s %s", w->timeout_fires, w->sig_usr1,
		 w->sig_kill, w->wake_order, w->freezer, w->freezer_state);
	return buf;
}

/* The table of the later columns per kernel; false when none measured them. */
static bool md_later(FILE *f)
{
	char b[256];
	size_t i, j, n = 0, ndiff;

	for (i = 0; i < nk; i++)
		for (j = 0; j < nv; j++)
			if (*later(b, sizeof(b), &rows[i][j]))
				n++;
	if (!n)
		return false;
	fprintf(f, "## Timeouts, signals, wake order and the freezer\n\n");
	fprintf(f, "From the matrix (the guide's matrix explains each): the timeout fired\n");
	fprintf(f, "(`yes`) or was refused at insmod (a wait without one) · what SIGUSR1 /\n");
	fprintf(f, "SIGKILL did (`ends` the wait or `ignored`) · the wake order of a wake-one\n");
	fprintf(f, "call with four waiters (`fifo`, or `all` for a wake that runs every\n");
	fprintf(f, "waiter) · what a suspend's freezer did (`freezes` in the wait, `refuses`)\n");
	fprintf(f, "and the ps letter then. **Bold**: differs from the first kernel that\n");
	fprintf(f, "measured it.\n\n");
	ndiff = md_diff_table(f, later);
	if (!ndiff)
		fprintf(f, "\n**No difference**: every kernel gave every variant the same.\n\n");
	else
		fprintf(f, "\n**%zu differences** from the first kernel (in bold).\n\n", ndiff);
	return true;
}

/* The 6.1 kernel a 6.12 one is compared with: its label without "-6.12"; -1 when none. */
static int peer_612(size_t i)
{
	char want[128];
	const char *p = strstr(kernels[i].label, "-6.12");
	size_t k;

	if (!p)
		return -1;
	snprintf(want, sizeof(want), "%.*s%s", (int)(p - kernels[i].label), kernels[i].label,
		 p + strlen("-6.12"));
	for (k = 0; k < nk; k++)
		if (!strcmp(kernels[k].label, want))
			return (int)k;
	return -1;
}

/*
 * 6.1 against 6.12, configuration by configuration: under icount the
 * kernel-wide shift of the p50 path lengths, the variants that stand out
 * from it, and every behaviour or woken-from cell that changed.
 */
static void md_612(FILE *f)
{
	size_t i, j, npairs = 0;

	for (i = 0; i < nk; i++)
		if (peer_612(i) >= 0)
			npairs++;
	if (!npairs)
		return;
	fprintf(f, "## From 6.1 to 6.12\n\n");
	fprintf(f, "Each 6.12 kernel against the 6.1 kernel of the same configuration.\n");
	if (clock_is_icount(clock_))
		fprintf(f, "The p50s are %s under icount: the shift is the median of\nthe p50 ratios over the variants, and listed are those whose own ratio is\nmore than 2 %% from it.\n\n",
			strcmp(cpus_, "1") ? "instruction counts (with several CPUs, as their interleaving gave them)" :
					     "exact path lengths");
	else
		fprintf(f, "On the wall clock one run cannot tell a change from the noise: only the\nbehaviour is compared.\n\n");
	for (i = 0; i < nk; i++) {
		int p = peer_612(i);
		double r[MAX_VARIANTS], some[MAX_VARIANTS], shift;
		char a[256], b[256];
		size_t n = 0, changed = 0, compared = 0;

		if (p < 0)
			continue;
		fprintf(f, "- **%s** against **%s**", kernels[i].label, kernels[p].label);
		/* r by variant; some, the ratios there are, for their median. */
		for (j = 0; j < nv; j++) {
			r[j] = rs_ratio(number_of(rows[i][j].p50, true),
					number_of(rows[p][j].p50, true));
			if (!isnan(r[j]))
				some[n++] = r[j];
		}
		if (clock_is_icount(clock_) && n) {
			size_t out = 0;

			shift = rs_median(some, n);
			fprintf(f, ": p50 shift %.3f×; standing out:", shift);
			for (j = 0; j < nv; j++) {
				if (isnan(r[j]) || !rs_against_shift(r[j], shift, SHIFT_BOUND))
					continue;
				fprintf(f, "%s %s %s → %s (%.3f× the shift)", out++ ? "," : "",
					variants[j], rows[p][j].p50, rows[i][j].p50,
					rs_ratio(r[j], shift));
			}
			if (!out)
				fputs(" none", f);
		}
		fputs("; behaviour and woken from:", f);
		for (j = 0; j < nv; j++) {
			char wa[256], wb[256];

			behaviour(a, sizeof(a), &rows[p][j]);
			behaviour(b, sizeof(b), &rows[i][j]);
			woken(wa, sizeof(wa), &rows[p][j]);
			woken(wb, sizeof(wb), &rows[i][j]);
			if (!*a || !*b)
				continue;
			compared++;
			if (strcmp(a, b))
				fprintf(f, "%s %s %s → %s", changed++ ? "," : "", variants[j], a, b);
			if (*wa && *wb && strcmp(wa, wb))
				fprintf(f, "%s %s woken from %s → %s", changed++ ? "," : "",
					variants[j], wa, wb);
			later(wa, sizeof(wa), &rows[p][j]);
			later(wb, sizeof(wb), &rows[i][j]);
			if (*wa && *wb && strcmp(wa, wb))
				fprintf(f, "%s %s %s → %s", changed++ ? "," : "",
					variants[j], wa, wb);
		}
		if (!compared)
			fputs(" not measured (no matrix)", f);
		else if (!changed)
			fputs(" the same for every variant", f);
		fputs(".\n", f);
	}
	fputc('\n', f);
}

static int write_md(void)
{
	char *path = path_join(run, "kernels.md"), *name = base_name(run);
	size_t i, ndiff, measured;
	struct out o;
	FILE *f;
	int rc;

	f = out_open(&o, "kernels", path);
	if (!f) {
		free(path);
		free(name);
		return -1;
	}
	fprintf(f, "# waitcmp across kernels: %s\n\n", name);
	fprintf(f, "Kernels, and the preemption model each one ran, as read in the guest\n");
	fprintf(f, "(`/sys/kernel/debug/sched/preempt` shows the one in force in brackets;\n");
	fprintf(f, "a PREEMPT_RT kernel says so in `uname -v`).\n\n");
	fprintf(f, "| kernel | release | preempt= asked | in force | proof (guest) | status |\n");
	fprintf(f, "|---|---|---|---|---|---|\n");
	for (i = 0; i < nk; i++) {
		const struct kernel *k = &kernels[i];

		fprintf(f, "| %s | %s | %s | %s | `%s` | %s |\n", k->label, k->release,
			k->asked, k->model, *k->proof ? k->proof : "-", k->status);
	}
	fputc('\n', f);
	if (base)
		md_latency(f);
	ndiff = behaviour_diffs(&measured, differs);
	if (!measured) {
		fprintf(f, "No kernel ran the matrix: no behaviour to compare.\n\n");
		goto rest;
	}
	fprintf(f, "## Behaviour across kernels\n\n");
	fprintf(f, "What the matrix measured while each variant waits: ps state, iowait,\n");
	fprintf(f, "load average, hung-task report. **Bold**: differs from the first kernel\n");
	fprintf(f, "that measured it.\n\n");
	md_diff_table(f, behaviour);
	fputc('\n', f);
	if (!ndiff)
		fprintf(f, "**No difference**: every kernel measured the same state, iowait, load and hung-task behaviour for every variant.\n");
	else
		fprintf(f, "**%zu differences** from the first kernel (in bold).\n", ndiff);
	fputc('\n', f);
rest:
	md_woken(f);
	md_later(f);
	md_612(f);
	fprintf(f, "Each kernel's own runs, in the run folder: `<kernel>/sweep/summary.md`, `<kernel>/matrix/matrix.md`.\n");
	for (i = 0; i < nk; i++)
		if (strcmp(kernels[i].status, "ok"))
			fprintf(f, "\n**%s:** %s\n", kernels[i].label, kernels[i].status);
	rc = out_commit(&o, "kernels");
	free(path);
	free(name);
	return rc;
}

static int write_json(void)
{
	char *path = path_join(run, "kernels.json"), b[256];
	size_t i, j, measured;
	struct json js;
	struct out o;
	FILE *f;

	f = out_open(&o, "kernels", path);
	free(path);
	if (!f)
		return -1;
	json_begin(&js, f);
	json_str(&js, "schema", "waitcmp-kernels/1");
	json_str(&js, "clock", clock_);
	json_str(&js, "latency_unit", latency_unit(clock_));
	json_str(&js, "base_kernel", base ? base->label : NULL);
	json_num(&js, "shift_bound", SHIFT_BOUND);
	json_array(&js, "kernels");
	for (i = 0; i < nk; i++) {
		const struct kernel *k = &kernels[i];
		double shift = base && k != base && clock_is_icount(clock_) ? shift_of(i) : NAN;

		json_object(&js, NULL);
		json_str(&js, "name", k->label);
		json_str(&js, "release", k->release);
		json_str(&js, "model_requested", k->asked);
		json_str(&js, "model_in_force", k->model);
		json_str(&js, "proof", k->proof);
		json_str(&js, "status", k->status);
		json_bool(&js, "ok", !strcmp(k->status, "ok"));
		/* The kernel-wide shift is called under icount only. */
		json_num(&js, "p50_shift", shift);
		if (k->has_cyclic) {
			json_object(&js, "cyclictest");
			json_str(&js, "command", k->cyclic_cmd);
			json_num(&js, "samples", k->cyclic.samples);
			json_num(&js, "p50_us", k->cyclic.p50 >= 0 ? (double)k->cyclic.p50 : NAN);
			json_num(&js, "p99_us", k->cyclic.p99 >= 0 ? (double)k->cyclic.p99 : NAN);
			json_num(&js, "max_us", k->cyclic.max);
			json_num(&js, "overflows", k->cyclic.overflows);
			json_end(&js);
		}
		json_array(&js, "gain");
		for (j = 0; !isnan(shift) && j < nv; j++)
			if (rs_against_shift(rows[i][j].p50_ratio, shift, SHIFT_BOUND) < 0)
				json_str(&js, NULL, variants[j]);
		json_end(&js);
		json_array(&js, "lose");
		for (j = 0; !isnan(shift) && j < nv; j++)
			if (rs_against_shift(rows[i][j].p50_ratio, shift, SHIFT_BOUND) > 0)
				json_str(&js, NULL, variants[j]);
		json_end(&js);
		json_end(&js);
	}
	json_end(&js);
	json_num(&js, "behaviour_differences", (double)behaviour_diffs(&measured, differs));
	json_num(&js, "behaviour_measured", (double)measured);
	json_array(&js, "variants");
	for (j = 0; j < nv; j++) {
		json_object(&js, NULL);
		json_str(&js, "name", variants[j]);
		json_array(&js, "kernels");
		for (i = 0; i < nk; i++) {
			const struct krow *w = &rows[i][j];

			json_object(&js, NULL);
			json_str(&js, "kernel", kernels[i].label);
			json_str(&js, "status", w->status);
			json_auto(&js, "samples", w->samples);
			json_num(&js, "p50_ns", number_of(w->p50, true));
			json_num(&js, "p90_ns", number_of(w->p90, true));
			json_num(&js, "p99_ns", number_of(w->p99, true));
			json_num(&js, "max_ns", number_of(w->max, true));
			json_num(&js, "p50_ratio", w->p50_ratio);
			json_num(&js, "p99_ratio", w->p99_ratio);
			json_num(&js, "p50_ratio_to_shift",
				 base && clock_is_icount(clock_) && &kernels[i] != base ?
				 rs_ratio(w->p50_ratio, shift_of(i)) : NAN);
			json_num(&js, "wake_cost_p50_ns", number_of(w->wake_cost, true));
			json_num(&js, "wake_cost_p99_ns", number_of(w->wake_cost_p99, true));
			json_num(&js, "wake_cost_ratio", w->wake_cost_ratio);
			json_auto(&js, "state", w->state);
			json_auto(&js, "iowait", w->iowait);
			json_auto(&js, "load", w->load);
			json_auto(&js, "hung_task", w->hung);
			json_num(&js, "stop_ns", number_of(w->stop, true));
			if (*behaviour(b, sizeof(b), w))
				json_bool(&js, "behaviour_differs", differs[i][j]);
			else
				json_str(&js, "behaviour_differs", NULL);
			json_end(&js);
		}
		json_end(&js);
		json_end(&js);
	}
	json_finish(&js);
	return out_commit(&o, "kernels");
}

/* Whether kernel I has the CDF of variant J. */
static bool has_cdf(size_t i, size_t j)
{
	char *p = xasprintf("%s/sweep/%s/cdf.dat", kernels[i].dir, variants[j]);
	bool r = nonempty_file(p);

	free(p);
	return r;
}

static const char *plot_unit(void)
{
	return clock_is_icount(clock_) ? "thousands of instructions, icount" : "µs, wall-clock";
}

/* The kernels that have variant J's CDF, space-separated, into a stream; their positions (from 1) into idx, their line widths into lw. */
static size_t cdf_kernels(size_t j, FILE *names, FILE *idx, FILE *lw)
{
	size_t i, n = 0;

	for (i = 0; i < nk; i++) {
		double w = 4.5 - (double)(i + 1) * 0.8;

		if (!has_cdf(i, j))
			continue;
		fprintf(names, "%s%s", n ? " " : "", kernels[i].label);
		if (idx)
			fprintf(idx, "%s%zu", n ? " " : "", i + 1);
		if (lw)
			fprintf(lw, "%s%.1f", n ? " " : "", w > 1 ? w : 1);
		n++;
	}
	return n;
}

/*
 * cdf/<variant>: a line per kernel. Under icount a linear x range from
 * just below the smallest p50 to just above the largest p99 of the
 * kernels (the paths are a few exact lengths, which a log axis from the
 * outliers down squeezes into one line); log x on the wall clock.
 */
static int plot_variant(size_t j, const char *dir_q, const char *cdfdir)
{
	double p50[MAX_KERNELS], p99[MAX_KERNELS], lo, hi, x;
	char *names = NULL, *vars, range[96] = "";
	size_t i, len, n;
	FILE *m;
	int rc;

	m = open_memstream(&names, &len);
	n = cdf_kernels(j, m, NULL, NULL);
	fclose(m);
	if (!n) {
		free(names);
		return 1;
	}
	for (i = 0; i < nk; i++) {
		/* The shell's loop: a kernel without a whole p50 gives neither. */
		p50[i] = number_of(rows[i][j].p50, false);
		p99[i] = isnan(p50[i]) ? NAN : number_of(rows[i][j].p99, false);
	}
	if (clock_is_icount(clock_) && rs_extent(p50, nk, &lo, &x) &&
	    rs_extent(p99, nk, &x, &hi))
		snprintf(range, sizeof(range), "xmin=%.3f; xmax=%.3f; ",
			 lo * 0.98 / 1000, hi * 1.02 / 1000);
	vars = xasprintf("dir='%s'; variant='%s'; kernels='%s'; unit='%s'; xscale='%s'; logx=%d; %s",
			 dir_q, variants[j], names, plot_unit(),
			 clock_is_icount(clock_) ? "linear, p50 to p99" : "log",
			 !clock_is_icount(clock_), range);
	rc = render("kernels", "kernels-cdf.gp", cdfdir, variants[j], 900, 560, vars);
	free(vars);
	free(names);
	return rc;
}

/*
 * latency-cdf-kernels (docs/kernels-cdf.png): a panel per variant, one x
 * range for all (the smallest p50 to the largest p99 of every kernel and
 * variant, log on the wall clock), the survival 1 - F on a log y axis so
 * that the tail, where the p99 differences are, is as visible as the
 * body; one legend (the first panel's); lines drawn wide to thin, so that
 * kernels whose curves are the same show as one line with the others on
 * top.
 */
static int plot_panels(const bool *plotted, size_t nplotted, const char *dir_q)
{
	double p50[MAX_KERNELS * MAX_VARIANTS], p99[MAX_KERNELS * MAX_VARIANTS],
	       smp[MAX_KERNELS * MAX_VARIANTS], lo, hi, nmin, nmax, x;
	char *vars = NULL, *title, *wakes, *all = NULL, ymin[32];
	size_t i, j, k = 0, n = 0, len, rowsn;
	FILE *m;
	int rc;

	for (i = 0; i < nk; i++)
		for (j = 0; j < nv; j++) {
			const struct krow *w = &rows[i][j];

			if (!plain_number(w->p50, false) || !plain_number(w->p99, false))
				continue;
			p50[n] = strtod(w->p50, NULL);
			p99[n] = strtod(w->p99, NULL);
			smp[n] = strtod(w->samples, NULL);	/* awk's "+ 0" */
			n++;
		}
	if (!nplotted || !rs_extent(p50, n, &lo, &x))
		return 0;
	rs_extent(p99, n, &x, &hi);
	rs_extent(smp, n, &nmin, &nmax);
	if (hi < 0)
		hi = 0;		/* awk's unset maximum starts at 0 */
	if (nmax < 0)
		nmax = 0;
	rowsn = (nplotted + PANEL_COLS - 1) / PANEL_COLS;
	wakes = nmin == nmax ? xasprintf("%.0f wakes a curve", nmin) :
		xasprintf("%.0f to %.0f wakes a curve", nmin, nmax);
	/* The kernels are named in the legend: the title stays short. */
	all = xasprintf("%zu kernel%s", nk, nk == 1 ? "" : "s");
	title = xasprintf("Wake-to-run latency per variant, a line per kernel (%s): the share of wakes slower than x", all);
	snprintf(ymin, sizeof(ymin), "%g", nmax > 0 ? 0.5 / nmax : 1e-4);
	m = open_memstream(&vars, &len);
	fprintf(m, "dir='%s'; rows=%zu; cols=%d; t1='%s'; t2='x: latency in %s, %s, one range for every panel; y: log; %s'; ymin=%s; ",
		dir_q, rowsn, PANEL_COLS, title, plot_unit(),
		clock_is_icount(clock_) ? "linear" : "log", wakes, ymin);
	if (clock_is_icount(clock_))
		fprintf(m, "logx=0; xmin=%.3f; xmax=%.3f; ", lo * 0.98 / 1000, hi * 1.05 / 1000);
	else
		fprintf(m, "logx=1; xmin=%.3f; xmax=%.3f; ", lo * 0.5 / 1000, hi * 2 / 1000);
	fputs("variants='", m);
	for (j = 0; j < nv; j++)
		if (plotted[j])
			fprintf(m, "%s%s", k++ ? " " : "", variants[j]);
	fputs("'; ", m);
	for (j = 0, k = 0; j < nv; j++) {
		char *names = NULL, *idx = NULL, *lw = NULL;
		size_t l1, l2, l3;
		FILE *fn, *fi, *fl;

		if (!plotted[j])
			continue;
		k++;
		fn = open_memstream(&names, &l1);
		fi = open_memstream(&idx, &l2);
		fl = open_memstream(&lw, &l3);
		cdf_kernels(j, fn, fi, fl);
		fclose(fn);
		fclose(fi);
		fclose(fl);
		fprintf(m, "kernels%zu='%s'; index%zu='%s'; lw%zu='%s'; ", k, names, k, idx, k, lw);
		free(names);
		free(idx);
		free(lw);
	}
	fclose(m);
	rc = render("kernels", "kernels-survival.gp", run, "latency-cdf-kernels",
		    1200, (int)(100 + 260 * rowsn), vars);
	free(vars);
	free(title);
	free(wakes);
	free(all);
	return rc;
}

static int plots(void)
{
	static bool plotted[MAX_VARIANTS];
	char *cdfdir = path_join(run, "cdf"), *dir_q = gp_quote_safe(run);
	size_t j, n = 0;
	int rc = 0;

	if (mkdir(cdfdir, 0777) && errno != EEXIST) {
		report_err("kernels", "cannot create %s: %s", cdfdir, strerror(errno));
		rc = -1;
	}
	for (j = 0; !rc && j < nv; j++) {
		int r = plot_variant(j, dir_q, cdfdir);

		plotted[j] = r != 1;
		n += plotted[j];
		if (r < 0)
			rc = -1;
	}
	if (!rc && plot_panels(plotted, n, dir_q))
		rc = -1;
	free(cdfdir);
	free(dir_q);
	return rc;
}

int cmd_kernels(int argc, char **argv)
{
	size_t i;
	int rc = 0;

	if (argc != 2) {
		report_err("kernels", "usage: report kernels DIR");
		return 2;
	}
	run = argv[1];
	if (read_list())
		return 2;
	read_kernels();
	find_base_and_variants();
	fill_rows();
	for (i = 0; i < nk; i++)
		if (strcmp(kernels[i].status, "ok"))
			rc = 1;
	if (write_csv())
		rc = 1;
	if (plots())
		rc = 1;
	if (write_md())
		rc = 1;
	if (write_json())
		rc = 1;
	return rc;
}

/* --- kernels-doc ------------------------------------------------------- */

/* The lines of TEXT that are exactly MARKER. */
static int marker_count(const char *text, const char *marker)
{
	size_t n = strlen(marker);
	const char *p = text;
	int c = 0;

	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, marker, n) && (p[n] == '\n' || !p[n]))
			c++;
	return c;
}

/*
 * The run's kernels.md from its second line, headings one level down, the
 * figure under its docs name FIG (the page's name with -cdf.png).
 */
static void put_report(FILE *f, const char *md, const char *fig)
{
	static const char from[] = "(latency-cdf-kernels.svg)";
	const char *line = strchr(md, '\n');

	for (line = line ? line + 1 : md + strlen(md); *line;) {
		const char *eol = strchrnul(line, '\n'), *hit;
		size_t len = (size_t)(eol - line);

		if (*line == '#')
			fputc('#', f);
		hit = memmem(line, len, from, sizeof(from) - 1);
		if (hit) {
			fwrite(line, 1, (size_t)(hit - line), f);
			fprintf(f, "(%s)", fig);
			fwrite(hit + sizeof(from) - 1, 1,
			       (size_t)(eol - hit - (ptrdiff_t)sizeof(from) + 1), f);
		} else {
			fwrite(line, 1, len, f);
		}
		fputc('\n', f);
		line = *eol ? eol + 1 : eol;
	}
}

/*
 * Where, when and how DIR was measured, and the command that repeats it:
 * make kernels for docs/kernels.md's own run (every mode, the default
 * template), else bench/kernels and kernels-doc with the template TMPL.
 */
static void put_provenance(FILE *f, const char *dir, const char *first_env,
			   const char *tmpl, const char *out)
{
	char *env = path_join(dir, "env"), *name = base_name(dir);
	char accel[64], cpus[16], host[256], clock[32], wp[32], ks[1024], date[64],
	     args[1024], modes[64];

	field(first_env, "accelerator", accel, sizeof(accel));
	field(first_env, "cpus", cpus, sizeof(cpus));
	field(first_env, "clock", clock, sizeof(clock));
	field(first_env, "wakeup_preemption", wp, sizeof(wp));
	field(env, "host", host, sizeof(host));
	field(env, "kernels", ks, sizeof(ks));
	field(env, "date_utc", date, sizeof(date));
	field(env, "run_args", args, sizeof(args));
	field(env, "modes", modes, sizeof(modes));
	fprintf(f, "- **Where:** a QEMU guest (accelerator: `%s`), %s CPU%s, on `%s`\n", accel, cpus,
		strcmp(cpus, "1") ? "s" : "", host);
	fprintf(f, "- **Clock:** `%s`, CFS wakeup preemption `%s`\n", clock, wp);
	fprintf(f, "- **Kernels:** `%s`\n", ks);
	fprintf(f, "- **When:** %s (UTC)\n", date);
	fprintf(f, "- **bench/run options:** `%s` (defaults otherwise)\n", args);
	fprintf(f, "- **Run folder:** `%s`\n\n", name);
	if (!tmpl && (!*modes || !strcmp(modes, "sweep matrix"))) {
		fprintf(f, "Repeat it with `make kernels");
		if (strcmp(ks, DEFAULT_KERNELS))
			fprintf(f, " KERNELS=\"%s\"", ks);
		if (*args)
			fprintf(f, " ARGS=\"%s\"", args);
		fprintf(f, "`.\n");
	} else {
		fprintf(f, "Repeat it with `bench/kernels --kernels \"%s\" --modes \"%s\" -- %s`, then `%s%s%sbench/bin/report kernels-doc results/latest-kernels %s`.\n",
			ks, *modes ? modes : "sweep matrix", args,
			tmpl ? "WAITCMP_KERNELS_TEMPLATE=" : "", tmpl ? tmpl : "",
			tmpl ? " " : "", out);
	}
	free(env);
	free(name);
}

/* The env of the first kernel (kernels.list's order) whose sweep has one, or NULL. */
static char *first_sweep_env(const char *dir)
{
	char *list = path_join(dir, "kernels.list"), *line = NULL, *found = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = fopen(list, "r");

	free(list);
	if (!f)
		return NULL;
	while (!found && (n = getline(&line, &cap, f)) >= 0) {
		char *p;

		while (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!n)
			continue;
		p = xasprintf("%s/%s/sweep/env", dir, line);
		if (is_file(p))
			found = p;
		else
			free(p);
	}
	free(line);
	fclose(f);
	return found;
}

int cmd_kernels_doc(int argc, char **argv)
{
	const char *tmpl_env = getenv("WAITCMP_KERNELS_TEMPLATE"), *out;
	char *dir = NULL, *md = NULL, *tmpl = NULL, *tmpl_text = NULL, *outdir = NULL,
	     *first_env = NULL, *p, *name, fig_name[256];
	struct stat st;
	struct out o;
	const char *base_out, *dot;
	int rc = 2;

	if (argc != 3) {
		report_err("kernels-doc", "usage: report kernels-doc DIR OUT  (OUT: docs/kernels.md)");
		return 2;
	}
	out = argv[2];
	/* OUT's figure: docs/kernels.md gets docs/kernels-cdf.png. */
	base_out = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	dot = strrchr(base_out, '.');
	snprintf(fig_name, sizeof(fig_name), "%.*s-cdf.png",
		 (int)(dot ? (size_t)(dot - base_out) : strlen(base_out)), base_out);
	/* The run folder itself, not a link to it (make kernels passes results/latest-kernels): the page names it. */
	dir = realpath(argv[1], NULL);
	if (!dir) {
		report_err("kernels-doc", "no run folder %s", argv[1]);
		return 2;
	}
	p = path_join(dir, "kernels.md");
	md = nonempty_file(p) ? file_text(p) : NULL;
	if (!md)
		report_err("kernels-doc", "no %s (run bench/kernels, or make kernels)", p);
	free(p);
	if (!md)
		goto done;
	p = path_join(dir, "env");
	if (!nonempty_file(p)) {
		report_err("kernels-doc", "no %s", p);
		free(p);
		goto done;
	}
	free(p);
	if (tmpl_env && *tmpl_env)
		tmpl = xasprintf("%s", tmpl_env);
	else if (tree_dir())
		tmpl = xasprintf("%s/docs/kernels.md.in", tree_dir());
	tmpl_text = tmpl ? file_text(tmpl) : NULL;
	if (!tmpl_text) {
		report_err("kernels-doc", "no template '%s'", tmpl ? tmpl : "docs/kernels.md.in");
		goto done;
	}
	if (marker_count(tmpl_text, "@REPORT@") != 1 ||
	    marker_count(tmpl_text, "@PROVENANCE@") != 1) {
		report_err("kernels-doc", "%s must have @REPORT@ and @PROVENANCE@, each alone on one line, once", tmpl);
		goto done;
	}
	p = xasprintf("%s", out);
	outdir = xasprintf("%s", dirname(p));
	free(p);
	if (stat(outdir, &st) || !S_ISDIR(st.st_mode)) {
		report_err("kernels-doc", "no folder '%s' for '%s'", outdir, out);
		goto done;
	}
	first_env = first_sweep_env(dir);
	if (!out_open(&o, "kernels-doc", out))
		goto done;
	name = base_name(dir);
	fprintf(o.f, "<!-- Generated by bench/bin/report kernels-doc from %s and %s: edit the template, not this file. -->\n\n",
		tmpl_env && *tmpl_env ? tmpl_env : "docs/kernels.md.in", name);
	free(name);
	for (p = tmpl_text; *p;) {
		char *eol = strchrnul(p, '\n');
		size_t len = (size_t)(eol - p);

		if (len == 8 && !strncmp(p, "@REPORT@", len))
			put_report(o.f, md, fig_name);
		else if (len == 12 && !strncmp(p, "@PROVENANCE@", len))
			put_provenance(o.f, dir, first_env,
				       tmpl_env && *tmpl_env ? tmpl_env : NULL, out);
		else
			fprintf(o.f, "%.*s\n", (int)len, p);
		p = *eol ? eol + 1 : eol;
	}
	/* The figure first: a page is never left pointing at a figure of another run. */
	p = path_join(dir, "latency-cdf-kernels.png");
	if (is_file(p)) {
		char *fig = path_join(outdir, fig_name);

		if (out_copy("kernels-doc", p, fig)) {
			out_abort(&o);
			free(fig);
			free(p);
			rc = 1;
			goto done;
		}
		free(fig);
	}
	free(p);
	if (out_commit(&o, "kernels-doc")) {
		rc = 1;
		goto done;
	}
	printf("report kernels-doc: wrote %s\n", out);
	rc = 0;
done:
	free(dir);
	free(md);
	free(tmpl);
	free(tmpl_text);
	free(outdir);
	free(first_env);
	return rc;
}
