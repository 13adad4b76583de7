# SPDX-License-Identifier: GPL-2.0
#
# latency-hist: every variant's latency histogram, the share of its wakes
# in each bin, from DIR/<variant>/hist.dat (bench/bin/analyse), drawn by
# "report summary". Inputs: run, vars, origin, samples, unit (see
# latency-cdf.gp); the x axis is always log.
load plots.'/palette.gp'
set title sprintf("Wake-to-run latency, histogram (%s)\n%s", origin, samples)
set xlabel sprintf('latency (%s, log scale)', unit)
set ylabel 'share of wakes in the bin'
set logscale x
set grid
set key top right
do for [i=1:words(vars)] {
	stats sprintf('%s/%s/hist.dat', run, word(vars, i)) using 3 name sprintf('n%d', i) nooutput
}
plot for [i=1:words(vars)] sprintf('%s/%s/hist.dat', run, word(vars, i)) \
	using (sqrt(($1 + 1) * ($2 + 1))/1000):($3/value(sprintf('n%d_sum', i))) \
	with histeps lw 2 lc rgb colour(i) dt dash(i) title word(vars, i)
