// SPDX-License-Identifier: GPL-2.0
/*
 * sampler - the bench's sampling of a waiting thread, where the modules run
 * (a static binary: the busybox guest has no libc of its own). Until the
 * variant's debugfs stats say "status: done", every INTERVAL it samples
 *   the waiter's state letter (/proc/PID/stat, field 3),
 *   procs_blocked (/proc/stat),
 *   with --unint-base N, whether the runqueues' nr_uninterruptible sum
 *   (/sys/kernel/debug/sched/debug: what the load average counts) is above
 *   N,
 * and then prints "key: value" lines: the counts, the number of samples and
 * the real interval between them (the first sample to the last over the
 * samples less one, CLOCK_MONOTONIC). Every file is read in a few large
 * reads: parsing sched/debug in shell, a byte a read, took ~20 M guest
 * instructions a sample, so the shell sampler ran at a quarter of its
 * stated rate, and under icount on one CPU took most of it.
 *
 * Every 10 s of samples it prints "  NAME: N samples so far" (the stats'
 * samples) on stderr, and gives up (exit 1, "status: stalled") when that
 * count has not moved for --stall SECONDS (120). Exit 2: bad usage or a file it cannot
 * read at the start.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_NS	(10 * 1000000000ull)

static const char *prog = "sampler";
static char buf[1 << 20];	/* sched/debug: a few KB a CPU */

/* The whole of PATH into buf, NUL-terminated; its length, or -1. */
static ssize_t slurp(const char *path)
{
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (len < sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
}

/* The text after "\nKEY" (or KEY at the start of buf), or NULL. */
static const char *after(const char *key)
{
	size_t klen = strlen(key);
	const char *p = buf;

	for (;;) {
		if (!strncmp(p, key, klen))
			return p + klen;
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
}

/* "status: done" in the stats file; *samples its samples: count. */
static bool run_done(const char *stats, long long *samples)
{
	const char *v;

	if (slurp(stats) < 0)
		return false;
	v = after("samples: ");
	if (v)
		*samples = strtoll(v, NULL, 10);
	v = after("status: ");
	return v && !strncmp(v, "done", 4) && (v[4] == '\n' || !v[4]);
}

/* The state letter of PID, '?' when it cannot be read. */
static char state_of(const char *stat_path)
{
	const char *p;

	if (slurp(stat_path) < 0)
		return '?';
	/* comm may hold spaces and parentheses: the last ") " ends it. */
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] ? p[2] : '?';
}

static long long procs_blocked(void)
{
	const char *v;

	if (slurp("/proc/stat") < 0)
		return -1;
	v = after("procs_blocked ");
	return v ? strtoll(v, NULL, 10) : -1;
}

/*
 * The sum of every runqueue's nr_uninterruptible: each an unsigned int
 * that may wrap (a task sleeps on one CPU and wakes on another), so the
 * sum is taken modulo 2^32 and read as signed.
 */
static bool unint_sum(long long *sum)
{
	unsigned int total = 0;
	const char *p = buf;
	bool seen = false;

	if (slurp("/sys/kernel/debug/sched/debug") < 0)
		return false;
	while ((p = strstr(p, ".nr_uninterruptible"))) {
		p += strlen(".nr_uninterruptible");
		p += strspn(p, " :\t");
		total += (unsigned int)strtoll(p, NULL, 10);
		seen = true;
	}
	*sum = (int)total;
	return seen;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: %s --stats FILE --pid PID --interval SECONDS [--unint-base N]\n"
		"       [--name NAME] [--stall SECONDS]\n"
		"  samples PID's state, procs_blocked and (with --unint-base) whether\n"
		"  nr_uninterruptible is above N, every SECONDS, until FILE says\n"
		"  status: done; then prints the counts as key: value lines; gives up\n"
		"  (exit 1) when the run's samples did not move for --stall (120) s\n", prog);
	return 2;
}

static bool number(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s && !*end && !errno;
}

int main(int argc, char **argv)
{
	const char *stats = NULL, *name = "sampler";
	long long pid = -1, unint_base = 0, blocked_max = 0, blocked_samples = 0,
		  unint_samples = 0, samples = 0, progress = -1, run_samples = -1;
	long long count[5] = { 0 };	/* R S D I other */
	unsigned long long first = 0, last = 0, moved, next_progress;
	bool with_unint = false, stalled = false;
	double interval = -1, stall = 120;
	unsigned long long stall_ns;
	char stat_path[64], *end;
	struct timespec pause;
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--stats")) {
			stats = argv[i + 1];
		} else if (!strcmp(argv[i], "--pid")) {
			if (!number(argv[i + 1], &pid) || pid <= 0)
				return usage();
		} else if (!strcmp(argv[i], "--interval")) {
			interval = strtod(argv[i + 1], &end);
			if (*end || interval <= 0 || interval > 3600)
				return usage();
		} else if (!strcmp(argv[i], "--unint-base")) {
			if (!number(argv[i + 1], &unint_base))
				return usage();
			with_unint = true;
		} else if (!strcmp(argv[i], "--stall")) {
			stall = strtod(argv[i + 1], &end);
			if (*end || stall <= 0 || stall > 86400)
				return usage();
		} else if (!strcmp(argv[i], "--name")) {
			name = argv[i + 1];
		} else {
			return usage();
		}
	}
	if (i != argc || !stats || pid < 0 || interval < 0)
		return usage();
	if (slurp(stats) < 0) {
		fprintf(stderr, "%s: cannot read %s: %s\n", prog, stats, strerror(errno));
		return 2;
	}
	snprintf(stat_path, sizeof(stat_path), "/proc/%lld/stat", pid);
	stall_ns = (unsigned long long)(stall * 1e9);
	pause.tv_sec = (time_t)interval;
	pause.tv_nsec = (long)((interval - (double)pause.tv_sec) * 1e9);

	moved = next_progress = now_ns();
	while (!run_done(stats, &run_samples)) {
		unsigned long long t = now_ns();
		long long b, u;

		if (!samples)
			first = t;
		last = t;
		switch (state_of(stat_path)) {
		case 'R': count[0]++; break;
		case 'S': count[1]++; break;
		case 'D': count[2]++; break;
		case 'I': count[3]++; break;
		default: count[4]++; break;
		}
		b = procs_blocked();
		if (b > blocked_max)
			blocked_max = b;
		blocked_samples += b > 0;
		if (with_unint && unint_sum(&u))
			unint_samples += u > unint_base;
		samples++;
		if (run_samples != progress) {
			progress = run_samples;
			moved = t;
		} else if (t - moved > stall_ns) {
			stalled = true;
			break;
		}
		if (t >= next_progress + PROGRESS_NS) {
			fprintf(stderr, "  %s: %lld samples so far\n", name, run_samples);
			next_progress = t;
		}
		nanosleep(&pause, NULL);
	}
	printf("status: %s\n", stalled ? "stalled" : "done");
	printf("samples: %lld\n", samples);
	printf("R: %lld\nS: %lld\nD: %lld\nI: %lld\nother: %lld\n",
	       count[0], count[1], count[2], count[3], count[4]);
	printf("blocked_max: %lld\nblocked_samples: %lld\n", blocked_max, blocked_samples);
	if (with_unint)
		printf("unint_samples: %lld\n", unint_samples);
	if (samples > 1)
		printf("interval_ms: %.2f\n", (double)(last - first) / 1e6 / (double)(samples - 1));
	else
		printf("interval_ms: n/a\n");
	return stalled;
}
