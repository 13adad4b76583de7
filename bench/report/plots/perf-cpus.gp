# SPDX-License-Identifier: GPL-2.0
#
# report perf's figure against the guest's CPUs (performance-cpus): back to
# back, unbound, the harness's wake cost and latency and the floor's
# latency (p50s, medians over the rounds) against the boot's CPU count.
#
# Inputs (render()'s VARS):
#   data    the data file: three blocks (two blank lines between), harness
#           wake cost, harness latency, floor latency; lines "cpus value"
#           in the run's unit
#   xtics   the CPU counts, "(1, 2, 4)"
#   xlo, xhi  the x range, a margin around the first and last count
#   yfmt    the format of the y axis
#   ylab    the y axis's label
#   origin  "kernel K, accel, clock C"
#   icount  1 under icount (a note that one host thread runs every vCPU)
#   cores   the host's cores
#   over    1 when the last boot has more vCPUs than the host has cores (on
#           the wall clock, which marks the boots past them)

eval "set xtics ".xtics
set xrange [xlo:xhi]
set logscale x 2
set logscale y 10
set format y yfmt
set xlabel "guest CPUs (-smp)"
set ylabel ylab
set grid
set key below
if (over) {
	set arrow from cores * 1.2, graph 0 to cores * 1.2, graph 1 nohead dt 3 lw 2 lc rgb "#cc0000"
	set label sprintf("more vCPUs than\nthe host's %d cores", cores) at cores * 1.25, graph 0.2 tc rgb "#cc0000" font ",9"
}
if (icount) {
	set label "icount: one host thread runs every vCPU in turn" at graph 0.02, graph 0.95 font ",9"
}
set title "Back to back, unbound, against the guest's CPUs\n(".origin.")"
plot data index 0 using 1:2 with linespoints lw 2 pt 7 title "harness wake cost", \
	data index 1 using 1:2 with linespoints lw 2 pt 7 title "harness latency", \
	data index 2 using 1:2 with linespoints lw 2 pt 5 dt 2 title "floor latency"
