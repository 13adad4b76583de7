// SPDX-License-Identifier: GPL-2.0
/*
 * tkill - send a signal to one thread, where the modules run (static, for
 * the busybox guest, whose kill(1) signals a thread group).
 *
 *   tkill PID SIGNAL      SIGNAL: USR1 or KILL (or a number)
 *
 * tgkill(2) puts the signal in the thread's own pending set, as the
 * kernel does for each thread of a process a fatal signal kills
 * (complete_signal()): a kthread's TASK_KILLABLE wait sees it as fatal
 * (__fatal_signal_pending()). kill(2) on a kthread that allows SIGKILL
 * (allow_signal(), which gives it a handler) leaves it in the group's
 * shared set, which no killable wait checks. Exit 0 sent, 1 the call
 * failed, 2 bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: tkill PID SIGNAL (USR1, KILL or a number)\n");
	return 2;
}

/* S as a whole number from 1 to MAX into *out; -1 when it is not one. */
static int whole(const char *s, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < 1 || *out > max ? -1 : 0;
}

int main(int argc, char **argv)
{
	long pid, sig;

	if (argc != 3)
		return usage();
	if (whole(argv[1], 4194304, &pid)) {
		fprintf(stderr, "tkill: PID '%s' is not a process id\n", argv[1]);
		return 2;
	}
	if (!strcmp(argv[2], "USR1")) {
		sig = SIGUSR1;
	} else if (!strcmp(argv[2], "KILL")) {
		sig = SIGKILL;
	} else if (whole(argv[2], 64, &sig)) {
		fprintf(stderr, "tkill: SIGNAL '%s' is not USR1, KILL or 1..64\n", argv[2]);
		return 2;
	}
	if (syscall(SYS_tgkill, (pid_t)pid, (pid_t)pid, (int)sig)) {
		fprintf(stderr, "tkill: tgkill(%ld, %ld, %ld): %s\n", pid, pid, sig, strerror(errno));
		return 1;
	}
	return 0;
}
