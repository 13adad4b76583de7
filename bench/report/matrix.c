// SPDX-License-Identifier: GPL-2.0
/*
 * report matrix DIR: the behaviour matrix of a bench/guest/matrix run (bench/run
 * --mode matrix), from the files it left in every DIR/<variant>/:
 *   status      ok or failed;
 *   accounting  the accounting phase (bench/guest/lib.sh): state letter, the
 *               shares of the state samples in which procs_blocked and the
 *               runqueues' nr_uninterruptible were raised, the samples'
 *               count, iowait and blkio ticks, PSI io;
 *   stats       the module's stats: what the variant declares (expect_*),
 *               its family, wake-one, waiters and primitive; the latency
 *               (histogram) of runs from before the matrix traced;
 *   matrix      stop_ns (rmmod in the middle of a run), stop_untested
 *               (hangs or stops: the same with stop_test=0), hung_task,
 *               woken_from and woken_all_from (the waker contexts whose
 *               wakes all ran, wake-one and wake-all call; beside the
 *               stats' wake_from and wake_all_from, what the module allows);
 *   analysis    the latency from the run's trace (bench/bin/analyse), exact.
 * Writes DIR/matrix.csv and DIR/matrix.md (one row per variant, measured
 * beside declared, ordered by family then name), DIR/matrix.json and the
 * figure DIR/matrix.{png,svg} (plots/matrix.gp, from DIR/plot/matrix.dat).
 *
 * A measured yes/no comes from the share of samples, taken every 20 ms
 * while the pinned waiter sleeps, in which the count was raised:
 * procs_blocked for iowait, the runqueues' nr_uninterruptible for load.
 * At least half is yes, at most a tenth is no, between is "unclear".
 *
 * Exit status: 0 when every variant's measurement agrees with its
 * declaration; 1 when one differs, failed or has too few state samples
 * (or the figure could not be drawn); 2 on bad usage or a folder without
 * variants (nothing written).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "results.h"
#include "rstats.h"

#define CMD "matrix"

/* The shares of state samples that make a yes, and a no. */
#define YES_SHARE	0.5
#define NO_SHARE	0.1
/*
 * The fewest state samples a variant's yes/no columns may rest on (the
 * accounting phase takes about 50 a second, bench/bin/sampler).
 */
#define MIN_SAMPLES	20

#define VAL 256

/* The four behaviours, measured and declared. */
enum { B_STATE, B_IOWAIT, B_LOAD, B_HUNG, NB };

/* The waker contexts, as the module's waker_context names them. */
#define NCTX 4
static const char *const ctx_name[NCTX] = { "kthread", "hardirq", "irq_work", "workqueue" };
static const char *const behaviour[NB] = { "state", "iowait", "load", "hung_task" };

struct variant {
	char name[VAL], family[VAL], status[VAL];
	char measured[NB][VAL], declared[NB][VAL];
	/* Raw values, as the files give them. */
	char procs_blocked_share[VAL], blkio_ticks[VAL], psi_io_some_us[VAL],
	     uninterruptible_share[VAL], stop_ns[VAL], p50_ns[VAL], p99_ns[VAL];
	char stop_untested[VAL];	/* stop_test=0: hangs or stops */
	char woken_from[VAL];		/* waker contexts measured to work */
	char wake_from[VAL];		/* those the module allows here */
	char woken_all_from[VAL];	/* the same for the wake-all call */
	char wake_all_from[VAL];
	/* By waker context: p50 latency and wake cost of its 20 wakes. */
	char ctx_p50[NCTX][VAL], ctx_cost[NCTX][VAL];
	char samples[VAL];		/* state_sample_count */
	char iowait_share[32];		/* iowait_ticks / waited_ticks, "%.2f" */
	char disagree[VAL];		/* the words, space separated */
	bool agree;
	/* For the JSON only. */
	char source[16];		/* analysis or stats */
	char percentiles[VAL], latency_samples[VAL], interval_ms[VAL],
	     waited_ticks[VAL], iowait_ticks[VAL];
	char stat_family[VAL], wakes_one[VAL], max_waiters[VAL], primitive[VAL],
	     primitive_size[VAL], primitive_hashed[VAL];
	/* Its timeout: declared (none, jiffies, hrtimer), then firing it (matrix). */
	char timeout[VAL], timeout_fires[VAL], timeout_us[VAL], expiries[VAL],
	     expiry_early[VAL], expiry_ret[VAL], slept_min[VAL], slept_p50[VAL],
	     slept_max[VAL], hz[VAL];
	/* signals=1: declared (none, fatal, any), and what SIGUSR1 and SIGKILL did. */
	char signals[VAL], sig_usr1[VAL], sig_kill[VAL], sig_usr1_ret[VAL], sig_kill_ret[VAL];
	/* Four waiters: the waiter each wake-one call ran (fifo, lifo, mixed; all). */
	char wake_order[VAL], order_oldest[VAL], order_newest[VAL], order_other[VAL];
	/*
	 * Four waiters, wake_all=1, from the trace: declared (lifo, fifo,
	 * caller), measured (lifo, fifo, mixed, none, one, failed), the rounds
	 * counted and those in each order.
	 */
	char wake_all_declared[VAL], wake_all_order[VAL], wake_all_rounds[VAL],
	     wake_all_fifo[VAL], wake_all_lifo[VAL], wake_all_other[VAL];
	/*
	 * freezable=1 under a suspend's freezer: declared (freezes, refuses),
	 * measured (the same, failed, unsupported), the ps letter then, the
	 * suspend's outcome (ok, busy), the timer's samples.
	 */
	char freezer_declared[VAL], freezer[VAL], freezer_state[VAL], freezer_suspend[VAL],
	     freezer_samples[VAL], freezer_frozen[VAL], freezer_runnable[VAL], freezer_after[VAL],
	     freezer_timeout_ms[VAL], freezer_sample_us[VAL];
};

/* The value of KEY in DIR/FILE into buf, "" when there is none. */
static void get(const char *dir, const char *file, const char *key, char *buf)
{
	char *p = path_join(dir, file);

	if (!kv_get(p, key, buf, VAL))
		*buf = '\0';
	free(p);
}


static const char *yesno(const char *share)
{
	static const char *const word[] = { "unclear", "no", "yes" };

	return word[rs_share_verdict(str_num(share), YES_SHARE, NO_SHARE) + 1];
}

static const char *flag(const char *v)
{
	return strcmp(v, "1") ? "no" : "yes";
}

static void add_word(char *list, const char *word)
{
	size_t n = strlen(list);

	snprintf(list + n, VAL - n, "%s%s", n ? " " : "", word);
}

/* The first line of DIR/status into buf; false when there is no such file. */
static bool read_status(const char *dir, char *buf)
{
	char *p = path_join(dir, "status");
	FILE *f = fopen(p, "r");

	free(p);
	if (!f)
		return false;
	if (!fgets(buf, VAL, f))
		*buf = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
	return true;
}

/* DIR/NAME into v: false when it is not a variant's folder (no status). */
static bool read_variant(const char *run, const char *name, struct variant *v)
{
	char *d = path_join(run, name), buf[VAL], *end;
	const char *lat;
	struct stat st;
	bool r = false;
	double share;
	long n;
	int b;

	memset(v, 0, sizeof(*v));
	if (stat(d, &st) || !S_ISDIR(st.st_mode) || !read_status(d, v->status))
		goto out;
	r = true;
	snprintf(v->name, sizeof(v->name), "%s", name);

	get(d, "accounting", "state", v->measured[B_STATE]);
	get(d, "accounting", "procs_blocked_share", v->procs_blocked_share);
	get(d, "accounting", "uninterruptible_share", v->uninterruptible_share);
	snprintf(v->measured[B_IOWAIT], VAL, "%s", yesno(v->procs_blocked_share));
	snprintf(v->measured[B_LOAD], VAL, "%s", yesno(v->uninterruptible_share));
	get(d, "matrix", "hung_task", buf);
	snprintf(v->measured[B_HUNG], VAL, "%s", flag(buf));

	get(d, "stats", "expect_state", v->declared[B_STATE]);
	get(d, "stats", "expect_iowait", buf);
	snprintf(v->declared[B_IOWAIT], VAL, "%s", flag(buf));
	get(d, "stats", "expect_load", buf);
	snprintf(v->declared[B_LOAD], VAL, "%s", flag(buf));
	get(d, "stats", "expect_hung_task", buf);
	snprintf(v->declared[B_HUNG], VAL, "%s", flag(buf));

	for (b = 0; b < NB; b++)
		if (strcmp(v->measured[b], v->declared[b]))
			add_word(v->disagree, behaviour[b]);
	get(d, "matrix", "woken_from", v->woken_from);
	get(d, "stats", "wake_from", v->wake_from);
	if (strcmp(v->woken_from, v->wake_from))
		add_word(v->disagree, "woken_from");
	for (b = 0; b < NCTX; b++) {
		snprintf(buf, sizeof(buf), "ctx_p50_ns_%s", ctx_name[b]);
		get(d, "matrix", buf, v->ctx_p50[b]);
		snprintf(buf, sizeof(buf), "ctx_wake_cost_ns_%s", ctx_name[b]);
		get(d, "matrix", buf, v->ctx_cost[b]);
	}
	get(d, "matrix", "woken_all_from", v->woken_all_from);
	get(d, "stats", "wake_all_from", v->wake_all_from);
	if (strcmp(v->woken_all_from, v->wake_all_from))
		add_word(v->disagree, "woken_all_from");
	/*
	 * A declared timeout must fire under timeout_us, an hrtimer's never
	 * before its time; a wait without one must refuse timeout_us. A
	 * jiffies timeout counts ticks from the tick counter as last updated,
	 * which a CPU back from tickless idle may read behind the clock, so
	 * one may end early: reported, not a disagreement. Runs from before
	 * the matrix fired timeouts have no timeout_fires.
	 */
	get(d, "stats", "timeout", v->timeout);
	get(d, "stats", "hz", v->hz);
	get(d, "matrix", "timeout_fires", v->timeout_fires);
	get(d, "matrix", "timeout_us", v->timeout_us);
	get(d, "matrix", "timeout_expiries", v->expiries);
	get(d, "matrix", "timeout_expiry_early", v->expiry_early);
	get(d, "matrix", "timeout_expiry_ret", v->expiry_ret);
	get(d, "matrix", "timeout_expiry_slept_min_ns", v->slept_min);
	get(d, "matrix", "timeout_expiry_slept_p50_ns", v->slept_p50);
	get(d, "matrix", "timeout_expiry_slept_max_ns", v->slept_max);
	if (*v->timeout_fires &&
	    (strcmp(v->timeout_fires, strcmp(v->timeout, "none") ? "yes" : "refused") ||
	     (!strcmp(v->timeout, "hrtimer") && strcmp(v->expiry_early, "0"))))
		add_word(v->disagree, "timeout");
	/*
	 * Signals: any ends the wait on both, fatal on SIGKILL only, none on
	 * neither. Runs from before the matrix sent them have no signal_*.
	 */
	get(d, "stats", "expect_signals", v->signals);
	get(d, "matrix", "signal_usr1", v->sig_usr1);
	get(d, "matrix", "signal_kill", v->sig_kill);
	get(d, "matrix", "signal_usr1_ret", v->sig_usr1_ret);
	get(d, "matrix", "signal_kill_ret", v->sig_kill_ret);
	if (*v->sig_usr1 &&
	    (strcmp(v->sig_usr1, !strcmp(v->signals, "any") ? "ends" : "ignored") ||
	     strcmp(v->sig_kill, strcmp(v->signals, "none") ? "ends" : "ignored")))
		add_word(v->disagree, "signals");
	/*
	 * A wake-one call runs the waiter asleep longest: exclusive waiters
	 * and swait's join at the tail, the wake takes the head. Runs from
	 * before the matrix measured it have no wake_order.
	 */
	get(d, "stats", "wakes_one", v->wakes_one);
	get(d, "matrix", "wake_order", v->wake_order);
	get(d, "matrix", "wake_order_oldest", v->order_oldest);
	get(d, "matrix", "wake_order_newest", v->order_newest);
	get(d, "matrix", "wake_order_other", v->order_other);
	if (*v->wake_order &&
	    strcmp(v->wake_order, !strcmp(v->wakes_one, "1") ? "fifo" : "all"))
		add_word(v->disagree, "wake_order");
	/*
	 * Wake-all calls: the order of the queue the waiters joined (a wait
	 * queue's head, a FIFO's tail); a wake call that loops over the
	 * waiters itself (caller) and a variant with one waiter say nothing.
	 */
	get(d, "stats", "expect_wake_all_order", v->wake_all_declared);
	get(d, "matrix", "wake_all_order", v->wake_all_order);
	get(d, "matrix", "wake_all_order_rounds", v->wake_all_rounds);
	get(d, "matrix", "wake_all_order_fifo", v->wake_all_fifo);
	get(d, "matrix", "wake_all_order_lifo", v->wake_all_lifo);
	get(d, "matrix", "wake_all_order_other", v->wake_all_other);
	if (*v->wake_all_order && strcmp(v->wake_all_order, "one") &&
	    strcmp(v->wake_all_declared, "caller") &&
	    strcmp(v->wake_all_order, v->wake_all_declared))
		add_word(v->disagree, "wake_all_order");
	/*
	 * The freezer: a wait whose state carries TASK_FREEZABLE is frozen
	 * where it sleeps, any other refuses. "unsupported" (a kernel without
	 * pm_test or suspend to idle) and runs from before the matrix measured
	 * it say nothing of the variant.
	 */
	get(d, "stats", "expect_freezer", v->freezer_declared);
	get(d, "matrix", "freezer", v->freezer);
	get(d, "matrix", "freezer_state", v->freezer_state);
	get(d, "matrix", "freezer_suspend", v->freezer_suspend);
	get(d, "matrix", "freezer_freeze_samples", v->freezer_samples);
	get(d, "matrix", "freezer_freeze_frozen", v->freezer_frozen);
	get(d, "matrix", "freezer_freeze_runnable", v->freezer_runnable);
	get(d, "matrix", "freezer_freeze_after_wait", v->freezer_after);
	get(d, "matrix", "freezer_timeout_ms", v->freezer_timeout_ms);
	get(d, "matrix", "freezer_freeze_sample_us", v->freezer_sample_us);
	if (!strcmp(v->freezer, "unsupported"))
		*v->freezer = '\0';
	if (*v->freezer && strcmp(v->freezer, v->freezer_declared))
		add_word(v->disagree, "freezer");
	if (strcmp(v->status, "ok"))
		add_word(v->disagree, "failed");
	/*
	 * A yes or no needs samples to stand on: the state, iowait and load
	 * columns are shares of them. Runs from before the count was
	 * recorded pass.
	 */
	get(d, "accounting", "state_sample_count", v->samples);
	if (*v->samples) {
		errno = 0;
		n = strtol(v->samples, &end, 10);
		if (errno || *end || end == v->samples || n < MIN_SAMPLES) {
			snprintf(buf, sizeof(buf), "samples(%.200s<%d)", v->samples, MIN_SAMPLES);
			add_word(v->disagree, buf);
		}
	}
	v->agree = !*v->disagree;

	get(d, "accounting", "waited_ticks", v->waited_ticks);
	get(d, "accounting", "iowait_ticks", v->iowait_ticks);
	get(d, "accounting", "state_sample_interval_ms", v->interval_ms);
	get(d, "accounting", "blkio_ticks", v->blkio_ticks);
	get(d, "accounting", "psi_io_some_us", v->psi_io_some_us);
	share = rs_ratio(str_num(v->iowait_ticks), str_num(v->waited_ticks));
	if (!isnan(share))
		snprintf(v->iowait_share, sizeof(v->iowait_share), "%.2f", share);
	get(d, "matrix", "stop_ns", v->stop_ns);
	get(d, "matrix", "stop_untested", v->stop_untested);

	/*
	 * The latency: exact from the trace's analysis; runs from before the
	 * matrix traced have the module's histogram (stats) only.
	 */
	lat = is_file_in(d, "analysis") ? "analysis" : "stats";
	snprintf(v->source, sizeof(v->source), "%s", lat);
	get(d, lat, "p50_ns", v->p50_ns);
	get(d, lat, "p99_ns", v->p99_ns);
	get(d, lat, "samples", v->latency_samples);
	if (strcmp(lat, "analysis"))
		snprintf(v->percentiles, VAL, "histogram");
	else
		get(d, lat, "percentiles", v->percentiles);

	get(d, "stats", "family", v->stat_family);
	snprintf(v->family, sizeof(v->family), "%s",
		 *v->stat_family ? v->stat_family : "not recorded");
	get(d, "stats", "wakes_one", v->wakes_one);
	get(d, "stats", "max_waiters", v->max_waiters);
	get(d, "stats", "primitive", v->primitive);
	get(d, "stats", "primitive_size", v->primitive_size);
	get(d, "stats", "primitive_hashed", v->primitive_hashed);
out:
	free(d);
	return r;
}

/* Ordered by family, then name, so the table reads family by family. */
static int by_family(const void *a, const void *b)
{
	const struct variant *x = a, *y = b;
	int c = strcmp(x->family, y->family);

	return c ? c : strcmp(x->name, y->name);
}

/* What the outputs are made from. */
struct matrix {
	const char *run;
	struct variant *vs;
	size_t n, bad;		/* variants, and those that differ */
	bool icount;		/* the run's clock */
};

static void write_csv(FILE *f, const struct matrix *m)
{
	const struct variant *vs = m->vs;
	size_t i, n = m->n;

	fputs("variant,family,status,state,expect_state,iowait,expect_iowait,load,expect_load,hung_task,expect_hung_task,iowait_share,procs_blocked_share,blkio_ticks,psi_io_some_us,uninterruptible_share,stop_ns,without_stop_test,woken_from,wake_from,woken_all_from,wake_all_from,p50_ns,p99_ns,timeout,timeout_fires,timeout_us,timeout_expiries,timeout_early,timeout_ret,timeout_slept_p50_ns,signals,signal_usr1,signal_usr1_ret,signal_kill,signal_kill_ret,wake_order,freezer,expect_freezer,freezer_state,wake_all_order,expect_wake_all_order,agree,disagree\n",
	      f);
	for (i = 0; i < n; i++) {
		const struct variant *v = &vs[i];

		fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
			v->name, v->family, v->status,
			v->measured[B_STATE], v->declared[B_STATE],
			v->measured[B_IOWAIT], v->declared[B_IOWAIT],
			v->measured[B_LOAD], v->declared[B_LOAD],
			v->measured[B_HUNG], v->declared[B_HUNG],
			v->iowait_share, v->procs_blocked_share, v->blkio_ticks,
			v->psi_io_some_us, v->uninterruptible_share, v->stop_ns,
			v->stop_untested, v->woken_from, v->wake_from, v->woken_all_from,
			v->wake_all_from, v->p50_ns, v->p99_ns, v->timeout,
			v->timeout_fires, v->timeout_us, v->expiries, v->expiry_early,
			v->expiry_ret, v->slept_p50, v->signals, v->sig_usr1, v->sig_usr1_ret,
			v->sig_kill, v->sig_kill_ret, v->wake_order, v->freezer,
			v->freezer_declared, v->freezer_state, v->wake_all_order,
			v->wake_all_declared, v->agree ? "yes" : "no",
			v->disagree);
	}
}

/* The waker contexts of a woken_from list: "all four", or the list. */
static const char *contexts(char *buf, size_t len, const char *list)
{
	size_t i;

	if (!*list)
		return REPORT_MISSING;
	if (!strcmp(list, "kthread hardirq irq_work workqueue"))
		return "all four";
	snprintf(buf, len, "%s", list);
	for (i = 0; buf[i]; i++)
		if (buf[i] == ' ')
			buf[i] = '/';
	return buf;
}

/* NS nanoseconds in µs, one decimal; REPORT_MISSING when not a number. */
static const char *us(char *buf, size_t len, const char *ns)
{
	return fmt_num(buf, len, str_num(ns) / 1000, 1);
}

/* A latency: under icount the count of instructions as it is, else µs. */
static const char *lat(char *buf, size_t len, const char *ns, bool icount)
{
	if (!icount)
		return us(buf, len, ns);
	snprintf(buf, len, "%s", *ns ? ns : REPORT_MISSING);
	return buf;
}

/* The p50 latency and wake cost by waker context, when the run has them. */
static void write_md_contexts(FILE *f, const struct matrix *m)
{
	const char *unit = m->icount ? "instructions, icount" : "µs, wall-clock";
	char a[64], b[64];
	size_t i;
	int c, any = 0;

	for (i = 0; i < m->n; i++)
		for (c = 0; c < NCTX; c++)
			any |= *m->vs[i].ctx_p50[c] != '\0';
	if (!any)
		return;
	fprintf(f, "\nBy waker context (`waker_context`), the wake-one call: p50 wake latency / p50 wake cost (%s; the module's histogram, the middle of a bucket within 1.6 %%; 20 wakes half a millisecond apart, one waiter); - where the context was refused.\n\n",
		unit);
	fputs("| variant |", f);
	for (c = 0; c < NCTX; c++)
		fprintf(f, " %s |", ctx_name[c]);
	fputs("\n|---|---:|---:|---:|---:|\n", f);
	for (i = 0; i < m->n; i++) {
		const struct variant *v = &m->vs[i];

		fprintf(f, "| %s |", v->name);
		for (c = 0; c < NCTX; c++) {
			if (!*v->ctx_p50[c])
				fputs(" - |", f);
			else
				fprintf(f, " %s / %s |", lat(a, sizeof(a), v->ctx_p50[c], m->icount),
					lat(b, sizeof(b), v->ctx_cost[c], m->icount));
		}
		fputc('\n', f);
	}
}

/* The bytes an API adds: its primitive's size, or 0 on a hashed queue (the word's size beside). */
static const char *bytes_cell(char *buf, size_t len, const struct variant *v)
{
	if (!*v->primitive_size)
		snprintf(buf, len, "%s", REPORT_MISSING);
	else if (!strcmp(v->primitive_hashed, "1"))
		snprintf(buf, len, "0 (hashed queue; the word: %s)", v->primitive_size);
	else
		snprintf(buf, len, "%s", v->primitive_size);
	return buf;
}

/* Whom a wake runs: all waiters, or one, with the order measured with four. */
static const char *wakes_cell(char *buf, size_t len, const struct variant *v)
{
	if (!*v->wakes_one)
		snprintf(buf, len, "%s", REPORT_MISSING);
	else if (strcmp(v->wakes_one, "1"))
		snprintf(buf, len, "all waiters");
	else if (!strcmp(v->wake_order, "fifo"))
		snprintf(buf, len, "one, the longest asleep (all %s)", v->order_oldest);
	else if (*v->wake_order)
		snprintf(buf, len, "one: %s (oldest %s, newest %s, other %s)", v->wake_order,
			 v->order_oldest, v->order_newest, v->order_other);
	else
		snprintf(buf, len, "one");
	return buf;
}

/*
 * The wake-all order cell: measured, its rounds, declared: "lifo (19 of
 * 19 rounds; declared lifo)"; "one waiter"; - when not measured.
 */
static const char *wake_all_cell(char *buf, size_t len, const struct variant *v)
{
	const char *n = !strcmp(v->wake_all_order, "fifo") ? v->wake_all_fifo :
			!strcmp(v->wake_all_order, "lifo") ? v->wake_all_lifo : NULL;

	if (!*v->wake_all_order)
		snprintf(buf, len, "%s", REPORT_MISSING);
	else if (!strcmp(v->wake_all_order, "one"))
		snprintf(buf, len, "one waiter");
	else if (n)
		snprintf(buf, len, "%s (%s of %s rounds; declared %s)", v->wake_all_order, n,
			 v->wake_all_rounds, v->wake_all_declared);
	else
		snprintf(buf, len, "%s (fifo %s, lifo %s, other %s of %s rounds; declared %s)",
			 v->wake_all_order, v->wake_all_fifo, v->wake_all_lifo,
			 v->wake_all_other, v->wake_all_rounds, v->wake_all_declared);
	return buf;
}

/* What a signal did: "ends (RET)", "ignored", or - when it was not sent. */
static const char *signal_cell(char *buf, size_t len, const char *what, const char *ret)
{
	if (!*what)
		snprintf(buf, len, "%s", REPORT_MISSING);
	else if (!strcmp(what, "ends"))
		snprintf(buf, len, "ends (%s)", ret);
	else
		snprintf(buf, len, "%s", what);
	return buf;
}

/*
 * What each variant's module says it is, as built for the kernel that ran
 * it (its stats): the C type waiter and waker share and its size, whether
 * a wake runs one waiter, the most waiters it takes, its timeout.
 */
static void write_md_properties(FILE *f, const struct matrix *m)
{
	char a[2 * VAL], b[2 * VAL], c[2 * VAL], d[5 * VAL], e[8 * VAL];
	size_t i;

	fputs("\nWhat each module says it is, built for this kernel (its stats): the type waiter and waker share, with `sizeof` in bytes (what the API adds to the structure that holds it; 0 for a wait on a hashed, system-wide queue keyed by the word's address: `bit_wait_table`), whether a wake runs one waiter, the most waiters it takes, and its timeout. The wake-all order: four waiters, `wake_all=1`, 20 wakes, read from the trace: the order of each call's `sched_waking` against the order the waiters had gone to sleep in (after their last `sched_switch`): lifo, the newest sleeper first (a wait queue's non-exclusive waiters join at its head); fifo, the oldest first (exclusive waiters, swait's and a completion's join at the tail); declared \"caller\" when the wake call loops over the waiters itself (`wake_up_process()`), which is not compared. Then signals (`signals=1`: the waiter allows them; SIGUSR1, then SIGKILL, each in a wait of its own, to the thread's own pending set): \"ends\" with the wait's return value when the signal ended the wait before its wake, \"ignored\" when the wait slept on to its wake; declared: any, fatal (SIGKILL only) or none.\n\n"
	      "| variant | primitive | bytes | a wake runs | wake-all order | most waiters | timeout | signals declared | SIGUSR1 | SIGKILL |\n"
	      "|---|---|---:|---|---|---:|---|---|---|---|\n", f);
	for (i = 0; i < m->n; i++) {
		const struct variant *v = &m->vs[i];

		fprintf(f, "| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", v->name,
			*v->primitive ? v->primitive : REPORT_MISSING,
			bytes_cell(c, sizeof(c), v),
			wakes_cell(d, sizeof(d), v),
			wake_all_cell(e, sizeof(e), v),
			*v->max_waiters ? v->max_waiters : REPORT_MISSING,
			*v->timeout ? v->timeout : REPORT_MISSING,
			*v->signals ? v->signals : REPORT_MISSING,
			signal_cell(a, sizeof(a), v->sig_usr1, v->sig_usr1_ret),
			signal_cell(b, sizeof(b), v->sig_kill, v->sig_kill_ret));
	}
}

/*
 * The waits with a timeout, fired: timeout_us under a waker's period ten
 * times as long. How long the expired waits slept, in the latency's unit,
 * against the time asked for.
 */
static void write_md_timeouts(FILE *f, const struct matrix *m)
{
	const char *unit = m->icount ? "instructions, icount" : "µs, wall-clock";
	char a[VAL], b[VAL], c[VAL], d[VAL], asked[64] = "", hz[80] = "";
	size_t i, with = 0, refused = 0, without = 0;

	for (i = 0; i < m->n; i++) {
		const struct variant *v = &m->vs[i];

		if (!*v->timeout_fires)
			continue;
		if (strcmp(v->timeout, "none")) {
			with++;
			if (!*asked && *v->timeout_us)
				snprintf(asked, sizeof(asked), "%.0f",
					 str_num(v->timeout_us) * 1000);
			if (!*hz && *v->hz)
				snprintf(hz, sizeof(hz), " at HZ=%.0f", str_num(v->hz));
		} else {
			without++;
			refused += !strcmp(v->timeout_fires, "refused");
		}
	}
	if (!with && !without)
		return;
	fprintf(f, "\nTimeouts that fire (`timeout_us`, under a waker's period ten times as long, 5 wakes): how long a wait slept when its timeout expired, against the time asked for (%s), in %s; a jiffies timeout is rounded up to whole ticks%s and counted from the tick counter, and the timer wheel rounds its expiry up to the next tick (calc_index() in kernel/time/timer.c); an hrtimer expires at its time or after. \"shorter\" counts the expiries that came before the time asked for: never an hrtimer's (a disagreement), a jiffies timeout's when the counter lagged the clock as it was armed (a CPU back from tickless idle). \"returned\" is the API's return value at an expiry.\n\n",
		*asked ? lat(d, sizeof(d), asked, m->icount) : REPORT_MISSING, unit, hz);
	fputs("| variant | timeout | fired | expiries | slept p50 | min | max | shorter than asked | returned |\n"
	      "|---|---|---|---:|---:|---:|---:|---:|---:|\n", f);
	for (i = 0; i < m->n; i++) {
		const struct variant *v = &m->vs[i];

		if (!*v->timeout_fires || !strcmp(v->timeout, "none"))
			continue;
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v->name, v->timeout,
			v->timeout_fires, *v->expiries ? v->expiries : REPORT_MISSING,
			lat(a, sizeof(a), v->slept_p50, m->icount),
			lat(b, sizeof(b), v->slept_min, m->icount),
			lat(c, sizeof(c), v->slept_max, m->icount),
			*v->expiry_early ? v->expiry_early : REPORT_MISSING,
			*v->expiry_ret ? v->expiry_ret : REPORT_MISSING);
	}
	fprintf(f, "\nThe %zu waits without a timeout: %zu refused `timeout_us` at insmod, as they must.\n",
		without, refused);
}

/*
 * freezable=1, every variant at once, under a suspend to idle at
 * pm_test=freezer: frozen where it sleeps, or refusing the freezer.
 */
static void write_md_freezer(FILE *f, const struct matrix *m)
{
	const char *timeout = REPORT_MISSING, *sample = REPORT_MISSING;
	size_t i, measured = 0;

	for (i = 0; i < m->n; i++) {
		const struct variant *v = &m->vs[i];

		if (!*v->freezer)
			continue;
		measured++;
		if (*v->freezer_timeout_ms)
			timeout = v->freezer_timeout_ms;
		if (*v->freezer_sample_us)
			sample = v->freezer_sample_us;
	}
	if (!measured)
		return;
	fprintf(f, "\nThe freezer (`freezable=1`: the waiters are freezable kthreads, `set_freezable()`, with `try_to_freeze()` between waits; every variant loaded at once, then a suspend to idle at `/sys/power/pm_test=freezer`, `pm_freeze_timeout` %s ms, and a second suspend with the variants the first did not name). \"freezes\": the freezer froze the waiter where it sleeps, in the wait (a state with `TASK_FREEZABLE`: `__set_task_frozen()` in kernel/freezer.c), and the suspend went through. \"refuses\": the freezer's wake (`wake_up_state(p, TASK_NORMAL)` for a kthread) found the condition false and the wait slept again; the kernel named the waiter (\"tasks refusing to freeze\") and the suspend failed with EBUSY. \"ps\" is the waiter's state letter then, sampled by the module every %s microseconds of the guest's clock (the samples: frozen, runnable, in all): a frozen task shows as D (`__task_state_index()`); a refuser shows its wait's letter while it sleeps, and R for a while after each of the freezer's wakes. The waker holds its wakes while a suspend is under way, so no wake lets a waiter reach `try_to_freeze()`.\n\n", timeout, sample);
	fputs("| variant | declared | measured | ps | suspend | samples: frozen, runnable, in all |\n"
	      "|---|---|---|---|---|---:|\n", f);
	for (i = 0; i < m->n; i++) {
		const struct variant *v = &m->vs[i];

		if (!*v->freezer)
			continue;
		fprintf(f, "| %s | %s | %s | %s | %s | %s, %s, %s |\n", v->name,
			*v->freezer_declared ? v->freezer_declared : REPORT_MISSING,
			v->freezer, *v->freezer_state ? v->freezer_state : REPORT_MISSING,
			!strcmp(v->freezer_suspend, "busy") ? "fails (EBUSY)" :
			!strcmp(v->freezer_suspend, "ok") ? "goes through" : REPORT_MISSING,
			*v->freezer_frozen ? v->freezer_frozen : REPORT_MISSING,
			*v->freezer_runnable ? v->freezer_runnable : REPORT_MISSING,
			*v->freezer_samples ? v->freezer_samples : REPORT_MISSING);
	}
}

static void write_md(FILE *f, const struct matrix *m)
{
	const struct variant *vs = m->vs;
	size_t n = m->n;
	bool icount = m->icount;
	/* The latency columns' unit: instructions under icount, exact (the analysis of the run's trace); else µs of wall-clock time. */
	const char *unit = icount ? "instructions, icount" : "µs, wall-clock";
	char a[64], b[64], c[64], d[64], e[VAL], g[VAL];
	size_t i;

	fprintf(f, "| variant | family | ps state | iowait (procs_blocked, iowait share) | delayacct blkio ticks | PSI io some (ms) | load average | hung task | stop (%s) | without the stop test | woken from (wake one) | woken from (wake all) | p50 (%s) | p99 (%s) | declared = measured |\n",
		unit, unit, unit);
	fputs("|---|---|---|---|---:|---:|---|---|---:|---|---|---|---:|---:|---|\n", f);
	for (i = 0; i < n; i++) {
		const struct variant *v = &vs[i];

		fprintf(f, "| [%s](../variants/%s.c) | %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | ",
			v->name, v->name, v->family, v->measured[B_STATE],
			v->measured[B_IOWAIT], v->iowait_share,
			*v->blkio_ticks ? v->blkio_ticks : REPORT_MISSING,
			us(a, sizeof(a), v->psi_io_some_us), v->measured[B_LOAD],
			v->measured[B_HUNG], lat(b, sizeof(b), v->stop_ns, icount),
			*v->stop_untested ? v->stop_untested : REPORT_MISSING,
			contexts(e, sizeof(e), v->woken_from),
			contexts(g, sizeof(g), v->woken_all_from),
			lat(c, sizeof(c), v->p50_ns, icount),
			lat(d, sizeof(d), v->p99_ns, icount));
		if (v->agree)
			fputs("yes |\n", f);
		else
			fprintf(f, "**no: %s** |\n", v->disagree);
	}
	write_md_properties(f, m);
	write_md_contexts(f, m);
	write_md_timeouts(f, m);
	write_md_freezer(f, m);
}

/* A JSON number from a file's value: null when it is missing or not a number. */
static void jnum(struct json *j, const char *key, const char *s)
{
	json_num(j, key, str_num(s));
}

/* A JSON string, null when empty. */
static void jstr(struct json *j, const char *key, const char *s)
{
	json_str(j, key, *s ? s : NULL);
}

static void write_json(FILE *f, const struct matrix *m)
{
	const struct variant *vs = m->vs;
	const char *run = m->run;
	size_t n = m->n, bad = m->bad;
	char *env = path_join(run, "env"), *base = xasprintf("%s", run), buf[VAL];
	const char *clock = run_clock(env);
	struct json j;
	size_t i;
	int b;

	json_begin(&j, f);
	json_str(&j, "schema", "waitcmp-matrix/1");
	json_str(&j, "run", basename(base));
	if (!kv_get(env, "kernel", buf, sizeof(buf)))
		*buf = '\0';
	jstr(&j, "kernel", buf);
	if (!kv_get(env, "kernel_version", buf, sizeof(buf)))
		*buf = '\0';
	jstr(&j, "kernel_version", buf);
	if (!kv_get(env, "preempt", buf, sizeof(buf)))
		*buf = '\0';
	jstr(&j, "preempt", buf);
	if (!kv_get(env, "date_utc", buf, sizeof(buf)))
		*buf = '\0';
	jstr(&j, "date_utc", buf);
	json_str(&j, "clock", clock);
	json_str(&j, "latency_unit", latency_unit(clock));
	json_num(&j, "yes_share_min", YES_SHARE);
	json_num(&j, "no_share_max", NO_SHARE);
	json_num(&j, "min_state_samples", MIN_SAMPLES);
	json_num(&j, "variant_count", (double)n);
	json_num(&j, "differing_count", (double)bad);
	json_array(&j, "variants");
	for (i = 0; i < n; i++) {
		const struct variant *v = &vs[i];
		char words[VAL], *w, *save;

		json_object(&j, NULL);
		json_str(&j, "variant", v->name);
		jstr(&j, "family", v->stat_family);
		if (*v->wakes_one)
			json_bool(&j, "wakes_one", !strcmp(v->wakes_one, "1"));
		else
			json_str(&j, "wakes_one", NULL);
		jnum(&j, "max_waiters", v->max_waiters);
		jstr(&j, "primitive", v->primitive);
		jnum(&j, "primitive_size_bytes", v->primitive_size);
		if (*v->primitive_hashed)
			json_bool(&j, "primitive_hashed", !strcmp(v->primitive_hashed, "1"));
		else
			json_str(&j, "primitive_hashed", NULL);
		jstr(&j, "timeout", v->timeout);
		jstr(&j, "wake_order", v->wake_order);
		if (*v->wake_all_order) {
			json_object(&j, "wake_all_order");
			jstr(&j, "declared", v->wake_all_declared);
			jstr(&j, "measured", v->wake_all_order);
			jnum(&j, "rounds", v->wake_all_rounds);
			jnum(&j, "fifo", v->wake_all_fifo);
			jnum(&j, "lifo", v->wake_all_lifo);
			jnum(&j, "other", v->wake_all_other);
			json_end(&j);
		}
		json_object(&j, "signals");
		jstr(&j, "declared", v->signals);
		jstr(&j, "usr1", v->sig_usr1);
		jnum(&j, "usr1_ret", v->sig_usr1_ret);
		jstr(&j, "kill", v->sig_kill);
		jnum(&j, "kill_ret", v->sig_kill_ret);
		json_end(&j);
		if (*v->freezer) {
			json_object(&j, "freezer");
			jstr(&j, "declared", v->freezer_declared);
			jstr(&j, "measured", v->freezer);
			jstr(&j, "state", v->freezer_state);
			jstr(&j, "suspend", v->freezer_suspend);
			jnum(&j, "samples", v->freezer_samples);
			jnum(&j, "frozen_samples", v->freezer_frozen);
			jnum(&j, "runnable_samples", v->freezer_runnable);
			jnum(&j, "frozen_after_wait", v->freezer_after);
			json_end(&j);
		}
		if (*v->timeout_fires) {
			json_object(&j, "timeout_fired");
			jstr(&j, "fired", v->timeout_fires);
			jnum(&j, "timeout_us", v->timeout_us);
			jnum(&j, "expiries", v->expiries);
			jnum(&j, "shorter_than_asked", v->expiry_early);
			jnum(&j, "returned", v->expiry_ret);
			jnum(&j, "slept_min_ns", v->slept_min);
			jnum(&j, "slept_p50_ns", v->slept_p50);
			jnum(&j, "slept_max_ns", v->slept_max);
			json_end(&j);
		}
		json_str(&j, "status", v->status);
		json_bool(&j, "agree", v->agree);
		json_array(&j, "disagree");
		snprintf(words, sizeof(words), "%s", v->disagree);
		for (w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
			json_str(&j, NULL, w);
		json_end(&j);
		json_object(&j, "measured");
		for (b = 0; b < NB; b++)
			jstr(&j, behaviour[b], v->measured[b]);
		json_end(&j);
		json_object(&j, "declared");
		for (b = 0; b < NB; b++)
			jstr(&j, behaviour[b], v->declared[b]);
		json_end(&j);
		jnum(&j, "state_sample_count", v->samples);
		jnum(&j, "state_sample_interval_ms", v->interval_ms);
		jnum(&j, "procs_blocked_share", v->procs_blocked_share);
		jnum(&j, "uninterruptible_share", v->uninterruptible_share);
		jnum(&j, "waited_ticks", v->waited_ticks);
		jnum(&j, "iowait_ticks", v->iowait_ticks);
		json_num(&j, "iowait_share", rs_ratio(str_num(v->iowait_ticks), str_num(v->waited_ticks)));
		jnum(&j, "blkio_ticks", v->blkio_ticks);
		jnum(&j, "psi_io_some_us", v->psi_io_some_us);
		jnum(&j, "stop_ns", v->stop_ns);
		jstr(&j, "without_stop_test", v->stop_untested);
		jstr(&j, "woken_from", v->woken_from);
		jstr(&j, "wake_from", v->wake_from);
		jstr(&j, "woken_all_from", v->woken_all_from);
		jstr(&j, "wake_all_from", v->wake_all_from);
		json_object(&j, "by_waker_context");
		for (b = 0; b < NCTX; b++) {
			if (!*v->ctx_p50[b])
				continue;
			json_object(&j, ctx_name[b]);
			jnum(&j, "p50_ns", v->ctx_p50[b]);
			jnum(&j, "wake_cost_p50_ns", v->ctx_cost[b]);
			json_end(&j);
		}
		json_end(&j);
		json_str(&j, "latency_from", v->source);
		jstr(&j, "latency_percentiles", v->percentiles);
		jnum(&j, "latency_samples", v->latency_samples);
		jnum(&j, "p50_ns", v->p50_ns);
		jnum(&j, "p99_ns", v->p99_ns);
		json_end(&j);
	}
	json_finish(&j);
	free(env);
	free(base);
}

/*
 * The figure's data: one line per cell, column (ps state, iowait, load,
 * hung task), row, value (0 no, 1 D or yes, 2 differs from the
 * declaration), variant, and the cell's label in quotes.
 */
static void write_fig(FILE *f, const struct matrix *m)
{
	const struct variant *vs = m->vs;
	size_t n = m->n;
	size_t i;
	int b;

	for (i = 0; i < n; i++) {
		const struct variant *v = &vs[i];

		for (b = 0; b < NB; b++) {
			const char *got = v->measured[b], *want = v->declared[b];
			bool differs = strcmp(got, want);
			int val = differs ? 2 : !strcmp(got, b == B_STATE ? "D" : "yes");

			if (differs && b != B_STATE)
				fprintf(f, "%d %zu %d %s \"%s (declared %s)\"\n", b, i, val, v->name, got, want);
			else
				fprintf(f, "%d %zu %d %s \"%s\"\n", b, i, val, v->name, got);
		}
	}
}

/* The title's origin of the figure: the kernel, the clock and the run. */
static char *origin(const char *run)
{
	char *env = path_join(run, "env"), *base = xasprintf("%s", run);
	char kernel[VAL] = "", clock[VAL] = "", *o, *safe;

	kv_get(env, "kernel", kernel, sizeof(kernel));
	kv_get(env, "clock", clock, sizeof(clock));
	o = xasprintf("kernel %s, clock %s, run %s", kernel, clock, basename(base));
	safe = gp_quote_safe(o);
	free(o);
	free(env);
	free(base);
	return safe;
}

/* DIR/NAME written by FN, under a temporary name until complete; 0 or -1. */
static int write_out(const char *dir, const char *name,
		     void (*fn)(FILE *, const struct matrix *), const struct matrix *m)
{
	char *p = path_join(dir, name);
	struct out o;
	int rc = -1;

	if (out_open(&o, CMD, p)) {
		fn(o.f, m);
		rc = out_commit(&o, CMD);
	}
	free(p);
	return rc;
}

static int draw(const struct matrix *m)
{
	char *pdir = path_join(m->run, "plot"), *dat = path_join(pdir, "matrix.dat");
	char *o = NULL, *vars = NULL, *safe;
	int rc = -1;

	if (mkdir(pdir, 0777) && errno != EEXIST) {
		report_err(CMD, "cannot make %s: %s", pdir, strerror(errno));
		goto done;
	}
	if (write_out(pdir, "matrix.dat", write_fig, m))
		goto done;
	o = origin(m->run);
	safe = gp_quote_safe(dat);
	vars = xasprintf("data='%s'; origin='%s'; rows=%zu; bad=%zu", safe, o, m->n, m->bad);
	free(safe);
	rc = render(CMD, "matrix.gp", m->run, "matrix", 900, (int)(200 + 28 * m->n), vars);
done:
	free(o);
	free(vars);
	free(dat);
	free(pdir);
	return rc;
}

static int usage(void)
{
	fprintf(stderr, "usage: report matrix DIR\n");
	return 2;
}

int cmd_matrix(int argc, char **argv)
{
	struct matrix m = { 0 };
	struct dirent **ents;
	size_t i;
	char *env;
	int k, rc = 0;

	if (argc != 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage();
	m.run = argv[1];
	k = scandir(m.run, &ents, NULL, alphasort);
	if (k < 0) {
		report_err(CMD, "cannot read %s: %s", m.run, strerror(errno));
		return 2;
	}
	m.vs = calloc((size_t)k + 1, sizeof(*m.vs));
	if (!m.vs)
		abort();
	for (i = 0; i < (size_t)k; i++) {
		if (ents[i]->d_name[0] != '.' &&
		    read_variant(m.run, ents[i]->d_name, &m.vs[m.n]))
			m.n++;
		free(ents[i]);
	}
	free(ents);
	if (!m.n) {
		report_err(CMD, "no variant in %s (no %s/*/status)", m.run, m.run);
		free(m.vs);
		return 2;
	}
	qsort(m.vs, m.n, sizeof(*m.vs), by_family);
	for (i = 0; i < m.n; i++)
		m.bad += !m.vs[i].agree;
	env = path_join(m.run, "env");
	m.icount = clock_is_icount(run_clock(env));
	free(env);

	rc |= write_out(m.run, "matrix.csv", write_csv, &m);
	rc |= write_out(m.run, "matrix.md", write_md, &m);
	rc |= write_out(m.run, "matrix.json", write_json, &m);
	rc |= draw(&m);
	free(m.vs);
	if (rc)
		return 1;
	return m.bad ? 1 : 0;
}
