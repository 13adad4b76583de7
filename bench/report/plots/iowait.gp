# SPDX-License-Identifier: GPL-2.0
#
# iowait: each variant's iowait share in the accounting phase, from the
# column iowait_share of csv (DIR/summary.csv), drawn by "report summary".
# Inputs: csv, origin (see latency-cdf.gp).
set title sprintf('iowait share: CPU iowait time over the time the pinned waiter slept (%s)', origin)
set datafile separator ','
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.7
set yrange [0:1.1]
set grid ytics
set xtics rotate by -30
unset key
plot csv using 'iowait_share':xtic(1)
