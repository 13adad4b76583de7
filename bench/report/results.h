/* SPDX-License-Identifier: GPL-2.0 */
/*
 * results - reading a run folder's files by name: "key: value" files (env,
 * stats, analysis, accounting) and CSV files with a header line
 * (summary.csv, b2b.csv, overhead.csv). Fields are looked up by the
 * header's name, never by position.
 */
#ifndef WAITCMP_RESULTS_H
#define WAITCMP_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * S as a number into out: false when S is empty or not wholly a number
 * ("n/a", "12x"). What kv_number and csv_number use.
 */
bool str_number(const char *s, double *out);

/* The same as a value: NAN when S is NULL, empty or not wholly a number. */
double str_num(const char *s);

/*
 * The value of the first "KEY: value" line of PATH into buf (without the
 * newline). false when the file or the key is missing, or the value does
 * not fit.
 */
bool kv_get(const char *path, const char *key, char *buf, size_t len);

/* The same, as a number: false also when the value is not one. */
bool kv_number(const char *path, const char *key, double *out);

/* The whole of PATH, allocated (the caller frees it); NULL when it cannot be read. */
char *file_text(const char *path);

/* PATH is a regular file. */
bool is_file(const char *path);
/* DIR/NAME is a regular file. */
bool is_file_in(const char *dir, const char *name);

/*
 * The text of PATH into buf, without its trailing newlines (a status
 * file). false when the file is missing or its text does not fit.
 */
bool file_get(const char *path, char *buf, size_t len);

struct csv {
	size_t cols;		/* fields of the header */
	size_t rows;		/* data rows, after the header */
	char **cell;		/* (rows + 1) * cols, the header first */
	char *text;		/* the file, cut into the cells */
};

/*
 * Reads PATH into c. Every row must have the header's number of fields.
 * Returns 0, or -1 with errno set (ENOENT: no file; EINVAL: a row of a
 * different width, or no header).
 */
int csv_load(struct csv *c, const char *path);
void csv_free(struct csv *c);

/* The column named NAME, or -1. */
int csv_col(const struct csv *c, const char *name);

/* The cell of data row ROW (from 0) in column COL; "" when COL is -1. */
const char *csv_cell(const struct csv *c, size_t row, int col);

/* The cell as a number; false when empty or not a number. */
bool csv_number(const struct csv *c, size_t row, int col, double *out);

/* The first data row whose first field is KEY, or -1. */
long csv_row(const struct csv *c, const char *key);

/*
 * cyclictest's output with -h (a histogram of 1 µs buckets of the clock it
 * ran on, then its "# Min/Avg/Max Latencies" and "# Histogram Overflows"
 * lines; one thread). p50 and p99 are buckets: -1 beyond the histogram's
 * last one (top).
 */
struct cyclictest {
	long p50, p99, top;
	double min, avg, max, overflows, samples;
};

/* Reads PATH into c: false when it is missing or has no sample. */
bool cyclictest_read(const char *path, struct cyclictest *c);

#endif /* WAITCMP_RESULTS_H */
