/* SPDX-License-Identifier: GPL-2.0 */
/*
 * waitcmp trace events. Defined once, in the core module (harness.c sets
 * CREATE_TRACE_POINTS), so any number of variants can be loaded together.
 * Times are ktime_get_ns(): record with "trace-cmd record -C mono".
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM waitcmp

#if !defined(_WAITCMP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _WAITCMP_TRACE_H

#include <linux/tracepoint.h>

#include "compat.h"
#include "stats.h"
#include "waitcmp.h"

TRACE_EVENT(waitcmp_run_begin,
	    TP_PROTO(const char *variant, const struct waitcmp_params *p),
	    TP_ARGS(variant, p),
	    TP_STRUCT__entry(__string(variant, variant)
			     __field(unsigned int, iterations)
			     __field(unsigned int, period_us)
			     __field(unsigned int, waiters)
			     __field(int, waiter_cpu)
			     __field(int, waker_cpu)
			     __field(unsigned int, wake_all)
			     __string(waker_context, p->waker_context)
			     __field(unsigned int, sched_fifo)
			     __field(unsigned int, contend_us)
			     __field(unsigned int, timeout_us)),
	    TP_fast_assign(waitcmp_assign_str(variant, variant);
			   waitcmp_assign_str(waker_context, p->waker_context);
			   __entry->sched_fifo = p->sched_fifo;
			   __entry->contend_us = p->contend_us;
			   __entry->timeout_us = p->timeout_us;
			   __entry->iterations = p->iterations;
			   __entry->period_us = p->period_us;
			   __entry->waiters = p->waiters;
			   __entry->waiter_cpu = p->waiter_cpu;
			   __entry->waker_cpu = p->waker_cpu;
			   __entry->wake_all = p->wake_all;),
	    TP_printk("variant=%s iterations=%u period_us=%u waiters=%u waiter_cpu=%d waker_cpu=%d wake_all=%u waker_context=%s sched_fifo=%u contend_us=%u timeout_us=%u",
		      __get_str(variant), __entry->iterations,
		      __entry->period_us, __entry->waiters,
		      __entry->waiter_cpu, __entry->waker_cpu,
		      __entry->wake_all, __get_str(waker_context),
		      __entry->sched_fifo, __entry->contend_us,
		      __entry->timeout_us)
);

/* Emitted just before the wake's timestamp, so it costs the latency nothing. */
TRACE_EVENT(waitcmp_wake,
	    TP_PROTO(const char *variant, u64 seq, int cpu),
	    TP_ARGS(variant, seq, cpu),
	    TP_STRUCT__entry(__string(variant, variant)
			     __field(u64, seq)
			     __field(int, cpu)),
	    TP_fast_assign(waitcmp_assign_str(variant, variant);
			   __entry->seq = seq;
			   __entry->cpu = cpu;),
	    TP_printk("variant=%s seq=%llu cpu=%d",
		      __get_str(variant), __entry->seq, __entry->cpu)
);

/*
 * One record per wake and waiter that took it. slept=0: the wait returned
 * without sleeping (its condition was already true), so latency_ns is not
 * a wake-to-run latency and stays out of the histogram.
 */
TRACE_EVENT(waitcmp_woken,
	    TP_PROTO(const char *variant, u64 seq, unsigned int waiter,
		     u64 latency_ns, bool slept, int cpu, int ret),
	    TP_ARGS(variant, seq, waiter, latency_ns, slept, cpu, ret),
	    TP_STRUCT__entry(__string(variant, variant)
			     __field(u64, seq)
			     __field(u64, latency_ns)
			     __field(unsigned int, waiter)
			     __field(int, slept)
			     __field(int, cpu)
			     __field(int, ret)),
	    TP_fast_assign(waitcmp_assign_str(variant, variant);
			   __entry->seq = seq;
			   __entry->latency_ns = latency_ns;
			   __entry->waiter = waiter;
			   __entry->slept = slept;
			   __entry->cpu = cpu;
			   __entry->ret = ret;),
	    TP_printk("variant=%s seq=%llu waiter=%u latency_ns=%llu slept=%d cpu=%d ret=%d",
		      __get_str(variant), __entry->seq, __entry->waiter,
		      __entry->latency_ns, __entry->slept, __entry->cpu,
		      __entry->ret)
);

TRACE_EVENT(waitcmp_run_end,
	    TP_PROTO(const char *variant, const struct waitcmp_summary *s),
	    TP_ARGS(variant, s),
	    TP_STRUCT__entry(__string(variant, variant)
			     __field(u64, samples)
			     __field(u64, min_ns)
			     __field(u64, p50_ns)
			     __field(u64, p99_ns)
			     __field(u64, max_ns)),
	    TP_fast_assign(waitcmp_assign_str(variant, variant);
			   __entry->samples = s->samples;
			   __entry->min_ns = s->min;
			   __entry->p50_ns = s->p50;
			   __entry->p99_ns = s->p99;
			   __entry->max_ns = s->max;),
	    TP_printk("variant=%s samples=%llu min_ns=%llu p50_ns=%llu p99_ns=%llu max_ns=%llu",
		      __get_str(variant), __entry->samples, __entry->min_ns,
		      __entry->p50_ns, __entry->p99_ns, __entry->max_ns)
);

#endif /* _WAITCMP_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE waitcmp_trace
#include <trace/define_trace.h>
