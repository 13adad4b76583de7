// SPDX-License-Identifier: GPL-2.0
/*
 * report html DIR: DIR/report.html, the page a user opens first. One
 * self-contained file: the run's env, then every report page the folder
 * holds (its markdown: summary, matrix, scaling, kernels, performance,
 * targets), converted to HTML, with each figure it shows inlined as SVG;
 * results without a page (scaling.csv) as their table; figures no page
 * shows follow at the end. No script, no style sheet or
 * image from elsewhere: it reads the same offline.
 *
 * The markdown is the subset the reports write: headings, paragraphs,
 * tables, lists, fenced code, `code`, **bold**, *emphasis*, links and
 * images. An image whose .svg sits next to its .png is inlined as that
 * SVG, otherwise it is left out with its alt text (a PNG would have to be
 * embedded or fetched).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "results.h"

/* The pages, in the order a reader wants them; the first found is the title's. */
static const char *const pages[] = {
	"summary.md", "matrix.md", "scaling.md", "kernels.md", "perf.md",
	"report.md", "targets.md",
};

/* The env's lines shown in the header table, in this order. */
static const char *const env_keys[] = {
	"mode", "kernel", "clock", "clock_chosen_by", "accelerator", "cpus",
	"target", "started", "elapsed_s", "seed",
};

/* Results that have no page of their own: shown as their table. */
static const char *const tables[] = { "scaling.csv" };

#define MAX_FIGS 64

struct page {
	FILE *f;
	const char *dir;
	char *shown[MAX_FIGS];	/* the SVGs inlined so far */
	size_t nshown;
};

static void esc(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i]; i++) {
		switch (s[i]) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(s[i], f);
		}
	}
}

static void esc_str(FILE *f, const char *s)
{
	esc(f, s, strlen(s));
}

static bool already_shown(struct page *p, const char *svg)
{
	size_t i;

	for (i = 0; i < p->nshown; i++)
		if (!strcmp(p->shown[i], svg))
			return true;
	return false;
}

/*
 * Inlines DIR/SVG (a file name, no slash): its <svg> element, without the
 * XML prolog and doctype. false when it cannot be read or has no <svg.
 */
static bool inline_svg(struct page *p, const char *svg, const char *caption)
{
	char *path, *text = NULL, *start;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (strchr(svg, '/') || already_shown(p, svg))
		return false;
	path = path_join(p->dir, svg);
	f = fopen(path, "r");
	free(path);
	if (!f)
		return false;
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	start = n > 0 ? strstr(text, "<svg") : NULL;
	if (start) {
		fprintf(p->f, "<figure>\n%s", start);
		fputs("<figcaption>", p->f);
		esc_str(p->f, caption);
		fputs("</figcaption></figure>\n", p->f);
		if (p->nshown < MAX_FIGS)
			p->shown[p->nshown++] = xasprintf("%s", svg);
	}
	free(text);
	return start;
}

/* An image: its SVG twin inlined, or its alt text in brackets. */
static void image(struct page *p, const char *alt, size_t altn,
		  const char *src, size_t srcn)
{
	char *name = strndup(src, srcn), *dot = strrchr(name, '.'), *svg, *a;

	if (dot)
		*dot = '\0';
	svg = xasprintf("%s.svg", name);
	a = strndup(alt, altn);
	fputs("</p>\n", p->f);
	if (!inline_svg(p, svg, *a ? a : svg)) {
		fputs("<p>[figure: ", p->f);
		esc_str(p->f, *a ? a : name);
		fputs("]", p->f);
	}
	fputs("<p>", p->f);
	free(a);
	free(svg);
	free(name);
}

/* The end of a span opened at S (after its marker) by MARK, or NULL. */
static const char *closing(const char *s, const char *end, const char *mark)
{
	size_t m = strlen(mark);
	const char *q;

	for (q = s; q + m <= end; q++)
		if (!strncmp(q, mark, m))
			return q > s ? q : NULL;
	return NULL;
}

/* S..END as inline markdown: code, bold, emphasis, links, images. */
static void inline_md(struct page *p, const char *s, const char *end)
{
	FILE *f = p->f;

	while (s < end) {
		const char *q, *r;

		if (*s == '`' && (q = closing(s + 1, end, "`"))) {
			fputs("<code>", f);
			esc(f, s + 1, q - s - 1);
			fputs("</code>", f);
			s = q + 1;
		} else if (!strncmp(s, "**", 2) && (q = closing(s + 2, end, "**"))) {
			fputs("<strong>", f);
			inline_md(p, s + 2, q);
			fputs("</strong>", f);
			s = q + 2;
		} else if (*s == '*' && s + 1 < end && s[1] != ' ' &&
			   (q = closing(s + 1, end, "*"))) {
			fputs("<em>", f);
			inline_md(p, s + 1, q);
			fputs("</em>", f);
			s = q + 1;
		} else if ((*s == '[' || (*s == '!' && s + 1 < end && s[1] == '[')) &&
			   (q = closing(s + 1 + (*s == '!'), end, "](")) &&
			   (r = closing(q + 2, end, ")"))) {
			const char *text = s + 1 + (*s == '!');

			if (*s == '!') {
				image(p, text, q - text, q + 2, r - q - 2);
			} else {
				/* Links within the folder stay; nothing is fetched. */
				fputs("<a href=\"", f);
				esc(f, q + 2, r - q - 2);
				fputs("\">", f);
				inline_md(p, text, q);
				fputs("</a>", f);
			}
			s = r + 1;
		} else {
			esc(f, s, 1);
			s++;
		}
	}
}

static bool is_table_sep(const char *l)
{
	if (*l != '|')
		return false;
	for (; *l; l++)
		if (!strchr("|-: \t", *l))
			return false;
	return true;
}

/* One table row: the cells between the pipes, as TAG. */
static void table_row(struct page *p, const char *l, const char *tag)
{
	const char *s = l + 1, *e;

	fputs("<tr>", p->f);
	while (*s && (e = strchr(s, '|'))) {
		const char *a = s, *b = e;

		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		fprintf(p->f, "<%s>", tag);
		inline_md(p, a, b);
		fprintf(p->f, "</%s>", tag);
		s = e + 1;
	}
	fputs("</tr>\n", p->f);
}

enum block { NONE, PARA, LIST, OLIST, TABLE, CODE };

static void close_block(struct page *p, enum block b)
{
	static const char *const end[] = {
		[PARA] = "</p>\n", [LIST] = "</ul>\n", [OLIST] = "</ol>\n",
		[TABLE] = "</tbody></table>\n", [CODE] = "</code></pre>\n",
	};

	if (b != NONE)
		fputs(end[b], p->f);
}

static bool ordered_item(const char *l, const char **text)
{
	const char *s = l;

	while (*s >= '0' && *s <= '9')
		s++;
	if (s == l || s[0] != '.' || s[1] != ' ')
		return false;
	*text = s + 2;
	return true;
}

/* The markdown file PATH into the page. */
static void markdown(struct page *p, FILE *in)
{
	enum block b = NONE;
	char *line = NULL, *next = NULL;
	size_t cap = 0, ncap = 0;
	ssize_t n;
	bool have_next;

	have_next = getline(&next, &ncap, in) >= 0;
	while (have_next) {
		const char *text;
		char *tmp;
		size_t tcap;

		/* line = next; read the following one ahead (for tables). */
		tmp = line;
		tcap = cap;
		line = next;
		cap = ncap;
		next = tmp;
		ncap = tcap;
		have_next = (n = getline(&next, &ncap, in)) >= 0;
		line[strcspn(line, "\n")] = '\0';
		if (have_next)
			next[strcspn(next, "\n")] = '\0';

		if (b == CODE) {
			if (!strncmp(line, "```", 3)) {
				close_block(p, b);
				b = NONE;
			} else {
				esc_str(p->f, line);
				fputc('\n', p->f);
			}
			continue;
		}
		if (!strncmp(line, "```", 3)) {
			close_block(p, b);
			fputs("<pre><code>", p->f);
			b = CODE;
			continue;
		}
		if (!*line) {
			close_block(p, b);
			b = NONE;
			continue;
		}
		if (*line == '#') {
			int level = (int)strspn(line, "#");

			if (level <= 6 && line[level] == ' ') {
				close_block(p, b);
				b = NONE;
				fprintf(p->f, "<h%d>", level);
				inline_md(p, line + level + 1, line + strlen(line));
				fprintf(p->f, "</h%d>\n", level);
				continue;
			}
		}
		if (*line == '|') {
			if (b != TABLE) {
				close_block(p, b);
				b = TABLE;
				fputs("<table>\n", p->f);
				if (have_next && is_table_sep(next)) {
					fputs("<thead>", p->f);
					table_row(p, line, "th");
					fputs("</thead><tbody>\n", p->f);
					/* Skip the separator. */
					have_next = getline(&next, &ncap, in) >= 0;
					if (have_next)
						next[strcspn(next, "\n")] = '\0';
					continue;
				}
				fputs("<tbody>\n", p->f);
			}
			table_row(p, line, "td");
			continue;
		}
		if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') {
			if (b != LIST) {
				close_block(p, b);
				b = LIST;
				fputs("<ul>\n", p->f);
			}
			fputs("<li>", p->f);
			inline_md(p, line + 2, line + strlen(line));
			fputs("</li>\n", p->f);
			continue;
		}
		if (ordered_item(line, &text)) {
			if (b != OLIST) {
				close_block(p, b);
				b = OLIST;
				fputs("<ol>\n", p->f);
			}
			fputs("<li>", p->f);
			inline_md(p, text, text + strlen(text));
			fputs("</li>\n", p->f);
			continue;
		}
		if (b == LIST || b == OLIST) {
			/* A continuation of the last item. */
			fputc(' ', p->f);
			inline_md(p, line, line + strlen(line));
			continue;
		}
		if (b != PARA) {
			close_block(p, b);
			b = PARA;
			fputs("<p>", p->f);
		} else {
			fputc('\n', p->f);
		}
		inline_md(p, line, line + strlen(line));
	}
	close_block(p, b);
	free(line);
	free(next);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_svg(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && !strcmp(e->d_name + n - 4, ".svg");
}

/* The run's status file (complete, failed: why, running) as a row. */
static void status_row(struct page *p)
{
	char *path = path_join(p->dir, "status"), *line = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "r");

	free(path);
	if (!f)
		return;
	if (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		fputs("<tr><th>status</th><td>", p->f);
		esc_str(p->f, line);
		fputs("</td></tr>\n", p->f);
	}
	free(line);
	fclose(f);
}

/* The CSV file NAME of the folder as a table under its name; false when it cannot be read. */
static bool csv_table(struct page *p, const char *name)
{
	char *path = path_join(p->dir, name);
	struct csv c;
	size_t r, k;

	if (csv_load(&c, path)) {
		free(path);
		return false;
	}
	free(path);
	fprintf(p->f, "<section id=\"%s\">\n<h2>", name);
	esc_str(p->f, name);
	fputs("</h2>\n<table>\n<thead><tr>", p->f);
	for (k = 0; k < c.cols; k++) {
		fputs("<th>", p->f);
		esc_str(p->f, c.cell[k]);
		fputs("</th>", p->f);
	}
	fputs("</tr>\n</thead><tbody>\n", p->f);
	for (r = 0; r < c.rows; r++) {
		fputs("<tr>", p->f);
		for (k = 0; k < c.cols; k++) {
			fputs("<td>", p->f);
			esc_str(p->f, csv_cell(&c, r, (int)k));
			fputs("</td>", p->f);
		}
		fputs("</tr>\n", p->f);
	}
	fputs("</tbody></table>\n</section>\n", p->f);
	csv_free(&c);
	return true;
}

static const char style[] =
	"body{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em;color:#222}"
	"table{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}"
	"th,td{border:1px solid #bbb;padding:2px 6px;text-align:left}"
	"th{background:#eee}"
	"code{background:#f4f4f4;padding:0 2px}"
	"pre{background:#f4f4f4;padding:0.5em;overflow-x:auto}"
	"figure{margin:1em 0}figure svg{max-width:100%;height:auto}"
	"figcaption{font-size:0.85em;color:#555}";

int cmd_html(int argc, char **argv)
{
	struct page p = { 0 };
	struct dirent **ents;
	char *env, *out, val[256];
	struct out o;
	size_t i, npages = 0;
	int nents, more = 0;

	if (argc != 2) {
		report_err("html", "usage: report html DIR");
		return 2;
	}
	p.dir = argv[1];
	env = path_join(p.dir, "env");
	nents = scandir(p.dir, &ents, is_svg, by_name);
	if (nents < 0) {
		report_err("html", "cannot read %s", p.dir);
		free(env);
		return 2;
	}
	out = path_join(p.dir, "report.html");
	p.f = out_open(&o, "html", out);
	if (!p.f) {
		free(out);
		free(env);
		return 2;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>waitcmp: ",
	      p.f);
	esc_str(p.f, p.dir);
	fprintf(p.f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>waitcmp: ", style);
	esc_str(p.f, p.dir);
	fputs("</h1>\n<table class=\"env\"><tbody>\n", p.f);
	for (i = 0; i < sizeof(env_keys) / sizeof(env_keys[0]); i++) {
		if (!kv_get(env, env_keys[i], val, sizeof(val)))
			continue;
		fprintf(p.f, "<tr><th>%s</th><td>", env_keys[i]);
		esc_str(p.f, val);
		fputs("</td></tr>\n", p.f);
	}
	status_row(&p);
	fputs("</tbody></table>\n", p.f);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char *path = path_join(p.dir, pages[i]);
		FILE *in = fopen(path, "r");

		free(path);
		if (!in)
			continue;
		fprintf(p.f, "<section id=\"%s\">\n", pages[i]);
		markdown(&p, in);
		fputs("</section>\n", p.f);
		fclose(in);
		npages++;
	}
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		npages += csv_table(&p, tables[i]);
	if (!npages)
		fputs("<p>No report page in this folder (the run did not get as far as its report).</p>\n",
		      p.f);
	for (i = 0; i < (size_t)nents; i++) {
		if (!already_shown(&p, ents[i]->d_name)) {
			if (!more++)
				fputs("<h2>Figures</h2>\n", p.f);
			inline_svg(&p, ents[i]->d_name, ents[i]->d_name);
		}
		free(ents[i]);
	}
	free(ents);
	fputs("</body>\n</html>\n", p.f);
	for (i = 0; i < p.nshown; i++)
		free(p.shown[i]);
	free(env);
	if (out_commit(&o, "html")) {
		free(out);
		return 2;
	}
	free(out);
	return 0;
}
