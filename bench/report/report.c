// SPDX-License-Identifier: GPL-2.0
/*
 * report - the host's reports on run folders: "report --help" lists the
 * subcommands. Each reads a run folder through results.h, computes its
 * statistics with rstats.h and writes through out.c (report.h).
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

static const struct report_cmd cmds[] = {
	{ "perf", "DIR [--doc FILE]",
	  "the performance report of a bench/perf-run folder: DIR/perf.md, DIR/perf.json and the figures performance-{waiters,cpus}.{png,svg}; --doc FILE: the page copied to FILE, the figures beside it",
	  cmd_perf },
	{ "targets", "DIR",
	  "the deterministic mode's targets from the runs bench/targets made in DIR (markdown on stdout; exit 1 when one is missed)",
	  cmd_targets },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static int usage(FILE *f, int rc)
{
	size_t i;

	fprintf(f, "usage: report COMMAND ARGS...\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %s %s\n      %s\n", cmds[i].name, cmds[i].args,
			cmds[i].help);
	return rc;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return usage(stdout, 0);
	if (argc < 2)
		return usage(stderr, 2);
	for (i = 0; i < NCMDS; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "report: no command %s\n", argv[1]);
	return usage(stderr, 2);
}
