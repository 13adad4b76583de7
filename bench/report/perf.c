// SPDX-License-Identifier: GPL-2.0
/*
 * report perf DIR [--doc FILE]: the performance report of a bench/perf-run
 * folder. Writes DIR/perf.md (and, with --doc, the same to FILE) and
 * DIR/perf.json from the files the run left: b2b.csv, overhead.csv,
 * fidelity/ analyses, peers/, analyser.csv, waiters/scaling.csv,
 * smp* /b2b.csv, runs/ and smp* /runs/, env and env.perf. Every number
 * in it comes from those files; a missing part is said to be missing. It
 * draws DIR/performance-waiters and DIR/performance-cpus (.png, .svg, from
 * plots/perf-waiters.gp and plots/perf-cpus.gp on the data in DIR/plot/),
 * which --doc copies beside FILE.
 *
 * Medians over rounds; a ratio is the median of the per-round ratios of
 * runs made one after the other in the same boot.
 *
 * The run's clock (env: clock) sets the units: wall, latencies and costs
 * in µs of wall-clock time and rates per second; icount (a guest ns is one
 * emulated instruction), latencies and costs in whole instructions and
 * rates per 10^9 instructions, with none of the wall clock's explanations
 * (host scheduling, host cores, noise between rounds).
 *
 * Exit status: 0 when the report was written, whatever its targets say
 * (they are measurements of an emulated guest, bench/perf-run's run is
 * complete either way); 2 on bad usage or a folder that does not exist.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "results.h"
#include "rstats.h"

#define CMD "perf"

/* Targets (issue 5). */
#define P50_MAX		1.10
#define RATE_MIN	0.90
#define OVERHEAD_MIN	0.95
#define DIFF_MAX	5
#define SPEEDUP_MIN	20
#define FLAT_MAX	1.10

/* The placeholder of a figure this page cannot give. */
#define NA "n/a"

#define FIG_WAITERS "performance-waiters"
#define FIG_CPUS "performance-cpus"

static struct {
	const char *dir;
	char *env, *envp;	/* DIR/env, DIR/env.perf */
	bool icount;
	const char *clock;
	const char *U;		/* a latency or cost, in prose and table heads */
	const char *PER;	/* a rate, in table heads ("wakes" PER) */
	char cpus[32], rounds[32], iterations[32];
	long ncpus;		/* cpus, 1 when not given */
	char *origin;		/* the figures' "kernel K, accel, clock C" */
	struct csv b2b;
	bool have_b2b;
	struct json j;
} P;

/* --- small helpers ---------------------------------------------------- */

/* Formatted into one of a ring of buffers: good until 64 more calls. */
static const char *sf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *sf(const char *fmt, ...)
{
	static char buf[64][2048];
	static unsigned int i;
	char *b = buf[i++ % 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(buf[0]), fmt, ap);
	va_end(ap);
	return b;
}

/* The value of "KEY: value" in PATH, or "". */
static const char *g(const char *path, const char *key)
{
	static char buf[32][1024];
	static unsigned int i;
	char *b = buf[i++ % 32];

	if (!kv_get(path, key, b, sizeof(buf[0])))
		*b = '\0';
	return b;
}

/* The same as a number, NAN when missing or not a number. */
static double gn(const char *path, const char *key)
{
	double v;

	return kv_number(path, key, &v) ? v : NAN;
}

/* DIR/NAME, in a ring buffer. */
static const char *in_dir(const char *name)
{
	return sf("%s/%s", P.dir, name);
}

/* The whole of a small file without its trailing newlines; NULL when it cannot be read. */
static char *read_text(const char *path)
{
	char *text = file_text(path);
	size_t len = text ? strlen(text) : 0;

	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	return text;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* A latency or cost in ns: µs, one decimal (wall), or whole instructions (icount). */
static const char *lat(double ns)
{
	if (isnan(ns))
		return NA;
	return P.icount ? sf("%.0f", ns) : sf("%.1f", ns / 1000);
}

/* The unit's worth of a round trip at RATE per second of guest time. */
static const char *per_trip(double rate)
{
	if (isnan(rate) || rate == 0)
		return NA;
	return P.icount ? sf("%.0f", 1e9 / rate) : sf("%.1f", 1e6 / rate);
}

/* A ratio as "1.04x" (2 decimals) or "1.043x" (3, for the targets, where 0.95 must not hide 0.947). */
static const char *x2(double r)
{
	return isnan(r) ? NA : sf("%.2fx", r);
}

static const char *x3(double r)
{
	return isnan(r) ? NA : sf("%.3fx", r);
}

/* A rate, whole (its fraction cut). */
static const char *rate(double r)
{
	return isnan(r) ? NA : sf("%.0f", trunc(r));
}

/* V with DECIMALS decimals, or n/a. */
static const char *num(double v, int decimals)
{
	return isnan(v) ? NA : sf("%.*f", decimals, v);
}

/* V as printed with DECIMALS decimals, read back: a figure as the page shows it. */
static double shown(double v, int decimals)
{
	return isnan(v) ? NAN : strtod(sf("%.*f", decimals, v), NULL);
}

/* A number as awk prints it: whole numbers whole, others to 6 digits. */
static const char *awk_num(double v)
{
	if (isnan(v))
		return NA;
	if (v == floor(v) && fabs(v) < 1e15)
		return sf("%.0f", v);
	return sf("%.6g", v);
}

/* --- the targets table ----------------------------------------------- */

#define MAX_TARGETS 64
static struct target {
	char *what, *measured, *status;
} targets[MAX_TARGETS];
static size_t ntargets;

static void target(const char *what, const char *measured, const char *status)
{
	struct target *t;

	if (ntargets == MAX_TARGETS)
		return;
	t = &targets[ntargets++];
	t->what = xasprintf("%s", what);
	t->measured = xasprintf("%s", measured);
	t->status = xasprintf("%s", status);
}

static const char *verdict(double v, bool le, double bound)
{
	int m = rs_meets(v, le, bound);

	return m < 0 ? "not measured" : m ? "met" : "missed";
}

/*
 * The verdict on the median R of the per-round ratios, from LO..HI, their
 * range. When some rounds meet the target and others miss it, the verdict
 * is within the noise of this boot on the wall clock; under icount there
 * is no host noise in the figures: on one CPU (ONE) the rounds simply
 * differ, on several vCPUs run in turn they are reported, not exact. When
 * every round misses, WHY says what costs the difference. Allocated.
 */
static char *judged(double r, bool le, double bound, double lo, double hi,
		    const char *why, bool one)
{
	enum rs_judgement jd = rs_judge(r, lo, hi, le, bound);
	const char *v = jd == RS_MET_ALL || jd == RS_MET_SPLIT ? "met" : "missed";

	switch (jd) {
	case RS_UNMEASURED:
		return xasprintf("not measured");
	case RS_MET_SPLIT:
	case RS_MISSED_SPLIT:
		if (!P.icount)
			return xasprintf("%s, within the noise: the rounds' ratios span %s–%s in this boot (TCG on a shared host)",
					 v, x3(lo), x3(hi));
		if (one)
			return xasprintf("%s on the median, but the rounds' ratios span %s–%s in this boot, on both sides of the bound",
					 v, x3(lo), x3(hi));
		return xasprintf("%s on the median; the rounds' ratios span %s–%s in this boot, on both sides of the bound: on %s vCPUs run in turn the rounds are not exact",
				 v, x3(lo), x3(hi), P.cpus);
	case RS_MISSED_ALL:
		return xasprintf("missed in every round (%s–%s): %s", x3(lo), x3(hi), why);
	default:
		return xasprintf("met in every round (%s–%s)", x3(lo), x3(hi));
	}
}

/* --- the CSV files of the back-to-back runs --------------------------- */

#define MAX_ROWS 4096

/* Median and range over the rounds of TOOL at PLACEMENT in C, of COLUMN. */
static struct rs_range stat_of(const struct csv *c, const char *tool,
			       const char *pl, const char *column)
{
	static double v[MAX_ROWS];
	int tc = csv_col(c, "tool"), pc = csv_col(c, "placement"),
	    k = csv_col(c, column);
	size_t r, n = 0;

	if (k < 0)
		return rs_range(v, 0);
	for (r = 0; r < c->rows && n < MAX_ROWS; r++)
		if (!strcmp(csv_cell(c, r, tc), tool) &&
		    !strcmp(csv_cell(c, r, pc), pl) &&
		    csv_number(c, r, k, &v[n]))
			n++;
	return rs_range(v, n);
}

/* Median and range of NUM / DEN of COLUMN per round at PLACEMENT. */
static struct rs_range ratio_of(const struct csv *c, const char *num,
				const char *den, const char *pl,
				const char *column)
{
	static double a[MAX_ROWS], b[MAX_ROWS];
	static const char *round_of[MAX_ROWS];
	bool has_a[MAX_ROWS], has_b[MAX_ROWS];
	int tc = csv_col(c, "tool"), pc = csv_col(c, "placement"),
	    rc = csv_col(c, "round"), k = csv_col(c, column);
	size_t r, i, nr = 0, n = 0;

	if (k < 0)
		return rs_ratio_range(a, b, 0);
	/* One figure per round and tool, the last row's. */
	for (r = 0; r < c->rows && nr < MAX_ROWS; r++) {
		const char *tool = csv_cell(c, r, tc);
		bool is_a = !strcmp(tool, num), is_b = !strcmp(tool, den);
		double v;

		if ((!is_a && !is_b) || strcmp(csv_cell(c, r, pc), pl) ||
		    !csv_number(c, r, k, &v))
			continue;
		for (i = 0; i < nr; i++)
			if (!strcmp(round_of[i], csv_cell(c, r, rc)))
				break;
		if (i == nr) {
			round_of[nr] = csv_cell(c, r, rc);
			has_a[nr] = has_b[nr] = false;
			nr++;
		}
		if (is_a) {
			a[i] = v;
			has_a[i] = true;
		} else {
			b[i] = v;
			has_b[i] = true;
		}
	}
	for (i = 0; i < nr; i++)
		if (has_a[i] && has_b[i]) {
			a[n] = a[i];
			b[n] = b[i];
			n++;
		}
	return rs_ratio_range(a, b, n);
}

static void json_range(const char *key, struct rs_range r)
{
	json_object(&P.j, key);
	json_num(&P.j, "median", r.median);
	json_num(&P.j, "min", r.min);
	json_num(&P.j, "max", r.max);
	json_num(&P.j, "rounds", (double)r.n);
	json_end(&P.j);
}

/* The placements of env.perf, comma-separated, into list (at most max). */
static size_t placements(char list[][32], size_t max)
{
	char buf[256], *s, *save = NULL;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", g(P.envp, "placements"));
	for (s = strtok_r(buf, ", ", &save); s && n < max;
	     s = strtok_r(NULL, ", ", &save))
		snprintf(list[n++], sizeof(list[0]), "%s", s);
	return n;
}

static const char *placement_cpus(const char *p)
{
	if (!strcmp(p, "same"))
		return "waiter and waker on CPU 0";
	if (!strcmp(p, "cross"))
		return "waiter on CPU 1, waker on CPU 0";
	if (!strcmp(p, "unbound"))
		return "no affinity";
	return p;
}

/* --- back to back ----------------------------------------------------- */

static void b2b_section(FILE *o)
{
	const char *work = "the harness's own work around each wake (its histogram under a spinlock, the wake-cost timing, its counters)";
	char pl[16][32];
	size_t np = placements(pl, 16), i;

	fprintf(o, "## Back to back: the harness against the floor\n\n");
	fprintf(o, "Both run `iterations=%s` wakes back to back (`period_us=0`), %s round(s) per placement, the floor and the harness's `wait_event` one after the other (the order alternates by round). p50 and p99 in %s (median over rounds, range in brackets); %s; a ratio is the median of the per-round ratios.\n\n",
		P.iterations, P.rounds, P.U,
		P.icount ? "wakes per 10⁹ instructions = wakes over the run's elapsed guest time, in guest ns" :
		"wakes/s = wakes over the run's elapsed time");
	if (!P.have_b2b) {
		fprintf(o, "Not measured (no b2b.csv).\n\n");
		return;
	}
	json_array(&P.j, "b2b");
	fprintf(o, "| placement | floor p50 | harness p50 | p50 ratio (≤ %.2f) | floor p99 | harness p99 | floor wakes%s | harness wakes%s | rate ratio (≥ %.2f) |\n",
		P50_MAX, P.PER, P.PER, RATE_MIN);
	fprintf(o, "|---|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < np; i++) {
		const char *p = pl[i];
		struct rs_range f50 = stat_of(&P.b2b, "floor", p, "p50_ns"),
				h50 = stat_of(&P.b2b, "harness", p, "p50_ns"),
				f99 = stat_of(&P.b2b, "floor", p, "p99_ns"),
				h99 = stat_of(&P.b2b, "harness", p, "p99_ns"),
				fr = stat_of(&P.b2b, "floor", p, "wakes_per_s"),
				hr = stat_of(&P.b2b, "harness", p, "wakes_per_s"),
				r50 = ratio_of(&P.b2b, "harness", "floor", p, "p50_ns"),
				rr = ratio_of(&P.b2b, "harness", "floor", p, "wakes_per_s");
		const char *why50, *whyr;
		bool one = false;
		char *v;

		fprintf(o, "| %s (%s) | %s [%s–%s] | %s [%s–%s] | %s | %s | %s | %s [%s–%s] | %s [%s–%s] | %s |\n",
			p, placement_cpus(p), lat(f50.median), lat(f50.min), lat(f50.max),
			lat(h50.median), lat(h50.min), lat(h50.max), x2(r50.median),
			lat(f99.median), lat(h99.median),
			rate(fr.median), rate(fr.min), rate(fr.max),
			rate(hr.median), rate(hr.min), rate(hr.max), x2(rr.median));
		why50 = whyr = sf("%s is emulated instruction by instruction too", work);
		if (P.icount) {
			why50 = sf("the harness's p50 is %s instructions above the floor's: %s, instructions the floor does not run",
				   num(h50.median - f50.median, 0), work);
			whyr = sf("the harness's run takes %s more guest ns (instructions) per wake than the floor's: %s",
				  num(rs_per_event_diff(hr.median, fr.median, 1e9), 0), work);
			one = !strcmp(p, "same") || P.ncpus <= 1;
		}
		v = judged(r50.median, true, P50_MAX, r50.min, r50.max, why50, one);
		target(sf("harness p50 ≤ %.2f× the floor's, %s", P50_MAX, p), x3(r50.median), v);
		free(v);
		v = judged(rr.median, false, RATE_MIN, rr.min, rr.max, whyr, one);
		target(sf("harness wake rate ≥ %.2f× the floor's, %s", RATE_MIN, p), x3(rr.median), v);
		free(v);

		json_object(&P.j, NULL);
		json_str(&P.j, "placement", p);
		json_range("floor_p50_ns", f50);
		json_range("harness_p50_ns", h50);
		json_range("floor_p99_ns", f99);
		json_range("harness_p99_ns", h99);
		json_range("floor_wakes_per_s", fr);
		json_range("harness_wakes_per_s", hr);
		json_range("p50_ratio", r50);
		json_range("wake_rate_ratio", rr);
		json_end(&P.j);
	}
	json_end(&P.j);
	fprintf(o, "\nThe floor's percentiles are exact (a sorted array); the harness's are the middle of a histogram bucket, within 1.6 %%.\n\n");
	if (P.icount) {
		fprintf(o, "Under icount a figure here is an instruction count. On one CPU it repeats from boot to boot ([docs/determinism.md](determinism.md)); a range in brackets that is one value means every round of this boot gave the same count. The rates count the whole run's guest time, the threads' start included.\n");
		if (P.ncpus > 1)
			fprintf(o, "This boot has %s vCPUs, which QEMU runs in turn in one host thread: what another vCPU runs meanwhile counts in guest time too, and the cross and unbound rows, where the waiter and the waker can be on different vCPUs, are reported, not exact ([docs/determinism.md](determinism.md)'s cross-CPU section shows what repeats there from boot to boot).\n",
				P.cpus);
		fprintf(o, "\n");
	}
}

/* --- overhead of recording -------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names in DIR that start with PREFIX and end with SUFFIX, sorted
 * (as the shell's glob in the C locale); *n of them, allocated.
 */
static char **glob_names(const char *dir, const char *prefix,
			 const char *suffix, size_t *n)
{
	size_t cap = 16, lp = strlen(prefix), ls = strlen(suffix);
	char **v = calloc(cap, sizeof(*v));
	DIR *d = opendir(dir);
	struct dirent *e;

	*n = 0;
	if (!v)
		abort();
	if (!d)
		return v;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.' || l < lp + ls ||
		    strncmp(e->d_name, prefix, lp) ||
		    strcmp(e->d_name + l - ls, suffix))
			continue;
		if (*n + 1 >= cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof(*v));
			if (!v)
				abort();
		}
		v[(*n)++] = xasprintf("%s", e->d_name);
	}
	closedir(d);
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void free_names(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

static void overhead_section(FILE *o)
{
	const char *csvp = in_dir("overhead.csv"), *odir, *with_sched = "";
	char p[64], *lost = NULL, **names, *why;
	struct rs_range u, t, r, ts, s2r;
	size_t lost_len = 0, n, i;
	double epw = NAN, per_wake = NAN;
	bool one = false;
	FILE *lf;
	struct csv c;

	fprintf(o, "## Overhead of recording the events\n\n");
	if (csv_load(&c, csvp)) {
		fprintf(o, "Not measured (no overhead.csv).\n\n");
		return;
	}
	snprintf(p, sizeof(p), "%s", g(P.envp, "overhead_placement"));
	u = stat_of(&c, "untraced", p, "wakes_per_s");
	t = stat_of(&c, "traced", p, "wakes_per_s");
	r = ratio_of(&c, "traced", "untraced", p, "wakes_per_s");
	/* With the sched events too (bench/guest/perf's traced_sched rounds), reported. */
	ts = stat_of(&c, "traced_sched", p, "wakes_per_s");
	s2r = ratio_of(&c, "traced_sched", "untraced", p, "wakes_per_s");
	if (ts.n)
		with_sched = ", with `-e sched:sched_waking -e sched:sched_switch` added,";
	fprintf(o, "The harness back to back (%s wakes, %s), with `trace-cmd record -C mono -e waitcmp` (default buffer)%s and without, %s round(s) each, interleaved.\n\n",
		P.iterations, p, with_sched, P.rounds);

	/* The lost events of each traced round, in the order of their files. */
	odir = in_dir("overhead");
	names = glob_names(odir, "traced-r", ".analysis", &n);
	lf = open_memstream(&lost, &lost_len);
	json_object(&P.j, "overhead");
	json_str(&P.j, "placement", p);
	json_array(&P.j, "lost_events");
	for (i = 0; i < n; i++) {
		const char *f = sf("%s/%s", odir, names[i]);

		if (!is_file(f))
			continue;
		fprintf(lf, "%s%s", i ? " " : "", g(f, "lost_events"));
		json_auto(&P.j, NULL, g(f, "lost_events"));
	}
	json_end(&P.j);
	fclose(lf);
	/*
	 * The waitcmp events a recorded wake writes (waitcmp_wake,
	 * waitcmp_woken): from the first traced round's analysis, wakes and
	 * records.
	 */
	if (n) {
		const char *f = sf("%s/%s", odir, names[0]);
		double w = gn(f, "wakes"), rec = gn(f, "records");

		if (!isnan(w) && rec > 0 && rec == floor(rec))
			epw = shown(rs_ratio(w + rec, rec), 2);
	}
	free_names(names, n);
	if (ts.n) {
		fprintf(o, "| untraced wakes%s | traced wakes%s | traced/untraced (≥ %.2f) | with sched events wakes%s | with sched events/untraced (reported) | lost events per traced round |\n",
			P.PER, P.PER, OVERHEAD_MIN, P.PER);
		fprintf(o, "|---|---|---|---|---|---|\n");
		fprintf(o, "| %s [%s–%s] | %s | %s [%s–%s] | %s | %s [%s–%s] | %s |\n",
			rate(u.median), rate(u.min), rate(u.max), rate(t.median),
			x2(r.median), x2(r.min), x2(r.max), rate(ts.median),
			x2(s2r.median), x2(s2r.min), x2(s2r.max), *lost ? lost : NA);
	} else {
		fprintf(o, "| untraced wakes%s | traced wakes%s | traced/untraced (≥ %.2f) | lost events per traced round |\n",
			P.PER, P.PER, OVERHEAD_MIN);
		fprintf(o, "|---|---|---|---|\n");
		fprintf(o, "| %s [%s–%s] | %s | %s [%s–%s] | %s |\n",
			rate(u.median), rate(u.min), rate(u.max), rate(t.median),
			x2(r.median), x2(r.min), x2(r.max), *lost ? lost : NA);
	}
	fprintf(o, "\n");
	why = xasprintf("each wake writes two events into the ring buffer, and trace-cmd's per-CPU readers wake up to drain it on the same guest CPUs that the %s ping-pong uses, all of it emulated",
			p);
	if (P.icount) {
		const char *events = "the events' writes";

		per_wake = shown(rs_per_event_diff(t.median, u.median, 1e9), 0);
		if (!isnan(epw))
			events = sf("the events' writes (%.2f events a recorded wake in the first traced round's analysis: %s instructions an event, if the readers cost nothing)",
				    epw, num(rs_ratio(per_wake, epw), 0));
		/*
		 * Traced rounds faster than untraced ones: on several vCPUs
		 * run in turn the rounds are not exact, and a cost read from
		 * their medians could come out negative. No figure then.
		 */
		if (!(per_wake > 0) || (r.n > 1 && r.max >= 1.0))
			fprintf(o, "Per wake, the cost of recording the waitcmp events is not stated for this boot: traced rounds ran at %s to %s the untraced rate, some as fast or faster, so the difference of their medians is not the recording's cost.",
				x2(r.min), x2(r.max));
		else
			fprintf(o, "Per wake, recording the waitcmp events adds %s guest ns, that is instructions (1e9 / traced rate − 1e9 / untraced rate, medians): %s and trace-cmd's readers, whose instructions count in guest time on whichever vCPU they run.",
				num(per_wake, 0), events);
		if (ts.n)
			fprintf(o, " With the sched events too: %s instructions per wake.",
				num(rs_per_event_diff(ts.median, u.median, 1e9), 0));
		fprintf(o, "\n\n");
		free(why);
		if (per_wake > 0)
			why = xasprintf("recording adds %s instructions of guest time per wake (the events' writes and trace-cmd's readers)",
					num(per_wake, 0));
		else
			why = xasprintf("on vCPUs run in turn the traced rounds are not exact");
		one = !strcmp(p, "same") || P.ncpus <= 1;
	}
	{
		char *v = judged(r.median, false, OVERHEAD_MIN, r.min, r.max, why, one);

		target(sf("traced/untraced wake rate ≥ %.2f", OVERHEAD_MIN), x3(r.median), v);
		free(v);
	}
	json_range("untraced_wakes_per_s", u);
	json_range("traced_wakes_per_s", t);
	json_range("traced_sched_wakes_per_s", ts);
	json_range("traced_ratio", r);
	json_range("traced_sched_ratio", s2r);
	json_num(&P.j, "events_per_recorded_wake", epw);
	json_num(&P.j, "recording_ns_per_wake", rs_per_event_diff(t.median, u.median, 1e9));
	json_num(&P.j, "recording_sched_ns_per_wake", rs_per_event_diff(ts.median, u.median, 1e9));
	json_end(&P.j);
	free(why);
	free(lost);
	csv_free(&c);
}

/* --- fidelity --------------------------------------------------------- */

static void fidelity_section(FILE *o)
{
	static const char *const kinds[] = { "b2b", "period" };
	size_t i;

	fprintf(o, "## Fidelity: the module's latency against the scheduler's\n\n");
	fprintf(o, "Traced with `trace-cmd record -C mono -e waitcmp -e sched:sched_waking -e sched:sched_switch` (default buffer), unbound. `bench/bin/analyse` matches each sample with the waiter's `sched_waking` after the wake and its next `sched_switch` in. p50 in %s; diff = (module p50 − scheduler p50) / module p50.\n\n",
		P.U);
	fprintf(o, "| run | samples | module p50 | scheduler p50 | diff (\\|·\\| ≤ %d %%) | matched | lost events |\n", DIFF_MAX);
	fprintf(o, "|---|---|---|---|---|---|---|\n");
	json_array(&P.j, "fidelity");
	for (i = 0; i < 2; i++) {
		const char *a = in_dir(sf("fidelity/%s/analysis", kinds[i]));
		const char *name = i ? "1 ms period" : "back to back";
		char s[64], m[64], d[64], lost[256];
		double p50, sp50, ad;
		const char *v, *why = "";

		if (!is_file(a)) {
			fprintf(o, "| %s | not measured | | | | | |\n", name);
			continue;
		}
		snprintf(s, sizeof(s), "%s", g(a, "samples"));
		snprintf(m, sizeof(m), "%s", g(a, "sched_matched"));
		snprintf(d, sizeof(d), "%s", g(a, "sched_p50_diff_pct"));
		snprintf(lost, sizeof(lost), "%s", g(a, "lost_events"));
		p50 = gn(a, "p50_ns");
		sp50 = gn(a, "sched_p50_ns");
		fprintf(o, "| %s | %s | %s | %s | %s %% | %s of %s | %s |\n",
			name, s, lat(p50), lat(sp50), d, m, s, lost);
		ad = shown(fabs(str_num(d)), 1);
		v = verdict(ad, true, DIFF_MAX);
		if (!strcmp(v, "missed"))
			why = sf(": the module's latency also holds the waker's wake_up() before sched_waking and the waiter's return from schedule() and from the wait after sched_switch; the two differ by %s %s at p50 here%s",
				 lat(shown(p50 - sp50, 0)), P.U,
				 P.icount ? ", the instructions of those paths" :
				 ", where TCG emulates every instruction and the host preempts the guest's CPUs");
		target(sf("p50 diff within %d %%, %s", DIFF_MAX, name), sf("%s %%", d),
		       sf("%s%s", v, why));
		v = "met";
		why = "";
		if (strcmp(m, s)) {
			v = "missed";
			why = sf(": %.0f samples had no sched_waking and switch-in of the waiter to match%s",
				 str_num(s) - str_num(m),
				 i ? "" : ": back to back, the next wake often comes before the waiter is asleep again, so its wait returns without a sched_waking or sched_switch");
		}
		target(sf("every sample matched, %s", name), sf("%s of %s", m, s),
		       sf("%s%s", v, why));
		if (*lost)
			target(sf("lost events reported, %s", name), lost, "met");
		else
			target(sf("lost events reported, %s", name), NA, "missed: no lost_events line");

		json_object(&P.j, NULL);
		json_str(&P.j, "run", kinds[i]);
		json_auto(&P.j, "samples", s);
		json_num(&P.j, "p50_ns", p50);
		json_num(&P.j, "sched_p50_ns", sp50);
		json_auto(&P.j, "sched_p50_diff_pct", d);
		json_auto(&P.j, "sched_matched", m);
		json_auto(&P.j, "lost_events", lost);
		json_end(&P.j);
	}
	json_end(&P.j);
	fprintf(o, "\n");
}

/* --- peers ------------------------------------------------------------ */

/* usecs/op and ops/s of perf bench sched pipe's output (the last of each), "" when missing. */
static void pipe_figure(const char *path, char *us, char *ops, size_t len)
{
	char *line = NULL, w[64];
	size_t cap = 0;
	FILE *f = fopen(path, "r");

	*us = *ops = '\0';
	if (!f)
		return;
	while (getline(&line, &cap, f) >= 0) {
		if (sscanf(line, "%63s", w) != 1)
			continue;
		if (strstr(line, "usecs/op"))
			snprintf(us, len, "%s", w);
		if (strstr(line, "ops/sec"))
			snprintf(ops, len, "%s", w);
	}
	free(line);
	fclose(f);
}

/* A cyclictest figure in µs: in instructions under icount (thousands of them). */
static const char *cyclic_cell(long v, long top, bool bucket)
{
	if (bucket && v == -1)
		return sf(">%ld", top);
	return P.icount ? sf("%ld", v * 1000) : sf("%ld", v);
}

static void peers_section(FILE *o)
{
	static const char *const modes[] = { "proc", "thread" },
				 *const pls[] = { "same", "unbound" };
	const char *d = in_dir("peers"), *ws, *perf_v;
	char pl[16][32], *text, *wpl;
	size_t np = placements(pl, 16), i, m, k;

	fprintf(o, "## Peers in the same boot\n\n");
	if (!is_dir(d)) {
		fprintf(o, "Not measured (no peers/).\n\n");
		return;
	}
	json_object(&P.j, "peers");
	fprintf(o, "A round trip is one wake and its answer: the floor's and the harness's wake plus the waiter's acknowledgment, `perf bench sched pipe`'s write and read through two pipes (one \"op\"). %s. Ratios are the row's rate over the floor's at the same placement, the direction of every ratio on this page: below 1, slower than the floor.\n\n",
		P.icount ? "Instructions per round trip = 10⁹ / round trips per 10⁹ instructions (guest ns); `perf bench` prints usecs/op of the guest's clock, thousands of instructions here, which the table multiplies by 1000" :
		"µs per round trip = 1,000,000 / round trips per second");
	fprintf(o, "| what | placement | p50 %s | p99 %s | %s per round trip | round trips%s | rate / floor's |\n",
		P.U, P.U, P.U, P.PER);
	fprintf(o, "|---|---|---|---|---|---|---|\n");
	for (i = 0; i < np && P.have_b2b; i++) {
		struct rs_range f50 = stat_of(&P.b2b, "floor", pl[i], "p50_ns"),
				f99 = stat_of(&P.b2b, "floor", pl[i], "p99_ns"),
				fr = stat_of(&P.b2b, "floor", pl[i], "wakes_per_s"),
				h50 = stat_of(&P.b2b, "harness", pl[i], "p50_ns"),
				h99 = stat_of(&P.b2b, "harness", pl[i], "p99_ns"),
				hr = stat_of(&P.b2b, "harness", pl[i], "wakes_per_s");

		fprintf(o, "| floor (kthreads, wait_event) | %s | %s | %s | %s | %s | 1.00x |\n",
			pl[i], lat(f50.median), lat(f99.median), per_trip(fr.median), rate(fr.median));
		fprintf(o, "| waitcmp wait_event, period_us=0 | %s | %s | %s | %s | %s | %s |\n",
			pl[i], lat(h50.median), lat(h99.median), per_trip(hr.median), rate(hr.median),
			x2(rs_ratio(hr.median, fr.median)));
	}
	if (!P.have_b2b)
		for (i = 0; i < np; i++) {
			fprintf(o, "| floor (kthreads, wait_event) | %s | n/a | n/a | n/a | n/a | 1.00x |\n", pl[i]);
			fprintf(o, "| waitcmp wait_event, period_us=0 | %s | n/a | n/a | n/a | n/a | n/a |\n", pl[i]);
		}
	json_array(&P.j, "pipe");
	for (m = 0; m < 2; m++)
		for (k = 0; k < 2; k++) {
			const char *f = sf("%s/pipe-%s-%s.txt", d, modes[m], pls[k]);
			char us[64], ops[64];
			double fr, per_op;

			if (!is_file(f))
				continue;
			pipe_figure(f, us, ops, sizeof(us));
			fr = P.have_b2b ? stat_of(&P.b2b, "floor", pls[k], "wakes_per_s").median : NAN;
			/* usecs/op of the guest's clock: instructions/1000 under icount. */
			per_op = str_num(us);
			fprintf(o, "| %s | %s%s | n/a | n/a | %s | %s | %s |\n",
				m ? "perf bench sched pipe -T (threads)" : "perf bench sched pipe (processes)",
				pls[k], k ? "" : " (taskset -c 0)",
				P.icount ? num(per_op * 1000, 0) : num(per_op, 1),
				*ops ? ops : NA, x2(rs_ratio(str_num(ops), fr)));
			json_object(&P.j, NULL);
			json_str(&P.j, "mode", modes[m]);
			json_str(&P.j, "placement", pls[k]);
			json_num(&P.j, "per_op_us", per_op);
			json_num(&P.j, "ops_per_s", str_num(ops));
			json_num(&P.j, "rate_against_floor", rs_ratio(str_num(ops), fr));
			json_end(&P.j);
		}
	json_end(&P.j);
	text = read_text(sf("%s/pipe.skipped", d));
	if (text)
		fprintf(o, "| perf bench sched pipe | | %s | | | | |\n", text);
	free(text);

	ws = sf("%s/waitcmp-period.stats", d);
	wpl = read_text(sf("%s/placement", d));
	if (wpl && !strncmp(wpl, "placement: ", 11))
		memmove(wpl, wpl + 11, strlen(wpl + 11) + 1);
	fprintf(o, "\nAt %s, pinned the same way (the harness's waiter and cyclictest's thread on the last CPU):\n\n",
		P.icount ? "a 1 ms period of guest time (10⁶ guest ns; icount passes an idle wait for the timer at once)" :
		"a 1 ms period");
	fprintf(o, "| what | placement | p50 %s | p99 %s | mean %s | max %s |\n", P.U, P.U, P.U, P.U);
	fprintf(o, "|---|---|---|---|---|---|\n");
	json_object(&P.j, "period");
	if (is_file(ws)) {
		fprintf(o, "| waitcmp wait_event, period_us=1000, %s wakes | %s | %s | %s | %s | %s |\n",
			g(ws, "samples"), wpl ? wpl : NA, lat(gn(ws, "p50_ns")), lat(gn(ws, "p99_ns")),
			lat(gn(ws, "mean_ns")), lat(gn(ws, "max_ns")));
		json_str(&P.j, "placement", wpl);
		json_auto(&P.j, "samples", g(ws, "samples"));
		json_num(&P.j, "p50_ns", gn(ws, "p50_ns"));
		json_num(&P.j, "p99_ns", gn(ws, "p99_ns"));
		json_num(&P.j, "mean_ns", gn(ws, "mean_ns"));
		json_num(&P.j, "max_ns", gn(ws, "max_ns"));
	}
	json_end(&P.j);
	free(wpl);
	json_object(&P.j, "cyclictest");
	if (is_file(sf("%s/cyclictest.txt", d))) {
		struct cyclictest ct;
		bool have = cyclictest_read(sf("%s/cyclictest.txt", d), &ct);
		long c50 = ct.p50, c99 = ct.p99, top = ct.top;
		double cavg = ct.avg, cmax = ct.max;
		/* cyclictest counts in µs of the guest's clock: thousands of instructions under icount. */
		double sc = P.icount ? 1000 : 1;

		fprintf(o, "| cyclictest -t1 -a%ld -m -p90 -i1000 -l %s -h | CPU %ld | %s | %s | %s | %s |\n",
			P.ncpus - 1, g(P.envp, "cyclic_loops"), P.ncpus - 1,
			have ? cyclic_cell(c50, top, true) : NA,
			have ? cyclic_cell(c99, top, true) : NA,
			have ? awk_num(cavg * sc) : NA, have ? awk_num(cmax * sc) : NA);
		/* The harness's p50 in ns against cyclictest's in µs. */
		fprintf(o, "\nRatio of the harness's p50 at 1 ms to cyclictest's: %s.\n",
			x2(!have || c50 < 0 ? NAN : P.icount ?
			   rs_ratio(gn(ws, "p50_ns"), (double)c50 * 1000) :
			   rs_ratio(gn(ws, "p50_ns") / 1000, (double)c50)));
		if (have) {
			json_num(&P.j, "p50_us", c50 >= 0 ? (double)c50 : NAN);
			json_num(&P.j, "p99_us", c99 >= 0 ? (double)c99 : NAN);
			json_num(&P.j, "avg_us", cavg);
			json_num(&P.j, "max_us", cmax);
		}
	} else {
		text = read_text(sf("%s/cyclictest.skipped", d));
		fprintf(o, "| cyclictest | | %s | | | |\n", text ? text : "not measured");
		free(text);
	}
	json_end(&P.j);
	json_end(&P.j);
	fprintf(o, "\n");
	perf_v = g(P.envp, "perf");
	fprintf(o, "What each measures:\n\n"
		"- **the floor and waitcmp**: a kernel thread's `wake_up()` until the\n"
		"  waiting kthread has returned from `wait_event()` (both timestamps\n"
		"  `ktime_get_ns()`), then the waiter wakes the waker back. No system\n"
		"  call, no user space, no address-space switch. The floor is the least\n"
		"  code that does this; the harness adds its histogram, its wake-cost\n"
		"  timing, its counters and two (disabled) tracepoints.\n"
		"- **`perf bench sched pipe`**: two user-space tasks pass an int through\n"
		"  two pipes, 2 wakes, 4 system calls and 2 pipe copies per op. Processes\n"
		"  also switch address spaces (`-T` threads do not). Only the mean per op\n"
		"  is printed, so no p50 or p99.\n");
	if (!*perf_v || !strcmp(perf_v, "none"))
		fprintf(o, "  (perf was not in this guest.) Its `sched pipe` cannot pin the two tasks to\n");
	else
		fprintf(o, "  The guest's perf (`%s`) cannot pin the two tasks to\n", perf_v);
	fprintf(o, "  different CPUs: \"same\" is `taskset -c 0`, \"unbound\" lets the\n"
		"  scheduler choose.\n"
		"- **`cyclictest`**: a SCHED_FIFO (priority 90) user thread sleeps to an\n"
		"  absolute hrtimer deadline; latency = when it runs minus the deadline:\n"
		"  timer interrupt, wake-up, switch and return to user space. Nobody wakes\n"
		"  it but the timer. %s The harness at 1 ms\n"
		"  instead wakes a SCHED_NORMAL kthread from another kthread that itself\n"
		"  slept on an hrtimer.\n\n",
		P.icount ? "Histogram in buckets of 1000 guest ns (its microsecond), 1000 instructions here." :
		"Histogram in 1 µs buckets.");
}

/* --- the analyser ----------------------------------------------------- */

/* The first row of analyser.csv for the tool (analyse, or not: the pipeline) and trace. */
static long analyser_row(const struct csv *c, bool analyse, const char *trace)
{
	int tc = csv_col(c, "tool"), kc = csv_col(c, "trace");
	size_t r;

	for (r = 0; r < c->rows; r++)
		if (!strcmp(csv_cell(c, r, tc), "analyse") == analyse &&
		    !strcmp(csv_cell(c, r, kc), trace))
			return (long)r;
	return -1;
}

static double cell_num(const struct csv *c, long row, const char *col)
{
	double v;

	if (row < 0 || !csv_number(c, (size_t)row, csv_col(c, col), &v))
		return NAN;
	return v;
}

static void analyser_section(FILE *o)
{
	struct csv c;
	size_t r;
	long fa, fp, ha, hp;
	double sa, sp, ma, mh, pa, ph, ev, speed, flat, pflat;
	const char *v, *why = "", *enough = "";
	char evs[64];

	fprintf(o, "## Analyser speed and memory\n\n");
	if (csv_load(&c, in_dir("analyser.csv"))) {
		fprintf(o, "Not measured (no analyser.csv).\n\n");
		return;
	}
	fprintf(o, "One trace of a long back-to-back traced run (`-e waitcmp -e sched:sched_waking -e sched:sched_switch`, 32 MB buffer per CPU so that both tools read the same events) and one of half its length, both kept in the results folder (not in git). Times are the median of the repeats on this host, in seconds of its real time whatever the guest's clock; memory is the largest resident set among the command and the children it waited for (`/usr/bin/time`: bench/bin/analyse works in a child it forks; for the pipeline, its largest stage).\n\n");
	fprintf(o, "| tool | trace | events | seconds | peak RSS MB | p50 %s | p99 %s | sched matched | sched p50 %s |\n",
		P.U, P.U, P.U);
	fprintf(o, "|---|---|---|---|---|---|---|---|---|\n");
	json_object(&P.j, "analyser");
	json_array(&P.j, "runs");
	for (r = 0; r < c.rows; r++) {
		long row = (long)r;

		fprintf(o, "| %s | %s | %s | %s | %.1f | %s | %s | %s | %s |\n",
			csv_cell(&c, r, csv_col(&c, "tool")), csv_cell(&c, r, csv_col(&c, "trace")),
			csv_cell(&c, r, csv_col(&c, "events")), csv_cell(&c, r, csv_col(&c, "seconds")),
			cell_num(&c, row, "max_rss_kb") / 1024, lat(cell_num(&c, row, "p50_ns")),
			lat(cell_num(&c, row, "p99_ns")), csv_cell(&c, r, csv_col(&c, "sched_matched")),
			lat(cell_num(&c, row, "sched_p50_ns")));
		json_object(&P.j, NULL);
		json_str(&P.j, "tool", csv_cell(&c, r, csv_col(&c, "tool")));
		json_str(&P.j, "trace", csv_cell(&c, r, csv_col(&c, "trace")));
		json_num(&P.j, "events", cell_num(&c, row, "events"));
		json_num(&P.j, "time_s", cell_num(&c, row, "seconds"));
		json_num(&P.j, "max_rss_kb", cell_num(&c, row, "max_rss_kb"));
		json_num(&P.j, "samples", cell_num(&c, row, "samples"));
		json_num(&P.j, "p50_ns", cell_num(&c, row, "p50_ns"));
		json_num(&P.j, "p99_ns", cell_num(&c, row, "p99_ns"));
		json_num(&P.j, "sched_matched", cell_num(&c, row, "sched_matched"));
		json_num(&P.j, "sched_p50_ns", cell_num(&c, row, "sched_p50_ns"));
		json_end(&P.j);
	}
	json_end(&P.j);
	fprintf(o, "\n");
	fa = analyser_row(&c, true, "full");
	fp = analyser_row(&c, false, "full");
	ha = analyser_row(&c, true, "half");
	hp = analyser_row(&c, false, "half");
	sa = cell_num(&c, fa, "seconds");
	sp = cell_num(&c, fp, "seconds");
	ma = cell_num(&c, fa, "max_rss_kb");
	mh = cell_num(&c, ha, "max_rss_kb");
	pa = cell_num(&c, fp, "max_rss_kb");
	ph = cell_num(&c, hp, "max_rss_kb");
	ev = cell_num(&c, fa, "events");
	snprintf(evs, sizeof(evs), "%s", fa >= 0 ? csv_cell(&c, (size_t)fa, csv_col(&c, "events")) : "");
	speed = shown(sa > 0 ? rs_ratio(sp, sa) : NAN, 1);
	flat = shown(mh > 0 ? rs_ratio(ma, mh) : NAN, 2);
	pflat = shown(ph > 0 ? rs_ratio(pa, ph) : NAN, 2);
	fprintf(o, "On the full trace bench/bin/analyse is %sx faster than `trace-cmd report | awk | sort`. Doubling the trace multiplies bench/bin/analyse's peak memory by %s and the pipeline's by %s.\n\n",
		num(speed, 1), num(flat, 2), num(pflat, 2));
	v = verdict(speed, false, SPEEDUP_MIN);
	if (!strcmp(v, "missed"))
		why = sf(": bench/bin/analyse takes %s ns of host time per event, most of it in libtracecmd's own record reading (zstd decompression of the data, kbuffer, a malloc and free per record) and, to keep its memory flat, in reading the file's headers again at each reopen of the handle, every 262,144 records; trace-cmd report itself, a C program, is the pipeline's first stage",
			 num(rs_ratio(sa * 1e9, ev), 0));
	if (!*evs || (ev == floor(ev) && ev < 1000000))
		enough = sf(" (trace of %s events, fewer than the 1,000,000 the target asks)",
			    *evs ? evs : "?");
	target(sf("analyser ≥ %d× faster than trace-cmd report + awk + sort", SPEEDUP_MIN),
	       sf("%sx%s", num(speed, 1), enough), sf("%s%s", v, why));
	target(sf("analyser memory flat: full/half peak RSS ≤ %.2f", FLAT_MAX), num(flat, 2),
	       verdict(flat, true, FLAT_MAX));
	json_num(&P.j, "speedup", speed);
	json_num(&P.j, "analyse_rss_full_over_half", flat);
	json_num(&P.j, "pipeline_rss_full_over_half", pflat);
	json_end(&P.j);
	csv_free(&c);
}

/* --- figures ---------------------------------------------------------- */

static bool have_gnuplot(void)
{
	const char *path = getenv("PATH");
	char *dirs, *d, *save = NULL;
	bool found = false;

	if (!path)
		return false;
	dirs = xasprintf("%s", path);
	for (d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save))
		found = !access(sf("%s/gnuplot", *d ? d : "."), X_OK);
	free(dirs);
	return found;
}

/*
 * NAME.{png,svg} in DIR from plots/GP; the Markdown image line, or why
 * there is none. gnuplot's messages go to DIR/NAME.err, removed when it
 * succeeded.
 */
static void figure(FILE *o, const char *gp, const char *name, int w, int h,
		   const char *vars, const char *alt)
{
	const char *err = sf("%s/%s.err", P.dir, name);
	int fd, saved, rc;

	if (!have_gnuplot()) {
		fprintf(o, "(No figure: gnuplot not found; apt-get install gnuplot-nox.)\n");
		return;
	}
	fflush(stderr);
	saved = dup(2);
	fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dup2(fd, 2);
		close(fd);
	}
	rc = render(CMD, gp, P.dir, name, w, h, vars);
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if (!rc) {
		unlink(err);
		fprintf(o, "![%s](%s.svg)\n", alt, name);
	} else {
		fprintf(o, "(No figure: gnuplot failed, see %s.err in the run folder.)\n", name);
	}
}

static void remove_figure(const char *dir, const char *name)
{
	unlink(sf("%s/%s.png", dir, name));
	unlink(sf("%s/%s.svg", dir, name));
}

/* DIR/plot/NAME.dat, to be written; NULL with a message when it cannot. */
static FILE *plot_data(struct out *out, const char *name)
{
	const char *pd = in_dir("plot");

	mkdir(pd, 0755);
	return out_open(out, CMD, sf("%s/%s.dat", pd, name));
}

/* A figure's value in the run's unit: µs (wall) or instructions (icount). */
static double fig_value(double ns)
{
	return P.icount ? ns : ns / 1000;
}

/* --- growth sentences ------------------------------------------------- */

static const char *fx(double r)
{
	if (isnan(r))
		return NA;
	return sf(r >= 10 ? "%.0fx" : "%.1fx", r);
}

static const char *f2(double v)
{
	const char *t;

	if (isnan(v))
		return NA;
	t = sf("%.2f", v);
	return strcmp(t, "-0.00") ? t : "0.00";
}

static const char *un(void)
{
	return P.icount ? "instructions" : "µs";
}

/* How y[0..n) changes with x[0..n), in words, in the run's unit. */
static const char *grow(const double *x, const double *y, size_t n)
{
	struct rs_growth gr = rs_growth(x, y, n);

	switch (gr.trend) {
	case RS_UNTOLD:
		return "was not measured at two points";
	case RS_FLAT:
		return sf("stays flat within %s (%s to %s %s; log-log slope %s)",
			  fx(rs_ratio(gr.hi, gr.lo)), lat(gr.lo), lat(gr.hi), un(), f2(gr.slope));
	case RS_FALLS:
		return sf("falls to %.2fx (%s to %s %s; log-log slope %s)", gr.ratio,
			  lat(gr.first), lat(gr.last), un(), f2(gr.slope));
	case RS_VARIES:
		return sf("varies from %s to %s %s with no steady trend (first %s, last %s %s; log-log slope %s)",
			  lat(gr.lo), lat(gr.hi), un(), lat(gr.first), lat(gr.last), un(),
			  f2(gr.slope));
	default:
		return sf("grows %s (%s to %s %s), %s (log-log slope %s: ×%.2f per doubling)",
			  fx(gr.ratio), lat(gr.first), lat(gr.last), un(),
			  rs_pace_words(gr.pace), f2(gr.slope), rs_per_doubling(gr.slope));
	}
}

static void json_growth(const char *key, const double *x, const double *y, size_t n)
{
	struct rs_growth gr = rs_growth(x, y, n);
	static const char *const trend[] = { "untold", "flat", "falls", "varies", "grows" };

	json_object(&P.j, key);
	json_str(&P.j, "trend", trend[gr.trend]);
	json_num(&P.j, "loglog_slope", gr.slope);
	json_num(&P.j, "last_over_first", gr.ratio);
	json_end(&P.j);
}

/* --- waiters ---------------------------------------------------------- */

#define MAX_SERIES 64
#define MAX_POINTS 64

struct series {
	char variant[64];
	int wake_all;		/* 0 or 1 */
	int colour;		/* the variant's, from 1 */
	size_t n;
	double waiters[MAX_POINTS], cost[MAX_POINTS], lat[MAX_POINTS];
	char woken[MAX_POINTS][32];
};

static struct series *find_series(struct series *s, size_t n, const char *v, int all)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s[i].variant, v) && s[i].wake_all == all)
			return &s[i];
	return NULL;
}

static void waiters_figure(FILE *o, struct series *s, size_t ns, const char *unit_label)
{
	/* The grey line: proportional to the waiters, through the cheapest point at the fewest waiters. */
	double mn = NAN, mc = NAN, mln = NAN, ml = NAN;
	char *colours = NULL, *alls = NULL, *variants = NULL, *vars, *dat;
	size_t lc = 0, la = 0, lv = 0, i, k;
	FILE *fc, *fa, *fv, *f;
	struct out out;
	int last_colour = 0;

	f = plot_data(&out, FIG_WAITERS);
	if (!f) {
		fprintf(o, "(No figure: its data could not be written.)\n");
		return;
	}
	fc = open_memstream(&colours, &lc);
	fa = open_memstream(&alls, &la);
	fv = open_memstream(&variants, &lv);
	for (i = 0; i < ns; i++) {
		fprintf(f, "%s# %s wake_all=%d\n", i ? "\n\n" : "", s[i].variant, s[i].wake_all);
		for (k = 0; k < s[i].n; k++) {
			double c = fig_value(s[i].cost[k]), l = fig_value(s[i].lat[k]);

			fprintf(f, "%g %.6g %.6g %s\n", s[i].waiters[k], c, l, s[i].woken[k]);
			if (isnan(mc) || s[i].waiters[k] < mn ||
			    (s[i].waiters[k] == mn && c < mc)) {
				mn = s[i].waiters[k];
				mc = c;
			}
			if (isnan(ml) || s[i].waiters[k] < mln ||
			    (s[i].waiters[k] == mln && l < ml)) {
				mln = s[i].waiters[k];
				ml = l;
			}
		}
		fprintf(fc, "%s%d", i ? " " : "", s[i].colour);
		fprintf(fa, "%s%d", i ? " " : "", s[i].wake_all);
		if (s[i].colour > last_colour) {
			fprintf(fv, "%s%s", last_colour ? " " : "", s[i].variant);
			last_colour = s[i].colour;
		}
	}
	fclose(fc);
	fclose(fa);
	fclose(fv);
	dat = xasprintf("%s/plot/%s.dat", P.dir, FIG_WAITERS);
	if (out_commit(&out, CMD)) {
		fprintf(o, "(No figure: its data could not be written.)\n");
	} else {
		char *q_dat = gp_quote_safe(dat), *q_origin = gp_quote_safe(P.origin);

		vars = xasprintf("data='%s'; n=%zu; colours='%s'; alls='%s'; variants='%s'; "
				 "cost_k=%.6g; cost_n=%.6g; lat_k=%.6g; lat_n=%.6g; "
				 "yfmt='%s'; unit='%s'; origin='%s'",
				 q_dat, ns, colours, alls, variants, mc, mn, ml, mln,
				 P.icount ? "%.0s%c" : "%g", unit_label, q_origin);
		figure(o, "perf-waiters.gp", FIG_WAITERS, 1200, 520, vars,
		       "Wake cost, latency p50 and waiters run per wake against the number of waiters, wake one (dashed, open circles) and wake all (solid, dots), per variant");
		free(vars);
		free(q_dat);
		free(q_origin);
	}
	free(dat);
	free(colours);
	free(alls);
	free(variants);
}

static void waiters_section(FILE *o)
{
	static struct series s[MAX_SERIES];
	const char *wdir = in_dir("waiters");
	double counts[MAX_SERIES * MAX_POINTS];
	size_t ns = 0, nc = 0, r, i, nv;
	int vc, ac, wc, woc, cc, lc, colours = 0;
	char **names;
	bool failed_any = false, loaded;
	struct csv c;

	fprintf(o, "## Scaling with the number of waiters\n\n");
	remove_figure(P.dir, FIG_WAITERS);
	loaded = !csv_load(&c, in_dir("waiters/scaling.csv"));
	if (!loaded || !c.rows) {
		if (loaded)
			csv_free(&c);
		fprintf(o, "Not measured (no waiters/scaling.csv: `bench/perf-run --waiter-variants a,b` measures it).\n\n");
		return;
	}
	vc = csv_col(&c, "variant");
	ac = csv_col(&c, "wake_all");
	wc = csv_col(&c, "waiters");
	woc = csv_col(&c, "woken_per_wake");
	cc = csv_col(&c, "wake_cost_p50_ns");
	lc = csv_col(&c, "p50_ns");
	for (r = 0; r < c.rows; r++) {
		const char *v = csv_cell(&c, r, vc);
		int all = !strcmp(csv_cell(&c, r, ac), "1");
		struct series *t = find_series(s, ns, v, all);
		double w;

		if (!t) {
			struct series *same = NULL;

			if (ns == MAX_SERIES)
				continue;
			for (i = 0; i < ns; i++)
				if (!strcmp(s[i].variant, v))
					same = &s[i];
			t = &s[ns++];
			memset(t, 0, sizeof(*t));
			snprintf(t->variant, sizeof(t->variant), "%s", v);
			t->wake_all = all;
			t->colour = same ? same->colour : ++colours;
		}
		if (t->n == MAX_POINTS)
			continue;
		w = NAN;
		csv_number(&c, r, wc, &w);
		t->waiters[t->n] = w;
		t->cost[t->n] = NAN;
		t->lat[t->n] = NAN;
		csv_number(&c, r, cc, &t->cost[t->n]);
		csv_number(&c, r, lc, &t->lat[t->n]);
		snprintf(t->woken[t->n], sizeof(t->woken[0]), "%s", csv_cell(&c, r, woc));
		t->n++;
		if (!isnan(w) && nc < MAX_SERIES * MAX_POINTS)
			counts[nc++] = w;
	}
	/* The waiter counts, each once, ascending. */
	rs_sort(counts, nc);
	fprintf(o, "In the main boot (%s CPUs), after the other phases, `bench/guest/scaling` loads each variant with ", P.cpus);
	for (i = 0; i < nc; i++)
		if (!i || counts[i] != counts[i - 1])
			fprintf(o, "%s%g", i ? ", " : "", counts[i]);
	fprintf(o, " waiting kthreads (no affinity), `iterations=%s` wakes `period_us=%s` apart, once with the API's wake-one call (`wake_all=0`) and once with its wake-all call (`wake_all=1`). Wake cost is the waker's time in the wake call (its p50, `wake_cost_p50_ns`); latency is the p50 of every woken waiter's wake-to-run latency (`p50_ns`). The data: `waiters/scaling.csv` in the run folder.\n\n",
		g(P.envp, "waiter_iterations"), g(P.envp, "waiter_period_us"));

	json_object(&P.j, "waiters");
	json_array(&P.j, "failed");
	names = glob_names(wdir, "", "", &nv);
	for (i = 0; i < nv; i++) {
		const char *st = sf("%s/%s/status", wdir, names[i]);
		char *status, *reason, *p;

		if (!is_file(st))
			continue;
		status = read_text(st);
		if (!status || !strcmp(status, "ok")) {
			free(status);
			continue;
		}
		/* The first two lines of the reason, on one line. */
		reason = read_text(sf("%s/%s/reason", wdir, names[i]));
		if (reason) {
			p = strchr(reason, '\n');
			if (p) {
				*p = ' ';
				p = strchr(p, '\n');
				if (p)
					*p = '\0';
			}
			for (p = reason + strlen(reason); p > reason && p[-1] == ' '; )
				*--p = '\0';
		}
		fprintf(o, "- `%s` failed: %s; its missing points are not in the figure.\n",
			names[i], reason && *reason ? reason : "no reason recorded");
		json_object(&P.j, NULL);
		json_str(&P.j, "variant", names[i]);
		json_str(&P.j, "status", status);
		json_str(&P.j, "reason", reason);
		json_end(&P.j);
		failed_any = true;
		free(status);
		free(reason);
	}
	json_end(&P.j);
	free_names(names, nv);
	if (failed_any)
		fprintf(o, "\n");
	waiters_figure(o, s, ns, P.icount ? "instructions, icount" : "µs, wall-clock");
	fprintf(o, "\n");

	/* One sentence per variant, in the order of the CSV. */
	json_array(&P.j, "variants");
	for (i = 0; i < ns; i++) {
		struct series *all, *one, *span;
		size_t k;
		bool seen = false;

		for (k = 0; k < i; k++)
			if (!strcmp(s[k].variant, s[i].variant))
				seen = true;
		if (seen)
			continue;
		all = find_series(s, ns, s[i].variant, 1);
		one = find_series(s, ns, s[i].variant, 0);
		span = all ? all : one;
		fprintf(o, "- `%s`: from %.0f to %.0f waiters the waker's cost of a wake-all %s; of a wake-one it %s.",
			s[i].variant, span->waiters[0], span->waiters[span->n - 1],
			all ? grow(all->waiters, all->cost, all->n) : grow(NULL, NULL, 0),
			one ? grow(one->waiters, one->cost, one->n) : grow(NULL, NULL, 0));
		fprintf(o, " The waiters' latency p50 %s with wake-all, and %s with wake-one.",
			all ? grow(all->waiters, all->lat, all->n) : grow(NULL, NULL, 0),
			one ? grow(one->waiters, one->lat, one->n) : grow(NULL, NULL, 0));
		if (one && str_num(one->woken[one->n - 1]) > 1)
			fprintf(o, " Its wake-one call woke %s waiters per wake at %.0f waiters.",
				one->woken[one->n - 1], one->waiters[one->n - 1]);
		fprintf(o, "\n");

		json_object(&P.j, NULL);
		json_str(&P.j, "variant", s[i].variant);
		for (k = 0; k < 2; k++) {
			struct series *t = k ? all : one;
			size_t q;

			if (!t)
				continue;
			json_object(&P.j, k ? "wake_all" : "wake_one");
			json_array(&P.j, "points");
			for (q = 0; q < t->n; q++) {
				json_object(&P.j, NULL);
				json_num(&P.j, "waiters", t->waiters[q]);
				json_auto(&P.j, "woken_per_wake", t->woken[q]);
				json_num(&P.j, "wake_cost_p50_ns", t->cost[q]);
				json_num(&P.j, "p50_ns", t->lat[q]);
				json_end(&P.j);
			}
			json_end(&P.j);
			json_growth("wake_cost", t->waiters, t->cost, t->n);
			json_growth("latency", t->waiters, t->lat, t->n);
			json_end(&P.j);
		}
		json_end(&P.j);
	}
	json_end(&P.j);
	json_end(&P.j);
	fprintf(o, "\n");
	csv_free(&c);
}

/* --- CPUs ------------------------------------------------------------- */

struct boot {
	double cpus, f50, fr, h50, hr, hc;
};

/* By CPU count; two boots of one count (the main boot's and an smpN one) by their figures. */
static int cmp_boot(const void *a, const void *b)
{
	const struct boot *x = a, *y = b;
	const double kx[] = { x->cpus, x->f50, x->fr, x->h50, x->hr },
		     ky[] = { y->cpus, y->f50, y->fr, y->h50, y->hr };
	size_t i;

	for (i = 0; i < sizeof(kx) / sizeof(kx[0]); i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

/* The median of KEY over the harness's unbound back-to-back runs kept in DIR (harness-unbound-rN), or NAN. */
static double runs_median(const char *dir, const char *key)
{
	double v[256];
	size_t n, i, k = 0;
	char **names = glob_names(dir, "harness-unbound-r", "", &n);

	for (i = 0; i < n && k < 256; i++) {
		const char *f = sf("%s/%s", dir, names[i]);
		double x;

		if (strchr(names[i], '.') || !is_file(f))	/* .err files, not runs */
			continue;
		x = strtod(g(f, key), NULL);
		if (*g(f, key))
			v[k++] = x;
	}
	free_names(names, n);
	return rs_median(v, k);
}

/* One boot's row, from BASE/b2b.csv and BASE/runs; false when it has no floor p50. */
static bool boot_of(const char *base, double cpus, struct boot *b)
{
	struct csv c;

	if (csv_load(&c, sf("%s/b2b.csv", base)))
		return false;
	b->cpus = cpus;
	b->f50 = stat_of(&c, "floor", "unbound", "p50_ns").median;
	b->fr = stat_of(&c, "floor", "unbound", "wakes_per_s").median;
	b->h50 = stat_of(&c, "harness", "unbound", "p50_ns").median;
	b->hr = stat_of(&c, "harness", "unbound", "wakes_per_s").median;
	b->hc = runs_median(sf("%s/runs", base), "wake_cost_p50_ns");
	csv_free(&c);
	return !isnan(b->f50);
}

static void cpus_figure(FILE *o, const struct boot *b, size_t n)
{
	const char *hc_s = g(P.env, "host_cpus");
	double cores = str_num(hc_s);
	char *xt = NULL, *vars, *dat, *q_dat, *q_origin;
	size_t lx = 0, i, k;
	struct out out;
	FILE *f, *fx;

	f = plot_data(&out, FIG_CPUS);
	if (!f) {
		fprintf(o, "(No figure: its data could not be written.)\n");
		return;
	}
	for (k = 0; k < 3; k++) {
		size_t pts = 0;

		fprintf(f, "%s# %s\n", k ? "\n\n" : "",
			k == 0 ? "harness wake cost" : k == 1 ? "harness latency" : "floor latency");
		for (i = 0; i < n; i++) {
			double v = k == 0 ? b[i].hc : k == 1 ? b[i].h50 : b[i].f50;

			if (isnan(v))	/* a run folder without the runs' stats */
				continue;
			fprintf(f, "%g %.6g\n", b[i].cpus, fig_value(v));
			pts++;
		}
		if (!pts)
			fprintf(f, "NaN NaN\n");
	}
	if (out_commit(&out, CMD)) {
		fprintf(o, "(No figure: its data could not be written.)\n");
		return;
	}
	fx = open_memstream(&xt, &lx);
	for (i = 0; i < n; i++)
		fprintf(fx, "%s%g", i ? ", " : "", b[i].cpus);
	fclose(fx);
	dat = xasprintf("%s/plot/%s.dat", P.dir, FIG_CPUS);
	q_dat = gp_quote_safe(dat);
	q_origin = gp_quote_safe(P.origin);
	/* On the wall clock, more vCPUs than the host has cores share them: the points past the line are oversubscribed. */
	vars = xasprintf("data='%s'; xtics='(%s)'; xlo=%g; xhi=%g; yfmt='%s'; ylab='%s'; origin='%s'; "
			 "icount=%d; cores=%g; over=%d",
			 q_dat, xt, b[0].cpus / 1.15, b[n - 1].cpus * 1.15,
			 P.icount ? "%.0s%c" : "%g",
			 P.icount ? "instructions, icount (p50, median over rounds)" :
			 "µs of wall-clock time (p50, median over rounds)",
			 q_origin, P.icount, isnan(cores) ? 0 : cores,
			 !P.icount && !isnan(cores) && cores == floor(cores) && *hc_s != '-' &&
			 b[n - 1].cpus > cores);
	figure(o, "perf-cpus.gp", FIG_CPUS, 760, 440, vars,
	       "Harness wake cost, harness and floor latency p50 against the guest's CPUs");
	free(vars);
	free(q_dat);
	free(q_origin);
	free(dat);
	free(xt);
}

static void cpus_section(FILE *o)
{
	struct boot b[64], *first, *last;
	double x[64], y[64], cx[64], cy[64];
	size_t n = 0, i, k = 0, nn;
	char **names;

	fprintf(o, "## Scaling with the guest's CPUs\n\n");
	remove_figure(P.dir, FIG_CPUS);
	if (boot_of(P.dir, str_num(P.cpus), &b[n]))
		n++;
	names = glob_names(P.dir, "smp", "", &nn);
	for (i = 0; i < nn && n < 64; i++)
		if (boot_of(in_dir(names[i]), str_num(names[i] + 3), &b[n]))
			n++;
	free_names(names, nn);
	if (n < 2) {
		fprintf(o, "Not measured: needs boots with other CPU counts (`bench/perf-run --scaling-smp \"1 4\"`).\n\n");
		return;
	}
	qsort(b, n, sizeof(b[0]), cmp_boot);
	fprintf(o, "Back to back, unbound, %s round(s), one boot per CPU count (%s). Medians over the rounds, in %s; the harness's wake cost is the waker's time in `wake_up()` (`wake_cost_p50_ns` of each run's stats).\n\n",
		P.rounds,
		P.icount ? "`-smp N`; under icount a guest with more than one CPU boots with maxcpus=1 and brings the others online, and QEMU runs its vCPUs in turn in one host thread, so the host's cores do not enter" :
		sf("`-smp N` on this host's %s cores", g(P.env, "host_cpus")), P.U);
	cpus_figure(o, b, n);
	fprintf(o, "\n| guest CPUs | floor p50 %s | floor wakes%s | harness p50 %s | harness wake cost p50 %s | harness wakes%s | harness/floor rate |\n",
		P.U, P.PER, P.U, P.U, P.PER);
	fprintf(o, "|---|---|---|---|---|---|---|\n");
	json_object(&P.j, "cpu_scaling");
	json_array(&P.j, "boots");
	for (i = 0; i < n; i++) {
		fprintf(o, "| %g | %s | %s | %s | %s | %s | %s |\n", b[i].cpus, lat(b[i].f50),
			rate(b[i].fr), lat(b[i].h50), lat(b[i].hc), rate(b[i].hr),
			x2(rs_ratio(b[i].hr, b[i].fr)));
		x[i] = b[i].cpus;
		if (!isnan(b[i].hc)) {
			cx[k] = b[i].cpus;
			cy[k++] = b[i].hc;
		}
		json_object(&P.j, NULL);
		json_num(&P.j, "cpus", b[i].cpus);
		json_num(&P.j, "floor_p50_ns", b[i].f50);
		json_num(&P.j, "floor_wakes_per_s", b[i].fr);
		json_num(&P.j, "harness_p50_ns", b[i].h50);
		json_num(&P.j, "harness_wake_cost_p50_ns", b[i].hc);
		json_num(&P.j, "harness_wakes_per_s", b[i].hr);
		json_end(&P.j);
	}
	json_end(&P.j);
	fprintf(o, "\nFrom %.0f to %.0f guest CPUs the harness's wake cost %s;",
		b[0].cpus, b[n - 1].cpus, k >= 2 ? grow(cx, cy, k) : "was not recorded");
	for (i = 0; i < n; i++)
		y[i] = b[i].h50;
	fprintf(o, " its latency %s;", grow(x, y, n));
	json_growth("harness_wake_cost", cx, cy, k);
	json_growth("harness_latency", x, y, n);
	for (i = 0; i < n; i++)
		y[i] = b[i].f50;
	fprintf(o, " the floor's latency %s.\n\n", grow(x, y, n));
	json_growth("floor_latency", x, y, n);
	first = &b[0];
	last = &b[n - 1];
	fprintf(o, "The floor's back-to-back rate %s %s (p50 %s to %s %s) and the harness's %s: ",
		rs_direction(first->fr, last->fr) < 0 ? "falls to" : "grows",
		x2(rs_ratio(last->fr, first->fr)), lat(first->f50), lat(last->f50), un(),
		x2(rs_ratio(last->hr, first->hr)));
	if (P.icount)
		fprintf(o, "under icount the vCPUs run in turn in one host thread, not side by side: guest time counts the instructions of every vCPU one after another, and a waiter woken onto another vCPU runs when QEMU's round-robin reaches that vCPU. The back-to-back table's same and cross rows give the two paths in the main boot.\n");
	else if (rs_direction(first->fr, last->fr) < 0)
		fprintf(o, "unbound, a wake that finds another CPU idle sends the waiter there, and every cross-CPU wake costs an IPI to a vCPU that TCG must first bring back from halt, with more vCPUs than host cores competing for time.\n");
	else
		fprintf(o, "more CPUs give the pair more room to run without the polling shell and the kernel's housekeeping in the way.\n");
	json_num(&P.j, "floor_rate_last_over_first", rs_ratio(last->fr, first->fr));
	json_num(&P.j, "harness_rate_last_over_first", rs_ratio(last->hr, first->hr));
	json_end(&P.j);
	fprintf(o, "\n");
}

/* --- the page --------------------------------------------------------- */

/* The notes of the run's clock from bench/perf-notes.md: a "<!-- clock: wall|icount|all -->" line starts the part for that clock. */
static void notes(FILE *o)
{
	const char *pd = plots_dir();
	char *line = NULL;
	size_t cap = 0;
	bool keep = true;
	FILE *f;

	f = pd ? fopen(sf("%s/../../perf-notes.md", pd), "r") : NULL;
	if (!f) {
		report_err(CMD, "cannot read bench/perf-notes.md");
		return;
	}
	while (getline(&line, &cap, f) >= 0) {
		char which[16];

		if (sscanf(line, "<!-- clock: %15[a-z] -->", which) == 1 &&
		    (!strcmp(which, "wall") || !strcmp(which, "icount") || !strcmp(which, "all")) &&
		    !strcmp(line, sf("<!-- clock: %s -->\n", which))) {
			keep = !strcmp(which, P.clock) || !strcmp(which, "all");
			continue;
		}
		if (keep)
			fputs(line, o);
	}
	free(line);
	fclose(f);
}

static void header(FILE *o, const char *run)
{
	char preempt[256], chosen[512];
	const char *el = g(P.env, "elapsed_s"), *accel = g(P.env, "accel");
	size_t l;

	fprintf(o, "# Performance\n\n");
	fprintf(o, "<!-- Generated by bench/bin/report perf from %s; do not edit: run `make bench-perf`. -->\n\n", run);
	fprintf(o, "Generated by `bench/bin/report perf` from the run `%s` (`make bench-perf`, that is `bench/perf-run --doc docs/performance.md`). Every measured figure below is read from that run's files; the published figures under \"What to expect on real hardware\" are quoted from their sources.\n",
		run);
	if (!strcmp(g(P.env, "quick"), "yes"))
		fprintf(o, "\n**This is a --quick run: a check of the machinery, with too few wakes for its figures to mean anything.**\n");
	snprintf(preempt, sizeof(preempt), "%s", g(P.envp, "preempt"));
	for (l = strlen(preempt); l && preempt[l - 1] == ' '; )
		preempt[--l] = '\0';
	fprintf(o, "\nMeasured in a QEMU guest (%s) booting %s (preemption models `%s`, the active one in parentheses), %s CPUs, on a host with %s cores (%s), %s. Host load average before the run: %s; after the guests: %s%s. Date: %s.",
		accel, g(P.envp, "kernel"), preempt, P.cpus, g(P.env, "host_cpus"),
		g(P.env, "host_cpu"), g(P.env, "qemu"), g(P.env, "host_loadavg_before"),
		g(P.env, "host_loadavg_after_guests"),
		P.icount ? " (under icount it bears on the host's own timings, the analyser's, not on the guest's figures)" : "",
		g(P.env, "date_utc"));
	if (*el)
		fprintf(o, " The run took %s s on the host, build, boots and analyses included.", el);
	fprintf(o, "\n\n");
	snprintf(chosen, sizeof(chosen), "%s", g(P.env, "clock_chosen_by"));
	if (P.icount) {
		fprintf(o, "**Clock: icount** (`vm/run --clock icount`, QEMU's `-icount shift=0,sleep=off`%s%s; CFS wakeup preemption %s). A guest nanosecond is one emulated instruction: every latency and cost on this page is a whole number of instructions, the length of a code path on this kernel and not a time on any hardware, and every rate is per second of guest time, that is per 10⁹ instructions (those of every vCPU, plus any time when all of them are idle, which icount passes at once up to the next timer). On one CPU these counts repeat from boot to boot ([docs/determinism.md](determinism.md)).\n",
			*chosen ? "; chosen by: " : "", chosen, g(P.envp, "wakeup_preemption"));
		if (P.ncpus > 1)
			fprintf(o, "This boot has %s vCPUs, which QEMU runs in turn in one host thread: guest time counts what every vCPU runs, and a wake across vCPUs waits for QEMU's round-robin to reach the woken one. The figures of runs not pinned to one CPU (cross, unbound, the fidelity traces, the waiters) are reported, not exact; pinned runs can still count what another vCPU ran meanwhile, which the rounds' ranges show.\n",
				P.cpus);
		fprintf(o, "The analyser's times and memory are the host's own, in real time. See \"What icount measures, and what it cannot\" below.\n");
	} else {
		fprintf(o, "**Clock: wall**%s%s%s. Latencies and costs are in µs of wall-clock time as the guest's clock saw it, rates per second%s.\n",
			*chosen ? " (chosen by: " : "", chosen, *chosen ? ")" : "",
			!strcmp(accel, "tcg") ? "; under TCG they carry the host's scheduling of the vCPU threads (see \"What emulation distorts\" below)" : "");
	}
	fprintf(o, "\n");
}

/* Copies FROM to TO (written whole); -1 with a message when it cannot. */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *f;
	struct out out;
	char buf[65536];
	size_t n;

	if (!in) {
		report_err(CMD, "cannot read %s: %s", from, strerror(errno));
		return -1;
	}
	f = out_open(&out, CMD, to);
	if (!f) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, f);
	fclose(in);
	return out_commit(&out, CMD);
}

/* The page beside DOC and the figures beside it; a figure this run did not draw is removed there. */
static int copy_doc(const char *md, const char *doc)
{
	static const char *const figs[] = { FIG_WAITERS, FIG_CPUS }, *const ext[] = { "png", "svg" };
	char *d = xasprintf("%s", doc), *slash = strrchr(d, '/');
	const char *ddir = slash ? (*slash = '\0', *d ? d : "/") : ".";
	size_t i, k;
	int rc = copy_file(md, doc);

	for (i = 0; i < 2 && !rc; i++)
		for (k = 0; k < 2; k++) {
			const char *src = sf("%s/%s.%s", P.dir, figs[i], ext[k]),
				   *dst = sf("%s/%s.%s", ddir, figs[i], ext[k]);

			if (is_file(src))
				rc |= copy_file(src, dst);
			else
				unlink(dst);
		}
	free(d);
	return rc;
}

static int usage(void)
{
	report_err(CMD, "usage: report perf DIR [--doc FILE]");
	return 2;
}

int cmd_perf(int argc, char **argv)
{
	const char *doc = NULL, *run, *slash;
	char *body = NULL, *md, *js;
	size_t blen = 0, i;
	struct out out, jout;
	FILE *o, *f, *jf;
	int a, rc = 0;

	if (argc < 2)
		return usage();
	P.dir = argv[1];
	for (a = 2; a < argc; a++) {
		if (!strcmp(argv[a], "--doc") && a + 1 < argc)
			doc = argv[++a];
		else
			return usage();
	}
	if (!is_dir(P.dir)) {
		report_err(CMD, "%s: no such folder", P.dir);
		return 2;
	}
	P.env = path_join(P.dir, "env");
	P.envp = path_join(P.dir, "env.perf");
	P.clock = run_clock(P.env);
	P.icount = clock_is_icount(P.clock);
	P.U = P.icount ? "instructions" : "µs";
	P.PER = P.icount ? " per 10⁹ instr." : "/s";
	snprintf(P.cpus, sizeof(P.cpus), "%s", g(P.envp, "cpus"));
	snprintf(P.rounds, sizeof(P.rounds), "%s", g(P.envp, "rounds"));
	snprintf(P.iterations, sizeof(P.iterations), "%s", g(P.envp, "iterations"));
	P.ncpus = *P.cpus ? strtol(P.cpus, NULL, 10) : 1;
	/* The figures' origin, as bench/plot gives it: kernel, accelerator, clock. */
	P.origin = xasprintf("kernel %s, %s, clock %s", g(P.envp, "kernel"), g(P.env, "accel"), P.clock);
	for (md = P.origin, js = P.origin; *md; md++)
		if (*md != '"')
			*js++ = *md;
	*js = '\0';
	P.have_b2b = !csv_load(&P.b2b, in_dir("b2b.csv"));
	{
		/* basename of DIR, trailing slashes aside */
		static char base[4096];
		size_t l;

		snprintf(base, sizeof(base), "%s", P.dir);
		for (l = strlen(base); l > 1 && base[l - 1] == '/'; )
			base[--l] = '\0';
		slash = strrchr(base, '/');
		run = slash && slash[1] ? slash + 1 : base;
	}

	md = path_join(P.dir, "perf.md");
	js = path_join(P.dir, "perf.json");
	f = out_open(&out, CMD, md);
	jf = f ? out_open(&jout, CMD, js) : NULL;
	if (!f || !jf) {
		if (f)
			out_abort(&out);
		return 2;
	}
	json_begin(&P.j, jf);
	json_str(&P.j, "schema", "waitcmp-perf/1");
	json_str(&P.j, "run", run);
	json_str(&P.j, "clock", P.clock);
	json_str(&P.j, "latency_unit", latency_unit(P.clock));
	json_auto(&P.j, "kernel", g(P.envp, "kernel"));
	json_auto(&P.j, "accel", g(P.env, "accel"));
	json_auto(&P.j, "cpus", P.cpus);
	json_auto(&P.j, "host_cpus", g(P.env, "host_cpus"));
	json_auto(&P.j, "rounds", P.rounds);
	json_auto(&P.j, "iterations", P.iterations);
	json_bool(&P.j, "quick", !strcmp(g(P.env, "quick"), "yes"));
	json_auto(&P.j, "elapsed_s", g(P.env, "elapsed_s"));

	o = open_memstream(&body, &blen);
	b2b_section(o);
	overhead_section(o);
	fidelity_section(o);
	peers_section(o);
	analyser_section(o);
	waiters_section(o);
	cpus_section(o);
	fclose(o);

	header(f, run);
	fprintf(f, "## Targets\n\n| target | measured | status |\n|---|---|---|\n");
	json_array(&P.j, "targets");
	for (i = 0; i < ntargets; i++) {
		fprintf(f, "| %s | %s | %s |\n", targets[i].what, targets[i].measured,
			targets[i].status);
		json_object(&P.j, NULL);
		json_str(&P.j, "target", targets[i].what);
		json_str(&P.j, "measured", targets[i].measured);
		json_str(&P.j, "status", targets[i].status);
		if (!strncmp(targets[i].status, "met", 3))
			json_bool(&P.j, "met", true);
		else if (!strncmp(targets[i].status, "missed", 6))
			json_bool(&P.j, "met", false);
		else
			json_str(&P.j, "met", NULL);
		json_end(&P.j);
	}
	json_finish(&P.j);
	/* The sections, their trailing blank lines as one. */
	while (blen && body[blen - 1] == '\n')
		body[--blen] = '\0';
	fprintf(f, "\n%s\n\n", body);
	free(body);
	notes(f);
	if (out_commit(&out, CMD) || out_commit(&jout, CMD))
		rc = 2;
	if (!rc && doc && copy_doc(md, doc))
		rc = 2;
	if (!rc)
		printf("report perf: %s%s%s\n", md, doc ? " and " : "", doc ? doc : "");
	free(md);
	free(js);
	if (P.have_b2b)
		csv_free(&P.b2b);
	return rc;
}
