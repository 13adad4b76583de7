# SPDX-License-Identifier: GPL-2.0
#
# report kernels: the latency CDF of one variant, a line per kernel
# (DIR/cdf/<variant>.png/svg). Inputs, set by render():
#   dir      the bench/kernels run folder
#   variant  the variant
#   kernels  the kernels that have its CDF (<dir>/<kernel>/sweep/<variant>/cdf.dat),
#            space-separated
#   unit     the latency's unit on the x axis; xscale: the axis, in words
#   logx     1: log x (the wall clock); 0: linear, between xmin and xmax
#            when they are set (under icount: just below the smallest p50 to
#            just above the largest p99, since the paths are a few exact
#            lengths which a log axis from the outliers down squeezes into
#            one line)
set title variant.': wake-to-run latency CDF by kernel'
set xlabel 'latency ('.unit.', '.xscale.')'
set ylabel 'fraction of wakes'
if (logx) {
	set logscale x
} else {
	unset logscale x
}
if (exists('xmin')) {
	set xrange [xmin:xmax]
}
set grid
set key bottom right
set yrange [0:1]
cdf(k) = dir.'/'.k.'/sweep/'.variant.'/cdf.dat'
plot for [i=1:words(kernels)] cdf(word(kernels, i)) using ($1/1000):2 with steps lw 2 title word(kernels, i)
