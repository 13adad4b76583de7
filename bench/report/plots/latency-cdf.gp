# SPDX-License-Identifier: GPL-2.0
#
# latency-cdf: the share of wakes slower than x (1 - CDF, log y) of every
# variant, from DIR/<variant>/cdf.dat (bench/bin/analyse), drawn by
# "report summary". Inputs: run (DIR), vars (the variants, space-separated,
# in their order on every figure), origin (kernel, accelerator, clock),
# samples (wakes a variant), unit and xscale (the x axis's label), xlo and
# xhi (a linear x range; log without), ymin (the y axis's floor: half a
# wake of the largest count; autoscaled without).
load plots.'/palette.gp'
set title sprintf("Wake-to-run latency: the share of wakes slower than x (%s)\n%s", origin, samples)
set xlabel sprintf('latency (%s, %s)', unit, xscale)
set ylabel 'share of wakes slower (log)'
load plots.'/latency-axis.gp'
set logscale y
set format y '%g'
if (exists("ymin")) {
	set yrange [ymin:1.2]
} else {
	set yrange [*:1.2]
}
set grid
set key outside right top font ',9'
plot for [i=1:words(vars)] sprintf('%s/%s/cdf.dat', run, word(vars, i)) \
	using ($1/1000):(1 - $2 > 0 ? 1 - $2 : NaN) with steps lw 2 \
	lc rgb colour(i) dt dash(i) title word(vars, i)
