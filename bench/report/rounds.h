/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rounds - the rounds of a sweep, for report summary: see rounds.c.
 */
#ifndef WAITCMP_ROUNDS_H
#define WAITCMP_ROUNDS_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"
#include "rstats.h"

#define MAX_ROUNDS 100

enum { FIG_P50, FIG_P99, FIG_COST, NFIG };

struct round_variant {
	const char *name;
	double fig[NFIG][MAX_ROUNDS];	/* NAN where a round has none */
	struct rs_interval iv[NFIG];	/* the median over the rounds, 95 % */
};

struct rounds {
	const char *dir;
	size_t rounds, n;
	double seed, rho;
	struct round_variant *v;
};

/*
 * The rounds of the sweep in DIR (ENV its env: "rounds: R", "seed: S"),
 * for the N variants NAMES in the folders VDIRS. Returns R, or 0 when the
 * run has one round (rs is then empty).
 */
int rounds_read(struct rounds *rs, const char *dir, const char *env,
		char *const *names, char *const *vdirs, size_t n);

/* Spearman's rho of the p50 medians of the first and the second half of the rounds. */
double rounds_stability(const struct rounds *rs);

/* Variant I's figure F against the variant with the lowest median: "the lowest", "higher", "no difference measurable here", ... */
const char *rounds_against(const struct rounds *rs, size_t i, int f);

void rounds_md(FILE *f, const struct rounds *rs, const char *clock);
void rounds_json(struct json *j, const struct rounds *rs);
/* DIR/rounds.csv: every round's figures. */
int rounds_csv(const struct rounds *rs, const char *cmd);
void rounds_free(struct rounds *rs);

#endif /* WAITCMP_ROUNDS_H */
