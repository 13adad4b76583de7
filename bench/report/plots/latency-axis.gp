# SPDX-License-Identifier: GPL-2.0
#
# The x axis of the latency figures (load plots.'/latency-axis.gp'): linear
# from xlo to xhi when they are set (under icount: just below the smallest
# p50 to just above the largest p99, since the paths are a few exact
# lengths that a log axis from 1 squeezes into one line), else log.
if (exists("xlo")) {
	unset logscale x
	set xrange [xlo:xhi]
} else {
	set logscale x
}
