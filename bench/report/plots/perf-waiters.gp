# SPDX-License-Identifier: GPL-2.0
#
# report perf's figure against the number of waiters (performance-waiters):
# three panels, the waker's wake cost, the waiters' latency (p50s) and the
# waiters each wake ran, against 1 to 64 waiters; one line per variant and
# wake mode (colour by variant, dashed with open circles for wake one,
# solid with dots for wake all), the key in a strip of its own under them.
# The grey line is proportional to the waiters, through the cheapest point
# at the fewest waiters, for reading the slopes.
#
# Inputs (render()'s VARS):
#   data      the data file: one block per variant and wake mode (two blank
#             lines between), lines "waiters cost latency woken_per_wake",
#             cost and latency in the run's unit
#   n         the number of blocks
#   colours   each block's colour (a linetype), space-separated
#   alls      each block's wake_all (0 or 1), space-separated
#   variants  the variants, in the order of their colours
#   cost_k, cost_n, lat_k, lat_n  the grey lines: k * x / n
#   yfmt      the format of the cost and latency axes
#   unit      the unit, e.g. "µs, wall-clock"
#   origin    "kernel K, accel, clock C"

all(i) = word(alls, i) eq '1'
# dt takes a number, not a parenthesised expression (a dash pattern).
dashes(i) = all(i) ? 1 : 2

set multiplot title "Against the number of waiters (".origin.")"
set logscale x 2
set logscale y 10
set format y yfmt
set xrange [0.8:80]
set xtics (1, 2, 4, 8, 16, 32, 64)
set xlabel "waiters"
set grid
unset key
set size 0.333, 0.78

set origin 0, 0.16
set title "wake cost to the waker, p50\n(".unit.")"
plot for [i=1:n] data index (i - 1) using 1:2 with linespoints lw 2 \
	pt (all(i) ? 7 : 6) ps (all(i) ? 0.6 : 1.4) lc (word(colours, i) + 0) \
	dt dashes(i) notitle, \
	cost_k * x / cost_n with lines lw 1 lc rgb "#999999" dt 3 notitle

set origin 0.333, 0.16
set title "wake-to-run latency of the waiters,\np50 (".unit.")"
plot for [i=1:n] data index (i - 1) using 1:3 with linespoints lw 2 \
	pt (all(i) ? 7 : 6) ps (all(i) ? 0.6 : 1.4) lc (word(colours, i) + 0) \
	dt dashes(i) notitle, \
	lat_k * x / lat_n with lines lw 1 lc rgb "#999999" dt 3 notitle

# How many waiters each wake ran: where wake_up() on non-exclusive waiters
# runs them all, wake one is wake all.
set origin 0.666, 0.16
set format y "%g"
set yrange [0.8:80]
set title "waiters each wake ran\n(woken_per_wake)"
plot for [i=1:n] data index (i - 1) using 1:4 with linespoints lw 2 \
	pt (all(i) ? 7 : 6) ps (all(i) ? 0.6 : 1.4) lc (word(colours, i) + 0) \
	dt dashes(i) notitle, \
	1 * x / 1 with lines lw 1 lc rgb "#999999" dt 3 notitle

# The key: each variant once (its colour), then the two line styles and
# the grey line, drawn from points gnuplot cannot plot (NaN).
set size 1, 0.16
set origin 0, 0
unset title; unset xlabel; unset tics; unset border; unset grid; unset logscale
set xrange [0:1]; set yrange [0:1]
set margins 0, 0, 0, 0
set key center center horizontal Left reverse font ",9" samplen 3 width 1
plot for [i=1:words(variants)] NaN with linespoints lw 2 pt 7 lc i title word(variants, i), \
	NaN with linespoints lw 2 pt 7 ps 0.6 lc black dt 1 title "wake all", \
	NaN with linespoints lw 2 pt 6 ps 1.4 lc black dt 2 title "wake one", \
	NaN with lines lw 1 lc rgb "#999999" dt 3 title "proportional to the waiters"
unset multiplot
