// SPDX-License-Identifier: GPL-2.0
/*
 * out - what the report's subcommands share, see report.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <spawn.h>
#include <sys/wait.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "results.h"

extern char **environ;

void report_err(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "report %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	return s;
}

char *path_join(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

FILE *out_open(struct out *o, const char *cmd, const char *path)
{
	o->path = xasprintf("%s", path);
	o->tmp = xasprintf("%s.tmp", path);
	o->f = fopen(o->tmp, "w");
	if (!o->f) {
		report_err(cmd, "cannot write %s: %s", o->tmp, strerror(errno));
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
	}
	return o->f;
}

static void out_free(struct out *o)
{
	free(o->path);
	free(o->tmp);
	o->f = NULL;
	o->path = o->tmp = NULL;
}

int out_commit(struct out *o, const char *cmd)
{
	int err = ferror(o->f);

	if (fclose(o->f) || err) {
		report_err(cmd, "writing %s failed", o->tmp);
		unlink(o->tmp);
		out_free(o);
		return -1;
	}
	if (rename(o->tmp, o->path)) {
		report_err(cmd, "cannot rename %s to %s: %s", o->tmp, o->path,
			   strerror(errno));
		unlink(o->tmp);
		out_free(o);
		return -1;
	}
	out_free(o);
	return 0;
}

void out_abort(struct out *o)
{
	if (o->f) {
		fclose(o->f);
		unlink(o->tmp);
	}
	out_free(o);
}

void json_quote(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The separator and indentation before a member, then its key. */
static void json_member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
	fprintf(j->f, "\n%*s", 2 * (j->depth + 1), "");
	if (key) {
		json_quote(j->f, key);
		fputs(": ", j->f);
	}
}

static void json_open(struct json *j, const char *key, char c)
{
	json_member(j, key);
	fputc(c, j->f);
	if (j->depth + 1 >= JSON_DEPTH)
		abort();
	j->closing[j->depth] = c == '{' ? '}' : ']';
	j->first[++j->depth] = true;
}

void json_begin(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	fputc('{', f);
	j->first[0] = true;
}

void json_object(struct json *j, const char *key)
{
	json_open(j, key, '{');
}

void json_array(struct json *j, const char *key)
{
	json_open(j, key, '[');
}

void json_end(struct json *j)
{
	bool empty = j->first[j->depth];

	if (j->depth == 0)
		abort();
	j->depth--;
	if (!empty)
		fprintf(j->f, "\n%*s", 2 * (j->depth + 1), "");
	fputc(j->closing[j->depth], j->f);
}

void json_finish(struct json *j)
{
	while (j->depth > 0)
		json_end(j);
	fputs(j->first[0] ? "}\n" : "\n}\n", j->f);
}

void json_str(struct json *j, const char *key, const char *v)
{
	json_member(j, key);
	if (v)
		json_quote(j->f, v);
	else
		fputs("null", j->f);
}

void json_num(struct json *j, const char *key, double v)
{
	json_member(j, key);
	if (!isfinite(v))
		fputs("null", j->f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(j->f, "%.0f", v);
	else
		fprintf(j->f, "%.6g", v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	json_member(j, key);
	fputs(v ? "true" : "false", j->f);
}

void json_auto(struct json *j, const char *key, const char *s)
{
	char *end;
	double v;

	if (!s || !*s) {
		json_str(j, key, NULL);
		return;
	}
	errno = 0;
	v = strtod(s, &end);
	if (!*end && !errno && isfinite(v))
		json_num(j, key, v);
	else
		json_str(j, key, s);
}

const char *fmt_num(char *buf, size_t len, double v, int decimals)
{
	if (isnan(v))
		snprintf(buf, len, "%s", REPORT_MISSING);
	else
		snprintf(buf, len, "%.*f", decimals, v);
	return buf;
}

const char *fmt_ratio(char *buf, size_t len, double a, double b, int decimals)
{
	if (isnan(a) || isnan(b) || !(b > 0))
		snprintf(buf, len, "%s", REPORT_MISSING);
	else
		snprintf(buf, len, "%.*fx", decimals, a / b);
	return buf;
}

const char *run_clock(const char *env)
{
	char clock[32];

	if (kv_get(env, "clock", clock, sizeof(clock)) && !strcmp(clock, "icount"))
		return "icount";
	return "wall";
}

const char *latency_unit(const char *clock)
{
	return clock_is_icount(clock) ? "instructions (icount)" : "ns of wall-clock time";
}

const char *repo_dir(void)
{
	static char dir[PATH_MAX];
	char self[PATH_MAX];
	ssize_t n;

	if (*dir)
		return dir;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return NULL;
	self[n] = '\0';
	/* .../bench/bin/report -> ... */
	snprintf(dir, sizeof(dir), "%s/../..", dirname(self));
	return dir;
}

const char *plots_dir(void)
{
	static char dir[PATH_MAX];
	const char *root = repo_dir();

	if (*dir)
		return dir;
	if (!root)
		return NULL;
	snprintf(dir, sizeof(dir), "%s/bench/report/plots", root);
	return dir;
}

int out_copy(const char *cmd, const char *from, const char *to)
{
	char buf[65536];
	struct out o;
	size_t n;
	FILE *in = fopen(from, "r");

	if (!in) {
		report_err(cmd, "cannot read %s: %s", from, strerror(errno));
		return -1;
	}
	if (!out_open(&o, cmd, to)) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, o.f);
	if (ferror(in)) {
		report_err(cmd, "reading %s failed", from);
		fclose(in);
		out_abort(&o);
		return -1;
	}
	fclose(in);
	return out_commit(&o, cmd);
}

char *gp_quote_safe(const char *s)
{
	char *r = xasprintf("%s", s), *w = r;

	for (; *s; s++)
		if (*s != '\'')
			*w++ = *s;
	*w = '\0';
	return r;
}

static int run_gnuplot(const char *cmd, const char *setup, const char *script)
{
	char *argv[] = { "gnuplot", "-e", (char *)setup, (char *)script, NULL };
	int status, err;
	pid_t pid;

	err = posix_spawnp(&pid, "gnuplot", NULL, NULL, argv, environ);
	if (err) {
		report_err(cmd, "cannot run gnuplot: %s", strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		report_err(cmd, "gnuplot failed on %s", script);
		return -1;
	}
	return 0;
}

int render(const char *cmd, const char *gp, const char *dir, const char *name,
	   int w, int h, const char *vars)
{
	static const char *const ext[] = { "png", "svg" };
	const char *pd = plots_dir();
	char *script;
	int i, rc = 0;

	if (!pd) {
		report_err(cmd, "cannot find the gnuplot scripts");
		return -1;
	}
	script = xasprintf("%s/%s", pd, gp);
	for (i = 0; i < 2 && !rc; i++) {
		char *out = xasprintf("%s/%s.%s", dir, name, ext[i]);
		char *tmp = xasprintf("%s.tmp", out);
		char *setup = xasprintf("set terminal %s size %d,%d font ',%d' noenhanced; set output '%s'; %s",
					i ? "svg" : "pngcairo", w, h, i ? 12 : 11,
					tmp, vars ? vars : "");

		rc = run_gnuplot(cmd, setup, script);
		if (!rc && rename(tmp, out)) {
			report_err(cmd, "cannot rename %s: %s", tmp, strerror(errno));
			rc = -1;
		}
		if (rc)
			unlink(tmp);
		free(setup);
		free(tmp);
		free(out);
	}
	free(script);
	return rc;
}
