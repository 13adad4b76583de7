// SPDX-License-Identifier: GPL-2.0
/*
 * report targets DIR: the deterministic mode's targets (issue 12), from the runs
 * bench/targets made in DIR:
 *   sweep-1/, sweep-2/  two default sweeps (bench/run): every variant's
 *                       exact p50 the same, its mean (sum_ns / samples)
 *                       within 0.5 %; the p50 ranking's Spearman
 *                       correlation 1; each sweep's wall time (elapsed_s
 *                       in its env) at most 180 s;
 *   cross-1/, cross-2/  two sweeps with the waiter on CPU 1 and the waker
 *                       on CPU 0 under icount (maxcpus=1, then online):
 *                       the same comparison, reported, no target;
 *   perf/               bench/guest/perf's b2b and overhead phases on one CPU:
 *                       the harness's p50 at most 1.05 times the floor's
 *                       and its wake rate at least 0.95 times (medians of
 *                       the rounds); instructions per wake with the
 *                       waitcmp events recorded at most 3 % above none;
 *                       with the sched events too, reported.
 * Also writes DIR/targets.json (the targets by name, "waitcmp-targets/1").
 * Exit status: 0 when every target is met, 1 when one is missed or has no
 * data (the report says which), 2 on bad usage or when targets.json cannot
 * be written.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "results.h"
#include "rstats.h"

#define MEAN_BOUND	0.005	/* mean within 0.5 % */
#define FLOOR_P50_MAX	1.05
#define FLOOR_RATE_MIN	0.95
#define TRACE_COST_MAX	0.03
#define SWEEP_SECONDS	180

struct target {
	const char *what;
	char measured[160];
	const char *bound;
	int met;		/* 1 met, 0 missed, -1 no data */
};

#define MAX_TARGETS 16
static struct target targets[MAX_TARGETS];
static size_t ntargets;

static struct target *target(const char *what, const char *bound)
{
	struct target *t = &targets[ntargets++];

	*t = (struct target){ .what = what, .bound = bound, .met = -1 };
	snprintf(t->measured, sizeof(t->measured), "no data");
	return t;
}

static const char *verdict(int met)
{
	return met > 0 ? "met" : met ? "no data" : "**missed**";
}

static char *path_of(const char *dir, const char *sub, const char *file)
{
	char *p;

	if (asprintf(&p, "%s/%s/%s", dir, sub, file) < 0)
		abort();
	return p;
}

/* One variant of a sweep: p50 and exact mean, from summary.csv. */
struct fig {
	const char *variant;
	double p50, mean;
	bool ok;
};

/* The ok variants of DIR/SUB/summary.csv into figs (at most max). */
static size_t sweep_figs(const struct csv *c, struct fig *figs, size_t max)
{
	int st = csv_col(c, "status"), p50 = csv_col(c, "p50_ns"),
	    sum = csv_col(c, "sum_ns"), n = csv_col(c, "samples");
	size_t r, k = 0;

	for (r = 0; r < c->rows && k < max; r++) {
		double s, cnt;
		struct fig *f = &figs[k];

		if (strcmp(csv_cell(c, r, st), "ok"))
			continue;
		f->variant = csv_cell(c, r, 0);
		f->ok = csv_number(c, r, p50, &f->p50) &&
			csv_number(c, r, sum, &s) && csv_number(c, r, n, &cnt) &&
			cnt > 0;
		f->mean = f->ok ? s / cnt : NAN;
		k++;
	}
	return k;
}

static const struct fig *find_fig(const struct fig *figs, size_t n,
				  const char *variant)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(figs[i].variant, variant))
			return &figs[i];
	return NULL;
}

#define MAX_VARIANTS 128

/*
 * Two sweeps side by side: a table of p50 and mean per variant; into
 * *same the variants whose p50 is the same and mean within the bound, of
 * *total compared; into *rho the p50 ranking's Spearman correlation.
 * false when a summary cannot be read.
 */
static bool compare_sweeps(const char *dir, const char *a, const char *b,
			   const char *unit, size_t *same, size_t *total,
			   double *rho)
{
	static struct fig fa[MAX_VARIANTS], fb[MAX_VARIANTS];
	double x[MAX_VARIANTS], y[MAX_VARIANTS];
	char *pa = path_of(dir, a, "summary.csv"), *pb = path_of(dir, b, "summary.csv");
	struct csv ca, cb;
	size_t na, nb, i, k = 0;
	bool read = true;

	*same = *total = 0;
	*rho = NAN;
	if (csv_load(&ca, pa)) {
		printf("%s: cannot be read.\n\n", pa);
		read = false;
	} else if (csv_load(&cb, pb)) {
		printf("%s: cannot be read.\n\n", pb);
		csv_free(&ca);
		read = false;
	}
	free(pa);
	free(pb);
	if (!read)
		return false;
	na = sweep_figs(&ca, fa, MAX_VARIANTS);
	nb = sweep_figs(&cb, fb, MAX_VARIANTS);
	printf("| variant | p50, %s | p50, %s | mean, %s | mean, %s | mean differs by | p50 same, mean within 0.5 %% |\n",
	       a, b, a, b);
	printf("|---|---:|---:|---:|---:|---:|---|\n");
	for (i = 0; i < na; i++) {
		const struct fig *f = &fa[i], *g = find_fig(fb, nb, f->variant);
		double d;
		bool good;

		if (!g || !f->ok || !g->ok) {
			printf("| %s | %s | | | | | no figures in both |\n",
			       f->variant, f->ok ? "" : "-");
			(*total)++;
			continue;
		}
		d = rs_rel_diff(f->mean, g->mean);
		good = f->p50 == g->p50 && d <= MEAN_BOUND;
		printf("| %s | %.0f | %.0f | %.2f | %.2f | %.3f %% | %s |\n",
		       f->variant, f->p50, g->p50, f->mean, g->mean, 100 * d,
		       good ? "yes" : "**no**");
		*same += good;
		(*total)++;
		x[k] = f->p50;
		y[k] = g->p50;
		k++;
	}
	printf("\np50 and mean in %s; the mean is sum_ns / samples, exact.\n\n", unit);
	*rho = rs_spearman(x, y, k);
	csv_free(&ca);
	csv_free(&cb);
	return true;
}

/* The unit of a run's latency, from its env's clock. */
static const char *unit_of(const char *dir, const char *sub)
{
	char *env = path_of(dir, sub, "env");
	char clock[32] = "";

	kv_get(env, "clock", clock, sizeof(clock));
	free(env);
	return strcmp(clock, "icount") ? "ns of wall-clock time" : "instructions (icount)";
}

static void sweeps(const char *dir)
{
	struct target *t = target("every variant: the same exact p50 in two sweeps, the mean within 0.5 %",
				  "all variants");
	struct target *s = target("the p50 ranking of two sweeps: Spearman's rho", "1.0 (ties aside)");
	size_t same, total;
	double rho;

	printf("## Two default sweeps (`make bench`), one after the other\n\n");
	if (!compare_sweeps(dir, "sweep-1", "sweep-2", unit_of(dir, "sweep-1"),
			    &same, &total, &rho))
		return;
	snprintf(t->measured, sizeof(t->measured), "%zu of %zu variants", same, total);
	t->met = total && same == total;
	if (!isnan(rho)) {
		snprintf(s->measured, sizeof(s->measured), "%.4f", rho);
		s->met = rho > 1 - 1e-9;
	}
}

static void sweep_time(const char *dir, const char *sub)
{
	struct target *t = target(strcmp(sub, "sweep-1") ?
				  "wall time of the second sweep, boot included" :
				  "wall time of the first sweep, boot included",
				  "<= 180 s");
	char *env = path_of(dir, sub, "env");
	double s;

	if (kv_number(env, "elapsed_s", &s)) {
		snprintf(t->measured, sizeof(t->measured), "%.0f s", s);
		t->met = s <= SWEEP_SECONDS;
	}
	free(env);
}

static void cross(const char *dir)
{
	size_t same, total;
	double rho;

	printf("## Cross-CPU wakes under icount: waiter on CPU 1, waker on CPU 0, two boots\n\n");
	printf("Booted with maxcpus=1, CPU 1 brought online after boot (SMP bring-up hangs under icount); QEMU runs the two vCPUs in turn in one thread. Reported, no target.\n\n");
	if (!compare_sweeps(dir, "cross-1", "cross-2", unit_of(dir, "cross-1"),
			    &same, &total, &rho))
		return;
	printf("%zu of %zu variants with the same p50 and a mean within 0.5 %%.\n\n",
	       same, total);
}

/* Medians over the rounds of TOOL at PLACEMENT in CSV: of COLUMN, or of elapsed_ns per recorded wake when COLUMN is NULL. */
static double median_of(const struct csv *c, const char *tool,
			const char *placement, const char *column)
{
	int tc = csv_col(c, "tool"), pc = csv_col(c, "placement"),
	    vc = column ? csv_col(c, column) : csv_col(c, "elapsed_ns"),
	    sc = csv_col(c, "samples"), nc = csv_col(c, "no_sleep");
	double v[256];
	size_t r, n = 0;

	for (r = 0; r < c->rows && n < 256; r++) {
		double x, s, ns = 0;

		if (strcmp(csv_cell(c, r, tc), tool) ||
		    strcmp(csv_cell(c, r, pc), placement) ||
		    !csv_number(c, r, vc, &x))
			continue;
		if (!column) {
			if (!csv_number(c, r, sc, &s))
				continue;
			csv_number(c, r, nc, &ns);
			if (s + ns <= 0)
				continue;
			x /= s + ns;
		}
		v[n++] = x;
	}
	return rs_median(v, n);
}

static void floor_and_trace(const char *dir)
{
	struct target *p50 = target("the harness's p50 against the floor's, same CPU", "<= 1.05x");
	struct target *rate = target("the harness's wake rate against the floor's, same CPU", ">= 0.95x");
	struct target *cost = target("instructions per wake, waitcmp events recorded, against none", "<= 3 % more");
	struct target *same = target("the latency's p50 (histogram bucket), waitcmp events recorded, against none", "the same");
	char *b2b = path_of(dir, "perf", "b2b.csv"), *ovh = path_of(dir, "perf", "overhead.csv");
	const char *unit = unit_of(dir, "perf");
	struct csv c;

	printf("## The harness against the floor, and the cost of recording (bench/guest/perf, one CPU)\n\n");
	if (!csv_load(&c, b2b)) {
		double fp = median_of(&c, "floor", "same", "p50_ns"),
		       hp = median_of(&c, "harness", "same", "p50_ns"),
		       fr = median_of(&c, "floor", "same", "wakes_per_s"),
		       hr = median_of(&c, "harness", "same", "wakes_per_s");

		printf("Back to back, waiter and waker on CPU 0, medians of the rounds: p50 floor %.0f, harness %.0f (%s); wakes per second of guest time floor %.0f, harness %.0f.\n\n",
		       fp, hp, unit, fr, hr);
		if (!isnan(fp) && !isnan(hp) && fp > 0) {
			snprintf(p50->measured, sizeof(p50->measured), "%.3fx", hp / fp);
			p50->met = hp / fp <= FLOOR_P50_MAX;
		}
		if (!isnan(fr) && !isnan(hr) && fr > 0) {
			snprintf(rate->measured, sizeof(rate->measured), "%.3fx", hr / fr);
			rate->met = hr / fr >= FLOOR_RATE_MIN;
		}
		csv_free(&c);
	} else {
		printf("%s: cannot be read.\n\n", b2b);
	}
	if (!csv_load(&c, ovh)) {
		double un = median_of(&c, "untraced", "same", NULL),
		       tr = median_of(&c, "traced", "same", NULL),
		       ts = median_of(&c, "traced_sched", "same", NULL);

		double pu = median_of(&c, "untraced", "same", "p50_ns"),
		       pt = median_of(&c, "traced", "same", "p50_ns"),
		       ps = median_of(&c, "traced_sched", "same", "p50_ns");

		printf("Back to back on CPU 0, medians of the rounds, guest ns per recorded wake (%s): none %.0f, `-e waitcmp` %.0f, with `sched:sched_waking` and `sched:sched_switch` too %.0f (%+.1f %%, reported).\n\n",
		       unit, un, tr, ts, 100 * (ts / un - 1));
		printf("A wake records two waitcmp events (waitcmp_wake, waitcmp_woken): %.0f more per wake, %.0f per event, the cost of writing a trace event on this kernel (the recorders hold the run in their buffers, as in the sweep under icount). "
		       "A bound of 3 %% is %.0f per wake, less than one event: it cannot be met while a wake records two. "
		       "What it guards, the latency itself, is the next target: both events lie outside the measured window (the waker's before its timestamp, the waiter's after its own), and the latency's p50 (the module's histogram: the middle of a bucket about 1.6 %% wide, so a shift smaller than that can hide in it) is none %.0f, `-e waitcmp` %.0f. "
		       "trace-cmd records with `-O norecord-cmd`: the kernel's record-cmd option hooks sched_wakeup and sched_switch, inside the window, to save comms (bench/guest/lib.sh, trace_start). "
		       "sched_waking and sched_switch themselves run inside it: with them the p50 is %.0f. The sweep records all three, so its latencies include their cost, the same for every variant.\n\n",
		       tr - un, (tr - un) / 2, un * TRACE_COST_MAX, pu, pt, ps);
		if (!isnan(un) && !isnan(tr) && un > 0) {
			snprintf(cost->measured, sizeof(cost->measured), "%+.2f %%", 100 * (tr / un - 1));
			cost->met = tr / un - 1 <= TRACE_COST_MAX;
		}
		if (!isnan(pu) && !isnan(pt)) {
			snprintf(same->measured, sizeof(same->measured), "%.0f and %.0f", pu, pt);
			same->met = pu == pt;
		}
		csv_free(&c);
	} else {
		printf("%s: cannot be read.\n\n", ovh);
	}
	free(b2b);
	free(ovh);
}

static void origin(const char *dir)
{
	char *env = path_of(dir, "sweep-1", "env");
	char kernel[128] = "?", clock[32] = "?", accel[32] = "?", cpus[16] = "?",
	     wp[16] = "?";

	kv_get(env, "kernel", kernel, sizeof(kernel));
	kv_get(env, "clock", clock, sizeof(clock));
	kv_get(env, "accelerator", accel, sizeof(accel));
	kv_get(env, "cpus", cpus, sizeof(cpus));
	kv_get(env, "wakeup_preemption", wp, sizeof(wp));
	printf("Kernel %s, accelerator %s, clock %s, %s CPU(s), CFS wakeup preemption %s (the first sweep's env).\n\n",
	       kernel, accel, clock, cpus, wp);
	free(env);
}

/* What the figures are, for the reader of the page. */
static void about_icount(void)
{
	printf("## What icount measures\n\n"
	       "Under TCG the guest's clock follows the host's, and on a shared 2-core host the host's scheduling of the vCPU threads dominates every latency: the ranking of the variants changed from run to run. "
	       "With `-icount shift=0,sleep=off` QEMU advances the guest's clock by one nanosecond per emulated instruction and skips the guest's idle time, so a latency is the number of instructions the guest ran from the wake call to the waiter running again: the length of that code path, which does not depend on what else the host does.\n\n"
	       "It is a path length, not a time. It cannot show what hardware adds: caches, TLBs, branch prediction and pipelines (under TCG an instruction is an instruction, whatever it touches), the cost of an IPI or of waking an idle CPU from a deep C-state, and anything that depends on real time (timers firing late, interrupts from devices). Two APIs whose paths differ by 20 instructions differ by 20 here; on hardware the difference can be hidden, or grow, with what those instructions touch.\n\n"
	       "For the same path in every boot, `make bench` under icount (`vm/run --clock icount`) also sets up: one vCPU; the waker queued on its ack wait before each wake, so that it sleeps right after it through the same `schedule()` whatever the scheduler decided (the harness does this on every clock); CFS wakeup preemption off (`NO_WAKEUP_PREEMPTION`), since whether a wakee preempts its waker depends on the two threads' vruntime history, which differs between boots; and nothing of the sweep's own beside the latency phase (trace-cmd's recorders hold the phase in their buffers, the waiter's state is sampled only once the wakes should be over), since on one CPU whatever runs then lands in a few samples, a different few in every boot.\n\n"
	       "Two CPUs: the 6.1 guest hangs at \"x86: Booting SMP configuration\" when it boots with `-smp 2` under icount; booted with `maxcpus=1` it brings CPU 1 online after boot, and the vCPUs then run in turn in one host thread. The cross-CPU section below shows what that gives.\n\n");
}

/* DIR/targets.json: the targets by name, for a CI or a results database. */
static int write_json(const char *dir)
{
	char *path = path_join(dir, "targets.json"), *env = path_of(dir, "sweep-1", "env");
	char kernel[128] = "";
	const char *clock = run_clock(env);
	struct out o;
	struct json j;
	FILE *f = out_open(&o, "targets", path);
	size_t i;

	free(path);
	if (!f) {
		free(env);
		return -1;
	}
	kv_get(env, "kernel", kernel, sizeof(kernel));
	free(env);
	json_begin(&j, f);
	json_str(&j, "schema", "waitcmp-targets/1");
	json_str(&j, "kernel", *kernel ? kernel : NULL);
	json_str(&j, "clock", clock);
	json_str(&j, "latency_unit", latency_unit(clock));
	json_array(&j, "targets");
	for (i = 0; i < ntargets; i++) {
		json_object(&j, NULL);
		json_str(&j, "target", targets[i].what);
		json_str(&j, "measured", targets[i].measured);
		json_str(&j, "bound", targets[i].bound);
		json_str(&j, "verdict", targets[i].met > 0 ? "met" : targets[i].met ? "no data" : "missed");
		json_end(&j);
	}
	json_finish(&j);
	return out_commit(&o, "targets");
}

int cmd_targets(int argc, char **argv)
{
	const char *dir;
	size_t i;
	int rc = 0;

	if (argc != 2) {
		report_err("targets", "usage: report targets DIR");
		return 2;
	}
	dir = argv[1];

	printf("# The deterministic mode's targets\n\n");
	printf("Generated by `bench/bin/report targets` from the runs `bench/targets` made in %s.\n\n", dir);
	origin(dir);
	about_icount();
	sweeps(dir);
	sweep_time(dir, "sweep-1");
	sweep_time(dir, "sweep-2");
	cross(dir);
	floor_and_trace(dir);
	printf("## Targets\n\n| target | measured | bound | |\n|---|---|---|---|\n");
	for (i = 0; i < ntargets; i++) {
		printf("| %s | %s | %s | %s |\n", targets[i].what,
		       targets[i].measured, targets[i].bound,
		       verdict(targets[i].met));
		if (targets[i].met <= 0)
			rc = 1;
	}
	return write_json(dir) ? 2 : rc;
}
