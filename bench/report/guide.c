// SPDX-License-Identifier: GPL-2.0
/*
 * report guide DIR [OUT]: docs/guide.md (or OUT) from its template,
 * docs/guide.md.in (WAITCMP_GUIDE_TEMPLATE replaces it): the line
 * @MATRIX@ becomes DIR/matrix.md (the table report matrix made), the line
 * @PROVENANCE@ says where, when and how that run was measured (from
 * DIR/env) and the command that repeats it. The figure the guide shows,
 * DIR/matrix.png and DIR/matrix.svg, is copied beside OUT.
 *
 * OUT defaults to docs/guide.md of the tree this program is in (found
 * from its own path, bench/bin/report), whatever the current folder.
 *
 * DIR/env holds "key: value" lines. target, kernel and date_utc must be
 * there; kernel_version, preempt, cpus, accelerator, host and parameters
 * are shown when present; command, if present, replaces "make matrix" as
 * the command that repeats the run.
 *
 * OUT and the figures are written whole under temporary names and
 * renamed, and only when everything was found: on any error they are left
 * as they were, and the exit status is 2.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"
#include "results.h"

#define CMD "guide"
#define VAL 1024

static const char *const markers[] = { "@MATRIX@", "@PROVENANCE@" };
static const char *const figures[] = { "matrix.svg", "matrix.png" };

static int usage(void)
{
	fprintf(stderr, "usage: report guide DIR [OUT]  (OUT defaults to docs/guide.md of this tree)\n");
	return 2;
}

static bool nonempty(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && st.st_size > 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* LINE (up to its newline) is MARKER alone, blanks around it allowed. */
static bool is_marker(const char *line, const char *marker)
{
	size_t n = strlen(marker);

	while (*line != '\n' && *line && isspace((unsigned char)*line))
		line++;
	if (strncmp(line, marker, n))
		return false;
	for (line += n; *line && *line != '\n'; line++)
		if (!isspace((unsigned char)*line))
			return false;
	return true;
}

/* How many lines of TEXT are MARKER alone. */
static int marker_lines(const char *text, const char *marker)
{
	const char *l;
	int n = 0;

	for (l = text; *l; l = strchrnul(l, '\n'), l += *l == '\n')
		n += is_marker(l, marker);
	return n;
}

/* TEXT has a Markdown table's rule line: |, then only - : | and blanks, then |. */
static bool has_rule(const char *text)
{
	const char *l, *e;

	for (l = text; *l; l = *e ? e + 1 : e) {
		e = strchrnul(l, '\n');
		if (e - l >= 2 && l[0] == '|' && e[-1] == '|' &&
		    strspn(l, "|-: ") >= (size_t)(e - l))
			return true;
	}
	return false;
}

/* The value of KEY in ENV, blanks after the colon dropped; "" when none. */
static const char *env_of(const char *env, const char *key, char *buf)
{
	char *p;

	if (!kv_get(env, key, buf, VAL)) {
		*buf = '\0';
		return buf;
	}
	for (p = buf; *p && isspace((unsigned char)*p); p++)
		;
	memmove(buf, p, strlen(p) + 1);
	return buf;
}

/* VALUE in backticks, or "not recorded". */
static void code(FILE *f, const char *v)
{
	if (*v)
		fprintf(f, "`%s`", v);
	else
		fputs("not recorded", f);
}

/* The run folder as a reader of the repository names it: from the tree's top when it is inside it, else its own name. */
static char *run_name(const char *run, const char *tree)
{
	char abs[PATH_MAX];
	size_t n = strlen(tree);

	if (!realpath(run, abs))
		snprintf(abs, sizeof(abs), "%s", run);
	if (!strncmp(abs, tree, n) && abs[n] == '/' && abs[n + 1])
		return xasprintf("%s", abs + n + 1);
	return xasprintf("%s", basename(abs));
}

static void provenance(FILE *f, const char *env, const char *name)
{
	char target[VAL], accel[VAL], cpus[VAL], cmd[VAL], clock[VAL], buf[VAL];

	env_of(env, "target", target);
	env_of(env, "accelerator", accel);
	env_of(env, "cpus", cpus);
	env_of(env, "command", cmd);
	env_of(env, "clock", clock);
	if (!*cmd)
		snprintf(cmd, sizeof(cmd), "make matrix%s",
			 strcmp(target, "host") ? "" : " TARGET=host");
	if (!strcmp(target, "vm")) {
		fputs("- **Where:** a QEMU guest (accelerator: ", f);
		code(f, accel);
		fputs(")", f);
	} else if (!strcmp(target, "host")) {
		fputs("- **Where:** a real machine, ", f);
		code(f, env_of(env, "host", buf));
	} else {
		fputs("- **Where:** ", f);
		code(f, target);
	}
	if (*cpus)
		fprintf(f, ", %s CPU%s", cpus, strcmp(cpus, "1") ? "s" : "");
	fputs("\n- **Kernel:** ", f);
	code(f, env_of(env, "kernel", buf));
	fputs(", version ", f);
	code(f, env_of(env, "kernel_version", buf));
	fputs("\n- **Preemption:** ", f);
	code(f, env_of(env, "preempt", buf));
	fputs("\n", f);
	if (!strcmp(clock, "icount")) {
		fputs("- **Clock:** `icount`: latencies in instructions, the length of a code path, the same in every boot; CFS wakeup preemption ", f);
		code(f, env_of(env, "wakeup_preemption", buf));
		fputs("\n", f);
	} else if (!strcmp(clock, "wall")) {
		fputs("- **Clock:** `wall`: latencies in µs of wall-clock time, from one run: they differ from run to run, so the rows of this table are not to be compared (a sweep with `--clock wall` runs rounds and says which differences its intervals support)\n", f);
	} else {
		fputs("- **Clock:** not recorded (wall-clock time, from one run: the rows' latencies are not to be compared)\n", f);
	}
	fprintf(f, "- **When:** %s (UTC)\n", env_of(env, "date_utc", buf));
	fputs("- **Parameters:** ", f);
	code(f, env_of(env, "parameters", buf));
	fprintf(f, "\n- **Run folder:** `%s` (raw samples, traces, kernel logs)\n", name);
	fprintf(f, "\nRepeat it with `%s`.\n", cmd);
	if (!strcmp(clock, "icount"))
		fputs("Under QEMU's instruction counting a latency counts the instructions\n"
		      "emulated from the wake call to the waiter running again: no caches,\n"
		      "no IPIs, no hardware time (docs/determinism.md). Compare rows with each\n"
		      "other, not with real hardware.\n", f);
	else if (!strcmp(target, "vm") && strcmp(accel, "kvm"))
		fputs("Under software emulation every latency is slow and noisy:\n"
		      "compare rows with each other, not with real hardware.\n", f);
}

/* TEXT with a newline at its end when it has none (as awk prints its lines). */
static void put_lines(FILE *f, const char *text)
{
	size_t n = strlen(text);

	fputs(text, f);
	if (n && text[n - 1] != '\n')
		fputc('\n', f);
}

/* A variant of this tree (TREE/variants/NAME.c) that the table leaves out is worth a word, not a failure: a run may measure some variants only. */
static void warn_missing(const char *tree, const char *table, const char *md)
{
	char *dir = path_join(tree, "variants");
	struct dirent **ents;
	int n, i;

	n = scandir(dir, &ents, NULL, alphasort);
	for (i = 0; i < n; i++) {
		char *name = ents[i]->d_name, *link;
		size_t len = strlen(name);

		if (len > 2 && !strcmp(name + len - 2, ".c") &&
		    !(len > 6 && !strcmp(name + len - 6, ".mod.c"))) {
			link = xasprintf("[%.*s](", (int)(len - 2), name);
			if (!strstr(table, link))
				report_err(CMD, "warning: %s has no row for %.*s", md,
					   (int)(len - 2), name);
			free(link);
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	free(dir);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The @NAME@ markers left in TEXT, sorted, each once, space separated, into a new string ("" when none). */
static char *markers_left(const char *text)
{
	char **found = NULL, *list = NULL;
	size_t i, j, n = 0, len = 0;
	FILE *f;

	for (i = 0; text[i]; i++) {
		if (text[i] != '@')
			continue;
		for (j = i + 1; text[j] == '_' || (text[j] >= 'A' && text[j] <= 'Z'); j++)
			;
		if (j == i + 1 || text[j] != '@')
			continue;
		found = realloc(found, (n + 1) * sizeof(*found));
		if (!found)
			abort();
		found[n++] = xasprintf("%.*s", (int)(j - i + 1), text + i);
		i = j;
	}
	if (n)
		qsort(found, n, sizeof(*found), by_name);
	f = open_memstream(&list, &len);
	if (!f)
		abort();
	for (i = 0; i < n; i++) {
		if (!i || strcmp(found[i], found[i - 1]))
			fprintf(f, "%s%s", ftell(f) ? " " : "", found[i]);
	}
	fclose(f);
	for (i = 0; i < n; i++)
		free(found[i]);
	free(found);
	return list;
}

/* The guide: the generated header, then the template with its markers filled. */
static char *fill(const char *tmpl, const char *table, const char *prov,
		  const char *name)
{
	char *text = NULL;
	size_t len = 0;
	const char *l, *e;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	fprintf(f, "<!-- Generated by bench/bin/report guide from docs/guide.md.in and %s: edit the template, not this file. -->\n\n",
		name);
	for (l = tmpl; *l; l = *e ? e + 1 : e) {
		e = strchrnul(l, '\n');
		if (is_marker(l, markers[0]))
			put_lines(f, table);
		else if (is_marker(l, markers[1]))
			put_lines(f, prov);
		else
			fprintf(f, "%.*s\n", (int)(e - l), l);
	}
	fclose(f);
	return text;
}

int cmd_guide(int argc, char **argv)
{
	const char *run, *tree = tree_dir(), *tpath = getenv("WAITCMP_GUIDE_TEMPLATE");
	char *tmpl = NULL, *table = NULL, *prov = NULL, *text = NULL, *name = NULL,
	     *left = NULL, *out = NULL, *outdir = NULL, *md, *env, *p, buf[VAL];
	char *deftmpl = NULL, missing[64] = "";
	size_t plen = 0;
	struct out o;
	FILE *f;
	int rc = 2;
	size_t i;

	if (argc < 2 || argc > 3 || !*argv[1] || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "--help"))
		return usage();
	if (!tree) {
		report_err(CMD, "cannot tell which tree this program is in");
		return 2;
	}
	run = argv[1];
	if (!tpath || !*tpath)
		tpath = deftmpl = path_join(tree, "docs/guide.md.in");
	out = argc == 3 ? xasprintf("%s", argv[2]) : path_join(tree, "docs/guide.md");
	md = path_join(run, "matrix.md");
	env = path_join(run, "env");

	if (!is_dir(run)) {
		report_err(CMD, "no run folder '%s'", run);
		goto done;
	}
	tmpl = file_text(tpath);
	if (!tmpl) {
		report_err(CMD, "no template '%s'", tpath);
		goto done;
	}
	if (!nonempty(md) || !(table = file_text(md))) {
		report_err(CMD, "no matrix in '%s' (%s is missing or empty; run 'make matrix')", run, md);
		goto done;
	}
	if (!nonempty(env)) {
		report_err(CMD, "no environment in '%s' (%s is missing or empty)", run, env);
		goto done;
	}
	if (!has_rule(table)) {
		report_err(CMD, "%s is not a Markdown table (no |---| line)", md);
		goto done;
	}
	for (i = 0; i < 2; i++) {
		int n = marker_lines(tmpl, markers[i]);

		if (n != 1) {
			report_err(CMD, "%s must have %s alone on one line (found %d)",
				   tpath, markers[i], n);
			goto done;
		}
	}
	p = xasprintf("%s", out);
	outdir = xasprintf("%s", dirname(p));
	free(p);
	if (!is_dir(outdir)) {
		report_err(CMD, "no folder '%s' for '%s'", outdir, out);
		goto done;
	}
	for (i = 0; i < 3; i++) {
		static const char *const need[] = { "target", "kernel", "date_utc" };

		if (!*env_of(env, need[i], buf))
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing),
				 " %s", need[i]);
	}
	if (*missing) {
		report_err(CMD, "%s lacks:%s (needed to say where and when)", env, missing);
		goto done;
	}
	for (i = 0; i < 2; i++) {
		p = path_join(run, figures[i]);
		if (!nonempty(p)) {
			report_err(CMD, "no figure in '%s' (%s is missing or empty; report matrix draws it)",
				   run, p);
			free(p);
			goto done;
		}
		free(p);
	}
	warn_missing(tree, table, md);

	name = run_name(run, tree);
	f = open_memstream(&prov, &plen);
	if (!f)
		abort();
	provenance(f, env, name);
	fclose(f);
	text = fill(tmpl, table, prov, name);
	left = markers_left(text);
	if (*left) {
		report_err(CMD, "markers left in the output: %s", left);
		goto done;
	}

	if (!out_open(&o, CMD, out))
		goto done;
	fputs(text, o.f);
	for (i = 0; i < 2; i++) {
		char *src = path_join(run, figures[i]), *dst = path_join(outdir, figures[i]);
		int err = out_copy(CMD, src, dst);

		free(src);
		free(dst);
		if (err) {
			out_abort(&o);
			goto done;
		}
	}
	if (out_commit(&o, CMD))
		goto done;
	printf("report guide: wrote %s and its figure (%s, %s) from %s\n", out,
	       figures[0], figures[1], name);
	rc = 0;
done:
	free(tmpl);
	free(table);
	free(prov);
	free(text);
	free(name);
	free(left);
	free(out);
	free(outdir);
	free(deftmpl);
	free(md);
	free(env);
	return rc;
}
