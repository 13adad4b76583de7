// SPDX-License-Identifier: GPL-2.0
/*
 * waitcmp_floor: the least code that measures a kthread wake, the reference
 * the waitcmp harness is held against.
 *
 * Two kthreads play ping-pong back to back: the waker takes ktime_get_ns(),
 * publishes a sequence number and calls wake_up(); the waiter, asleep in
 * wait_event(), takes its own ktime_get_ns() when the wait returns, stores
 * the difference in a preallocated array and wakes the waker back, which
 * waits for that acknowledgment before the next wake. No harness, no
 * histogram, no tracepoints: the array is sorted once, at the end.
 *
 * The result is one kernel log line and /sys/kernel/debug/waitcmp_floor/result.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sort.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

/* sort() never reschedules: keep it far below the soft-lockup threshold. */
#define FLOOR_MAX_ITERATIONS	1000000U

static unsigned int iterations = 100000;
module_param(iterations, uint, 0444);
MODULE_PARM_DESC(iterations, "Wakes to measure, 1..1000000");
static int waiter_cpu = -1;
module_param(waiter_cpu, int, 0444);
MODULE_PARM_DESC(waiter_cpu, "CPU of the waiter, -1 = unbound");
static int waker_cpu = -1;
module_param(waker_cpu, int, 0444);
MODULE_PARM_DESC(waker_cpu, "CPU of the waker, -1 = unbound");

static struct {
	u64 *lat;			/* iterations latencies, in ns */
	u64 wake_ns;			/* written before seq is released */
	unsigned int seq;		/* the wake the waiter is due */
	unsigned int ack;		/* the last wake the waiter recorded */
	bool ready;			/* the waiter is about to wait */
	bool stop;			/* unloading: leave every wait */
	bool done;			/* the results below are final */
	u64 start_ns;			/* just before the threads start */
	u64 elapsed_ns;			/* load to the last acknowledgment */
	u64 p50, p99, min, max;
	wait_queue_head_t wq;		/* the waiter sleeps here */
	wait_queue_head_t ack_wq;	/* the waker sleeps here */
	struct task_struct *waiter, *waker;
	struct dentry *dir;
} fr;

/* Sleep outside the accounting (not D state) until kthread_stop(). */
static void floor_park(void)
{
	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static int floor_waiter_fn(void *unused)
{
	unsigned int seen;

	WRITE_ONCE(fr.ready, true);
	wake_up(&fr.ack_wq);
	for (seen = 0; seen < iterations; seen++) {
		u64 now;

		/* Pairs with the waker's release: wake_ns is that of seq. */
		wait_event(fr.wq, smp_load_acquire(&fr.seq) != seen ||
			   READ_ONCE(fr.stop));
		now = ktime_get_ns();
		if (READ_ONCE(fr.stop))
			break;
		fr.lat[seen] = now - READ_ONCE(fr.wake_ns);
		/* The waker reads lat[] only after this acknowledgment. */
		smp_store_release(&fr.ack, seen + 1);
		wake_up(&fr.ack_wq);
	}
	floor_park();
	return 0;
}

static int floor_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Nearest rank, ceil(n * pct / 100), as the harness's own stats. */
static u64 floor_percentile(unsigned int pct)
{
	u64 rank = DIV_ROUND_UP_ULL((u64)iterations * pct, 100);

	return fr.lat[rank ? rank - 1 : 0];
}

static void floor_finish(void)
{
	sort(fr.lat, iterations, sizeof(*fr.lat), floor_cmp, NULL);
	fr.min = fr.lat[0];
	fr.max = fr.lat[iterations - 1];
	fr.p50 = floor_percentile(50);
	fr.p99 = floor_percentile(99);
	/* Pairs with the acquire in floor_show(). */
	smp_store_release(&fr.done, true);
	pr_info("End of run: samples=%u min_ns=%llu p50_ns=%llu p99_ns=%llu max_ns=%llu elapsed_ns=%llu wakes_per_s=%llu\n",
		iterations, fr.min, fr.p50, fr.p99, fr.max,
		fr.elapsed_ns,
		div64_u64((u64)iterations * NSEC_PER_SEC, fr.elapsed_ns ?: 1));
}

static int floor_waker_fn(void *unused)
{
	unsigned int seq;

	wait_event_idle(fr.ack_wq, READ_ONCE(fr.ready) ||
			READ_ONCE(fr.stop));
	for (seq = 1; seq <= iterations; seq++) {
		WRITE_ONCE(fr.wake_ns, ktime_get_ns());
		/* Publish wake_ns before seq; pairs with the waiter's acquire. */
		smp_store_release(&fr.seq, seq);
		wake_up(&fr.wq);
		/* Pairs with the waiter's release: lat[] is written. */
		wait_event_idle(fr.ack_wq, smp_load_acquire(&fr.ack) == seq ||
				READ_ONCE(fr.stop));
		if (READ_ONCE(fr.stop))
			break;
	}
	if (seq > iterations) {
		fr.elapsed_ns = ktime_get_ns() - fr.start_ns;
		floor_finish();
	}
	floor_park();
	return 0;
}

static int floor_show(struct seq_file *m, void *unused)
{
	/* Pairs with the release in floor_finish(): results are final. */
	bool done = smp_load_acquire(&fr.done);

	seq_printf(m, "status: %s\n", done ? "done" : "running");
	seq_printf(m, "iterations: %u\n", iterations);
	seq_printf(m, "waiter_cpu: %d\n", waiter_cpu);
	seq_printf(m, "waker_cpu: %d\n", waker_cpu);
	if (!done)
		return 0;
	seq_printf(m, "samples: %u\n", iterations);
	seq_printf(m, "min_ns: %llu\n", fr.min);
	seq_printf(m, "p50_ns: %llu\n", fr.p50);
	seq_printf(m, "p99_ns: %llu\n", fr.p99);
	seq_printf(m, "max_ns: %llu\n", fr.max);
	seq_printf(m, "elapsed_ns: %llu\n", fr.elapsed_ns);
	seq_printf(m, "wakes_per_s: %llu\n",
		   div64_u64((u64)iterations * NSEC_PER_SEC,
			     fr.elapsed_ns ?: 1));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(floor);

static int floor_check_cpu(const char *name, int cpu)
{
	if (cpu == -1 || (cpu >= 0 && cpu < nr_cpu_ids && cpu_online(cpu)))
		return 0;
	pr_err("%s=%d is not an online CPU, allowed -1 or %*pbl\n",
	       name, cpu, cpumask_pr_args(cpu_online_mask));
	return -EINVAL;
}

static struct task_struct *floor_create(int (*fn)(void *), int cpu,
					const char *name)
{
	struct task_struct *t = kthread_create(fn, NULL, "%s", name);

	if (!IS_ERR(t) && cpu >= 0)
		kthread_bind(t, cpu);
	return t;
}

static void floor_stop_threads(void)
{
	WRITE_ONCE(fr.stop, true);
	wake_up(&fr.wq);
	wake_up(&fr.ack_wq);
	if (!IS_ERR_OR_NULL(fr.waker))
		kthread_stop(fr.waker);
	if (!IS_ERR_OR_NULL(fr.waiter))
		kthread_stop(fr.waiter);
}

static int __init floor_init(void)
{
	int err;

	if (iterations < 1 || iterations > FLOOR_MAX_ITERATIONS) {
		pr_err("iterations=%u is out of range, allowed 1..%u\n",
		       iterations, FLOOR_MAX_ITERATIONS);
		return -EINVAL;
	}
	if (floor_check_cpu("waiter_cpu", waiter_cpu) ||
	    floor_check_cpu("waker_cpu", waker_cpu))
		return -EINVAL;

	fr.lat = kvmalloc_array(iterations, sizeof(*fr.lat), GFP_KERNEL);
	if (!fr.lat)
		return -ENOMEM;
	init_waitqueue_head(&fr.wq);
	init_waitqueue_head(&fr.ack_wq);

	fr.waiter = floor_create(floor_waiter_fn, waiter_cpu, "floor_wait");
	fr.waker = floor_create(floor_waker_fn, waker_cpu, "floor_waker");
	if (IS_ERR(fr.waiter) || IS_ERR(fr.waker)) {
		err = PTR_ERR(IS_ERR(fr.waiter) ? fr.waiter : fr.waker);
		pr_err("cannot create a kthread: %d\n", err);
		goto err_threads;
	}

	fr.dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("result", 0444, fr.dir, NULL, &floor_fops);

	pr_info("Start of run: iterations=%u waiter_cpu=%d waker_cpu=%d\n",
		iterations, waiter_cpu, waker_cpu);
	/*
	 * Timed from here, as the harness's rate is timed from its Start of
	 * run line: both include the threads' start, neither the sort.
	 */
	fr.start_ns = ktime_get_ns();
	wake_up_process(fr.waiter);
	wake_up_process(fr.waker);
	return 0;

err_threads:
	/* kthread_stop() on a thread never woken: it exits without running. */
	floor_stop_threads();
	kvfree(fr.lat);
	return err;
}
module_init(floor_init);

static void __exit floor_exit(void)
{
	debugfs_remove(fr.dir);
	floor_stop_threads();
	if (!READ_ONCE(fr.done))
		pr_info("End of run (stopped)\n");
	kvfree(fr.lat);
}
module_exit(floor_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("waitcmp_floor: the least code that measures a kthread wake");
