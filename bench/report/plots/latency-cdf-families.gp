# SPDX-License-Identifier: GPL-2.0
#
# latency-cdf-families: the latency CDF, one panel per family of wait APIs
# (the family each variant's module gives in its stats), from
# DIR/<variant>/cdf.dat, drawn by "report summary". Inputs: run, origin,
# samples, unit, xscale, xlo and xhi (see latency-cdf.gp); families (their
# number) and for each family K from 1: familyK (its name), familyK_vars
# (its variants) and familyK_index (each one's place among all the run's
# variants, for its style).
load plots.'/palette.gp'
set multiplot layout 2,2 title sprintf("Wake-to-run latency CDF by family (%s)\n%s", origin, samples)
load plots.'/latency-axis.gp'
set grid
set key bottom right font ',9'
set yrange [0:1]
set xlabel sprintf('latency (%s, %s)', unit, xscale)
do for [k=1:families] {
	fv = value(sprintf('family%d_vars', k))
	fi = value(sprintf('family%d_index', k))
	set title value(sprintf('family%d', k))
	plot for [i=1:words(fv)] sprintf('%s/%s/cdf.dat', run, word(fv, i)) \
		using ($1/1000):2 with steps lw 2 \
		lc rgb colour(word(fi, i)) dt dash(word(fi, i)) title word(fv, i)
}
unset multiplot
