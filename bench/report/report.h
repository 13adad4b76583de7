/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report - the host's reports on run folders (bench/bin/report). One
 * subcommand per kind of run, each in its own file and listed in report.c;
 * what they share is here (out.c): files that are never half-written, a
 * JSON writer, the formatting of figures, the run's clock and unit.
 *
 * Conventions of every subcommand: errors go to stderr as "report CMD:
 * message"; exit 0 on success, 1 when the report was written but says
 * something failed (a target missed, a variant failed), 2 on bad usage or
 * input that cannot be read (nothing written then).
 */
#ifndef WAITCMP_REPORT_H
#define WAITCMP_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report_cmd {
	const char *name;
	const char *args;	/* e.g. "DIR" */
	const char *help;	/* one line */
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

/* The subcommands, in report.c. */
int cmd_perf(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_html(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_guide(int argc, char **argv);
int cmd_kernels(int argc, char **argv);
int cmd_kernels_doc(int argc, char **argv);
int cmd_scaling(int argc, char **argv);

/* "report CMD: " + message + newline on stderr. */
void report_err(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* asprintf that aborts when out of memory. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* DIR/NAME, allocated. */
char *path_join(const char *dir, const char *name);

/*
 * An output file written under a temporary name (PATH.tmp) and renamed to
 * PATH by out_commit(), so a reader never sees half of it and a failed
 * report leaves the old file as it was.
 */
struct out {
	FILE *f;
	char *path, *tmp;
};

/* Opens PATH.tmp; NULL with a message on stderr (as CMD) when it cannot. */
FILE *out_open(struct out *o, const char *cmd, const char *path);
/* Closes and renames; -1 with a message when a write failed (the temporary is removed). */
int out_commit(struct out *o, const char *cmd);
/* Closes and removes the temporary, leaving PATH as it was. */
void out_abort(struct out *o);

/* A copy of the file SRC at DST, written as out_open/out_commit write; 0, or -1 with a message (as CMD). */
int out_copy(const char *cmd, const char *src, const char *dst);

/*
 * A JSON writer: objects and arrays nest up to JSON_DEPTH; a key is NULL
 * inside an array. Numbers that are NAN or infinite are written as null,
 * whole numbers without a fraction, others with up to 6 significant
 * decimals.
 */
#define JSON_DEPTH 16
struct json {
	FILE *f;
	int depth;
	bool first[JSON_DEPTH];	/* nothing written yet at this depth */
	char closing[JSON_DEPTH];	/* what closes the one opened at this depth */
};

void json_begin(struct json *j, FILE *f);	/* the top-level object */
void json_object(struct json *j, const char *key);
void json_array(struct json *j, const char *key);
void json_end(struct json *j);			/* closes the innermost */
void json_finish(struct json *j);		/* closes all, newline */
void json_str(struct json *j, const char *key, const char *v);	/* NULL: null */
void json_num(struct json *j, const char *key, double v);
void json_bool(struct json *j, const char *key, bool v);
/* A number when S parses as one, else the string; "" and NULL are null. */
void json_auto(struct json *j, const char *key, const char *s);

/* S as a JSON string (quoted, escaped) on F. */
void json_quote(FILE *f, const char *s);

/*
 * V with DECIMALS decimals into BUF; MISSING when V is NAN. The one
 * placeholder for a missing figure in tables is REPORT_MISSING.
 */
#define REPORT_MISSING "-"
const char *fmt_num(char *buf, size_t len, double v, int decimals);

/* A / B as "%.2fx" (DECIMALS decimals), or REPORT_MISSING when B is not above 0 or either is NAN. */
const char *fmt_ratio(char *buf, size_t len, double a, double b, int decimals);

/* The clock of the run whose env is ENV ("icount" or "wall"; runs from before it was recorded: "wall"). */
const char *run_clock(const char *env);
static inline bool clock_is_icount(const char *clock)
{
	return clock && !__builtin_strcmp(clock, "icount");
}

/* The unit of a latency under CLOCK, for a sentence or a column head. */
const char *latency_unit(const char *clock);

/*
 * The source tree the program is in, found from its own path
 * (TREE/bench/bin/report), without symbolic links; NULL when it cannot
 * tell.
 */
const char *tree_dir(void);

/*
 * The gnuplot programs: static scripts in bench/report/plots/ of
 * tree_dir(); NULL when it cannot tell.
 */
const char *plots_dir(void);

/*
 * DIR/NAME.png and DIR/NAME.svg (W x H pixels) from the gnuplot script
 * plots/GP, each written under a temporary name and renamed when gnuplot
 * succeeded. VARS is gnuplot code run first, after the terminal and
 * output are set (the script's inputs: "data='x.dat'; title='...'"); the
 * variable plots is the scripts' folder, for what they share
 * ("load plots.'/palette.gp'").
 * 0, or -1 with a message (as CMD) when gnuplot is missing or failed.
 */
int render(const char *cmd, const char *gp, const char *dir, const char *name,
	   int w, int h, const char *vars);

/* S with every ' removed (for a string inside gnuplot's single quotes), allocated. */
char *gp_quote_safe(const char *s);

#endif /* WAITCMP_REPORT_H */
