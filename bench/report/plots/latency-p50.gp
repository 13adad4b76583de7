# SPDX-License-Identifier: GPL-2.0
#
# latency-p50: under icount, each variant's exact p50, sorted, its value at
# the bar, from data (DIR/plot/latency-p50.dat: "p50 variant" lines,
# written by "report summary"). Inputs: data, origin, samples (see
# latency-cdf.gp).
set title sprintf("Wake-to-run latency p50 per variant, exact (%s)\n%s", origin, samples)
set xlabel 'p50 (instructions, icount)'
set style fill solid 0.6 border -1
set grid xtics
unset key
stats data using 1 name 'p' nooutput
set yrange [-0.6:p_records-0.4]
set ytics font ',10'
set xrange [p_min * 0.97:p_max * 1.02]
plot data using ($1/2 + p_min * 0.485):0:($1/2 - p_min * 0.485):(0.35):ytic(2) with boxxyerror, \
	'' using 1:0:(sprintf('%d', $1)) with labels left offset 0.5,0 font ',9'
