/* SPDX-License-Identifier: GPL-2.0 */
/*
 * waitcmp: one kthread harness that compares the kernel's wait APIs.
 *
 * A variant module describes the wait API it measures in a struct
 * waitcmp_ops (a wait and the wake that ends it, in the style of
 * locktorture's struct lock_torture_ops) and ends with
 * WAITCMP_VARIANT(ops), which gives it the module parameters of the
 * contract and an init/exit that start and stop one run.
 *
 * The waker publishes a sequence number and the time of the wake, then
 * calls ops->wake(). Each waiter sleeps in ops->wait() until
 * waitcmp_wake_due() holds, reads the sequence number, takes its own
 * timestamp, and records latency = woken - wake if it slept in the wait
 * (a wait that found its condition already true is counted apart).
 */
#ifndef _WAITCMP_H
#define _WAITCMP_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#define WAITCMP_MAX_WAITERS	64
#define WAITCMP_MAX_PERIOD_US	10000000U

struct waitcmp_params {
	unsigned int iterations;	/* wake cycles; 0 = until unloaded */
	unsigned int period_us;		/* waker's pause between wakes */
	unsigned int waiters;		/* waiting kthreads */
	int waiter_cpu;			/* -1 = unbound */
	int waker_cpu;			/* -1 = unbound */
	unsigned int wake_all;		/* 1: wake every waiter, not one */
	unsigned int allow_hung_task;	/* 1: sleeps the detector reports */
	unsigned int stop_test;		/* 0: the wait ignores the stop (pitfall) */
	char *waker_context;		/* where the wake is called from, below */
	unsigned int sched_fifo;	/* 0: SCHED_NORMAL; 1..99: SCHED_FIFO priority */
	unsigned int contend_us;	/* 0: none; else a thread holds the wake's lock */
	unsigned int timeout_us;	/* 0: the variant's default; else its wait's timeout */
	unsigned int signals;		/* 1: waiters take SIGKILL and SIGUSR1 */
	unsigned int freezable;		/* 1: waiters set_freezable(), below */
};

#define WAITCMP_MAX_CONTEND_US	1000
#define WAITCMP_MAX_TIMEOUT_US	10000000U

/*
 * How a variant's wait times out (@timeout of struct waitcmp_ops). With
 * timeout_us=0 the timeout is WAITCMP_DEFAULT_TIMEOUT_S, which no run
 * reaches; timeout_us=N sets it, so that it fires when the waker's period
 * is longer: the harness measures how long each expired wait slept
 * against the N us asked for (a jiffies timeout is rounded up to whole
 * ticks and ends on a tick, an hrtimer's at its time or after) and keeps
 * the API's return value.
 */
enum waitcmp_timeout {
	WAITCMP_TIMEOUT_NONE,		/* no timeout: timeout_us is refused */
	WAITCMP_TIMEOUT_JIFFIES,	/* a count of jiffies */
	WAITCMP_TIMEOUT_HRTIMER,	/* a ktime_t, on an hrtimer */
};

#define WAITCMP_DEFAULT_TIMEOUT_S	3600

/*
 * freezable=1: the waiters call set_freezable() (a kthread starts
 * PF_NOFREEZE) and try_to_freeze() between waits, as a freezable kthread's
 * loop does. A suspend then asks the freezer for them while they sleep in
 * the wait under test: a wait whose state carries TASK_FREEZABLE is frozen
 * where it sleeps (__set_task_frozen() in kernel/freezer.c); any other is
 * only woken by freeze_task() (wake_up_state(p, TASK_NORMAL)), finds its
 * condition false and sleeps again, and the suspend fails after
 * pm_freeze_timeout with "Freezing of tasks failed". From the suspend's
 * PM_SUSPEND_PREPARE to its PM_POST_SUSPEND the waker holds its wakes (an
 * event source quiet while the system suspends), and a timer samples every
 * WAITCMP_FREEZE_SAMPLE_US each waiter the freezer is after: frozen or
 * not, and its ps state letter (__task_state_index() reports TASK_FROZEN
 * as D).
 */
#define WAITCMP_FREEZE_SAMPLE_US	1000
/* task_state_index() runs 0 (R) to fls(TASK_REPORT_IDLE): "RSDTtXZPI". */
#define WAITCMP_NR_STATE_LETTERS	9

/*
 * waker_context: where ops->wake() is called from. The waker kthread keeps
 * the pace and publishes each wake; the wake call itself, with the
 * timestamp the latency starts from, runs in
 *  - "kthread": the waker kthread (process context);
 *  - "hardirq": an hrtimer callback in hard interrupt context
 *    (HRTIMER_MODE_REL_PINNED_HARD, on PREEMPT_RT too): a driver's handler;
 *  - "irq_work": an irq_work, raised on the waker's CPU: hard interrupt
 *    context without PREEMPT_RT, the per-CPU irq_work thread with it;
 *  - "workqueue": a work item on system_wq, in a kworker.
 */
enum waitcmp_context {
	WAITCMP_CTX_KTHREAD,
	WAITCMP_CTX_HARDIRQ,
	WAITCMP_CTX_IRQ_WORK,
	WAITCMP_CTX_WORKQUEUE,
	WAITCMP_NR_CTX
};

/*
 * The contexts a wake call may be made from, by what it locks
 * (Documentation/locking/locktypes.rst). Declared by each variant for its
 * wake-one and its wake-all call; waitcmp_start() refuses a waker_context
 * the running kernel forbids, so that no parameter can splat.
 * @WAITCMP_FROM_ANY: a raw_spinlock_t taken irqsave, or no lock
 *	(complete(), swake_up_one(), wake_up_process(), rcuwait_wake_up()).
 * @WAITCMP_FROM_THREADED_ON_RT: a spinlock_t (every wait_queue_head_t:
 *	wake_up(), wake_up_bit(), wake_up_var()), a sleeping lock on
 *	PREEMPT_RT; or complete_all(), which asserts a threaded context
 *	there (lockdep_assert_RT_in_threaded_ctx()). Hard IRQ only without
 *	PREEMPT_RT.
 * @WAITCMP_FROM_IRQS_ON: raw_spin_lock_irq() and unlock (swake_up_all()):
 *	never with interrupts disabled, so never from hard IRQ.
 */
enum waitcmp_wake_from {
	WAITCMP_FROM_ANY = 1,
	WAITCMP_FROM_THREADED_ON_RT,
	WAITCMP_FROM_IRQS_ON,
};

/* How long an unload waits for waiters whose wait ignores the stop. */
#define WAITCMP_STOP_BOUND_MS	1000

struct waitcmp_run;

struct waitcmp_waiter {
	struct waitcmp_run *run;
	struct task_struct *task;
	unsigned int id;
	unsigned long seen;		/* last seq this waiter recorded */
	unsigned long ticket;		/* taken as it last went to wait: its place in line */
	bool expired;			/* its last wait timed out (waitcmp_timed_out()) */
	long expired_ret;		/* what the API returned then */
	/* stop_test=0: kthread_stop() runs from here, so the unload can bound it */
	struct work_struct stop_work;
	struct completion stopped;
};

/*
 * signals=1: the waiters allow SIGKILL and SIGUSR1 (a kthread ignores
 * every signal otherwise). Which of them ends the wait before its wake,
 * by the sleep state (signal_pending_state()): any signal a
 * TASK_INTERRUPTIBLE one, a fatal signal a TASK_KILLABLE one, none a
 * TASK_UNINTERRUPTIBLE or TASK_IDLE one.
 */
enum waitcmp_signals {
	WAITCMP_SIG_NONE,
	WAITCMP_SIG_FATAL,
	WAITCMP_SIG_ANY,
};

/*
 * The order in which a wake-all call (wake_all=1) wakes several waiters,
 * against the order they went to sleep in, read from the trace (the
 * scheduler's sched_waking of each, bench/bin/analyse):
 * @WAITCMP_ORDER_LIFO: the newest sleeper first, the default: a wait
 *	queue's non-exclusive waiters join at its head (prepare_to_wait(),
 *	add_wait_queue(): __add_wait_queue()) and __wake_up_common() walks it
 *	from the head;
 * @WAITCMP_ORDER_FIFO: the oldest first: exclusive waiters join at the
 *	tail (__add_wait_queue_entry_tail()), and so do swait's and a
 *	completion's (prepare_to_swait_exclusive()); swake_up_all() and
 *	complete_all() wake from the head;
 * @WAITCMP_ORDER_CALLER: the order the wake call chooses (a loop of
 *	wake_up_process() over the waiters), whatever the order they slept in.
 */
enum waitcmp_order {
	WAITCMP_ORDER_LIFO,
	WAITCMP_ORDER_FIFO,
	WAITCMP_ORDER_CALLER,
};

/*
 * What a variant believes its wait does to the system while it sleeps; the
 * bench's behaviour matrix measures each and flags any disagreement.
 */
struct waitcmp_expect {
	char state;			/* ps state letter: D, S or I */
	bool iowait;			/* counted as iowait, procs_blocked, PSI io */
	bool load;			/* adds to the load average */
	bool hung_task;			/* reported by the hung-task detector */
	enum waitcmp_signals signals;	/* which signals end the wait early */
	bool freezes;			/* freezable=1: a suspend freezes it in its wait */
	enum waitcmp_order wake_all_order; /* wake_all=1, several waiters */
};

/**
 * struct waitcmp_ops - one wait API under test
 * @name:	the API's name: debugfs directory, log and trace events
 * @init:	optional, prepares the variant's state before threads start
 * @exit:	optional, undoes @init after every thread has stopped
 * @wait:	sleeps until waitcmp_wake_due(); returns 0 or the API's error
 * @wake:	wakes the waiters for the sequence number just published
 * @release:	optional, wakes every waiter for good because the run ends;
 *		defaults to @wake
 * @rearm:	optional, closes the wait again once every waiter has
 *		recorded a wake that opened it for all (complete_all(), a
 *		cleared bit); waiters do not wait again until it has run
 * @wakes_one:	unless wake_all=1, a wake runs exactly one waiter
 *		(complete(), exclusive waits), which alone records it
 * @max_waiters: optional, fewer waiters than WAITCMP_MAX_WAITERS
 * @family:	the kind of API, one of WAITCMP_FAMILY_*: the reports group
 *		the variants by it
 * @primitive:	the C type waiter and waker share (a struct completion, a
 *		word of bits, the task itself): set with WAITCMP_PRIMITIVE()
 * @primitive_size: its size in bytes, what the API adds to the structure
 *		that embeds it
 * @primitive_hashed: the waiters sleep on a hashed, system-wide wait queue
 *		(wait_on_bit(), wait_var_event()): the API adds nothing to the
 *		object; @primitive is the word the condition lives in
 * @contend:	optional, takes the lock that @wake takes (the wait queue's,
 *		the completion's), holds it @us microseconds and drops it:
 *		the contend_us thread's loop; without it contend_us is refused
 * @wake_from:	the contexts @wake may be called from (wake_all=0)
 * @wake_all_from: the same for @wake with wake_all=1
 * @expect:	what the wait does to the accounting, see above
 * @timeout:	how the wait times out (WAITCMP_TIMEOUT_*); the wait takes its
 *		timeout from waitcmp_timeout_jiffies() or _ktime() and says
 *		when it expired with waitcmp_timed_out()
 *
 * The bench reads @family, @wakes_one, @max_waiters and @primitive from
 * the variant's debugfs stats: the module is their only source.
 */
struct waitcmp_ops {
	const char *name;
	int (*init)(struct waitcmp_run *run);
	void (*exit)(struct waitcmp_run *run);
	int (*wait)(struct waitcmp_waiter *w);
	void (*wake)(struct waitcmp_run *run);
	void (*release)(struct waitcmp_run *run);
	void (*rearm)(struct waitcmp_run *run);
	void (*contend)(struct waitcmp_run *run, unsigned int us);
	bool wakes_one;
	unsigned int max_waiters;
	const char *family;
	const char *primitive;
	size_t primitive_size;
	bool primitive_hashed;
	enum waitcmp_wake_from wake_from;
	enum waitcmp_wake_from wake_all_from;
	struct waitcmp_expect expect;
	enum waitcmp_timeout timeout;
};

#define WAITCMP_FAMILY_WAIT_QUEUE	"wait queue"
#define WAITCMP_FAMILY_COMPLETION	"completion"
#define WAITCMP_FAMILY_SIMPLE_BIT	"simple and bit waits"
#define WAITCMP_FAMILY_SCHEDULE		"raw schedule"

/* The most waiters a variant takes. */
static inline unsigned int waitcmp_max_waiters(const struct waitcmp_ops *ops)
{
	return ops->max_waiters ?: WAITCMP_MAX_WAITERS;
}

/* The @primitive and @primitive_size of a struct waitcmp_ops initializer. */
#define WAITCMP_PRIMITIVE(type)						\
	.primitive = #type, .primitive_size = sizeof(type)

/* The same for a wait on a hashed queue, keyed by the word's address. */
#define WAITCMP_PRIMITIVE_HASHED(type)					\
	WAITCMP_PRIMITIVE(type), .primitive_hashed = true

struct waitcmp_stats;
struct waitcmp_snap;

struct waitcmp_run {
	const struct waitcmp_ops *ops;
	struct waitcmp_params params;

	/*
	 * The wake: wake_ns is written before seq is released. unsigned
	 * long, not u64: smp_store_release() needs a native word.
	 */
	unsigned long seq;
	u64 wake_ns;
	unsigned long armed;		/* last seq after which @rearm ran */
	unsigned long claimed;		/* wakes_one: last seq a waiter took */
	bool ending;			/* done or unloading: stop waiting */
	bool released;			/* waiters may leave their wait */
	bool done;			/* all iterations ran */
	bool affinity_lost;		/* a bound thread's CPU went offline */

	/* waker_context other than kthread: the wake call runs there. */
	enum waitcmp_context context;
	unsigned long next_seq;		/* the seq that call publishes */
	unsigned long called;		/* last seq whose wake call returned */
	u64 woke_ns;			/* when it returned, for the wake cost */
	struct hrtimer wake_timer;
	struct irq_work wake_irq_work;
	struct work_struct wake_work;

	atomic_long_t tickets;		/* waiters' places in line, in order */
	atomic_t ready;			/* waiters that have started */
	atomic_t acks;			/* waiters that recorded this seq */
	atomic64_t woken;		/* returns from @wait, for wakes' reach */
	wait_queue_head_t ctl_wq;	/* the waker sleeps here */
	wait_queue_head_t arm_wq;	/* waiters wait for @rearm here */

	struct task_struct *waker;
	struct waitcmp_waiter *waiter;	/* params.waiters of them */
	struct task_struct *contender;	/* contend_us: holds the wake's lock */
	atomic64_t contended;		/* its acquisitions of that lock */

	spinlock_t stats_lock;		/* guards the thirteen below */
	struct waitcmp_stats *stats;	/* wake-to-run latency, slept waits */
	struct waitcmp_stats *wake_cost; /* time the waker spent in @wake */
	u64 no_sleep;			/* records whose wait did not sleep */
	u64 negative;			/* woken before the wake: a bug */
	struct waitcmp_stats *expiry;	/* timeout_us: how long each expired wait slept */
	u64 expiry_early;		/* of those, the ones shorter than timeout_us */
	long expiry_ret;		/* the API's return value at the last one */
	/*
	 * Wake order, wake-one calls with several waiters: did the wake run
	 * the waiter asleep longest, the one asleep shortest, or another?
	 */
	u64 order_oldest, order_newest, order_other;
	/* signals=1, per signal (0 SIGUSR1, 1 SIGKILL): returns before a wake, */
	u64 sig_early[2];
	u64 sig_ignored[2];		/* pending when a wake ended the wait */
	int sig_ret[2];			/* what the wait returned at the last early one */
	/*
	 * freezable=1: a suspend under way, and what the timer sampled then
	 * (atomics and single stores: not under stats_lock, which is a
	 * sleeping lock on PREEMPT_RT and the timer runs in hard IRQ).
	 */
	struct notifier_block pm_nb;
	struct hrtimer freeze_timer;
	bool suspending;		/* PM_SUSPEND_PREPARE to PM_POST_SUSPEND */
	atomic64_t suspends;		/* PM_SUSPEND_PREPARE notifications */
	atomic64_t freeze_samples;	/* waiters sampled while the freezer was after them */
	atomic64_t freeze_frozen;	/* of those, frozen in their wait */
	atomic64_t freeze_runnable;	/* of those, runnable: woken by the freezer */
	atomic64_t freeze_after_wait;	/* frozen by the harness's try_to_freeze() */
	char frozen_state;		/* ps letter of a frozen waiter, 0 if none seen */
	/* Of those asleep, not frozen: how many per ps letter (task_state_index()). */
	atomic64_t freeze_asleep[WAITCMP_NR_STATE_LETTERS];
	struct waitcmp_snap *end_snap;	/* for the End of run line */
	struct dentry *dir;
	struct hlist_node cpuhp_node;	/* CPU offline: affinity_lost */
};

/*
 * True when a waiter has a new wake to record or is released: at the end
 * of the run, and on unload unless stop_test=0 (a condition that does not
 * test the stop, the pitfall the harness bounds and reports).
 */
static inline bool waitcmp_wake_due(const struct waitcmp_waiter *w)
{
	return READ_ONCE(w->run->seq) != w->seen || READ_ONCE(w->run->released);
}

/* A WAITCMP_TIMEOUT_JIFFIES wait's timeout: timeout_us, rounded up to ticks. */
static inline unsigned long waitcmp_timeout_jiffies(const struct waitcmp_waiter *w)
{
	unsigned int us = w->run->params.timeout_us;

	return us ? usecs_to_jiffies(us) : WAITCMP_DEFAULT_TIMEOUT_S * HZ;
}

/* A WAITCMP_TIMEOUT_HRTIMER wait's timeout: timeout_us as it is. */
static inline ktime_t waitcmp_timeout_ktime(const struct waitcmp_waiter *w)
{
	unsigned int us = w->run->params.timeout_us;

	return us ? ns_to_ktime((u64)us * NSEC_PER_USEC) :
		    ktime_set(WAITCMP_DEFAULT_TIMEOUT_S, 0);
}

/* The wait just returned because its timeout expired; RET is what the API returned. */
static inline void waitcmp_timed_out(struct waitcmp_waiter *w, long ret)
{
	w->expired = true;
	w->expired_ret = ret;
}

/*
 * An ops->contend() for a wait_queue_head_t (a spinlock_t: a sleeping lock
 * on PREEMPT_RT) and for a raw_spinlock_t (completions, swait).
 */
static inline void waitcmp_hold_wq(struct wait_queue_head *wq, unsigned int us)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	udelay(us);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static inline void waitcmp_hold_raw(raw_spinlock_t *lock, unsigned int us)
{
	unsigned long flags;

	raw_spin_lock_irqsave(lock, flags);
	udelay(us);
	raw_spin_unlock_irqrestore(lock, flags);
}

/* wake_all=1: the variant's wake must reach every waiter. */
static inline bool waitcmp_wake_all(const struct waitcmp_run *run)
{
	return run->params.wake_all;
}

/*
 * wake_up(), or wake_up_all() with wake_all=1. They differ for exclusive
 * waiters only: wake_up() runs every non-exclusive waiter either way.
 */
static inline void waitcmp_wake_up(struct waitcmp_run *run,
				   struct wait_queue_head *wq)
{
	if (waitcmp_wake_all(run))
		wake_up_all(wq);
	else
		wake_up(wq);
}

struct waitcmp_run *waitcmp_start(const struct waitcmp_ops *ops,
				  const struct waitcmp_params *params);
void waitcmp_stop(struct waitcmp_run *run);

/*
 * The module parameters of the contract and the init/exit of a variant.
 * Parameters are read-only (0444): a run's settings cannot change under it.
 */
#define WAITCMP_VARIANT(_ops)						\
static struct waitcmp_params waitcmp_params = {				\
	.iterations = 1000,						\
	.period_us = 1000,						\
	.waiters = 1,							\
	.waiter_cpu = -1,						\
	.waker_cpu = -1,						\
	.stop_test = 1,							\
	.waker_context = "kthread",					\
};									\
module_param_named(iterations, waitcmp_params.iterations, uint, 0444);	\
MODULE_PARM_DESC(iterations, "Wake cycles to run, 0 = until unloaded");	\
module_param_named(period_us, waitcmp_params.period_us, uint, 0444);	\
MODULE_PARM_DESC(period_us, "Pause between wakes (us), 0 = back to back"); \
module_param_named(waiters, waitcmp_params.waiters, uint, 0444);	\
MODULE_PARM_DESC(waiters, "Waiting kthreads, 1..64");			\
module_param_named(waiter_cpu, waitcmp_params.waiter_cpu, int, 0444);	\
MODULE_PARM_DESC(waiter_cpu, "CPU of the waiters, -1 = unbound");	\
module_param_named(waker_cpu, waitcmp_params.waker_cpu, int, 0444);	\
MODULE_PARM_DESC(waker_cpu, "CPU of the waker, -1 = unbound");		\
module_param_named(wake_all, waitcmp_params.wake_all, uint, 0444);	\
MODULE_PARM_DESC(wake_all, "1 = wake every waiter (wake_up_all, complete_all)"); \
module_param_named(allow_hung_task, waitcmp_params.allow_hung_task, uint, 0444); \
MODULE_PARM_DESC(allow_hung_task,					\
		 "1 = accept D-state sleeps past hung_task_timeout_secs, with a warning"); \
module_param_named(stop_test, waitcmp_params.stop_test, uint, 0444);	\
MODULE_PARM_DESC(stop_test,						\
		 "0 = the wait's condition ignores the stop: the unload is bounded and reported"); \
module_param_named(waker_context, waitcmp_params.waker_context, charp, 0444); \
MODULE_PARM_DESC(waker_context,						\
		 "Where the wake is called from: kthread, hardirq, irq_work or workqueue"); \
module_param_named(contend_us, waitcmp_params.contend_us, uint, 0444);	\
MODULE_PARM_DESC(contend_us,						\
		 "0 = none; 1..1000: a thread holds the wake's lock this long, rests a quarter"); \
module_param_named(sched_fifo, waitcmp_params.sched_fifo, uint, 0444);	\
MODULE_PARM_DESC(sched_fifo,						\
		 "0 = SCHED_NORMAL; 1..99 = waiters and waker SCHED_FIFO at this priority"); \
module_param_named(signals, waitcmp_params.signals, uint, 0444);	\
MODULE_PARM_DESC(signals,						\
		 "1 = the waiters take SIGKILL and SIGUSR1, counted and flushed"); \
module_param_named(freezable, waitcmp_params.freezable, uint, 0444);	\
MODULE_PARM_DESC(freezable,						\
		 "1 = the waiters are freezable kthreads (a suspend's freezer)"); \
module_param_named(timeout_us, waitcmp_params.timeout_us, uint, 0444);	\
MODULE_PARM_DESC(timeout_us,						\
		 "0 = never fires; 1..10000000: the wait's timeout (us), if it has one"); \
									\
static struct waitcmp_run *_ops##_run;					\
									\
static int __init _ops##_init(void)					\
{									\
	_ops##_run = waitcmp_start(&(_ops), &waitcmp_params);		\
	return PTR_ERR_OR_ZERO(_ops##_run);				\
}									\
module_init(_ops##_init);						\
									\
static void __exit _ops##_exit(void)					\
{									\
	waitcmp_stop(_ops##_run);					\
}									\
module_exit(_ops##_exit)

#endif /* _WAITCMP_H */
