// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of bench/report/rstats.c (the reports' statistics),
 * results.c (reading run folders) and out.c (JSON, files written whole,
 * figures), in TAP. Built and run by tests/host/report.t.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../bench/report/report.h"
#include "../../bench/report/results.h"
#include "../../bench/report/rstats.h"

static int t, failed;

static void ok(int cond, const char *what)
{
	t++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", t, what);
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-12;
}

static void test_median(void)
{
	double odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 }, one[] = { 7 };

	ok(near(rs_median(odd, 3), 3), "median of 5 1 3 is 3");
	ok(near(rs_median(even, 4), 2.5), "median of 4 1 3 2 is 2.5, the mean of the middles");
	ok(near(rs_median(one, 1), 7), "median of one value is it");
	ok(isnan(rs_median(one, 0)), "median of nothing is NAN");
}

static void test_ranks(void)
{
	double v[] = { 30, 10, 20, 10 }, r[4];

	rs_ranks(v, 4, r);
	ok(near(r[0], 4) && near(r[2], 3), "ranks from 1, in order of value");
	ok(near(r[1], 1.5) && near(r[3], 1.5), "two tied values share ranks 1 and 2: 1.5 each");
}

static void test_spearman(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, same[] = { 10, 20, 30, 40, 50 },
	       rev[] = { 5, 4, 3, 2, 1 }, swap[] = { 2, 1, 3, 4, 5 },
	       flat[] = { 1, 1, 1, 1, 1 }, tx[] = { 1, 1, 2, 3 },
	       ty[] = { 5, 5, 6, 7 };

	ok(near(rs_spearman(x, same, 5), 1), "Spearman: the same order is 1");
	ok(near(rs_spearman(x, rev, 5), -1), "Spearman: the reverse order is -1");
	/* d = (1, 1, 0, 0, 0): 1 - 6 * 2 / (5 * 24) = 0.9 */
	ok(near(rs_spearman(x, swap, 5), 0.9), "Spearman: one swap of neighbours in 5 is 0.9");
	ok(isnan(rs_spearman(x, flat, 5)), "Spearman: all tied is NAN (no ranking)");
	ok(isnan(rs_spearman(x, x, 1)), "Spearman: one value is NAN");
	ok(near(rs_spearman(tx, ty, 4), 1), "Spearman: the same ties on both sides is 1");
}

static void test_rel_diff(void)
{
	ok(near(rs_rel_diff(200, 201), 0.005), "201 against 200 differs by 0.5 %");
	ok(near(rs_rel_diff(200, 199), 0.005), "the difference has no sign");
	ok(isnan(rs_rel_diff(0, 1)), "against 0 there is no relative difference");
}

static void test_ratio(void)
{
	ok(near(rs_ratio(558, 600), 0.93), "ratio: 558 iowait ticks of 600 slept is 0.93");
	ok(near(rs_ratio(0, 606), 0), "ratio: none of them is 0");
	ok(isnan(rs_ratio(5, 0)) && isnan(rs_ratio(5, -1)), "ratio: over 0 or less there is none");
	ok(isnan(rs_ratio(NAN, 600)) && isnan(rs_ratio(5, NAN)), "ratio: a missing side gives none");
}

static void test_state_share(void)
{
	ok(near(rs_state_share("D=3 S=1", "D"), 0.75), "state share: D=3 S=1 is 0.75 in D");
	ok(near(rs_state_share("R=0 S=0 D=279 I=0 other=0", "D"), 1), "state share: all in D is 1");
	ok(near(rs_state_share("R=1 S=3 I=0", "D"), 0), "state share: no D word is 0");
	ok(near(rs_state_share("DD=5 D=1 S=4", "D"), 0.1), "state share: a state is a whole word before =");
	ok(near(rs_state_share("  D=2\tS=2 x ", "D"), 0.5), "state share: any blanks between words, a word without = counts nothing");
	ok(isnan(rs_state_share("D=0 S=0", "D")), "state share: no samples is none");
	ok(isnan(rs_state_share("", "D")), "state share: no counts is none");
}

static void test_str_number(void)
{
	double v;

	ok(str_number("4835", &v) && near(v, 4835), "str_number: a whole number");
	ok(str_number("-0.25", &v) && near(v, -0.25), "str_number: a signed fraction");
	ok(!str_number("", &v), "str_number: empty is no number");
	ok(!str_number("n/a", &v), "str_number: n/a is no number");
	ok(!str_number("12x", &v), "str_number: a number followed by more is no number");
	ok(near(str_num("-0.25"), -0.25) && isnan(str_num("n/a")) && isnan(str_num("")) &&
	   isnan(str_num(NULL)) && isnan(str_num("1e999")),
	   "str_num: the value, NAN for n/a, empty, NULL and out of range");
}

static void test_share(void)
{
	ok(rs_share_verdict(0.5, 0.5, 0.1) == 1, "share verdict: exactly half is yes");
	ok(rs_share_verdict(1, 0.5, 0.1) == 1, "share verdict: all is yes");
	ok(rs_share_verdict(0.1, 0.5, 0.1) == 0, "share verdict: exactly a tenth is no");
	ok(rs_share_verdict(0, 0.5, 0.1) == 0, "share verdict: none is no");
	ok(rs_share_verdict(0.3, 0.5, 0.1) == -1, "share verdict: between a tenth and half is unclear");
	ok(rs_share_verdict(NAN, 0.5, 0.1) == -1, "share verdict: no share is unclear");
}

static void test_extent(void)
{
	double v[] = { 5, NAN, 2, 9, 3 }, lo, hi;

	ok(rs_extent(v, 5, &lo, &hi) == 4 && near(lo, 2) && near(hi, 9),
	   "extent: smallest 2 and largest 9 of 4 values, NAN skipped");
	ok(rs_extent(v, 1, &lo, &hi) == 1 && near(lo, 5) && near(hi, 5), "extent: one value is both ends");
	ok(rs_extent(v + 1, 1, &lo, &hi) == 0 && isnan(lo) && isnan(hi), "extent: no value, NAN ends");
}

static void test_against_shift(void)
{
	ok(rs_against_shift(0.97, 1, 0.02) == -1, "against the shift: 3 % below a shift of 1 gains");
	ok(rs_against_shift(2.5, 2, 0.02) == 1, "against the shift: 2.5 on a shift of 2 (1.25x) loses");
	ok(rs_against_shift(1.015, 1, 0.02) == 0 && rs_against_shift(0.985, 1, 0.02) == 0,
	   "against the shift: within 2 % neither");
	ok(rs_against_shift(1.5, 0, 0.02) == 0 && rs_against_shift(NAN, 1, 0.02) == 0,
	   "against the shift: no shift or no ratio, neither");
}

static void test_sort(void)
{
	double v[] = { 64, 1, 8, 2, 1 };

	rs_sort(v, 5);
	ok(near(v[0], 1) && near(v[1], 1) && near(v[2], 2) && near(v[3], 8) && near(v[4], 64),
	   "sort: 64 1 8 2 1 ascending");
}

static void test_range(void)
{
	double v[] = { 3, 9, 1, 5 };
	struct rs_range r = rs_range(v, 4);

	ok(near(r.median, 4) && near(r.min, 1) && near(r.max, 9) && r.n == 4,
	   "range of 3 9 1 5: median 4, from 1 to 9");
	r = rs_range(v, 0);
	ok(isnan(r.median) && isnan(r.min) && isnan(r.max), "range of nothing is NAN");
}

static void test_ratio_range(void)
{
	double num[] = { 1050, 1040, 1150, 5 }, den[] = { 1000, 1000, 1000, 0 };
	struct rs_range r;

	ok(near(rs_ratio(3, 2), 1.5), "ratio 3 / 2 is 1.5");
	ok(isnan(rs_ratio(3, 0)) && isnan(rs_ratio(NAN, 2)), "ratio by 0 or of NAN is NAN");
	r = rs_ratio_range(num, den, 4);
	ok(r.n == 3 && near(r.median, 1.05) && near(r.min, 1.04) && near(r.max, 1.15),
	   "per-round ratios: median 1.05 of 1.05 1.04 1.15, a round whose denominator is 0 left out");
	ok(near(rs_per_event_diff(9000, 10000, 1e9), 1e9 / 9000 - 1e5),
	   "per-event difference: 10^9 / 9000 - 10^9 / 10000 ns more per wake");
	ok(isnan(rs_per_event_diff(0, 10000, 1e9)), "per-event difference of a rate of 0 is NAN");
}

static void test_judge(void)
{
	ok(rs_meets(1.10, true, 1.10) == 1 && rs_meets(1.11, true, 1.10) == 0,
	   "meets: at most the bound, the bound included");
	ok(rs_meets(0.90, false, 0.90) == 1 && rs_meets(0.89, false, 0.90) == 0,
	   "meets: at least the bound, the bound included");
	ok(rs_meets(NAN, true, 1) == -1, "meets: NAN is not measured");
	ok(rs_judge(1.05, 1.04, 1.15, true, 1.10) == RS_MET_SPLIT,
	   "judge: a median met with rounds on both sides is split");
	ok(rs_judge(1.3, 1.3, 1.3, true, 1.10) == RS_MISSED_ALL, "judge: missed in every round");
	ok(rs_judge(0.95, 0.95, 0.96, false, 0.90) == RS_MET_ALL, "judge: met in every round");
	ok(rs_judge(0.89, 0.85, 0.92, false, 0.90) == RS_MISSED_SPLIT,
	   "judge: a median missed with a round that meets it is split");
	ok(rs_judge(NAN, 1, 1, true, 1) == RS_UNMEASURED, "judge: no median, not measured");
}

static void test_slope(void)
{
	double x[] = { 1, 2, 4, 8, 16, 32, 64 }, lin[7], sq[7], flat[7], fall[7];
	double x2[] = { 1, 2 }, y2[] = { 4000, 8000 }, bad[] = { 0, 0 }, same[] = { 2, 2 };
	int i;

	for (i = 0; i < 7; i++) {
		lin[i] = 10 * x[i];
		sq[i] = 20 * sqrt(x[i]);
		flat[i] = 20;
		fall[i] = 100 / x[i];
	}
	ok(near(rs_loglog_slope(x, lin, 7), 1), "log-log slope of a linear series is 1");
	ok(fabs(rs_loglog_slope(x, sq, 7) - 0.5) < 1e-9, "log-log slope of a square root is 0.5");
	ok(near(rs_loglog_slope(x, flat, 7), 0), "log-log slope of a constant is 0");
	ok(near(rs_loglog_slope(x, fall, 7), -1), "log-log slope of 1 / x is -1");
	ok(near(rs_loglog_slope(x2, y2, 2), 1), "log-log slope through two points 4000 and 8000 at 1 and 2 is 1");
	ok(isnan(rs_loglog_slope(x2, bad, 2)), "log-log slope: points not above 0 are left out, too few is NAN");
	ok(isnan(rs_loglog_slope(same, y2, 2)), "log-log slope: all at one x is NAN");
	ok(near(rs_per_doubling(1), 2) && fabs(rs_per_doubling(0.5) - sqrt(2)) < 1e-12,
	   "per doubling: 2 for slope 1, 1.41 for 0.5");
	ok(rs_trend_of(0.19, 5) == RS_FLAT && rs_trend_of(-0.19, 0.5) == RS_FLAT &&
	   rs_trend_of(NAN, 2) == RS_FLAT, "trend: a slope within 0.2 either way, or none, is flat");
	ok(rs_trend_of(-1, 0.5) == RS_FALLS, "trend: slope and ratio below: falls");
	ok(rs_trend_of(-0.5, 1.2) == RS_VARIES && rs_trend_of(0.5, 0.9) == RS_VARIES,
	   "trend: slope and ratio disagree: varies with no steady trend");
	ok(rs_trend_of(1, 64) == RS_GROWS, "trend: both above: grows");
	ok(rs_pace_of(0.796) == RS_LINEAR && rs_pace_of(0.804) == RS_LINEAR &&
	   rs_pace_of(1.204) == RS_LINEAR && rs_pace_of(1.206) == RS_SUPERLINEAR,
	   "pace: judged on the slope as printed (2 decimals): 0.796 and 0.804 both print 0.80");
	ok(rs_pace_of(0.79) == RS_SUBLINEAR && rs_pace_of(0.8) == RS_LINEAR &&
	   rs_pace_of(1.2) == RS_LINEAR && rs_pace_of(1.21) == RS_SUPERLINEAR,
	   "pace: below 0.8 less than linear, 0.8 to 1.2 linear, above faster");
	ok(!strcmp(rs_pace_words(RS_LINEAR), "about linearly") &&
	   !strcmp(rs_pace_words(RS_SUBLINEAR), "less than linearly") &&
	   !strcmp(rs_pace_words(RS_SUPERLINEAR), "faster than linearly"), "pace in words");
}

static void test_growth(void)
{
	double x[] = { 1, 2, 4, 8, 16, 32, 64 }, lin[7], one[] = { 10, 13, 10, 11, 13, 10, 10 };
	double zero[] = { 0, 5 };
	struct rs_growth g;
	int i;

	for (i = 0; i < 7; i++)
		lin[i] = 10000 * x[i];
	g = rs_growth(x, lin, 7);
	ok(g.trend == RS_GROWS && g.pace == RS_LINEAR && near(g.ratio, 64) &&
	   near(g.first, 10000) && near(g.last, 640000), "growth: wake-all cost 10 us per waiter grows 64x, linearly");
	g = rs_growth(x, one, 7);
	ok(g.trend == RS_FLAT && near(g.lo, 10) && near(g.hi, 13) && g.slope < 0,
	   "growth: 10 to 13 with no trend is flat within 1.3x");
	g = rs_growth(x, lin, 1);
	ok(g.trend == RS_UNTOLD, "growth: one point is not told");
	g = rs_growth(x, zero, 2);
	ok(g.trend == RS_UNTOLD, "growth: a first value of 0 is not told");
}

static void test_direction(void)
{
	ok(rs_direction(20000, 12500) == -1, "direction: a rate from 20000 to 12500 went down");
	ok(rs_direction(5, 5) == 1 && rs_direction(5, 6) == 1, "direction: the same or more is up");
	ok(rs_direction(NAN, 5) == 0, "direction: NAN is unknown");
}

static void test_hist_percentile(void)
{
	double c[101] = { 0 }, none[3] = { 0 };

	c[5] = 50;
	c[6] = 49;
	c[100] = 1;
	ok(rs_hist_percentile(c, 101, 0, 50) == 5, "histogram p50: the bucket reaching 50 of 100");
	ok(rs_hist_percentile(c, 101, 0, 99) == 6, "histogram p99: the bucket reaching 99 of 100");
	ok(rs_hist_percentile(c, 101, 0, 100) == 100, "histogram p100: the last sample's bucket");
	ok(rs_hist_percentile(c, 101, 10, 99) == -1, "histogram: a percentile in the overflow is -1");
	ok(rs_hist_percentile(none, 3, 0, 50) == -2, "histogram: empty is -2");
}

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/rstats-test.XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

static void test_kv(void)
{
	char *p = write_tmp("samples: 10\nsum: 3\nsum_ns: 4000\np50_ns: n/a\nkernel: 6.1.0 x\n");
	char buf[32], *text;
	double v;

	ok(kv_number(p, "sum_ns", &v) && near(v, 4000), "kv: sum_ns, not sum (a key is a whole word)");
	ok(kv_get(p, "kernel", buf, sizeof(buf)) && !strcmp(buf, "6.1.0 x"), "kv: the value to the end of the line");
	ok(!kv_number(p, "p50_ns", &v), "kv: n/a is not a number");
	ok(!kv_get(p, "missing", buf, sizeof(buf)), "kv: a missing key");
	ok(!kv_get(p, "kernel", buf, 4), "kv: a value too long for the buffer is not cut");
	ok(!kv_get("/nonexistent/x", "a", buf, sizeof(buf)), "kv: a missing file");
	text = file_text(p);
	ok(text && !strncmp(text, "samples: 10\n", 12) && text[strlen(text) - 1] == '\n',
	   "file_text: the whole file, its last newline too");
	free(text);
	ok(!file_text("/nonexistent/x"), "file_text: a missing file is NULL");
	unlink(p);
	free(p);
}

static void test_file_text(void)
{
	char *p = write_tmp("line 1\nline 2"), *t = file_text(p);

	ok(t && !strcmp(t, "line 1\nline 2"), "file_text: the whole file, as it is");
	free(t);
	unlink(p);
	free(p);
	ok(!file_text("/nonexistent/x"), "file_text: a missing file is NULL");
}

static void test_csv(void)
{
	char *p = write_tmp("variant,status,p50_ns\nwait_event,ok,3879\nbroken,failed,\nswait,ok,3755");
	char *bad = write_tmp("a,b\n1,2,3\n");
	struct csv c;
	double v;

	ok(!csv_load(&c, p), "csv: loads (last line without a newline)");
	ok(c.cols == 3 && c.rows == 3, "csv: 3 columns, 3 data rows");
	ok(csv_col(&c, "p50_ns") == 2 && csv_col(&c, "nope") == -1, "csv: columns by name");
	ok(csv_row(&c, "swait") == 2 && csv_row(&c, "x") == -1, "csv: rows by their first field");
	ok(csv_number(&c, 2, 2, &v) && near(v, 3755), "csv: a number");
	ok(!csv_number(&c, 1, 2, &v) && !strcmp(csv_cell(&c, 1, 2), ""), "csv: an empty cell is no number");
	ok(!strcmp(csv_cell(&c, 0, -1), "") && !strcmp(csv_cell(&c, 9, 0), ""), "csv: no column, no row: empty");
	csv_free(&c);
	ok(csv_load(&c, bad) == -1, "csv: a row wider than the header is refused");
	ok(csv_load(&c, "/nonexistent/x") == -1, "csv: a missing file");
	unlink(p);
	unlink(bad);
	free(p);
	free(bad);
}

static void test_file_get(void)
{
	char *p = write_tmp("failed: preempt=full asked\n\n"), buf[64], *text;

	ok(file_get(p, buf, sizeof(buf)) && !strcmp(buf, "failed: preempt=full asked"),
	   "file_get: the text without its trailing newlines");
	ok(!file_get(p, buf, 8), "file_get: a text too long for the buffer is not cut");
	ok(!file_get("/nonexistent/x", buf, sizeof(buf)), "file_get: a missing file");
	text = file_text(p);
	ok(text && !strcmp(text, "failed: preempt=full asked\n\n"), "file_text: the whole text");
	free(text);
	ok(!file_text("/nonexistent/x"), "file_text: a missing file is NULL");
	ok(is_file(p) && !is_file("/tmp") && !is_file("/nonexistent/x"), "is_file: a file, not a folder nor nothing");
	unlink(p);
	free(p);
}

/* What F holds, as a string (F is rewound and read whole). */
static char *slurp(FILE *f)
{
	static char buf[4096];
	size_t n;

	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	return buf;
}

static void test_json(void)
{
	FILE *f = tmpfile();
	struct json j;

	json_begin(&j, f);
	json_str(&j, "name", "a \"quoted\"\tname\n");
	json_num(&j, "whole", 3755);
	json_num(&j, "frac", 0.125);
	json_num(&j, "nan", NAN);
	json_auto(&j, "auto_num", "42.5");
	json_auto(&j, "auto_str", "D");
	json_auto(&j, "auto_empty", "");
	json_array(&j, "list");
	json_num(&j, NULL, 1);
	json_object(&j, NULL);
	json_bool(&j, "yes", true);
	json_end(&j);
	json_end(&j);
	json_array(&j, "empty");
	json_finish(&j);
	ok(!strcmp(slurp(f),
		   "{\n  \"name\": \"a \\\"quoted\\\"\\tname\\n\",\n"
		   "  \"whole\": 3755,\n  \"frac\": 0.125,\n  \"nan\": null,\n"
		   "  \"auto_num\": 42.5,\n  \"auto_str\": \"D\",\n  \"auto_empty\": null,\n"
		   "  \"list\": [\n    1,\n    {\n      \"yes\": true\n    }\n  ],\n"
		   "  \"empty\": []\n}\n"),
	   "json: strings escaped, whole numbers bare, NAN and empty as null, nesting closed in order");
	fclose(f);
	f = tmpfile();
	json_begin(&j, f);
	json_finish(&j);
	ok(!strcmp(slurp(f), "{}\n"), "json: an empty document is {}");
	fclose(f);
}

static void test_out(void)
{
	char dir[] = "/tmp/out-test.XXXXXX", *p, *tmp;
	struct out o;
	FILE *f;

	if (!mkdtemp(dir))
		abort();
	p = path_join(dir, "page.md");
	tmp = xasprintf("%s.tmp", p);
	f = fopen(p, "w");
	fputs("old\n", f);
	fclose(f);
	f = out_open(&o, "test", p);
	ok(f && access(tmp, F_OK) == 0, "out: writes under PATH.tmp");
	fputs("new\n", f);
	out_abort(&o);
	f = fopen(p, "r");
	ok(!strcmp(slurp(f), "old\n") && access(tmp, F_OK), "out: an aborted write leaves the old file and no temporary");
	fclose(f);
	f = out_open(&o, "test", p);
	fputs("new\n", f);
	ok(!out_commit(&o, "test"), "out: commit");
	f = fopen(p, "r");
	ok(!strcmp(slurp(f), "new\n") && access(tmp, F_OK), "out: the committed file replaces the old, no temporary left");
	fclose(f);
	free(p);
	p = xasprintf("%s/no/such/dir/x", dir);
	ok(!out_open(&o, "test", p), "out: a folder that does not exist: NULL (and a message)");
	free(p);
	unlink(tmp);
	free(tmp);
	p = path_join(dir, "page.md");
	unlink(p);
	free(p);
	rmdir(dir);
}

static void test_copy(void)
{
	char dir[] = "/tmp/copy-test.XXXXXX", *src, *dst, *tmp;
	FILE *f;

	if (!mkdtemp(dir))
		abort();
	src = path_join(dir, "a.png");
	dst = path_join(dir, "b.png");
	tmp = xasprintf("%s.tmp", dst);
	f = fopen(src, "w");
	fwrite("\x89PNG\0data", 1, 9, f);
	fclose(f);
	f = fopen(dst, "w");
	fputs("old\n", f);
	fclose(f);
	ok(!out_copy("test", src, dst), "out_copy: copies");
	f = fopen(dst, "r");
	{
		char buf[16];

		ok(fread(buf, 1, sizeof(buf), f) == 9 && !memcmp(buf, "\x89PNG\0data", 9) &&
		   access(tmp, F_OK), "out_copy: the copy is the file, NUL bytes and all, no temporary left");
	}
	fclose(f);
	unlink(src);
	ok(out_copy("test", src, dst) && access(tmp, F_OK), "out_copy: a missing source fails and leaves no temporary");
	f = fopen(dst, "r");
	ok(f && fgetc(f) == 0x89, "out_copy: ... and the old copy as it was");
	fclose(f);
	unlink(dst);
	rmdir(dir);
	free(src);
	free(dst);
	free(tmp);
}

static void test_tree(void)
{
	const char *tree = tree_dir(), *plots = plots_dir();
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0)
		self[n] = '\0';
	/* this program is TMP/rstats-test: its "tree" is two folders above TMP */
	ok(tree && n > 0 && (!strcmp(tree, "/") || !strncmp(self, tree, strlen(tree))),
	   "tree_dir: a folder above the program's own path");
	ok(tree && plots && strstr(plots, "/bench/report/plots") &&
	   !strncmp(plots, strcmp(tree, "/") ? tree : "", strlen(strcmp(tree, "/") ? tree : "")),
	   "plots_dir: bench/report/plots of the tree");
}

static void test_fmt(void)
{
	char b[32];

	ok(!strcmp(fmt_num(b, sizeof(b), 3.14159, 2), "3.14"), "fmt_num: decimals");
	ok(!strcmp(fmt_num(b, sizeof(b), NAN, 2), REPORT_MISSING), "fmt_num: NAN is the placeholder");
	ok(!strcmp(fmt_ratio(b, sizeof(b), 3, 2, 2), "1.50x"), "fmt_ratio: a / b");
	ok(!strcmp(fmt_ratio(b, sizeof(b), 3, 0, 2), REPORT_MISSING), "fmt_ratio: b of 0 has no ratio");
	ok(!strcmp(latency_unit("icount"), "instructions (icount)") &&
	   !strcmp(latency_unit("wall"), "ns of wall-clock time"), "latency_unit by clock");
	ok(!strcmp(run_clock("/nonexistent/env"), "wall"), "run_clock: a run without a clock ran on the wall clock");
}

static void test_median_interval(void)
{
	double five[] = { 5, 1, 4, 2, 3 }, six[] = { 6, 1, 5, 2, 4, 3 },
	       twelve[] = { 12, 1, 11, 2, 10, 3, 9, 4, 8, 5, 7, 6 };
	struct rs_interval a, b, c;

	a = rs_median_interval(five, 5, 0.95);
	ok(a.n_low && isnan(a.lo) && near(a.median, 3),
	   "median interval: 5 values cannot give 95 % ([min, max] covers 93.75 %)");
	a = rs_median_interval(six, 6, 0.95);
	ok(!a.n_low && a.k == 1 && near(a.lo, 1) && near(a.hi, 6) && near(a.coverage, 1 - 2.0 / 64),
	   "median interval: 6 values at 95 % is [min, max], coverage 1 - 2/64 = 96.9 %");
	/* n = 12: P(B < 3) = (1 + 12 + 66) / 4096, coverage 0.9614; P(B < 4) gives 0.854 */
	b = rs_median_interval(twelve, 12, 0.95);
	ok(b.k == 3 && near(b.lo, 3) && near(b.hi, 10) && fabs(b.coverage - (1 - 2 * 79.0 / 4096)) < 1e-12,
	   "median interval: 12 values at 95 % is the 3rd to the 10th, coverage 96.1 %");
	ok(rs_interval_min_n(0.95) == 6, "median interval: 6 values at least for 95 %");
	c = (struct rs_interval){ .median = 20, .lo = 15, .hi = 25, .n = 6, .k = 1 };
	a = (struct rs_interval){ .median = 5, .lo = 1, .hi = 6, .n = 6, .k = 1 };
	ok(rs_interval_cmp(&a, &c) == -1 && rs_interval_cmp(&c, &a) == 1,
	   "interval compare: apart, one below the other");
	b = (struct rs_interval){ .median = 12, .lo = 6, .hi = 16, .n = 6, .k = 1 };
	ok(rs_interval_cmp(&a, &b) == 0 && rs_interval_cmp(&b, &c) == 0,
	   "interval compare: touching or overlapping is no difference measurable");
	b.n_low = true;
	ok(rs_interval_cmp(&b, &c) == 0, "interval compare: without an interval, no difference is called");
}

int main(void)
{
	test_median();
	test_ranks();
	test_spearman();
	test_rel_diff();
	test_ratio();
	test_state_share();
	test_str_number();
	test_share();
	test_extent();
	test_against_shift();
	test_sort();
	test_range();
	test_ratio_range();
	test_judge();
	test_slope();
	test_growth();
	test_direction();
	test_hist_percentile();
	test_median_interval();
	test_kv();
	test_file_text();
	test_csv();
	test_json();
	test_out();
	test_file_get();
	test_copy();
	test_tree();
	test_fmt();
	printf("1..%d\n", t);
	return failed != 0;
}
