// SPDX-License-Identifier: GPL-2.0
/*
 * analyse - latency summary of waitcmp runs, read from a trace-cmd trace.dat
 * with libtracecmd. "analyse --help" describes the output.
 *
 * One pass over the events in timestamp order, all CPUs merged. Memory is
 * bounded, whatever the number of events: latencies go into fixed-size
 * histograms, outstanding wakes into a ring per variant, the scheduler
 * state into a table of the tasks active in the last second of trace time,
 * and libtracecmd's handle is reopened every SLICE_RECORDS records, since
 * it keeps what it has read (see read_slices()). What grows, up to a cap,
 * is the exact count of each histogram (two per variant: latency and
 * scheduler): a table of its distinct values, 16 bytes a slot and at most
 * half full, with the number of distinct values up to EXACT_CAP (a 2 MB
 * table); one more frees it, and that histogram goes on without (see
 * exact_add()).
 *
 * Percentiles are nearest-rank: the sample at rank ceil(n * p), as in the
 * module's own stats. While a histogram has its exact counts, that sample
 * is found exactly, from its distinct values in order (see exact_sort()):
 * under icount, whose samples take a few hundred distinct values, a
 * percentile is a sample itself, not a bucket's middle. Past the cap
 * they come from a log-linear histogram with 256 sub-buckets per power of
 * two (exact below 512 ns): the middle of the bucket that holds the rank,
 * clamped to the exact min and max, within 1/512 (0.2 %) of the sample at
 * that rank (the module's buckets are 32 per power of two, so within
 * 1/64 = 1.6 %). The output says which ("percentiles:").
 *
 * A waitcmp_woken with slept=0 is a wait that returned without sleeping,
 * its condition already true: no wake-to-run latency, so it is counted
 * (records, no_sleep) and matched with its wake, but no sample, as in the
 * module's stats. Traces older than the slept field count every woken as
 * a sample.
 *
 * Wake order (see round_close()): in a trace with sched_waking and
 * sched_switch, each waitcmp_wake opens a round of its variant, up to the
 * variant's next wake (or its run's begin or end). The round keeps, in
 * order, the first sched_waking after the wake of each task (at most
 * ROUND_TASKS tasks), with the task's last sched_switch away asleep before
 * the wake, if it was still asleep then. The waiters it ran are the tasks
 * among those that record the wake's seq, having slept (waitcmp_woken's
 * common_pid): the waker waits for their records before its next wake, so
 * they are all in when the round closes. Their wake order against their
 * sleep order says whether the wake ran the oldest sleeper first (fifo),
 * the newest (lifo), or neither. Memory: a round of ROUND_TASKS tasks and
 * a list of MAX_WAITERS pids per variant, and the sleep of each task in
 * the task table.
 *
 * Bad input: the file's layout is checked before libtracecmd sees it, so a
 * truncated file is reported as such (see truncated()), and the work runs
 * in a child process, since libtracecmd crashes on some corrupt files (see
 * run_guarded()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event-parse.h>
#include <trace-cmd.h>

/* Fine histogram: percentiles and cdf.dat. */
#define FINE_BITS	8
/* Coarse histogram: hist.dat, for a bar plot. */
#define COARSE_BITS	3
#define NR_BUCKETS(bits)	((64 - (bits)) * (1u << (bits)) + (1u << (bits)))
#define FINE_BUCKETS	NR_BUCKETS(FINE_BITS)

/*
 * Wakes kept matchable per variant, by seq modulo this. The waker waits for
 * every waiter's ack before its next wake, so a woken follows its wake
 * within one or two seqs; the ring only has to outlast reordering.
 */
#define WAKE_RING	4096
#define MAX_VARIANTS	64
#define MAX_CPUS	8192
#define VARIANT_LEN	64

/* Most waiters of a run: the module's WAITCMP_MAX_WAITERS. */
#define MAX_WAITERS	64
/*
 * Tasks whose first sched_waking a round keeps: its waiters, and whatever
 * else was woken before the variant's next wake (the waker, kworkers,
 * trace-cmd). A waiter past them leaves the round uncounted.
 */
#ifndef ROUND_TASKS
#define ROUND_TASKS	256
#endif

/*
 * sched_switch's prev_state, as 4.14 and later report it: one bit per
 * state (S 0x1, D 0x2, ..., I 0x80), 0 for running (R), and this bit
 * alone for a task preempted (R+) whatever its state (TASK_REPORT_MAX,
 * include/trace/events/sched.h). Any bit below it is a task that left the
 * CPU not runnable: asleep (or dead, X or Z, which no wake follows).
 */
#define SWITCH_PREEMPTED	0x100ull

/*
 * Records per slice: libtracecmd's memory grows with what it has read until
 * the handle is closed (see read_slices()), by about 50 bytes a record here,
 * and so does the time it takes to free a page (a walk of that list). A
 * reopen costs about as much as reading 50,000 records: with 2^18 the
 * resident set peaks near 18 MB, and a run is faster than one without
 * reopens.
 */
#ifndef SLICE_RECORDS
#define SLICE_RECORDS	(1ul << 18)
#endif

/* Scheduler state of a task older than this is dropped (see tasks_sweep). */
#define TASK_STALE_NS	1000000000ull
#define TASKS_MIN	1024

/* The first bytes of every trace-cmd data file. */
static const char trace_magic[] = { 0x17, 0x08, 0x44, 't', 'r', 'a', 'c',
				    'i', 'n', 'g' };

/*
 * Exact counts: at most EXACT_CAP distinct values per histogram, so at
 * most 2 * EXACT_CAP slots of 16 bytes (2 MB; 3 MB for the moment the
 * table doubles to that size). Under icount a variant's samples take a
 * few hundred distinct values; a long wall-clock trace passes the cap
 * early, so that its peak memory hardly grows with its length (the
 * analyser's memory target in bench/guest/perf). ANALYSE_EXACT_CAP lowers the cap,
 * for tests (see read_exact_cap()).
 */
#define EXACT_CAP	(1ul << 16)
#define EXACT_MIN_SLOTS	64

/* A distinct value and its samples; count 0 is a free slot. */
struct exact_slot {
	uint64_t value;
	uint64_t count;
};

struct hist {
	uint64_t n;
	uint64_t min;
	uint64_t max;
	unsigned __int128 sum;
	/*
	 * Open addressing, linear probing, at most half full; after
	 * exact_sort(), slot[0..distinct) in order of value instead.
	 */
	struct exact_slot *slot;
	size_t slots;		/* power of two; 0 before the first sample */
	size_t distinct;	/* values in slot */
	bool inexact;		/* over the cap: no slot, the buckets only */
	bool sorted;		/* exact_sort() done: percentiles are exact */
	uint64_t count[FINE_BUCKETS];
};

/*
 * A seq of the variant: its wake, or, for a woken without one, the seq
 * alone (has_wake false), so that its records are still counted per seq.
 */
struct wake_slot {
	uint64_t seq;
	uint64_t ts;		/* trace time of the waitcmp_wake */
	uint32_t woken;		/* waitcmp_woken seen for the seq */
	bool has_wake;		/* a waitcmp_wake of the seq was seen */
	bool used;
};

/* A task woken in a round, in the order of their first sched_waking. */
struct round_task {
	int pid;
	bool slept;		/* asleep at the wake, since sleep_ts */
	bool recorded;		/* recorded the round's seq, having slept */
	uint64_t sleep_ts;	/* its last sched_switch away asleep */
};

/* From a waitcmp_wake to the variant's next one. */
struct round {
	bool open;
	uint64_t seq;
	uint64_t ts;		/* of the waitcmp_wake */
	uint32_t n;		/* task[0..n) */
	struct round_task task[ROUND_TASKS];
};

struct variant {
	char name[VARIANT_LEN];
	size_t len;		/* of name */
	uint64_t wakes;
	uint64_t records;	/* waitcmp_woken, slept or not */
	uint64_t no_sleep;	/* waitcmp_woken with slept=0 */
	uint64_t orphans;	/* woken without a wake */
	uint64_t unwoken;	/* wakes without a woken */
	uint32_t most_per_seq;	/* most waitcmp_woken of any one seq */
	struct hist lat;	/* latency_ns of the wokens that slept */
	struct hist sched;
	struct wake_slot ring[WAKE_RING];
	/* Wake order, see round_close(). */
	int waiter[MAX_WAITERS];	/* pids that recorded a wake this run */
	uint32_t nr_waiters;
	bool settled;		/* a round ran every waiter from its sleep */
	uint64_t order_rounds, order_fifo, order_lifo, order_other;
	struct round round;
};

/*
 * Per task: its last sched_waking, and the scheduler latency that the next
 * switch-in closed, waiting for the waitcmp_woken the task then emits; and
 * whether it is asleep, for the wake order.
 */
struct task {
	int pid;		/* 0: free slot (pid 0 is the idle task) */
	bool waking;		/* waking_ts holds a sched_waking not switched in */
	bool switched;		/* lat holds a latency not yet attributed */
	bool asleep;		/* since sleep_ts, not woken nor run since */
	uint64_t waking_ts;
	uint64_t from_ts;	/* the sched_waking that lat starts at */
	uint64_t lat;
	uint64_t last_ts;
	uint64_t sleep_ts;	/* its last sched_switch away asleep */
};

/* Open addressing, linear probing; rebuilt rather than deleted from. */
struct tasks {
	struct task *slot;
	size_t cap;		/* power of two */
	size_t used;
};

/* Where a CPU's records were read up to, as a file offset. */
struct cursor {
	bool set;
	unsigned long long offset;
};

/* The fields we read, looked up from the file's event formats. */
struct formats {
	int wake_id, woken_id, begin_id, end_id, waking_id, switch_id;
	bool swap;				/* the file's byte order is not ours */
	struct tep_format_field *type;		/* common_type */
	struct tep_format_field *pid;		/* common_pid */
	struct tep_format_field *wake_variant, *wake_seq;
	struct tep_format_field *woken_variant, *woken_seq, *woken_lat;
	struct tep_format_field *woken_slept;	/* NULL in older traces */
	struct tep_format_field *begin_variant, *end_variant;
	struct tep_format_field *waking_pid, *switch_next;
	struct tep_format_field *switch_prev, *switch_prev_state;
};

struct analysis {
	const char *path;
	struct formats f;
	struct variant *v[MAX_VARIANTS];
	int nr_variants;
	struct variant *last;		/* the variant of the previous event */
	struct tasks tasks;
	uint64_t lost;			/* dropped events, where counted */
	uint64_t lost_gaps;		/* places where events were dropped */
	bool lost_unknown;		/* some gap without a count */
	uint64_t sched_events;
	uint64_t bad_records;		/* waitcmp records we could not decode */
	bool too_many_variants;
	/* Reading in slices, see read_slices(). */
	struct cursor *cursor;		/* per CPU index, its last record */
	int nr_cursors;
	int nr_cpus;			/* CPU indices of the trace data */
};

static const char *prog = "analyse";
static size_t exact_cap = EXACT_CAP;

static void usage(FILE *out)
{
	fprintf(out,
"usage: %s [-o OUTDIR] [-v VARIANT] TRACE.dat\n"
"\n"
"Summarises the waitcmp runs in a trace-cmd trace.dat (recorded with\n"
"trace-cmd record -C mono -e waitcmp [-e sched:sched_waking\n"
"-e sched:sched_switch]). Prints one 'key: value' line per item, for each\n"
"variant in the trace (or only VARIANT), variants separated by a blank line:\n"
"\n"
"  variant              the variant's name\n"
"  samples              latency samples: the records whose wait slept\n"
"                       (slept=1; every record, in a trace whose\n"
"                       waitcmp_woken has no slept field)\n"
"  records              waitcmp_woken events: every wake a waiter recorded\n"
"  no_sleep             records whose wait returned without sleeping, its\n"
"                       condition already true (slept=0): their latency_ns\n"
"                       is no wake-to-run latency, so they are no samples\n"
"  wakes                waitcmp_wake events\n"
"  min_ns mean_ns p50_ns p90_ns p99_ns p999_ns max_ns\n"
"                       latency_ns of the samples; mean_ns is the floor\n"
"                       of sum_ns / samples, as the module computes it;\n"
"                       percentiles are nearest-rank, the sample at rank\n"
"                       ceil(samples * p) (see percentiles); n/a without\n"
"                       samples (cdf.dat and hist.dat hold the samples too)\n"
"  sum_ns               the exact sum of the samples' latency_ns (the exact\n"
"                       mean is sum_ns / samples); n/a without samples\n"
"  percentiles          how p50_ns to p999_ns were found: 'exact', the\n"
"                       sample at the rank itself, from a count of each\n"
"                       distinct latency_ns, kept up to %lu distinct\n"
"                       values (a 2 MB table); 'histogram' past that: the\n"
"                       middle of the rank's bucket in a histogram of 256\n"
"                       buckets per power of two, within 0.2 %% of the\n"
"                       sample; n/a without samples\n"
"  woken_without_wake   records whose seq had no earlier wake of the variant\n"
"  wakes_without_woken  wakes that no waiter reported\n"
"  most_per_seq         the most records any one seq of the variant got\n"
"                       (0 without records): at most the waiters a wake\n"
"                       runs, 1 for a wake-one API; more is a seq recorded\n"
"                       twice\n"
"  lost_events          events the ring buffer dropped (whole trace, all\n"
"                       variants); -1 when the file marks drops without\n"
"                       their count\n"
"  sched_matched        samples with a scheduler latency: sched_waking of\n"
"                       the waiter (after the wake) to its next switch-in;\n"
"                       none for a waiter that was not asleep at the wake\n"
"  sched_p50_ns sched_p99_ns sched_mean_ns\n"
"                       that scheduler latency; n/a without sched events;\n"
"                       its percentiles exact or from the histogram by the\n"
"                       same rule and cap as p50_ns's, counted apart (which\n"
"                       of the two is not printed)\n"
"  sched_p50_diff_pct   100 * (p50_ns - sched_p50_ns) / p50_ns\n"
"  wake_order_rounds    wakes that ran two or more of the variant's\n"
"                       waiters (the tasks that record its wakes), each\n"
"                       asleep since a sched_switch away before the wake\n"
"                       (no two at the same timestamp), with its\n"
"                       sched_waking after it; counted from the first wake\n"
"                       of a run that ran every waiter so (the ones\n"
"                       before, while waiters start, are not); 0 without\n"
"                       sched events\n"
"  wake_order_fifo wake_order_lifo wake_order_other\n"
"                       those rounds by their wake order (each waiter's\n"
"                       first sched_waking after the wake) against their\n"
"                       sleep order (each one's last sched_switch away\n"
"                       asleep before it): fifo the same, the oldest\n"
"                       sleeper first; lifo exactly reversed, the newest\n"
"                       first; other neither\n"
"  wake_order           fifo or lifo when every round was that, mixed\n"
"                       otherwise, none without a round\n"
"\n"
"-o OUTDIR  also write plot data (OUTDIR is created if missing):\n"
"  cdf.dat   '# variant NAME', then 'latency_ns cumulative_fraction' per\n"
"            non-empty bucket (256 per power of two; its upper bound,\n"
"            at most max_ns), ending at 1\n"
"  hist.dat  '# variant NAME', then 'lower_ns upper_ns count' (inclusive\n"
"            bounds) per non-empty bucket, 8 buckets per power of two\n"
"  When more than one variant is written, the names are\n"
"  OUTDIR/VARIANT.cdf.dat and OUTDIR/VARIANT.hist.dat instead.\n"
"-v VARIANT  only that variant\n"
"\n"
"A trace whose ring buffer dropped events gets a warning on stderr.\n"
"For tests, ANALYSE_EXACT_CAP=N in the environment counts at most N\n"
"distinct values exactly (0 to %lu, the default), so that a trace\n"
"with more reports 'percentiles: histogram'.\n"
"Exit status: 0 ok; 1 a missing, truncated or corrupt file, one without\n"
"waitcmp events (or of VARIANT), or plot files not written; 2 usage (or\n"
"a bad ANALYSE_EXACT_CAP).\n",
		prog, EXACT_CAP, EXACT_CAP);
}

static void __attribute__((format(printf, 2, 3)))
fail(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", prog, path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- exact counts ---- */

static size_t exact_hash(uint64_t v, size_t slots)
{
	v *= 0x9e3779b97f4a7c15ull;
	return (size_t)(v ^ v >> 32) & (slots - 1);
}

/* The slot that holds v, or the free one where it goes. */
static struct exact_slot *exact_find(struct exact_slot *slot, size_t slots,
				     uint64_t v)
{
	size_t i;

	for (i = exact_hash(v, slots); slot[i].count && slot[i].value != v;
	     i = (i + 1) & (slots - 1))
		;
	return &slot[i];
}

static void exact_grow(struct hist *h)
{
	size_t slots = h->slots ? 2 * h->slots : EXACT_MIN_SLOTS, i;
	struct exact_slot *slot = calloc(slots, sizeof(*slot));

	if (!slot) {
		perror(prog);
		exit(1);
	}
	for (i = 0; i < h->slots; i++)
		if (h->slot[i].count)
			*exact_find(slot, slots, h->slot[i].value) = h->slot[i];
	free(h->slot);
	h->slot = slot;
	h->slots = slots;
}

/*
 * One more sample of ns. A value past exact_cap distinct ones frees the
 * table: from then on the histogram has its buckets only.
 */
static void exact_add(struct hist *h, uint64_t ns)
{
	struct exact_slot *s = NULL;

	if (h->inexact)
		return;
	if (h->slots)
		s = exact_find(h->slot, h->slots, ns);
	if (s && s->count) {
		s->count++;
		return;
	}
	if (h->distinct >= exact_cap) {
		free(h->slot);
		h->slot = NULL;
		h->slots = 0;
		h->distinct = 0;
		h->inexact = true;
		return;
	}
	if (2 * (h->distinct + 1) > h->slots) {
		exact_grow(h);
		s = exact_find(h->slot, h->slots, ns);
	}
	*s = (struct exact_slot){ .value = ns, .count = 1 };
	h->distinct++;
}

static int exact_cmp(const void *a, const void *b)
{
	const struct exact_slot *x = a, *y = b;

	return (x->value > y->value) - (x->value < y->value);
}

/* Once every sample is in: the used slots to the front, in order. */
static void exact_sort(struct hist *h)
{
	size_t i, n = 0;

	if (h->inexact || !h->slots || h->sorted)
		return;
	for (i = 0; i < h->slots; i++)
		if (h->slot[i].count)
			h->slot[n++] = h->slot[i];
	qsort(h->slot, n, sizeof(*h->slot), exact_cmp);
	h->sorted = true;
}

/* The sample at rank (1-based) in the sorted distinct values. */
static uint64_t exact_at(const struct hist *h, uint64_t rank)
{
	uint64_t seen = 0;
	size_t i;

	for (i = 0; i < h->distinct; i++) {
		seen += h->slot[i].count;
		if (seen >= rank)
			return h->slot[i].value;
	}
	return h->max;
}

/* ---- histograms ---- */

/* b = (msb - bits) * 2^bits + (ns >> (msb - bits)), which is ns below 2^(bits+1). */
static unsigned int bucket_of(uint64_t ns, unsigned int bits)
{
	unsigned int sub = 1u << bits;
	unsigned int shift;

	if (ns < 2 * sub)
		return ns;
	shift = 63 - __builtin_clzll(ns) - bits;
	return shift * sub + (unsigned int)(ns >> shift);
}

static uint64_t bucket_lower(unsigned int b, unsigned int bits)
{
	unsigned int sub = 1u << bits;
	unsigned int shift;

	if (b < 2 * sub)
		return b;
	shift = b / sub - 1;
	return (uint64_t)(b % sub + sub) << shift;
}

/* Inclusive. */
static uint64_t bucket_upper(unsigned int b, unsigned int bits)
{
	if (b == NR_BUCKETS(bits) - 1)
		return UINT64_MAX;
	return bucket_lower(b + 1, bits) - 1;
}

static void hist_add(struct hist *h, uint64_t ns)
{
	if (!h->n || ns < h->min)
		h->min = ns;
	if (ns > h->max)
		h->max = ns;
	h->n++;
	h->sum += ns;
	h->count[bucket_of(ns, FINE_BITS)]++;
	exact_add(h, ns);
}

static uint64_t hist_mean(const struct hist *h)
{
	return (uint64_t)(h->sum / h->n);
}

/*
 * Nearest rank ceil(n * num / den), as the module computes it: the sample
 * at that rank while the counts are exact, else the middle of its bucket.
 */
static uint64_t hist_percentile(const struct hist *h, unsigned int num,
				unsigned int den)
{
	unsigned __int128 r = ((unsigned __int128)h->n * num + den - 1) / den;
	uint64_t rank = r ? (uint64_t)r : 1;
	uint64_t seen = 0, lo, hi;
	unsigned int b;

	if (h->sorted)
		return exact_at(h, rank);

	for (b = 0; b < FINE_BUCKETS; b++) {
		seen += h->count[b];
		if (seen >= rank)
			break;
	}
	if (b == FINE_BUCKETS)
		return h->max;
	lo = bucket_lower(b, FINE_BITS);
	hi = bucket_upper(b, FINE_BITS);
	if (lo < h->min)
		lo = h->min;
	if (hi > h->max)
		hi = h->max;
	return lo + (hi - lo) / 2;
}

/* ---- the scheduler's view: per-task state ---- */

static size_t task_hash(int pid, size_t cap)
{
	return ((uint32_t)pid * 2654435761u) & (cap - 1);
}

static struct task *task_find(struct tasks *t, int pid)
{
	size_t i;

	for (i = task_hash(pid, t->cap); t->slot[i].pid; i = (i + 1) & (t->cap - 1))
		if (t->slot[i].pid == pid)
			return &t->slot[i];
	return NULL;
}

static void task_place(struct task *slot, size_t cap, const struct task *e)
{
	size_t i;

	for (i = task_hash(e->pid, cap); slot[i].pid; i = (i + 1) & (cap - 1))
		;
	slot[i] = *e;
}

static bool task_live(const struct task *e, uint64_t now)
{
	return ((e->waking || e->switched) &&
		now - e->last_ts < TASK_STALE_NS) ||
	       (e->asleep && now - e->sleep_ts < TASK_STALE_NS);
}

/*
 * Rebuild the table with only the tasks that still wait for a switch-in or
 * a woken and were seen during the last TASK_STALE_NS: a waiter emits its
 * woken microseconds after it is switched in, so older state can only
 * belong to tasks that are not waiters. Or that went to sleep during the
 * last TASK_STALE_NS: a waiter asleep longer when the table is rebuilt
 * has no sleep for its next wake's round, which then does not count. The
 * table holds the tasks active in one second of trace time, whatever the
 * length of the trace.
 */
static void tasks_sweep(struct tasks *t, uint64_t now)
{
	size_t live = 0, cap = TASKS_MIN, i;
	struct task *slot;

	for (i = 0; i < t->cap; i++)
		if (t->slot[i].pid && task_live(&t->slot[i], now))
			live++;
	while (cap < 4 * live)
		cap *= 2;
	slot = calloc(cap, sizeof(*slot));
	if (!slot) {
		perror(prog);
		exit(1);
	}
	for (i = 0; i < t->cap; i++)
		if (t->slot[i].pid && task_live(&t->slot[i], now))
			task_place(slot, cap, &t->slot[i]);
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	t->used = live;
}

static struct task *task_get(struct tasks *t, int pid, uint64_t now)
{
	struct task *e = task_find(t, pid);
	struct task new = { .pid = pid };

	if (e)
		return e;
	if (2 * (t->used + 1) > t->cap)
		tasks_sweep(t, now);
	t->used++;
	task_place(t->slot, t->cap, &new);
	return task_find(t, pid);
}

/* ---- reading fields, bounds-checked against the record ---- */

/*
 * What tep_read_number_field() does, inline: it was a tenth of the
 * analyser's instructions, for the few loads of each record.
 */
static inline bool field_num(const struct analysis *a,
			     const struct tep_format_field *f,
			     const struct tep_record *rec,
			     unsigned long long *val)
{
	const char *p;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	if (!f || f->offset < 0 || f->size <= 0 ||
	    f->offset + f->size > rec->size)
		return false;
	p = (const char *)rec->data + f->offset;
	switch (f->size) {
	case 1:
		*val = *(const unsigned char *)p;
		return true;
	case 2:
		memcpy(&v16, p, 2);
		*val = a->f.swap ? __builtin_bswap16(v16) : v16;
		return true;
	case 4:
		memcpy(&v32, p, 4);
		*val = a->f.swap ? __builtin_bswap32(v32) : v32;
		return true;
	case 8:
		memcpy(&v64, p, 8);
		*val = a->f.swap ? __builtin_bswap64(v64) : v64;
		return true;
	}
	return false;
}

/*
 * A __string field: a __data_loc (or __rel_loc) word, offset | len << 16.
 * The string stays in the record: *len bytes, without a NUL.
 */
static bool field_str(const struct analysis *a,
		      const struct tep_format_field *f,
		      const struct tep_record *rec, const char **str,
		      size_t *len)
{
	unsigned long long loc;
	unsigned int off, n;

	if (!field_num(a, f, rec, &loc))
		return false;
	off = loc & 0xffff;
	n = (loc >> 16) & 0xffff;
	if (f->flags & TEP_FIELD_IS_RELATIVE)
		off += f->offset + f->size;
	if (!n || off + n > (unsigned int)rec->size)
		return false;
	*str = (const char *)rec->data + off;
	*len = strnlen(*str, n);
	return *len > 0;
}

/* ---- variants ---- */

static bool variant_is(const struct variant *v, const char *name, size_t len)
{
	return v->len == len && !memcmp(v->name, name, len);
}

static struct variant *variant_get(struct analysis *a, const char *name,
				   size_t len)
{
	struct variant *v;
	int i;

	if (a->last && variant_is(a->last, name, len))
		return a->last;
	for (i = 0; i < a->nr_variants; i++)
		if (variant_is(a->v[i], name, len))
			return a->last = a->v[i];
	if (a->nr_variants == MAX_VARIANTS) {
		a->too_many_variants = true;
		return NULL;
	}
	v = calloc(1, sizeof(*v));
	if (!v) {
		perror(prog);
		exit(1);
	}
	memcpy(v->name, name, len);
	v->len = len;
	a->v[a->nr_variants++] = v;
	return a->last = v;
}

static void slot_retire(struct variant *v, struct wake_slot *s)
{
	if (s->used && s->has_wake && !s->woken)
		v->unwoken++;
	s->used = false;
}

/* A new run of the variant starts its seqs again at 1. */
static void variant_restart(struct variant *v)
{
	int i;

	for (i = 0; i < WAKE_RING; i++)
		slot_retire(v, &v->ring[i]);
}

/* ---- wake order ---- */

static struct round_task *round_find(struct round *r, int pid)
{
	uint32_t i;

	for (i = 0; i < r->n; i++)
		if (r->task[i].pid == pid)
			return &r->task[i];
	return NULL;
}

/*
 * The variant's open round is over: count it, if it is one. It counts
 * when at least two waiters recorded its seq having slept, and each of
 * them had its sched_waking in the round and was asleep at the wake, since
 * a sched_switch away before it (one woken between its sleep and the wake
 * was on the wait list since a moment the trace does not give), no two of
 * them since the same timestamp (which slept first is not known: two CPUs
 * can stamp the same nanosecond). And once a round of the run has had
 * every waiter seen so far so: until then the waiters are starting, not
 * all of them asleep at the wake.
 *
 * The rounds' kind: the order of the waiters' first sched_waking after the
 * wake (a wake-all calls try_to_wake_up() on them in the order of its
 * list) against the order in which they went to sleep (that of their
 * prepare_to_wait() on one CPU; across CPUs, two that sleep close together
 * may reach the list in the other order): fifo when the same, the oldest
 * sleeper woken first; lifo when exactly the reverse; other otherwise.
 */
static void round_close(struct variant *v)
{
	struct round *r = &v->round;
	const struct round_task *prev = NULL, *t;
	bool fifo = true, lifo = true;
	uint32_t i, woken = 0;

	if (!r->open)
		return;
	r->open = false;
	for (i = 0; i < r->n; i++) {
		t = &r->task[i];
		if (!t->recorded)
			continue;
		if (!t->slept || (prev && prev->sleep_ts == t->sleep_ts))
			return;
		if (prev) {
			fifo &= prev->sleep_ts < t->sleep_ts;
			lifo &= prev->sleep_ts > t->sleep_ts;
		}
		prev = t;
		woken++;
	}
	if (!v->settled) {
		for (i = 0; i < v->nr_waiters; i++) {
			t = round_find(r, v->waiter[i]);
			if (!t || !t->recorded)
				return;
		}
		v->settled = true;
	}
	if (woken < 2)
		return;
	v->order_rounds++;
	if (fifo)
		v->order_fifo++;
	else if (lifo)
		v->order_lifo++;
	else
		v->order_other++;
}

/* A waitcmp_wake of the variant: its last round is over, a new one opens. */
static void round_open(struct variant *v, uint64_t seq, uint64_t ts)
{
	round_close(v);
	v->round.open = true;
	v->round.seq = seq;
	v->round.ts = ts;
	v->round.n = 0;
}

/*
 * A sched_waking of pid, asleep since sleep_ts if slept: its first one in
 * each open round is its place in that round's wake order.
 */
static void rounds_waking(struct analysis *a, int pid, bool slept,
			  uint64_t sleep_ts)
{
	struct round *r;
	int i;

	for (i = 0; i < a->nr_variants; i++) {
		r = &a->v[i]->round;
		if (!r->open || round_find(r, pid) || r->n == ROUND_TASKS)
			continue;
		r->task[r->n++] = (struct round_task){
			.pid = pid,
			.slept = slept && sleep_ts < r->ts,
			.sleep_ts = sleep_ts,
		};
	}
}

/*
 * A waitcmp_woken from pid: pid is one of the variant's waiters, and if it
 * records the open round's seq having slept after a sched_waking in the
 * round, that round ran it. Without one (woken before the wake, or past
 * ROUND_TASKS), the round did not, as far as the trace shows.
 */
static void round_woken(struct analysis *a, struct variant *v, uint64_t seq,
			bool slept, struct tep_record *rec)
{
	unsigned long long pid;
	struct round_task *t;
	uint32_t i;

	if (!field_num(a, a->f.pid, rec, &pid) || !pid)
		return;
	for (i = 0; i < v->nr_waiters && v->waiter[i] != (int)pid; i++)
		;
	if (i == v->nr_waiters && i < MAX_WAITERS)
		v->waiter[v->nr_waiters++] = (int)pid;
	if (!v->round.open || v->round.seq != seq || !slept)
		return;
	t = round_find(&v->round, (int)pid);
	if (t)
		t->recorded = true;
}

/* A new run: new waiters, starting again. */
static void round_restart(struct variant *v)
{
	round_close(v);
	v->nr_waiters = 0;
	v->settled = false;
}

/* ---- events ---- */

static struct variant *record_variant(struct analysis *a,
				      const struct tep_format_field *f,
				      const struct tep_record *rec)
{
	const char *name;
	size_t len;

	if (!field_str(a, f, rec, &name, &len) || len >= VARIANT_LEN) {
		a->bad_records++;
		return NULL;
	}
	return variant_get(a, name, len);
}

static void on_wake(struct analysis *a, struct tep_record *rec)
{
	struct variant *v = record_variant(a, a->f.wake_variant, rec);
	unsigned long long seq;
	struct wake_slot *s;

	if (!v)
		return;
	if (!field_num(a, a->f.wake_seq, rec, &seq)) {
		a->bad_records++;
		return;
	}
	v->wakes++;
	/* Without both sched events, no wake order. */
	if (a->f.waking_id >= 0)
		round_open(v, seq, rec->ts);
	s = &v->ring[seq % WAKE_RING];
	slot_retire(v, s);
	*s = (struct wake_slot){ .seq = seq, .ts = rec->ts, .has_wake = true,
				 .used = true };
}

/* The scheduler latency of this waiter's wake, if there is one. */
static void sched_attribute(struct analysis *a, struct variant *v,
			    const struct wake_slot *s, struct tep_record *rec)
{
	unsigned long long pid;
	struct task *t;

	if (!field_num(a, a->f.pid, rec, &pid))
		return;
	t = task_find(&a->tasks, (int)pid);
	if (!t)
		return;
	if (s && t->switched && t->from_ts > s->ts)
		hist_add(&v->sched, t->lat);
	/* Its wait is over: what came before cannot belong to a later wake. */
	t->switched = false;
	t->waking = false;
}

/*
 * The slot that counts the records of seq, for a woken: its wake's, or
 * one that holds the seq alone. A woken never takes the slot of a wake of
 * another seq (one still waiting for its wokens); its seq then goes
 * uncounted there, and most_per_seq takes it as 1.
 */
static struct wake_slot *woken_slot(struct variant *v, uint64_t seq)
{
	struct wake_slot *s = &v->ring[seq % WAKE_RING];

	if (s->used && s->seq == seq)
		return s;
	if (s->used && s->has_wake)
		return NULL;
	*s = (struct wake_slot){ .seq = seq, .used = true };
	return s;
}

static void on_woken(struct analysis *a, struct tep_record *rec)
{
	struct variant *v = record_variant(a, a->f.woken_variant, rec);
	unsigned long long seq, lat, slept = 1;
	struct wake_slot *s;
	uint32_t n = 1;

	if (!v)
		return;
	if (!field_num(a, a->f.woken_seq, rec, &seq) ||
	    !field_num(a, a->f.woken_lat, rec, &lat) ||
	    (a->f.woken_slept &&
	     !field_num(a, a->f.woken_slept, rec, &slept))) {
		a->bad_records++;
		return;
	}
	v->records++;
	/* Every record is matched with its wake, slept or not. */
	s = woken_slot(v, seq);
	if (s)
		n = ++s->woken;
	if (n > v->most_per_seq)
		v->most_per_seq = n;
	if (!s || !s->has_wake) {
		v->orphans++;
		s = NULL;
	}
	/*
	 * A wait that returned without sleeping measured no wake-to-run
	 * latency, and had no scheduler latency of its own: its record
	 * only ends the task's wait (s NULL: nothing is attributed).
	 */
	if (!slept) {
		v->no_sleep++;
		s = NULL;
	} else {
		hist_add(&v->lat, lat);
	}
	sched_attribute(a, v, s, rec);
	round_woken(a, v, seq, slept, rec);
}

static void on_begin(struct analysis *a, struct tep_record *rec)
{
	struct variant *v = record_variant(a, a->f.begin_variant, rec);

	if (v) {
		variant_restart(v);
		round_restart(v);
	}
}

/*
 * The run's last wake is recorded: its round ends here, before the
 * release that wakes the waiters for good.
 */
static void on_end(struct analysis *a, struct tep_record *rec)
{
	struct variant *v = record_variant(a, a->f.end_variant, rec);

	if (v)
		round_close(v);
}

static void on_waking(struct analysis *a, struct tep_record *rec)
{
	unsigned long long pid;
	struct task *t;
	bool slept;

	a->sched_events++;
	if (!field_num(a, a->f.waking_pid, rec, &pid) || !pid)
		return;
	t = task_get(&a->tasks, (int)pid, rec->ts);
	t->waking = true;
	t->waking_ts = rec->ts;
	t->last_ts = rec->ts;
	/* This wakes it from its sleep, if it was asleep. */
	slept = t->asleep;
	t->asleep = false;
	rounds_waking(a, (int)pid, slept, t->sleep_ts);
}

static void on_switch(struct analysis *a, struct tep_record *rec)
{
	unsigned long long pid, state;
	struct task *t;

	a->sched_events++;
	/* The task switched away asleep, not preempted nor yielding. */
	if (field_num(a, a->f.switch_prev, rec, &pid) && pid &&
	    field_num(a, a->f.switch_prev_state, rec, &state) &&
	    (state & (SWITCH_PREEMPTED - 1))) {
		t = task_get(&a->tasks, (int)pid, rec->ts);
		t->asleep = true;
		t->sleep_ts = rec->ts;
	}
	if (!field_num(a, a->f.switch_next, rec, &pid) || !pid)
		return;
	t = task_find(&a->tasks, (int)pid);
	if (!t)
		return;
	/* Running: woken by a sched_waking traced before its switch away. */
	t->asleep = false;
	if (!t->waking)
		return;
	t->waking = false;
	t->switched = true;
	t->from_ts = t->waking_ts;
	t->lat = rec->ts - t->waking_ts;
	t->last_ts = rec->ts;
}

static void cursor_set(struct analysis *a, int cpu, unsigned long long offset)
{
	struct cursor *c;

	if (cpu < 0)
		return;
	if (cpu >= a->nr_cursors) {
		c = realloc(a->cursor, (cpu + 1) * sizeof(*c));
		if (!c) {
			perror(prog);
			exit(1);
		}
		memset(c + a->nr_cursors, 0, (cpu + 1 - a->nr_cursors) * sizeof(*c));
		a->cursor = c;
		a->nr_cursors = cpu + 1;
	}
	a->cursor[cpu] = (struct cursor){ .set = true, .offset = offset };
}

static void on_record(struct analysis *a, struct tep_record *rec, int cpu)
{
	unsigned long long type;

	/* Set on the first record of a page that follows dropped events. */
	if (rec->missed_events) {
		a->lost_gaps++;
		if (rec->missed_events > 0)
			a->lost += rec->missed_events;
		else
			a->lost_unknown = true;
	}
	if (field_num(a, a->f.type, rec, &type)) {
		if ((int)type == a->f.woken_id)
			on_woken(a, rec);
		else if ((int)type == a->f.wake_id)
			on_wake(a, rec);
		else if ((int)type == a->f.waking_id)
			on_waking(a, rec);
		else if ((int)type == a->f.switch_id)
			on_switch(a, rec);
		else if ((int)type == a->f.begin_id)
			on_begin(a, rec);
		else if ((int)type == a->f.end_id)
			on_end(a, rec);
	}
	cursor_set(a, cpu, rec->offset);
}

/* ---- is the file whole? ---- */

/*
 * libtracecmd fails on most truncated files without saying why, and opens
 * one that misses a few trailing bytes. So walk the file's layout (formats
 * v6 and v7, see trace-cmd.dat.v6(5) and trace-cmd.dat.v7(5)) and check
 * that everything it points to, the trace data of each CPU above all, lies
 * within the file. A walk that meets something it cannot follow (a
 * compressed options section, an unknown label) stops and leaves the rest
 * to libtracecmd.
 */
struct layout {
	int fd;
	uint64_t size;		/* of the file */
	bool swap;		/* numbers in the other byte order than ours */
	uint64_t cpus;		/* CPUs of the (first) trace data */
	char why[256];		/* what is past the end of the file */
};

enum walk { WALK_OK, WALK_TRUNCATED, WALK_STOP };

/* Is [off, off + len) inside the file? If not, say what is cut off. */
static bool lay_need(struct layout *l, const char *what, uint64_t off,
		     uint64_t len)
{
	if (off <= l->size && len <= l->size - off)
		return true;
	snprintf(l->why, sizeof(l->why),
		 "%s (bytes %" PRIu64 "..%" PRIu64 ") runs past the end of the file (%" PRIu64 " bytes)",
		 what, off, len > UINT64_MAX - off ? UINT64_MAX : off + len,
		 l->size);
	return false;
}

static bool lay_read(struct layout *l, const char *what, uint64_t off,
		     void *buf, size_t n)
{
	return lay_need(l, what, off, n) &&
	       pread(l->fd, buf, n, (off_t)off) == (ssize_t)n;
}

/* An n-byte number of the file's byte order at off. */
static bool lay_num(struct layout *l, const char *what, uint64_t off,
		    size_t n, uint64_t *val)
{
	unsigned char b[8];
	size_t i;

	if (!lay_read(l, what, off, b, n))
		return false;
	*val = 0;
	for (i = 0; i < n; i++) {
		bool le = (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) != l->swap;
		unsigned char c = le ? b[n - 1 - i] : b[i];

		*val = *val << 8 | c;
	}
	return true;
}

/* A NUL-terminated string at off, of at most max bytes; its length + 1. */
static bool lay_str(struct layout *l, const char *what, uint64_t off,
		    char *buf, size_t max, uint64_t *len)
{
	size_t n = max;
	char *nul;

	if (off >= l->size)
		return lay_need(l, what, off, 1);
	if (n > l->size - off)
		n = l->size - off;
	if (pread(l->fd, buf, n, (off_t)off) != (ssize_t)n)
		return false;
	nul = memchr(buf, '\0', n);
	if (!nul)
		return n == max ? false : lay_need(l, what, off, n + 1);
	*len = nul - buf + 1;
	return true;
}

/* A size word of n bytes at *off, then that many bytes: skip both. */
static bool lay_skip_sized(struct layout *l, const char *what, uint64_t *off,
			   size_t n)
{
	uint64_t size;

	if (!lay_num(l, what, *off, n, &size) ||
	    !lay_need(l, what, *off + n, size))
		return false;
	*off += n + size;
	return true;
}

static enum walk lay_fail(struct layout *l)
{
	return l->why[0] ? WALK_TRUNCATED : WALK_STOP;
}

/* v6: header_page, header_event, formats, ..., then flyrecord offsets. */
static enum walk walk_v6(struct layout *l, uint64_t off)
{
	uint64_t n, i, j, cpu_off, cpu_size, id, len;
	char buf[256], what[64];

	off += 6;			/* endian, long size, page size */
	if (!lay_need(l, "header_page", off, 12))
		return lay_fail(l);
	off += 12;
	if (!lay_skip_sized(l, "header_page", &off, 8) ||
	    !lay_need(l, "header_event", off, 13))
		return lay_fail(l);
	off += 13;
	if (!lay_skip_sized(l, "header_event", &off, 8) ||
	    !lay_num(l, "ftrace formats", off, 4, &n))
		return lay_fail(l);
	for (off += 4, i = 0; i < n; i++)
		if (!lay_skip_sized(l, "ftrace format", &off, 8))
			return lay_fail(l);
	if (!lay_num(l, "event systems", off, 4, &n))
		return lay_fail(l);
	for (off += 4, i = 0; i < n; i++) {
		if (!lay_str(l, "event system", off, buf, sizeof(buf), &len) ||
		    !lay_num(l, "event system", off + len, 4, &j))
			return lay_fail(l);
		for (off += len + 4; j; j--)
			if (!lay_skip_sized(l, "event format", &off, 8))
				return lay_fail(l);
	}
	if (!lay_skip_sized(l, "kallsyms", &off, 4) ||
	    !lay_skip_sized(l, "printk formats", &off, 4) ||
	    !lay_skip_sized(l, "saved cmdlines", &off, 8) ||
	    !lay_num(l, "CPU count", off, 4, &l->cpus) ||
	    !lay_read(l, "data label", off + 4, buf, 10))
		return lay_fail(l);
	off += 14;
	if (!memcmp(buf, "options  ", 10)) {
		/* id, size, data; until an id 0 that has no size. */
		for (;;) {
			if (!lay_num(l, "option", off, 2, &id))
				return lay_fail(l);
			off += 2;
			if (!id)
				break;
			if (!lay_num(l, "option", off, 4, &len) ||
			    !lay_need(l, "option", off + 4, len))
				return lay_fail(l);
			off += 4 + len;
		}
		if (!lay_read(l, "data label", off, buf, 10))
			return lay_fail(l);
		off += 10;
	}
	if (memcmp(buf, "flyrecord", 10))
		return WALK_STOP;
	for (i = 0; i < l->cpus; i++, off += 16) {
		snprintf(what, sizeof(what), "trace data of CPU %" PRIu64, i);
		if (!lay_num(l, what, off, 8, &cpu_off) ||
		    !lay_num(l, what, off + 8, 8, &cpu_size) ||
		    !lay_need(l, what, cpu_off, cpu_size))
			return lay_fail(l);
	}
	return WALK_OK;
}

/* A v7 section header (id, flags, string id, size) and its contents. */
static bool lay_section(struct layout *l, const char *what, uint64_t off,
			uint64_t *flags, uint64_t *size)
{
	return lay_need(l, what, off, 16) &&
	       lay_num(l, what, off + 2, 2, flags) &&
	       lay_num(l, what, off + 8, 8, size) &&
	       lay_need(l, what, off, *size > UINT64_MAX - 16 ? UINT64_MAX : 16 + *size);
}

/* A BUFFER option: its section, then offset and size of each CPU's data. */
static bool lay_buffer(struct layout *l, uint64_t p, uint64_t end)
{
	uint64_t sec, flags, size, len, cpus, cpu, off, i;
	char buf[256], what[64];

	if (!lay_num(l, "buffer option", p, 8, &sec) ||
	    !lay_section(l, "trace data section", sec, &flags, &size))
		return false;
	p += 8;
	for (i = 0; i < 2; i++, p += len)	/* instance name, clock */
		if (!lay_str(l, "buffer option", p, buf, sizeof(buf), &len))
			return false;
	if (!lay_num(l, "buffer option", p + 4, 4, &cpus))
		return false;
	if (!l->cpus)
		l->cpus = cpus;
	for (p += 8, i = 0; i < cpus && p + 20 <= end; i++, p += 20) {
		if (!lay_num(l, "buffer option", p, 4, &cpu) ||
		    !lay_num(l, "buffer option", p + 4, 8, &off) ||
		    !lay_num(l, "buffer option", p + 12, 8, &size))
			return false;
		snprintf(what, sizeof(what), "trace data of CPU %" PRIu64, cpu);
		if (!lay_need(l, what, off, size))
			return false;
	}
	return true;
}

/* The options of one v7 options section; *next is the following one. */
static enum walk walk_options(struct layout *l, uint64_t sec, uint64_t *next,
			      bool *data)
{
	uint64_t flags, size, p, end, id, len, off;

	*next = 0;
	if (!lay_section(l, "options section", sec, &flags, &size))
		return lay_fail(l);
	if (flags & TRACECMD_SEC_FL_COMPRESS)
		return WALK_STOP;
	for (p = sec + 16, end = p + size; p + 6 <= end; p += 6 + len) {
		if (!lay_num(l, "option", p, 2, &id) ||
		    !lay_num(l, "option", p + 2, 4, &len) ||
		    !lay_need(l, "option", p + 6, len))
			return lay_fail(l);
		if (id == 0)			/* DONE: the next section */
			return lay_num(l, "option", p + 6, 8, next) ?
				WALK_OK : lay_fail(l);
		if (id == 3) {			/* BUFFER */
			*data = true;
			if (!lay_buffer(l, p + 6, p + 6 + len))
				return lay_fail(l);
		} else if (id >= 16 && id <= 22) {	/* a section's offset */
			if (!lay_num(l, "option", p + 6, 8, &off) ||
			    !lay_section(l, "section", off, &flags, &size))
				return lay_fail(l);
		}
	}
	return WALK_OK;
}

/*
 * v7 sections also follow each other without gaps from the end of the file
 * header to the end of the file (libtracecmd finds the strings section,
 * which trace-cmd writes last, that way): the last one must end at EOF.
 */
static enum walk walk_sections(struct layout *l, uint64_t off)
{
	uint64_t id, flags, size;
	bool strings = false;
	char what[32];

	while (off < l->size) {
		if (!lay_num(l, "section header", off, 2, &id))
			return lay_fail(l);
		if (id > 31)		/* not a section: leave it to libtracecmd */
			return WALK_STOP;
		snprintf(what, sizeof(what), "section %" PRIu64, id);
		if (!lay_section(l, what, off, &flags, &size))
			return lay_fail(l);
		strings |= id == 15;
		off += 16 + size;
	}
	if (!strings) {
		snprintf(l->why, sizeof(l->why),
			 "it ends before the strings section that trace-cmd writes last");
		return WALK_TRUNCATED;
	}
	return WALK_OK;
}

/* v7: a chain of options sections that point to all the others. */
static enum walk walk_v7(struct layout *l, uint64_t off)
{
	uint64_t len, sec, i;
	bool data = false;
	enum walk w;
	char buf[64];

	off += 6;			/* endian, long size, page size */
	for (i = 0; i < 2; i++, off += len)	/* compression name, version */
		if (!lay_str(l, "compression header", off, buf, sizeof(buf), &len))
			return lay_fail(l);
	if (!lay_num(l, "first options offset", off, 8, &sec))
		return lay_fail(l);
	/* Bounded: a corrupt chain could loop. */
	for (i = 0; sec && i < 1024; i++) {
		w = walk_options(l, sec, &sec, &data);
		if (w != WALK_OK)
			return w;
	}
	if (!data) {
		snprintf(l->why, sizeof(l->why),
			 "no trace data section (the recording did not finish?)");
		return WALK_TRUNCATED;
	}
	return walk_sections(l, off + 8);
}

/*
 * Returns true, with what is missing in why, if the file is cut short.
 * Byte order: the byte after the version string, 0 little, 1 big endian.
 */
static bool truncated(int fd, uint64_t size, char *why, size_t len,
		      uint64_t *cpus)
{
	struct layout l = { .fd = fd, .size = size };
	uint64_t off = sizeof(trace_magic), vlen;
	unsigned char endian;
	char ver[16];
	enum walk w;

	if (!lay_str(&l, "version", off, ver, sizeof(ver), &vlen) ||
	    !lay_read(&l, "file header", off + vlen, &endian, 1))
		goto out;
	l.swap = endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
	off += vlen;
	if (!strcmp(ver, "6"))
		w = walk_v6(&l, off);
	else if (!strcmp(ver, "7"))
		w = walk_v7(&l, off);
	else
		return false;
	*cpus = l.cpus;
	if (w != WALK_TRUNCATED)
		return false;
out:
	snprintf(why, len, "%s", l.why);
	return why[0] != '\0';
}

/* ---- opening the file ---- */

/*
 * Every open parses the file's copy of /proc/kallsyms (a v7 file has no
 * way to skip the section): 100,000 lines through sscanf(), most of the
 * cost of an open, which read_slices() repeats. Nothing here resolves an
 * address, so this definition, which the executable exports, stands in
 * for libtraceevent's.
 */
int tep_parse_kallsyms(struct tep_handle *tep, const char *buf)
{
	(void)tep;
	(void)buf;
	return 0;
}

/*
 * What a file that libtracecmd cannot use is, in a few words. Returns the
 * number of CPUs its layout gives, 0 if unknown.
 */
static uint64_t check_file(const char *path)
{
	char head[sizeof(trace_magic)], why[256];
	uint64_t cpus = 0;
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(path, &st))
		fail(path, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		fail(path, "is a directory, not a trace-cmd data file");
	if (!S_ISREG(st.st_mode))
		fail(path, "not a trace-cmd data file (not a regular file)");
	if (!st.st_size)
		fail(path, "not a trace-cmd data file (empty file)");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		fail(path, "%s", strerror(errno));
	n = read(fd, head, sizeof(head));
	if (n < 0)
		fail(path, "%s", strerror(errno));
	if (n < (ssize_t)sizeof(head) || memcmp(head, trace_magic, sizeof(head)))
		fail(path, "not a trace-cmd data file (no trace-cmd magic at its start)");
	if (truncated(fd, st.st_size, why, sizeof(why), &cpus))
		fail(path, "truncated trace-cmd data file: %s", why);
	close(fd);
	return cpus;
}

/*
 * libtracecmd 1.3.1 reports a file whose CPU data runs past its end with
 * printf() on stdout ("File possibly truncated. Need at least N, but file
 * size is M."), then fails. stdout is for our results: while opening, it
 * goes to a temporary file, whose text is passed on to stderr, and its
 * "truncated" line, if any, to the caller.
 */
static struct tracecmd_input *open_trace(const char *path, char *why,
					 size_t size)
{
	struct tracecmd_input *h;
	FILE *cap = tmpfile();
	char line[512];
	int saved = -1;

	why[0] = '\0';
	fflush(stdout);
	if (cap) {
		saved = dup(STDOUT_FILENO);
		if (saved >= 0 && dup2(fileno(cap), STDOUT_FILENO) < 0) {
			close(saved);
			saved = -1;
		}
	}
	h = tracecmd_open(path, TRACECMD_FL_LOAD_NO_PLUGINS);
	fflush(stdout);
	if (saved >= 0) {
		dup2(saved, STDOUT_FILENO);
		close(saved);
	}
	if (!cap)
		return h;
	rewind(cap);
	while (fgets(line, sizeof(line), cap)) {
		fputs(line, stderr);
		if (!why[0] && strstr(line, "truncated")) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(why, size, "%s", line);
		}
	}
	fclose(cap);
	return h;
}

static int event_id(struct tep_handle *tep, const char *sys, const char *name,
		    struct tep_event **ev)
{
	*ev = tep_find_event_by_name(tep, sys, name);
	return *ev ? (*ev)->id : -1;
}

static struct tep_format_field *need_field(const char *path,
					   struct tep_event *ev,
					   const char *name, int size)
{
	struct tep_format_field *f = tep_find_any_field(ev, name);

	if (!f)
		fail(path, "event %s:%s has no field '%s': not the format this tool knows",
		     ev->system, ev->name, name);
	if (size && f->size != size)
		fail(path, "event %s:%s: field '%s' has %d bytes, not %d: not the format this tool knows",
		     ev->system, ev->name, name, f->size, size);
	return f;
}

static void find_formats(struct analysis *a, struct tep_handle *tep)
{
	struct formats *f = &a->f;
	struct tep_event *wake, *woken, *begin, *end, *waking, *sw;

	f->swap = tep_is_file_bigendian(tep) !=
		  (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
	f->wake_id = event_id(tep, "waitcmp", "waitcmp_wake", &wake);
	f->woken_id = event_id(tep, "waitcmp", "waitcmp_woken", &woken);
	f->begin_id = event_id(tep, "waitcmp", "waitcmp_run_begin", &begin);
	f->end_id = event_id(tep, "waitcmp", "waitcmp_run_end", &end);
	f->waking_id = event_id(tep, "sched", "sched_waking", &waking);
	f->switch_id = event_id(tep, "sched", "sched_switch", &sw);
	if (!wake || !woken)
		fail(a->path, "no waitcmp events (the trace has no waitcmp_wake/waitcmp_woken format: record with -e waitcmp)");

	f->type = need_field(a->path, woken, "common_type", 0);
	f->pid = need_field(a->path, woken, "common_pid", 0);
	f->wake_variant = need_field(a->path, wake, "variant", 4);
	f->wake_seq = need_field(a->path, wake, "seq", 8);
	f->woken_variant = need_field(a->path, woken, "variant", 4);
	f->woken_seq = need_field(a->path, woken, "seq", 8);
	f->woken_lat = need_field(a->path, woken, "latency_ns", 8);
	/*
	 * Optional: traces made before the harness told no-sleep returns
	 * apart have no slept field, and every woken there is a sample.
	 */
	f->woken_slept = tep_find_any_field(woken, "slept");
	if (begin)
		f->begin_variant = need_field(a->path, begin, "variant", 4);
	else
		f->begin_id = -1;
	if (end)
		f->end_variant = need_field(a->path, end, "variant", 4);
	else
		f->end_id = -1;
	/* Without both sched events there is no scheduler view. */
	if (waking && sw) {
		f->waking_pid = need_field(a->path, waking, "pid", 0);
		f->switch_next = need_field(a->path, sw, "next_pid", 0);
		f->switch_prev = need_field(a->path, sw, "prev_pid", 0);
		f->switch_prev_state = need_field(a->path, sw, "prev_state", 0);
	} else {
		f->waking_id = -1;
		f->switch_id = -1;
	}
}

/* ---- output ---- */

static void print_ns_or_na(const char *key, const struct hist *h, uint64_t val)
{
	if (h->n)
		printf("%s: %" PRIu64 "\n", key, val);
	else
		printf("%s: n/a\n", key);
}

/* printf has no conversion for an unsigned __int128. */
static const char *u128_str(unsigned __int128 v, char buf[40])
{
	char *p = buf + 39;

	*p = '\0';
	do {
		*--p = '0' + (char)(v % 10);
		v /= 10;
	} while (v);
	return p;
}

/* How the latency percentiles were found. */
static void print_exactness(const struct hist *h)
{
	char buf[40];

	if (!h->n) {
		printf("sum_ns: n/a\npercentiles: n/a\n");
		return;
	}
	printf("sum_ns: %s\n", u128_str(h->sum, buf));
	printf("percentiles: %s\n", h->sorted ? "exact" : "histogram");
}

static void print_wake_order(const struct variant *v)
{
	const char *word = "mixed";

	if (!v->order_rounds)
		word = "none";
	else if (v->order_fifo == v->order_rounds)
		word = "fifo";
	else if (v->order_lifo == v->order_rounds)
		word = "lifo";
	printf("wake_order_rounds: %" PRIu64 "\n", v->order_rounds);
	printf("wake_order_fifo: %" PRIu64 "\n", v->order_fifo);
	printf("wake_order_lifo: %" PRIu64 "\n", v->order_lifo);
	printf("wake_order_other: %" PRIu64 "\n", v->order_other);
	printf("wake_order: %s\n", word);
}

/* The scheduler's latency, n/a without sched events. */
static void print_sched(bool sched, uint64_t p50, const struct hist *s)
{
	uint64_t sp50 = sched ? hist_percentile(s, 50, 100) : 0;

	if (!sched) {
		printf("sched_p50_ns: n/a\nsched_p99_ns: n/a\nsched_mean_ns: n/a\n");
		printf("sched_p50_diff_pct: n/a\n");
		return;
	}
	printf("sched_p50_ns: %" PRIu64 "\n", sp50);
	printf("sched_p99_ns: %" PRIu64 "\n", hist_percentile(s, 99, 100));
	printf("sched_mean_ns: %" PRIu64 "\n", hist_mean(s));
	if (p50)
		printf("sched_p50_diff_pct: %.1f\n",
		       100.0 * ((double)p50 - (double)sp50) / (double)p50);
	else
		printf("sched_p50_diff_pct: n/a\n");
}

static void print_variant(const struct analysis *a, const struct variant *v)
{
	const struct hist *l = &v->lat, *s = &v->sched;
	bool sched = a->sched_events && s->n;
	uint64_t p50 = l->n ? hist_percentile(l, 50, 100) : 0;

	printf("variant: %s\n", v->name);
	printf("samples: %" PRIu64 "\n", l->n);
	printf("records: %" PRIu64 "\n", v->records);
	printf("no_sleep: %" PRIu64 "\n", v->no_sleep);
	printf("wakes: %" PRIu64 "\n", v->wakes);
	print_ns_or_na("min_ns", l, l->min);
	print_ns_or_na("mean_ns", l, l->n ? hist_mean(l) : 0);
	print_ns_or_na("p50_ns", l, p50);
	print_ns_or_na("p90_ns", l, l->n ? hist_percentile(l, 90, 100) : 0);
	print_ns_or_na("p99_ns", l, l->n ? hist_percentile(l, 99, 100) : 0);
	print_ns_or_na("p999_ns", l, l->n ? hist_percentile(l, 999, 1000) : 0);
	print_ns_or_na("max_ns", l, l->max);
	print_exactness(l);
	printf("woken_without_wake: %" PRIu64 "\n", v->orphans);
	printf("wakes_without_woken: %" PRIu64 "\n", v->unwoken);
	printf("most_per_seq: %" PRIu32 "\n", v->most_per_seq);
	if (a->lost_unknown)
		printf("lost_events: -1\n");
	else
		printf("lost_events: %" PRIu64 "\n", a->lost);
	printf("sched_matched: %" PRIu64 "\n", s->n);
	print_sched(sched, p50, s);
	print_wake_order(v);
}

static void write_cdf(FILE *f, const struct variant *v)
{
	const struct hist *h = &v->lat;
	uint64_t seen = 0, up;
	unsigned int b;

	fprintf(f, "# variant %s\n", v->name);
	fprintf(f, "# latency_ns cumulative_fraction (min_ns 0, then the upper bound of each non-empty bucket, 256 per power of two)\n");
	/* Where the curve rises from 0: a step plot starts at its first point. */
	if (h->n)
		fprintf(f, "%" PRIu64 " %.9f\n", h->min, 0.0);
	for (b = 0; b < FINE_BUCKETS; b++) {
		if (!h->count[b])
			continue;
		seen += h->count[b];
		up = bucket_upper(b, FINE_BITS);
		if (up > h->max)
			up = h->max;
		fprintf(f, "%" PRIu64 " %.9f\n", up,
			seen == h->n ? 1.0 : (double)seen / (double)h->n);
	}
}

/* Fine buckets nest in coarse ones: both split powers of two in 2^k parts. */
static void write_hist(FILE *f, const struct variant *v)
{
	const struct hist *h = &v->lat;
	unsigned int b, cb, cur = 0;
	uint64_t count = 0;

	fprintf(f, "# variant %s\n", v->name);
	fprintf(f, "# lower_ns upper_ns count (inclusive bounds, 8 buckets per power of two)\n");
	for (b = 0; b < FINE_BUCKETS; b++) {
		if (!h->count[b])
			continue;
		cb = bucket_of(bucket_lower(b, FINE_BITS), COARSE_BITS);
		if (count && cb != cur) {
			fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
				bucket_lower(cur, COARSE_BITS),
				bucket_upper(cur, COARSE_BITS), count);
			count = 0;
		}
		cur = cb;
		count += h->count[b];
	}
	if (count)
		fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
			bucket_lower(cur, COARSE_BITS),
			bucket_upper(cur, COARSE_BITS), count);
}

/* mkstemp() makes the file 0600; plot data is as readable as any output. */
static int chmod_default(const char *path)
{
	mode_t mask = umask(0);

	umask(mask);
	return chmod(path, 0666 & ~mask);
}

/* Write to a temporary name in the same directory, then rename over. */
static void write_atomic(const char *dir, const char *name,
			 void (*fn)(FILE *, const struct variant *),
			 const struct variant *v)
{
	char *tmp, *dst;
	FILE *f;
	int fd;

	if (asprintf(&dst, "%s/%s", dir, name) < 0 ||
	    asprintf(&tmp, "%s/.%s.XXXXXX", dir, name) < 0) {
		perror(prog);
		exit(1);
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		fail(tmp, "cannot create: %s", strerror(errno));
	f = fdopen(fd, "w");
	if (!f)
		fail(tmp, "%s", strerror(errno));
	fn(f, v);
	if (fflush(f) || ferror(f) || fsync(fd)) {
		unlink(tmp);
		fail(tmp, "write error: %s", strerror(errno));
	}
	if (fclose(f) || chmod_default(tmp) || rename(tmp, dst)) {
		unlink(tmp);
		fail(dst, "cannot write: %s", strerror(errno));
	}
	free(tmp);
	free(dst);
}

/* Variant names come from the trace: keep them to one plain file name. */
static bool name_ok(const char *name)
{
	return name[0] != '.' && !name[strspn(name,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")];
}

/* mkdir -p */
static void make_dir(const char *dir)
{
	char *path = strdup(dir), *p;
	struct stat st;

	if (!path) {
		perror(prog);
		exit(1);
	}
	for (p = path + 1; ; p++) {
		bool last = !*p;

		if (!last && *p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) && errno != EEXIST)
			fail(path, "cannot create: %s", strerror(errno));
		if (last)
			break;
		*p = '/';
	}
	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		fail(dir, "not a directory");
	free(path);
}

static void write_plots(const char *dir, struct variant **v, int n)
{
	char cdf[VARIANT_LEN + 16], hist[VARIANT_LEN + 16];
	int i;

	make_dir(dir);
	for (i = 0; i < n; i++) {
		if (n == 1) {
			strcpy(cdf, "cdf.dat");
			strcpy(hist, "hist.dat");
		} else {
			if (!name_ok(v[i]->name))
				fail(dir, "variant name '%s' is not a plain file name",
				     v[i]->name);
			snprintf(cdf, sizeof(cdf), "%s.cdf.dat", v[i]->name);
			snprintf(hist, sizeof(hist), "%s.hist.dat", v[i]->name);
		}
		write_atomic(dir, cdf, write_cdf, v[i]);
		write_atomic(dir, hist, write_hist, v[i]);
	}
}

/* ---- main ---- */

/* Each CPU of a new handle goes on after the last record read from it. */
static bool resume(struct analysis *a, struct tracecmd_input *h)
{
	struct tep_record *rec;
	int i, cpu;

	for (i = 0; i < a->nr_cursors; i++) {
		if (!a->cursor[i].set)
			continue;
		rec = tracecmd_read_at(h, a->cursor[i].offset, &cpu);
		if (!rec)
			return false;
		tracecmd_free_record(rec);
		if (cpu != i)
			return false;
	}
	return true;
}

/*
 * The records of all CPUs in timestamp order (ties: the lower CPU index
 * first, as libtracecmd's own iterators do). head[cpu] holds each CPU's
 * next record, read with tracecmd_read_data(): libtracecmd 1.3.1 has no
 * public peek.
 */
static struct tep_record *read_next(struct analysis *a,
				    struct tracecmd_input *h,
				    struct tep_record **head, int *cpu)
{
	struct tep_record *rec;
	int i, best = -1;

	for (i = 0; i < a->nr_cpus; i++)
		if (head[i] && (best < 0 || head[i]->ts < head[best]->ts))
			best = i;
	if (best < 0)
		return NULL;
	rec = head[best];
	head[best] = tracecmd_read_data(h, best);
	*cpu = best;
	return rec;
}

/*
 * Returns false at the end of the trace, true when the slice is full. The
 * records left in head[] are read again after resume().
 */
static bool read_slice(struct analysis *a, struct tracecmd_input *h)
{
	struct tep_record **head, *rec;
	unsigned long n;
	bool more = true;
	int cpu;

	head = calloc(a->nr_cpus, sizeof(*head));
	if (!head) {
		perror(prog);
		exit(1);
	}
	for (cpu = 0; cpu < a->nr_cpus; cpu++)
		head[cpu] = tracecmd_read_data(h, cpu);
	for (n = 0; n < SLICE_RECORDS && more; n++) {
		rec = read_next(a, h, head, &cpu);
		if (rec) {
			on_record(a, rec, cpu);
			tracecmd_free_record(rec);
		}
		more = !!rec;
	}
	for (cpu = 0; cpu < a->nr_cpus; cpu++)
		tracecmd_free_record(head[cpu]);
	free(head);
	return more;
}

/*
 * libtracecmd 1.3.1 keeps what it has read until the handle is closed: in
 * a compressed file (trace-cmd's default) every decompressed chunk, since
 * free_zpage() tests "map <= start && map > end" and never finds one to
 * free; in an uncompressed one, mappings as large as a CPU's whole data.
 * So the trace is read in slices of SLICE_RECORDS records: then the handle
 * is closed, the file opened again, and each CPU put back after its last
 * record with tracecmd_read_at(). Field pointers belong to the handle's
 * tep, so they are looked up again each time. The headers are read again
 * too, all but kallsyms, the bulk of them (see tep_parse_kallsyms()).
 *
 * Not tracecmd_iterate_events(): stopped early (callback < 0), it frees
 * the records it has peeked while they are still locked ("freeing record
 * when it is locked!"), so their pages and mappings are never released.
 */
static void read_slices(struct analysis *a, struct tracecmd_input *h,
			uint64_t layout_cpus)
{
	char why[512];

	for (;;) {
		find_formats(a, tracecmd_get_tep(h));
		a->nr_cpus = tep_get_cpus(tracecmd_get_tep(h));
		/* v7 keeps the CPUs of the data apart from the CPU count. */
		if ((uint64_t)a->nr_cpus < layout_cpus)
			a->nr_cpus = layout_cpus;
		if (a->nr_cpus > MAX_CPUS)
			a->nr_cpus = MAX_CPUS;
		if (a->nr_cpus < 1)
			a->nr_cpus = 1;
		if (!resume(a, h))
			fail(a->path, "libtracecmd cannot find its place again in the trace data");
		if (!read_slice(a, h))
			break;
		tracecmd_close(h);
		h = open_trace(a->path, why, sizeof(why));
		if (!h)
			fail(a->path, "libtracecmd cannot open it again: %s",
			     why[0] ? why : "changed while being read?");
	}
	tracecmd_close(h);
}

static void analyse(struct analysis *a)
{
	struct tracecmd_input *h;
	uint64_t cpus;
	char why[512];
	int i;

	cpus = check_file(a->path);
	/*
	 * Each open decompresses the file's headers (megabytes of kallsyms)
	 * and each close frees a slice's data: keep what is freed in the
	 * heap for the next slice, not unmapped and faulted in again.
	 */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	h = open_trace(a->path, why, sizeof(why));
	if (!h) {
		if (why[0])
			fail(a->path, "truncated trace-cmd data file (libtracecmd: %s)",
			     why);
		fail(a->path, "corrupt or truncated trace-cmd data file: libtracecmd cannot read its headers");
	}
	a->tasks.cap = TASKS_MIN;
	a->tasks.slot = calloc(a->tasks.cap, sizeof(*a->tasks.slot));
	if (!a->tasks.slot) {
		perror(prog);
		exit(1);
	}
	read_slices(a, h, cpus);
	/*
	 * Wakes still in the rings: count those nobody reported. The last
	 * rounds end with the trace.
	 */
	for (i = 0; i < a->nr_variants; i++) {
		variant_restart(a->v[i]);
		round_close(a->v[i]);
		exact_sort(&a->v[i]->lat);
		exact_sort(&a->v[i]->sched);
	}
	if (a->too_many_variants)
		fprintf(stderr, "%s: %s: more than %d variants, only the first %d are counted\n",
			prog, a->path, MAX_VARIANTS, MAX_VARIANTS);
	if (a->lost_gaps)
		fprintf(stderr, "%s: %s: warning: the ring buffer dropped events in %" PRIu64 " places, %" PRIu64 " events counted%s; the numbers describe what was recorded\n",
			prog, a->path, a->lost_gaps, a->lost,
			a->lost_unknown ? " (some drops without a count: lost_events is -1)" : "");
	if (a->bad_records)
		fprintf(stderr, "%s: %s: %" PRIu64 " waitcmp records could not be decoded\n",
			prog, a->path, a->bad_records);
}

struct options {
	const char *path;
	const char *outdir;
	const char *only;
};

static int run(const struct options *o)
{
	struct analysis a = { .path = o->path };
	struct variant *sel[MAX_VARIANTS];
	int i, n = 0;

	analyse(&a);
	for (i = 0; i < a.nr_variants; i++)
		if (!o->only || !strcmp(a.v[i]->name, o->only))
			sel[n++] = a.v[i];
	if (!a.nr_variants)
		fail(a.path, "no waitcmp events");
	if (!n)
		fail(a.path, "no waitcmp events of variant '%s'", o->only);
	/* Files first: if they fail, nothing is printed. */
	if (o->outdir)
		write_plots(o->outdir, sel, n);
	for (i = 0; i < n; i++) {
		if (i)
			putchar('\n');
		print_variant(&a, sel[i]);
	}
	if (fflush(stdout) || ferror(stdout))
		fail("stdout", "write error: %s", strerror(errno));
	return 0;
}

/*
 * libtracecmd 1.3.1 crashes on some corrupt files: when tracecmd_open()
 * fails after it has allocated the CPU data, its tracecmd_close() walks list
 * heads that were never initialised (NULL). So the work runs in a child
 * process, and a crash there becomes a message and exit status 1. The child
 * prints only once the whole trace is read.
 */
static int run_guarded(const struct options *o)
{
	struct rlimit nocore = { 0, 0 };
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return run(o);
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &nocore);
		exit(run(o));
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror(prog);
			return 1;
		}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	fprintf(stderr, "%s: %s: corrupt trace-cmd data file: libtracecmd crashed reading it (%s)\n",
		prog, o->path, strsignal(WTERMSIG(status)));
	return 1;
}

/* ANALYSE_EXACT_CAP=N: at most N distinct values counted exactly, for tests. */
static void read_exact_cap(void)
{
	const char *s = getenv("ANALYSE_EXACT_CAP");
	unsigned long long cap;

	if (!s)
		return;
	errno = 0;
	cap = strtoull(s, NULL, 10);
	if (!*s || s[strspn(s, "0123456789")] || errno || cap > EXACT_CAP) {
		fprintf(stderr, "%s: ANALYSE_EXACT_CAP=%s: not a number from 0 to %lu\n",
			prog, s, EXACT_CAP);
		exit(2);
	}
	exact_cap = cap;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "variant", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct options o = { 0 };
	int c;

	prog = argv[0];
	read_exact_cap();
	while ((c = getopt_long(argc, argv, "ho:v:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'o':
			o.outdir = optarg;
			break;
		case 'v':
			o.only = optarg;
			break;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	o.path = argv[optind];
	return run_guarded(&o);
}
