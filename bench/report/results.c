// SPDX-License-Identifier: GPL-2.0
/*
 * results - a run folder's files by name, see results.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "results.h"
#include "rstats.h"

bool kv_get(const char *path, const char *key, char *buf, size_t len)
{
	size_t klen = strlen(key);
	char *line = NULL;
	size_t cap = 0;
	bool found = false;
	ssize_t n;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return false;
	while ((n = getline(&line, &cap, f)) >= 0) {
		if ((size_t)n <= klen + 1 || strncmp(line, key, klen) ||
		    line[klen] != ':' || line[klen + 1] != ' ')
			continue;
		n -= (ssize_t)klen + 2;
		if (n > 0 && line[klen + 2 + n - 1] == '\n')
			n--;
		if ((size_t)n < len) {
			memcpy(buf, line + klen + 2, (size_t)n);
			buf[n] = '\0';
			found = true;
		}
		break;
	}
	free(line);
	fclose(f);
	return found;
}

bool str_number(const char *s, double *out)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !errno && !*end;
}

double str_num(const char *s)
{
	double v;

	return s && str_number(s, &v) ? v : NAN;
}

bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

bool is_file_in(const char *dir, const char *name)
{
	char *p;
	bool r;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	r = is_file(p);
	free(p);
	return r;
}

bool kv_number(const char *path, const char *key, double *out)
{
	char buf[64];

	return kv_get(path, key, buf, sizeof(buf)) && str_number(buf, out);
}

char *file_text(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f, *m;
	char buf[4096];
	size_t n;

	f = fopen(path, "r");
	if (!f)
		return NULL;
	m = open_memstream(&text, &len);
	if (!m)
		abort();
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, m);
	fclose(f);
	fclose(m);
	return text;
}

bool file_get(const char *path, char *buf, size_t len)
{
	char *text = file_text(path);
	size_t n;
	bool fits;

	if (!text)
		return false;
	n = strlen(text);
	while (n && text[n - 1] == '\n')
		n--;
	fits = n < len;
	if (fits) {
		memcpy(buf, text, n);
		buf[n] = '\0';
	}
	free(text);
	return fits;
}

/* Fields of one line, cut at commas (the line ends at '\n' or '\0'). */
static size_t fields_of(const char *line)
{
	size_t n = 1;

	for (; *line && *line != '\n'; line++)
		n += *line == ',';
	return n;
}

int csv_load(struct csv *c, const char *path)
{
	size_t lines = 0, k = 0;
	char *p;

	*c = (struct csv){ 0 };
	c->text = file_text(path);
	if (!c->text)
		return -1;
	if (!*c->text)
		goto bad;
	c->cols = fields_of(c->text);
	for (p = c->text; *p; p++)
		lines += *p == '\n';
	if (p[-1] != '\n')
		lines++;
	c->cell = calloc(lines * c->cols, sizeof(*c->cell));
	if (!c->cell)
		abort();
	for (p = c->text; *p;) {
		char *eol = strchrnul(p, '\n');
		bool more = *eol;
		size_t i;

		if (fields_of(p) != c->cols)
			goto bad;
		*eol = '\0';
		for (i = 0; i < c->cols; i++)
			c->cell[k++] = strsep(&p, ",");
		p = more ? eol + 1 : eol;
	}
	c->rows = k / c->cols - 1;
	return 0;
bad:
	csv_free(c);
	errno = EINVAL;
	return -1;
}

void csv_free(struct csv *c)
{
	free(c->cell);
	free(c->text);
	*c = (struct csv){ 0 };
}

int csv_col(const struct csv *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->cols; i++)
		if (!strcmp(c->cell[i], name))
			return (int)i;
	return -1;
}

const char *csv_cell(const struct csv *c, size_t row, int col)
{
	if (col < 0 || row >= c->rows)
		return "";
	return c->cell[(row + 1) * c->cols + (size_t)col];
}

bool csv_number(const struct csv *c, size_t row, int col, double *out)
{
	return str_number(csv_cell(c, row, col), out);
}

long csv_row(const struct csv *c, const char *key)
{
	size_t r;

	for (r = 0; r < c->rows; r++)
		if (!strcmp(csv_cell(c, r, 0), key))
			return (long)r;
	return -1;
}

bool cyclictest_read(const char *path, struct cyclictest *c)
{
	static double count[1 << 16];
	char *line = NULL;
	size_t cap = 0, n = 0, i;
	FILE *f = fopen(path, "r");

	*c = (struct cyclictest){ 0 };
	if (!f)
		return false;
	memset(count, 0, sizeof(count));
	while (getline(&line, &cap, f) >= 0) {
		unsigned long b;
		double k;
		char *s;

		if (line[0] >= '0' && line[0] <= '9' &&
		    sscanf(line, "%lu %lf", &b, &k) == 2) {
			if (b < sizeof(count) / sizeof(count[0])) {
				count[b] = k;
				if (b + 1 > n)
					n = b + 1;
			}
			continue;
		}
		s = strrchr(line, ' ');
		if (!s || line[0] != '#')
			continue;
		if (strstr(line, "Min Latencies:"))
			c->min = strtod(s, NULL);
		else if (strstr(line, "Avg Latencies:"))
			c->avg = strtod(s, NULL);
		else if (strstr(line, "Max Latencies:"))
			c->max = strtod(s, NULL);
		else if (strstr(line, "Histogram Overflows:"))
			c->overflows = strtod(s, NULL);
	}
	free(line);
	fclose(f);
	c->top = n ? (long)n - 1 : 0;
	c->samples = c->overflows;
	for (i = 0; i < n; i++)
		c->samples += count[i];
	c->p50 = rs_hist_percentile(count, n, c->overflows, 50);
	c->p99 = rs_hist_percentile(count, n, c->overflows, 99);
	return c->p50 != -2;
}
