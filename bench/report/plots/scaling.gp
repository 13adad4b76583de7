# SPDX-License-Identifier: GPL-2.0
#
# report scaling: scaling.png/svg, the waker's cost of one wake and the
# waiters' wake-to-run latency (p50s) against the number of waiters, a
# line per variant and wake mode. Wake one dashed with open circles, wake
# all solid with dots: where a wake-one call runs every waiter (wake_up()
# on non-exclusive waiters) the two lie on each other and the circles show
# round the dots. A colour per variant, the same for its two modes.
# Inputs, set by render():
#   data      the data file: a block per line (gnuplot's index), each row
#             "waiters wake_cost_p50_ns p50_ns"
#   variants  each block's variant, space-separated
#   all       each block's wake mode: 1 wake all, 0 wake one
#   colour    each block's variant's place among the variants, from 1
#   origin    kernel, accelerator and clock, for the title
#   wakes     the samples a point, for the title
#   unit      the y axis' unit
palette = '#000000 #E69F00 #56B4E9 #009E73 #D55E00 #0072B2 #CC79A7 #999999 #F0E442'
isall(i) = word(all, i) eq '1'
rgb(i) = word(palette, (word(colour, i) - 1) % 9 + 1)
dash(i) = isall(i) ? 1 : 2
name(i) = word(variants, i).(isall(i) ? ' wake all' : ' wake one')
set multiplot layout 1,2 title 'Against the number of waiters ('.origin.")\n".wakes
set logscale xy
set xtics (1, 2, 4, 8, 16, 32, 64)
set xlabel 'waiters'
set grid
set key top left font ',9'
set ylabel unit
# Without a point (no stats) the panels are left empty, titled.
n = words(variants)
set title "the waker's cost of one wake, p50"
if (n > 0) plot for [i=1:words(variants)] data index (i - 1) using 1:($2/1000) with linespoints lw 2 \
	pt (isall(i) ? 7 : 6) ps (isall(i) ? 0.6 : 1.4) dt dash(i) lc rgb rgb(i) title name(i)
set title 'wake-to-run latency of the waiters, p50'
unset key
if (n > 0) plot for [i=1:words(variants)] data index (i - 1) using 1:($3/1000) with linespoints lw 2 \
	pt (isall(i) ? 7 : 6) ps (isall(i) ? 0.6 : 1.4) dt dash(i) lc rgb rgb(i) title name(i)
unset multiplot
