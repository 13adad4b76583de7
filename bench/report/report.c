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
	{ "html", "DIR",
	  "DIR/report.html: the folder's env, report pages and figures (SVG inlined) in one file that needs no network",
	  cmd_html },
	{ "summary", "DIR",
	  "a sweep's summary (DIR/summary.csv, .md, .json) and figures (PNG and SVG) from its variants' folders (exit 1 when a variant failed)",
	  cmd_summary },
	{ "matrix", "DIR",
	  "the behaviour matrix of a bench/run --mode matrix run: DIR/matrix.{csv,md,json,png,svg} (exit 1 when a variant's measurement differs from its declaration)",
	  cmd_matrix },
	{ "guide", "DIR [OUT]",
	  "docs/guide.md (or OUT) from docs/guide.md.in and the matrix run DIR, and the figure matrix.{png,svg} beside it",
	  cmd_guide },
	{ "kernels", "DIR",
	  "join the per-kernel runs of a bench/kernels run: DIR/kernels.csv, kernels.md, kernels.json, cdf/ and latency-cdf-kernels.png/svg (exit 1 when a kernel failed or ran another preemption model than asked)",
	  cmd_kernels },
	{ "kernels-doc", "DIR OUT",
	  "OUT (docs/kernels.md) from docs/kernels.md.in and the kernels report of DIR, its figure next to it as kernels-cdf.png",
	  cmd_kernels_doc },
	{ "scaling", "DIR",
	  "a bench/run --mode scaling run: DIR/scaling.csv, scaling.json and scaling.png/svg",
	  cmd_scaling },
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
