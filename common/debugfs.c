// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/waitcmp/<variant>/{stats,histogram}, read-only.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/error-injection.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "internal.h"

static struct dentry *waitcmp_debugfs_root;

/* "key: kthread hardirq ...": the waker contexts @from allows on this kernel. */
static void wake_from_show(struct seq_file *m, const char *key,
			   enum waitcmp_wake_from from)
{
	int ctx;

	seq_printf(m, "%s:", key);
	for (ctx = 0; ctx < WAITCMP_NR_CTX; ctx++)
		if (!waitcmp_forbidden(from, ctx))
			seq_printf(m, " %s", waitcmp_context_name(ctx));
	seq_putc(m, '\n');
}

static const char *const waitcmp_timeout_names[] = {
	[WAITCMP_TIMEOUT_NONE] = "none",
	[WAITCMP_TIMEOUT_JIFFIES] = "jiffies",
	[WAITCMP_TIMEOUT_HRTIMER] = "hrtimer",
};

static const char *const waitcmp_signals_names[] = {
	[WAITCMP_SIG_NONE] = "none",
	[WAITCMP_SIG_FATAL] = "fatal",
	[WAITCMP_SIG_ANY] = "any",
};

static const char *const waitcmp_order_names[] = {
	[WAITCMP_ORDER_LIFO] = "lifo",
	[WAITCMP_ORDER_FIFO] = "fifo",
	[WAITCMP_ORDER_CALLER] = "caller",
};

/*
 * freezable=1, the samples of waiters asleep and not frozen, per ps
 * letter: "refusing_state: D" the most frequent (- if none), then
 * "refusing_states: D:480 I:2", every letter seen.
 */
static void refusing_show(struct seq_file *m, struct waitcmp_run *run)
{
	s64 n, most = 0;
	char letter = '-';
	unsigned int i;

	for (i = 1; i < WAITCMP_NR_STATE_LETTERS; i++) {
		n = atomic64_read(&run->freeze_asleep[i]);
		if (n > most) {
			most = n;
			letter = task_index_to_char(i);
		}
	}
	seq_printf(m, "refusing_state: %c\n", letter);
	seq_puts(m, "refusing_states:");
	for (i = 1; i < WAITCMP_NR_STATE_LETTERS; i++) {
		n = atomic64_read(&run->freeze_asleep[i]);
		if (n)
			seq_printf(m, " %c:%lld", task_index_to_char(i), (long long)n);
	}
	seq_putc(m, '\n');
}

static int stats_show(struct seq_file *m, void *v)
{
	struct waitcmp_run *run = m->private;
	const struct waitcmp_params *p = &run->params;
	const struct waitcmp_expect *e = &run->ops->expect;
	struct waitcmp_summary s, c, x;
	struct waitcmp_snap *snap;
	u64 wakes = READ_ONCE(run->seq);
	u64 woken = atomic64_read(&run->woken);
	u64 hundredths = wakes ? div64_u64(woken * 100, wakes) : 0;
	u32 frac;
	unsigned int i;

	/* Copy under the lock, scan the percentiles without it. */
	snap = kmalloc(sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	waitcmp_snapshot(run, snap);
	waitcmp_stats_summary(&snap->stats, &s);
	waitcmp_stats_summary(&snap->wake_cost, &c);
	waitcmp_stats_summary(&snap->expiry, &x);
	seq_printf(m, "variant: %s\n", run->ops->name);
	/* What the variant is: the module is the bench's only source. */
	seq_printf(m, "family: %s\n", run->ops->family);
	seq_printf(m, "wakes_one: %d\n", run->ops->wakes_one);
	seq_printf(m, "max_waiters: %u\n", waitcmp_max_waiters(run->ops));
	seq_printf(m, "primitive: %s\n", run->ops->primitive);
	seq_printf(m, "primitive_size: %zu\n", run->ops->primitive_size);
	seq_printf(m, "primitive_hashed: %d\n", run->ops->primitive_hashed);
	/* The waker_context values this kernel takes, wake-one and wake-all. */
	wake_from_show(m, "wake_from", run->ops->wake_from);
	wake_from_show(m, "wake_all_from", run->ops->wake_all_from);
	seq_printf(m, "status: %s\n", READ_ONCE(run->done) ? "done" : "running");
	seq_printf(m, "iterations: %u\n", p->iterations);
	seq_printf(m, "period_us: %u\n", p->period_us);
	seq_printf(m, "waiters: %u\n", p->waiters);
	seq_printf(m, "waiter_cpu: %d\n", p->waiter_cpu);
	seq_printf(m, "waker_cpu: %d\n", p->waker_cpu);
	seq_printf(m, "wake_all: %u\n", p->wake_all);
	seq_printf(m, "allow_hung_task: %u\n", p->allow_hung_task);
	seq_printf(m, "stop_test: %u\n", p->stop_test);
	seq_printf(m, "waker_context: %s\n", waitcmp_context_name(run->context));
	seq_printf(m, "sched_fifo: %u\n", p->sched_fifo);
	seq_printf(m, "contend_us: %u\n", p->contend_us);
	seq_printf(m, "timeout_us: %u\n", p->timeout_us);
	seq_printf(m, "signals: %u\n", p->signals);
	seq_printf(m, "freezable: %u\n", p->freezable);
	/* The contender's acquisitions of the wake's lock. */
	seq_printf(m, "contended: %lld\n", (long long)atomic64_read(&run->contended));
	seq_printf(m, "wakes: %llu\n", wakes);
	/* How many waiters a wake ran, in hundredths: the thundering herd. */
	seq_printf(m, "woken: %llu\n", woken);
	hundredths = div_u64_rem(hundredths, 100, &frac);
	seq_printf(m, "woken_per_wake: %llu.%02u\n", hundredths, frac);
	/* Records: those whose wait slept are the latency samples. */
	seq_printf(m, "records: %llu\n", waitcmp_records(snap));
	seq_printf(m, "slept: %llu\n", s.samples);
	seq_printf(m, "no_sleep: %llu\n", snap->no_sleep);
	seq_printf(m, "negative: %llu\n", snap->negative);
	seq_printf(m, "samples: %llu\n", s.samples);
	seq_printf(m, "min_ns: %llu\n", s.min);
	seq_printf(m, "mean_ns: %llu\n", s.mean);
	seq_printf(m, "p50_ns: %llu\n", s.p50);
	seq_printf(m, "p90_ns: %llu\n", s.p90);
	seq_printf(m, "p99_ns: %llu\n", s.p99);
	seq_printf(m, "p999_ns: %llu\n", s.p999);
	seq_printf(m, "max_ns: %llu\n", s.max);
	seq_printf(m, "wake_cost_mean_ns: %llu\n", c.mean);
	seq_printf(m, "wake_cost_p50_ns: %llu\n", c.p50);
	seq_printf(m, "wake_cost_p99_ns: %llu\n", c.p99);
	seq_printf(m, "wake_cost_max_ns: %llu\n", c.max);
	/* timeout_us: the expiries of the wait's timeout, how long those waits slept. */
	seq_printf(m, "timeout: %s\n", waitcmp_timeout_names[run->ops->timeout]);
	seq_printf(m, "hz: %d\n", HZ);	/* the tick a jiffies timeout ends on */
	seq_printf(m, "expiries: %llu\n", x.samples);
	seq_printf(m, "expiry_early: %llu\n", snap->expiry_early);
	if (x.samples)
		seq_printf(m, "expiry_ret: %ld\n", snap->expiry_ret);
	else
		seq_puts(m, "expiry_ret: n/a\n");
	seq_printf(m, "expiry_slept_min_ns: %llu\n", x.min);
	seq_printf(m, "expiry_slept_p50_ns: %llu\n", x.p50);
	seq_printf(m, "expiry_slept_p99_ns: %llu\n", x.p99);
	seq_printf(m, "expiry_slept_max_ns: %llu\n", x.max);
	seq_printf(m, "waker_pid: %d\n", task_pid_nr(run->waker));
	seq_puts(m, "waiter_pids:");
	for (i = 0; i < p->waiters; i++)
		seq_printf(m, " %d", task_pid_nr(run->waiter[i].task));
	seq_putc(m, '\n');
	seq_printf(m, "expect_state: %c\n", e->state);
	seq_printf(m, "expect_iowait: %d\n", e->iowait);
	seq_printf(m, "expect_load: %d\n", e->load);
	seq_printf(m, "expect_hung_task: %d\n", e->hung_task);
	/* Wake-one calls, several waiters: the oldest, the newest or another ran. */
	seq_printf(m, "order_oldest: %llu\n", snap->order_oldest);
	seq_printf(m, "order_newest: %llu\n", snap->order_newest);
	seq_printf(m, "order_other: %llu\n", snap->order_other);
	seq_printf(m, "expect_signals: %s\n", waitcmp_signals_names[e->signals]);
	/* signals=1: SIGUSR1 and SIGKILL, each: early returns, ignored, last early return value. */
	for (i = 0; i < 2; i++) {
		const char *sig = i ? "kill" : "usr1";

		seq_printf(m, "sig_%s_early: %llu\n", sig, snap->sig_early[i]);
		seq_printf(m, "sig_%s_ignored: %llu\n", sig, snap->sig_ignored[i]);
		if (snap->sig_early[i])
			seq_printf(m, "sig_%s_ret: %d\n", sig, snap->sig_ret[i]);
		else
			seq_printf(m, "sig_%s_ret: n/a\n", sig);
	}
	seq_printf(m, "expect_wake_all_order: %s\n", waitcmp_order_names[e->wake_all_order]);
	seq_printf(m, "expect_freezer: %s\n", e->freezes ? "freezes" : "refuses");
	/* freezable=1: suspends seen, and the waiters sampled while the freezer was after them. */
	seq_printf(m, "freeze_sample_us: %u\n", WAITCMP_FREEZE_SAMPLE_US);
	seq_printf(m, "suspends: %lld\n", (long long)atomic64_read(&run->suspends));
	seq_printf(m, "freeze_samples: %lld\n", (long long)atomic64_read(&run->freeze_samples));
	seq_printf(m, "freeze_frozen: %lld\n", (long long)atomic64_read(&run->freeze_frozen));
	seq_printf(m, "freeze_runnable: %lld\n", (long long)atomic64_read(&run->freeze_runnable));
	seq_printf(m, "frozen_state: %c\n", READ_ONCE(run->frozen_state) ?: '-');
	refusing_show(m, run);
	seq_printf(m, "freeze_after_wait: %lld\n",
		   (long long)atomic64_read(&run->freeze_after_wait));
	seq_printf(m, "affinity_lost: %d\n", READ_ONCE(run->affinity_lost));
	kfree(snap);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/* Non-empty buckets only: "lower_ns upper_ns count", upper inclusive. */
static int histogram_show(struct seq_file *m, void *v)
{
	struct waitcmp_run *run = m->private;
	struct waitcmp_stats *copy;
	unsigned int b;

	/* Copy under the lock, print without it: waiters must not stall. */
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	spin_lock(&run->stats_lock);
	*copy = *run->stats;
	spin_unlock(&run->stats_lock);

	for (b = 0; b < WAITCMP_HIST_BUCKETS; b++)
		if (copy->hist[b])
			seq_printf(m, "%llu %llu %llu\n", waitcmp_hist_lower(b),
				   waitcmp_hist_upper(b), copy->hist[b]);
	kfree(copy);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(histogram);

noinline int waitcmp_debugfs_add(struct waitcmp_run *run)
{
	struct dentry *d;

	run->dir = debugfs_create_dir(run->ops->name, waitcmp_debugfs_root);
	if (IS_ERR(run->dir)) {
		int err = PTR_ERR(run->dir);

		run->dir = NULL;
		return err;
	}
	d = debugfs_create_file("stats", 0444, run->dir, run, &stats_fops);
	if (!IS_ERR(d))
		d = debugfs_create_file("histogram", 0444, run->dir, run,
					&histogram_fops);
	if (IS_ERR(d)) {
		waitcmp_debugfs_remove(run);
		return PTR_ERR(d);
	}
	return 0;
}

ALLOW_ERROR_INJECTION(waitcmp_debugfs_add, ERRNO);

void waitcmp_debugfs_remove(struct waitcmp_run *run)
{
	debugfs_remove_recursive(run->dir);
	run->dir = NULL;
}

int waitcmp_debugfs_init(void)
{
	waitcmp_debugfs_root = debugfs_create_dir("waitcmp", NULL);
	return PTR_ERR_OR_ZERO(waitcmp_debugfs_root);
}

void waitcmp_debugfs_exit(void)
{
	debugfs_remove_recursive(waitcmp_debugfs_root);
}
