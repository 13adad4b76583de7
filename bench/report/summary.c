// SPDX-License-Identifier: GPL-2.0
/*
 * report summary DIR: a sweep's summary and figures (bench/run, after
 * bench/bin/analyse), from each variant's folder DIR/<variant>/: status,
 * reason (why it failed), analysis (the trace: bench/bin/analyse), stats (the
 * module), accounting (the pinned accounting phase), cdf.dat and hist.dat
 * (bench/bin/analyse), and DIR/env (the run). It writes
 *   summary.csv   one row per variant with a status, its fields empty
 *                 where a file or key is missing (a failed variant's);
 *   summary.md    the tables of the latency and accounting phases, the
 *                 module's parameters, the failed variants and why;
 *   summary.json  every row by field name with the module's parameters,
 *                 and the run's env ("waitcmp-summary/1");
 *   latency-cdf                every variant with a cdf.dat;
 *   latency-hist               the same, on the wall clock only: under
 *                              icount the paths are a few exact lengths
 *                              inside one of the histogram's bins (8 a
 *                              power of two), which the survival plot
 *                              and the p50 bars show as they are;
 *   latency-cdf-families       when they come from more than one family;
 *   latency-p50                under icount (data: plot/latency-p50.dat);
 *   iowait                     when there is a row;
 * each figure as PNG and SVG, from the gnuplot scripts in plots/.
 * Variants are taken in the byte order of their names.
 *
 * Exit status: 0 when written and every variant's status is ok; 1 when
 * written and a variant failed (its row is empty, summary.md says why);
 * 2 on bad usage or a DIR that cannot be read (nothing written), or when
 * a file or figure could not be written (gnuplot missing or failed; what
 * was written before stays).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
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

#define CMD "summary"
#define VALUE_MAX 4096

/* Where a column's value comes from. */
enum source { NAME, STATUS, ANALYSIS, STATS, ACCOUNTING, D_SHARE, IOWAIT_SHARE };

static const struct column {
	const char *name;
	enum source from;
	bool text;		/* a word, never a number (in the JSON) */
} columns[] = {
	{ "variant", NAME, true },
	{ "status", STATUS, true },
	{ "samples", ANALYSIS, false },
	/*
	 * The module's count of returns from the wait that did not sleep, its
	 * condition already true: no latency samples.
	 */
	{ "no_sleep", STATS, false },
	{ "min_ns", ANALYSIS, false },
	{ "mean_ns", ANALYSIS, false },
	{ "p50_ns", ANALYSIS, false },
	{ "p90_ns", ANALYSIS, false },
	{ "p99_ns", ANALYSIS, false },
	{ "p999_ns", ANALYSIS, false },
	{ "max_ns", ANALYSIS, false },
	{ "lost_events", ANALYSIS, false },
	{ "woken_without_wake", ANALYSIS, false },
	{ "sched_matched", ANALYSIS, false },
	{ "sched_p50_ns", ANALYSIS, false },
	{ "sched_p50_diff_pct", ANALYSIS, false },
	{ "state", ACCOUNTING, true },
	{ "d_share", D_SHARE, false },
	{ "procs_blocked_max", ACCOUNTING, false },
	{ "iowait_ticks", ACCOUNTING, false },
	{ "waited_ticks", ACCOUNTING, false },
	{ "iowait_share", IOWAIT_SHARE, false },
	{ "blkio_ticks", ACCOUNTING, false },
	{ "psi_io_some_us", ACCOUNTING, false },
	{ "loadavg1_before", ACCOUNTING, false },
	{ "loadavg1_after", ACCOUNTING, false },
	{ "sum_ns", ANALYSIS, false },
	{ "percentiles", ANALYSIS, true },
};

#define NCOLS (sizeof(columns) / sizeof(columns[0]))

/* The module's parameters, from its stats, in summary.md and the JSON. */
static const char *const parameters[] = {
	"iterations", "period_us", "waiters", "waiter_cpu", "waker_cpu", "wake_all",
	"waker_context", "sched_fifo", "contend_us",
};

#define NPARAMS (sizeof(parameters) / sizeof(parameters[0]))

struct variant {
	char *name, *dir;
	bool row;		/* has a status: a row of the summary */
	bool has_stats;		/* has stats: its parameters in summary.md */
	bool has_cdf;		/* has cdf.dat: on the latency figures */
	char *reason;		/* why it failed, newlines as spaces; NULL: none */
	char *family;		/* from its stats */
	char *params;		/* " iterations=N period_us=P ..." from its stats */
	char *cell[NCOLS];	/* its row, "" where missing */
};

struct run {
	struct rounds rounds;	/* bench/run --rounds R > 1; else empty */
	const char *dir;
	char *name;		/* the folder's own name, for the title */
	char *env;
	const char *clock;
	struct variant *v;
	size_t n;
};

/* The value of KEY in PATH, allocated; "" when missing. */
static char *kv_dup(const char *path, const char *key)
{
	char buf[VALUE_MAX];

	if (!kv_get(path, key, buf, sizeof(buf)))
		buf[0] = '\0';
	return xasprintf("%s", buf);
}

/* The first line of DIR/status. */
static char *status_of(const char *dir)
{
	char *p = path_join(dir, "status"), *s = file_text(p);

	free(p);
	if (!s)
		return xasprintf("%s", "");
	s[strcspn(s, "\n")] = '\0';
	return s;
}

/* DIR/reason with its newlines as spaces; NULL when there is none. */
static char *reason_of(const char *dir)
{
	char *p = path_join(dir, "reason"), *s, *c;

	if (!is_file_in(dir, "reason")) {
		free(p);
		return NULL;
	}
	s = file_text(p);
	free(p);
	for (c = s; c && *c; c++)
		if (*c == '\n')
			*c = ' ';
	return s;
}

/* A number with DECIMALS decimals, allocated; "" for NAN. */
static char *cell_num(double v, int decimals)
{
	if (isnan(v))
		return xasprintf("%s", "");
	return xasprintf("%.*f", decimals, v);
}

static void read_variant(struct variant *v)
{
	char *analysis = path_join(v->dir, "analysis"),
	     *stats = path_join(v->dir, "stats"),
	     *acct = path_join(v->dir, "accounting"), *s;
	size_t i;

	v->row = is_file_in(v->dir, "status");
	v->has_stats = is_file_in(v->dir, "stats");
	v->has_cdf = is_file_in(v->dir, "cdf.dat");
	v->reason = reason_of(v->dir);
	v->family = kv_dup(stats, "family");
	if (!*v->family) {	/* a run from before the module said */
		free(v->family);
		v->family = xasprintf("not recorded");
	}
	v->params = xasprintf("%s", "");
	for (i = 0; i < NPARAMS; i++) {
		char *val = kv_dup(stats, parameters[i]), *p;

		/* not in the stats of an older run (waker_context, sched_fifo) */
		if (!*val) {
			free(val);
			continue;
		}
		p = xasprintf("%s %s=%s", v->params, parameters[i], val);
		free(v->params);
		free(val);
		v->params = p;
	}
	for (i = 0; i < NCOLS; i++) {
		const char *key = columns[i].name;

		switch (columns[i].from) {
		case NAME:
			v->cell[i] = xasprintf("%s", v->name);
			break;
		case STATUS:
			v->cell[i] = status_of(v->dir);
			break;
		case ANALYSIS:
			v->cell[i] = kv_dup(analysis, key);
			break;
		case STATS:
			v->cell[i] = kv_dup(stats, key);
			break;
		case ACCOUNTING:
			v->cell[i] = kv_dup(acct, key);
			break;
		case D_SHARE:
			s = kv_dup(acct, "state_samples");
			v->cell[i] = cell_num(rs_state_share(s, "D"), 2);
			free(s);
			break;
		case IOWAIT_SHARE: {
			char *io = kv_dup(acct, "iowait_ticks"),
			     *wt = kv_dup(acct, "waited_ticks");

			v->cell[i] = cell_num(rs_ratio(str_num(io), str_num(wt)), 2);
			free(io);
			free(wt);
			break;
		}
		}
	}
	free(analysis);
	free(stats);
	free(acct);
}

static int col(const char *name)
{
	size_t i;

	for (i = 0; i < NCOLS; i++)
		if (!strcmp(columns[i].name, name))
			return (int)i;
	abort();
}

static const char *cell(const struct variant *v, const char *name)
{
	return v->cell[col(name)];
}

/* The variants: DIR's folders (not hidden), in the byte order of their names. */
static int cmp_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int read_run(struct run *r, const char *dir)
{
	struct dirent **ents;
	char *copy, *end;
	int n, i;

	n = scandir(dir, &ents, NULL, cmp_name);
	if (n < 0) {
		report_err(CMD, "cannot read %s: %s", dir, strerror(errno));
		return -1;
	}
	*r = (struct run){ .dir = dir };
	r->v = calloc((size_t)n + 1, sizeof(*r->v));
	if (!r->v)
		abort();
	for (i = 0; i < n; i++) {
		char *p = path_join(dir, ents[i]->d_name);
		struct stat st;

		if (ents[i]->d_name[0] != '.' && !stat(p, &st) && S_ISDIR(st.st_mode)) {
			struct variant *v = &r->v[r->n++];

			v->name = xasprintf("%s", ents[i]->d_name);
			v->dir = p;
			read_variant(v);
		} else {
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	copy = xasprintf("%s", dir);
	for (end = copy + strlen(copy); end > copy + 1 && end[-1] == '/';)
		*--end = '\0';
	end = strrchr(copy, '/');
	r->name = xasprintf("%s", end && end[1] ? end + 1 : copy);
	free(copy);
	r->env = path_join(dir, "env");
	r->clock = run_clock(r->env);
	return 0;
}

static void free_run(struct run *r)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		struct variant *v = &r->v[i];

		for (k = 0; k < NCOLS; k++)
			free(v->cell[k]);
		free(v->name);
		free(v->dir);
		free(v->reason);
		free(v->family);
		free(v->params);
	}
	free(r->v);
	free(r->name);
	free(r->env);
}

static int write_csv(const struct run *r)
{
	char *path = path_join(r->dir, "summary.csv");
	struct out o;
	FILE *f = out_open(&o, CMD, path);
	size_t i, k;

	free(path);
	if (!f)
		return -1;
	for (k = 0; k < NCOLS; k++)
		fprintf(f, "%s%s", k ? "," : "", columns[k].name);
	fputc('\n', f);
	for (i = 0; i < r->n; i++) {
		if (!r->v[i].row)
			continue;
		for (k = 0; k < NCOLS; k++)
			fprintf(f, "%s%s", k ? "," : "", r->v[i].cell[k]);
		fputc('\n', f);
	}
	return out_commit(&o, CMD);
}

/* S, or the placeholder when empty. */
static const char *or_missing(const char *s)
{
	return *s ? s : REPORT_MISSING;
}

/* A latency in ns as µs with one decimal. */
static const char *us(char *buf, size_t len, const char *ns)
{
	return fmt_num(buf, len, str_num(ns) / 1000, 1);
}

/*
 * The parameters each variant's module ran with (its stats), not what
 * bench/run was asked: one line when every variant ran with the same.
 */
static void module_parameters(FILE *f, const struct run *r)
{
	const struct variant *first = NULL;
	bool same = true;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (!r->v[i].has_stats)
			continue;
		if (!first)
			first = &r->v[i];
		else if (strcmp(first->params, r->v[i].params))
			same = false;
	}
	if (!first)
		return;
	if (same) {
		fprintf(f, "\nLatency phase, the module's parameters (its stats):%s.\n",
			first->params);
		return;
	}
	fprintf(f, "\nLatency phase, each module's parameters (its stats):\n\n");
	for (i = 0; i < r->n; i++)
		if (r->v[i].has_stats)
			fprintf(f, "- %s:%s\n", r->v[i].name, r->v[i].params);
}

static void latency_row(FILE *f, const struct variant *v, bool icount)
{
	static const char *const lat[] = { "min_ns", "p50_ns", "mean_ns", "p90_ns",
					   "p99_ns", "p999_ns", "max_ns" };
	char b[64];
	size_t k;

	fprintf(f, "| %s | %s | %s | %s |", v->name, cell(v, "status"),
		or_missing(cell(v, "samples")), or_missing(cell(v, "no_sleep")));
	for (k = 0; k < sizeof(lat) / sizeof(lat[0]); k++) {
		const char *c = cell(v, lat[k]);

		if (!icount)
			fprintf(f, " %s |", us(b, sizeof(b), c));
		else if (strcmp(lat[k], "mean_ns"))
			fprintf(f, " %s |", or_missing(c));
		else	/* exact: the sum over the samples */
			fprintf(f, " %s |", fmt_num(b, sizeof(b),
				rs_ratio(str_num(cell(v, "sum_ns")), str_num(cell(v, "samples"))), 1));
	}
	fprintf(f, " %s | %s | %s | %s |\n", or_missing(cell(v, "lost_events")),
		or_missing(cell(v, "woken_without_wake")),
		icount ? or_missing(cell(v, "sched_p50_ns")) : us(b, sizeof(b), cell(v, "sched_p50_ns")),
		or_missing(cell(v, "sched_p50_diff_pct")));
}

/* A cyclictest figure (µs of the guest's clock) in the latency table's unit. */
static const char *cyclic_cell(char *buf, size_t len, const struct cyclictest *c, double us,
			       bool bucket, bool icount)
{
	const char *gt = "";

	if (bucket && us < 0) {
		gt = ">";
		us = (double)c->top + 1;
	}
	snprintf(buf, len, "%s%.0f", gt, icount ? us * 1000 : us);
	return buf;
}

/* bench/run --cyclictest: its figures beside the variants', when it ran. */
static void cyclictest_md(FILE *f, const struct run *r, bool icount)
{
	char *p = path_join(r->dir, "cyclictest.txt"), *cmd = path_join(r->dir, "cyclictest.cmd"),
	     cb[256], a[32], b[32], c[32], d[32];
	struct cyclictest ct;

	if (!cyclictest_read(p, &ct)) {
		if (is_file(p) || is_file(cmd))
			fputs("**cyclictest failed** (see cyclictest.err).\n\n", f);
		goto out;
	}
	if (!file_get(cmd, cb, sizeof(cb)))
		snprintf(cb, sizeof(cb), "cyclictest");
	fprintf(f, "cyclictest in the same boot, before the variants (`%s`): a user thread sleeps to an absolute hrtimer deadline; its latency is when it runs minus the deadline, nobody wakes it but the timer. It counts whole buckets of 1000 guest nanoseconds, rounded down (%s); here in the unit of the table above.\n\n",
		cb, icount ? "1000 instructions under icount: its figures are multiples of 1000" : "one µs");
	/* Its mean is printed in whole units too, rounded down: too coarse to set beside the trace's. */
	fputs("| probe | samples | min | p50 | p99 | max | beyond the histogram |\n"
	      "|---|---:|---:|---:|---:|---:|---:|\n", f);
	fprintf(f, "| cyclictest | %.0f | %s | %s | %s | %s | %.0f |\n\n", ct.samples,
		cyclic_cell(a, sizeof(a), &ct, ct.min, false, icount),
		cyclic_cell(b, sizeof(b), &ct, (double)ct.p50, true, icount),
		cyclic_cell(c, sizeof(c), &ct, (double)ct.p99, true, icount),
		cyclic_cell(d, sizeof(d), &ct, ct.max, false, icount), ct.overflows);
out:
	free(p);
	free(cmd);
}

static int write_md(const struct run *r)
{
	char *path = path_join(r->dir, "summary.md"),
	     *target = kv_dup(r->env, "target"), *kernel = kv_dup(r->env, "kernel"),
	     *preempt = kv_dup(r->env, "preempt"), *cpus = kv_dup(r->env, "cpus"),
	     *accel = kv_dup(r->env, "accelerator"),
	     *elapsed = kv_dup(r->env, "elapsed_s"), *stress = kv_dup(r->env, "stress");
	bool icount = clock_is_icount(r->clock);
	struct out o;
	FILE *f = out_open(&o, CMD, path);
	char b[64];
	size_t i;
	int rc = -1;

	free(path);
	if (!f)
		goto out;
	fprintf(f, "# waitcmp results: %s\n\n", r->name);
	fprintf(f, "Measured on: %s, kernel %s, preempt %s, %s CPUs, accelerator %s, clock %s.\n",
		target, kernel, preempt, cpus, accel, r->clock);
	module_parameters(f, r);
	if (*elapsed)
		fprintf(f, "\nWall time of the run on the machine that ran it: %s s (build, boot, both phases of every variant and the analysis).\n",
			elapsed);
	if (*stress) {
		char *busy = kv_dup(r->env, "stress_cpu_busy_percent"),
		     *held = kv_dup(r->env, "stress_held");

		fprintf(f, "\n**Measured under load** (stress-ng: %s): CPUs %s %% busy, load held to the end: %s. See env.\n",
			stress, busy, held);
		free(busy);
		free(held);
	}
	fputc('\n', f);
	if (icount)
		fputs("Latency (wake to run) in instructions: clock icount, where a guest nanosecond is one emulated instruction; the length of the code path, not a hardware time. From the trace: percentiles are the samples at their rank (exact), the mean is the sum over the samples; the scheduler's view is sched_waking to sched_switch of the same wake.\n", f);
	else
		fputs("Latency (wake to run, µs of wall-clock time) from the trace; the scheduler's view is sched_waking to sched_switch of the same wake.\n", f);
	fputs("no sleep: the module's count of waits that returned without sleeping (their condition already true); they have no wake-to-run latency and are not among the samples.\n\n", f);
	fputs("| variant | status | samples | no sleep | min | p50 | mean | p90 | p99 | p99.9 | max | lost | unmatched | sched p50 | sched diff % |\n"
	      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", f);
	for (i = 0; i < r->n; i++)
		if (r->v[i].row)
			latency_row(f, &r->v[i], icount);
	fputc('\n', f);
	cyclictest_md(f, r, icount);
	if (!strcmp(cpus, "1"))
		fputs("Accounting, waiter and waker on the only CPU (see env for the phase's parameters): the sweep's own sampling of the waiter's state runs there too, so the CPU is idle for less than all the time the waiter sleeps.\n", f);
	else
		fputs("Accounting, waiter pinned to an otherwise idle CPU (see env for the phase's parameters).\n", f);
	fputs("iowait share = that CPU's iowait ticks over the ticks the waiter slept.\n"
	      "PSI io some = growth of the system-wide `some` total, which averages the CPUs weighted by the time each was not idle (kernel/sched/psi.c): with one CPU, the whole iowait sleep; with another partly busy CPU beside the waiter's, less.\n\n"
	      "| variant | ps state | D share | procs_blocked max | iowait share | delayacct blkio ticks | PSI io some (ms) | loadavg 1 min before → after |\n"
	      "|---|---|---:|---:|---:|---:|---:|---|\n", f);
	for (i = 0; i < r->n; i++) {
		const struct variant *v = &r->v[i];

		if (!v->row)
			continue;
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s → %s |\n", v->name,
			or_missing(cell(v, "state")), or_missing(cell(v, "d_share")),
			or_missing(cell(v, "procs_blocked_max")),
			or_missing(cell(v, "iowait_share")),
			or_missing(cell(v, "blkio_ticks")),
			us(b, sizeof(b), cell(v, "psi_io_some_us")),	/* ms */
			or_missing(cell(v, "loadavg1_before")),
			or_missing(cell(v, "loadavg1_after")));
	}
	for (i = 0; i < r->n; i++)
		if (r->v[i].reason)
			fprintf(f, "\n**%s failed:** %s\n", r->v[i].name, r->v[i].reason);
	if (r->rounds.rounds)
		rounds_md(f, &r->rounds, r->clock);
	rc = out_commit(&o, CMD);
out:
	free(target);
	free(kernel);
	free(preempt);
	free(cpus);
	free(accel);
	free(elapsed);
	free(stress);
	return rc;
}

/* A numeric field: a number, or null when empty or n/a. */
static void json_field(struct json *j, const char *key, const char *s)
{
	if (!strcmp(s, "n/a"))
		json_str(j, key, NULL);
	else
		json_auto(j, key, s);
}

static void json_env(struct json *j, const struct run *r, const char *key, bool text)
{
	char *v = kv_dup(r->env, key);

	if (text)
		json_str(j, key, *v ? v : NULL);
	else
		json_field(j, key, v);
	free(v);
}

/* "cyclictest": its figures in µs of the guest's clock, when it ran. */
static void cyclictest_json(struct json *j, const struct run *r)
{
	char *p = path_join(r->dir, "cyclictest.txt"), *cmd = path_join(r->dir, "cyclictest.cmd"), cb[256];
	struct cyclictest ct;

	if (cyclictest_read(p, &ct)) {
		json_object(j, "cyclictest");
		json_str(j, "command", file_get(cmd, cb, sizeof(cb)) ? cb : NULL);
		json_str(j, "unit", "us of the guest's clock");
		json_num(j, "samples", ct.samples);
		json_num(j, "min_us", ct.min);
		json_num(j, "p50_us", ct.p50 >= 0 ? (double)ct.p50 : NAN);
		json_num(j, "mean_us", ct.avg);
		json_num(j, "p99_us", ct.p99 >= 0 ? (double)ct.p99 : NAN);
		json_num(j, "max_us", ct.max);
		json_num(j, "overflows", ct.overflows);
		json_end(j);
	}
	free(p);
	free(cmd);
}

static int write_json(const struct run *r)
{
	char *path = path_join(r->dir, "summary.json");
	struct out o;
	FILE *f = out_open(&o, CMD, path);
	struct json j;
	size_t i, k;

	free(path);
	if (!f)
		return -1;
	json_begin(&j, f);
	json_str(&j, "schema", "waitcmp-summary/1");
	json_str(&j, "run", r->name);
	json_env(&j, r, "kernel", true);
	json_str(&j, "clock", r->clock);
	json_str(&j, "latency_unit", latency_unit(r->clock));
	json_env(&j, r, "accelerator", true);
	json_env(&j, r, "cpus", false);
	json_env(&j, r, "target", true);
	json_env(&j, r, "preempt", true);
	json_env(&j, r, "elapsed_s", false);
	json_env(&j, r, "stress", true);
	cyclictest_json(&j, r);
	json_array(&j, "variants");
	for (i = 0; i < r->n; i++) {
		const struct variant *v = &r->v[i];

		if (!v->row)
			continue;
		json_object(&j, NULL);
		for (k = 0; k < NCOLS; k++) {
			if (columns[k].text)
				json_str(&j, columns[k].name, *v->cell[k] ? v->cell[k] : NULL);
			else
				json_field(&j, columns[k].name, v->cell[k]);
		}
		json_str(&j, "family", v->has_stats ? v->family : NULL);
		json_str(&j, "reason", v->reason);
		json_object(&j, "parameters");
		for (k = 0; k < NPARAMS; k++) {
			char *p = path_join(v->dir, "stats"), *val = kv_dup(p, parameters[k]);

			json_field(&j, parameters[k], val);
			free(val);
			free(p);
		}
		json_end(&j);
		json_end(&j);
	}
	json_end(&j);
	if (r->rounds.rounds)
		rounds_json(&j, &r->rounds);
	json_finish(&j);
	return out_commit(&o, CMD);
}

/* Whole and not negative, as bench/bin/analyse writes a count. */
static bool is_count(const char *s)
{
	return *s && !s[strspn(s, "0123456789")];
}

/* The samples per variant, for the figures' titles: "N wakes a variant" or a range. */
static char *samples_text(const struct run *r)
{
	double lo = NAN, hi = NAN;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const char *s = cell(&r->v[i], "samples");
		double x;

		if (!r->v[i].row || !is_count(s) || !str_number(s, &x))
			continue;
		if (isnan(lo) || x < lo)
			lo = x;
		if (isnan(hi) || x > hi)
			hi = x;
	}
	if (isnan(lo))
		return xasprintf("samples not recorded");
	if (lo == hi)
		return xasprintf("%.0f wakes a variant", lo);
	return xasprintf("%.0f to %.0f wakes a variant", lo, hi);
}

/*
 * The figures' common inputs (see plots/latency-cdf.gp): the variants with
 * a cdf.dat, the origin, the samples, the x axis's unit and range, the
 * survival's floor (half of one wake in the largest count).
 */
static char *figure_vars(const struct run *r)
{
	bool icount = clock_is_icount(r->clock);
	char *kernel = kv_dup(r->env, "kernel"), *accel = kv_dup(r->env, "accelerator"),
	     *origin = xasprintf("kernel %s, %s, clock %s", kernel, accel, r->clock),
	     *origin_q = gp_quote_safe(origin), *samples = samples_text(r),
	     *dir_q = gp_quote_safe(r->dir), *vars = xasprintf("%s", ""), *s, *axis;
	double most = 0, lo = NAN, hi = NAN;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct variant *v = &r->v[i];
		double x;

		if (v->has_cdf) {
			char *q = gp_quote_safe(v->name);

			s = xasprintf("%s%s%s", vars, *vars ? " " : "", q);
			free(q);
			free(vars);
			vars = s;
		}
		if (!v->row)
			continue;
		if (str_number(cell(v, "samples"), &x) && x > most)
			most = x;
		if (is_count(cell(v, "p50_ns")) && is_count(cell(v, "p99_ns"))) {
			double p50 = str_num(cell(v, "p50_ns")), p99 = str_num(cell(v, "p99_ns"));

			if (isnan(lo) || p50 < lo)
				lo = p50;
			if (isnan(hi) || p99 > hi)
				hi = p99;
		}
	}
	/*
	 * Under icount a linear x axis from just below the smallest p50 to just
	 * above the largest p99; else log.
	 */
	if (icount && !isnan(lo))
		axis = xasprintf("xscale='linear, p50 to p99'; xlo=%.3f; xhi=%.3f;",
				 lo * 0.98 / 1000, hi * 1.02 / 1000);
	else
		axis = xasprintf("xscale='log scale';");
	s = xasprintf("run='%s'; vars='%s'; origin='%s'; samples='%s'; unit='%s'; %s",
		      dir_q, vars, origin_q, samples,
		      icount ? "thousands of instructions, icount" : "µs, wall-clock", axis);
	if (most > 0) {
		char *t = xasprintf("%s ymin=%.6g;", s, 0.5 / most);

		free(s);
		s = t;
	}
	free(kernel);
	free(accel);
	free(origin);
	free(origin_q);
	free(samples);
	free(dir_q);
	free(vars);
	free(axis);
	return s;
}

/*
 * One CDF panel per family (wait queue, completion, simple and bit waits,
 * raw schedule, from the stats), in the order of their first variant:
 * NULL when the variants with a cdf.dat are of one family.
 */
static char *family_vars(const struct run *r)
{
	char *s = xasprintf("%s", "");
	size_t i, k, nfam = 0;

	for (i = 0; i < r->n; i++) {
		const struct variant *v = &r->v[i];
		char *names, *index, *fq, *t;
		size_t place = 0;

		if (!v->has_cdf)
			continue;
		for (k = 0; k < i; k++)
			if (r->v[k].has_cdf && !strcmp(r->v[k].family, v->family))
				break;
		if (k < i)	/* drawn with the first of its family */
			continue;
		nfam++;
		names = xasprintf("%s", "");
		index = xasprintf("%s", "");
		for (k = 0; k < r->n; k++) {
			char *q, *nn, *ni;

			if (!r->v[k].has_cdf)
				continue;
			place++;
			if (strcmp(r->v[k].family, v->family))
				continue;
			q = gp_quote_safe(r->v[k].name);
			nn = xasprintf("%s%s%s", names, *names ? " " : "", q);
			ni = xasprintf("%s%s%zu", index, *index ? " " : "", place);
			free(q);
			free(names);
			free(index);
			names = nn;
			index = ni;
		}
		fq = gp_quote_safe(v->family);
		t = xasprintf("%s family%zu='%s'; family%zu_vars='%s'; family%zu_index='%s';",
			      s, nfam, fq, nfam, names, nfam, index);
		free(fq);
		free(names);
		free(index);
		free(s);
		s = t;
	}
	if (nfam < 2) {
		free(s);
		return NULL;
	}
	{
		char *t = xasprintf("families=%zu;%s", nfam, s);

		free(s);
		return t;
	}
}

/* One variant's exact p50 for the figure under icount. */
struct p50 {
	double v;
	const char *text, *name;
};

static int cmp_p50(const void *a, const void *b)
{
	const struct p50 *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * DIR/plot/latency-p50.dat: "p50 variant" lines of the variants whose p50
 * is a count, sorted by it. Their number, or -1 when it cannot be written.
 */
static long write_p50_data(const struct run *r, const char *path)
{
	struct p50 *p = calloc(r->n + 1, sizeof(*p));
	char *dir = path_join(r->dir, "plot");
	size_t i, n = 0;
	struct out o;
	FILE *f;

	if (!p)
		abort();
	for (i = 0; i < r->n; i++) {
		const char *c = cell(&r->v[i], "p50_ns");

		if (r->v[i].row && is_count(c))
			p[n++] = (struct p50){ str_num(c), c, r->v[i].name };
	}
	qsort(p, n, sizeof(*p), cmp_p50);
	if (mkdir(dir, 0777) && errno != EEXIST) {
		report_err(CMD, "cannot make %s: %s", dir, strerror(errno));
		free(dir);
		free(p);
		return -1;
	}
	free(dir);
	f = out_open(&o, CMD, path);
	if (!f) {
		free(p);
		return -1;
	}
	fprintf(f, "# p50_ns variant: each variant's exact p50, sorted (report summary)\n");
	for (i = 0; i < n; i++)
		fprintf(f, "%s %s\n", p[i].text, p[i].name);
	free(p);
	return out_commit(&o, CMD) ? -1 : (long)n;
}

static int figures(const struct run *r)
{
	char *common = figure_vars(r), *fam = family_vars(r), *vars;
	size_t i, rows = 0, drawn = 0;
	int rc = 0;

	for (i = 0; i < r->n; i++) {
		rows += r->v[i].row;
		drawn += r->v[i].has_cdf;
	}
	if (clock_is_icount(r->clock)) {
		/* Not drawn under icount: one from an earlier summary would mislead. */
		char *png = path_join(r->dir, "latency-hist.png"), *svg = path_join(r->dir, "latency-hist.svg");

		unlink(png);
		unlink(svg);
		free(png);
		free(svg);
	}
	if (drawn) {
		rc |= render(CMD, "latency-cdf.gp", r->dir, "latency-cdf", 1000, 700, common);
		if (!rc && !clock_is_icount(r->clock))
			rc |= render(CMD, "latency-hist.gp", r->dir, "latency-hist", 1000, 640, common);
	}
	if (!rc && fam) {
		vars = xasprintf("%s %s", common, fam);
		rc |= render(CMD, "latency-cdf-families.gp", r->dir, "latency-cdf-families",
			     1000, 640, vars);
		free(vars);
	}
	if (!rc && clock_is_icount(r->clock)) {
		char *data = path_join(r->dir, "plot/latency-p50.dat"), *dq = gp_quote_safe(data);
		long n = write_p50_data(r, data);

		if (n < 0) {
			rc = -1;
		} else if (n > 0) {
			vars = xasprintf("%s data='%s';", common, dq);
			rc |= render(CMD, "latency-p50.gp", r->dir, "latency-p50",
				     1000, 120 + 26 * (int)n, vars);
			free(vars);
		}
		free(data);
		free(dq);
	}
	if (!rc && rows) {
		char *csv = path_join(r->dir, "summary.csv"), *cq = gp_quote_safe(csv);

		vars = xasprintf("%s csv='%s';", common, cq);
		rc |= render(CMD, "iowait.gp", r->dir, "iowait", 1000, 640, vars);
		free(vars);
		free(csv);
		free(cq);
	}
	free(common);
	free(fam);
	return rc;
}

/* The rounds of the variants that ran (status ok), when the run has several. */
static void read_rounds(struct run *r)
{
	char **names = calloc(r->n + 1, sizeof(*names)),
	     **dirs = calloc(r->n + 1, sizeof(*dirs));
	size_t i, k = 0;

	if (!names || !dirs)
		abort();
	for (i = 0; i < r->n; i++) {
		if (!r->v[i].row || strcmp(cell(&r->v[i], "status"), "ok"))
			continue;
		names[k] = r->v[i].name;
		dirs[k++] = r->v[i].dir;
	}
	rounds_read(&r->rounds, r->dir, r->env, names, dirs, k);
	free(names);
	free(dirs);
}

int cmd_summary(int argc, char **argv)
{
	struct run r;
	bool failed = false;
	size_t i;
	int rc;

	if (argc != 2 || argv[1][0] == '-') {
		report_err(CMD, "usage: report summary DIR");
		return 2;
	}
	if (read_run(&r, argv[1]))
		return 2;
	for (i = 0; i < r.n; i++)
		if (r.v[i].row && strcmp(cell(&r.v[i], "status"), "ok"))
			failed = true;
	read_rounds(&r);
	rc = write_csv(&r) || (r.rounds.rounds && rounds_csv(&r.rounds, CMD)) ||
	     write_md(&r) || write_json(&r) || figures(&r) ? 2 :
	     failed ? 1 : 0;
	rounds_free(&r.rounds);
	free_run(&r);
	return rc;
}
