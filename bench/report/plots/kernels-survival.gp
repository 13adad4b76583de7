# SPDX-License-Identifier: GPL-2.0
#
# report kernels: latency-cdf-kernels.png/svg (docs/kernels-cdf.png), a
# panel per variant, a line per kernel: the survival 1 - F (the share of
# wakes slower than x) on a log y axis, so that the tail, where the p99
# differences are, is as visible as the body; one x range for every panel;
# one legend (the first panel's); lines drawn wide to thin, so that kernels
# whose curves are the same show as one line with the others on top.
# Inputs, set by render():
#   dir            the bench/kernels run folder
#   rows, cols     the panels' layout
#   t1, t2         the two lines of the title
#   logx           1: log x (wall clock), 0: linear (icount)
#   xmin, xmax     the x range (thousands of instructions, or µs)
#   ymin           the y axis' bottom (half a wake in the largest sample)
#   variants       the panels' variants, space-separated
#   kernels<k>     the kernels that have variant k's CDF, space-separated
#   index<k>       their places in the run's list of kernels, from 1: the
#                  line's colour and dashes
#   lw<k>          their line widths
set multiplot layout rows,cols title t1."\n".t2 font ',11'
if (logx) {
	set logscale x
}
set xrange [xmin:xmax]
set logscale y
set yrange [ymin:1.2]
set format y '%g'
set grid
set tics font ',8'
set key top right font ',8' opaque box
cdf(k, v) = dir.'/'.k.'/sweep/'.v.'/cdf.dat'
# The i-th kernel's place and line width (numbers: a string after dt is a dash pattern).
place(i) = word(ix, i) + 0
width(i) = word(lws, i) + 0
do for [p=1:words(variants)] {
	if (p == 2) {
		unset key
	}
	v = word(variants, p)
	ks = value(sprintf('kernels%d', p))
	ix = value(sprintf('index%d', p))
	lws = value(sprintf('lw%d', p))
	set title v font ',10'
	plot for [i=1:words(ks)] cdf(word(ks, i), v) using ($1/1000):(1 - $2 > 0 ? 1 - $2 : NaN) \
		with steps lw width(i) dt place(i) lc place(i) title word(ks, i)
}
unset multiplot
