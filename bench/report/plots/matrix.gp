# SPDX-License-Identifier: GPL-2.0
#
# matrix.gp - the behaviour matrix as a figure (report matrix): variants
# down, behaviours across; blue where the measurement is D or yes, grey
# where it is no, red where it differs from the variant's declaration.
#
# Set by render(): data, the file report matrix writes (one line per cell:
# column, row, 0 no / 1 D or yes / 2 differs, variant, "label"); origin,
# the kernel, the clock and the run; rows, the number of variants; bad,
# how many of them differ from their declaration.

# Neutral colours for the values (a yes is not good, a no not bad); red
# only where measurement and declaration differ, and the title says how
# often that happened.
set title sprintf("Measured while each variant waits\n%s\nblue: D or yes, grey: no; red: differs from the variant's declaration (%d of %d variants)", origin, bad, rows)
set lmargin 34
set palette defined (0 '#e0e0e0', 1 '#9ecae1', 2 '#e53935')
set cbrange [0:2]
unset colorbox
set xrange [-0.5:3.5]
set yrange [rows-0.5:-0.5]
set ytics font ',10'
set x2tics ('ps state' 0, 'iowait' 1, 'load average' 2, 'hung-task report' 3)
unset xtics
plot data using 1:2:3 with image notitle, \
     '' using 1:2:5 with labels notitle, \
     '' using (-1):2:ytic(4) with points ps 0 notitle
