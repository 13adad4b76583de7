#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# For tests/icount.t (not one of run-all's NN-*.sh): run each variant
# named on the command line back to back, 2000 wakes, one waiter, and
# print "VARIANT p50_ns mean_ns records MODES" per variant, MODES being the
# histogram buckets that hold a tenth of the samples or more
# ("lower-upper,..."); then "cpus N online LIST".
set -eu
. "${WAITCMP:-/waitcmp}/tests/guest/lib.sh"

load_core
for v in "$@"; do
	load "$v" iterations=2000 period_us=0 waiters=1
	wait_done "$v" 300
	modes=$(awk -v n="$(stat_of "$v" samples)" '$3 * 10 >= n { printf "%s%s-%s", sep, $1, $2; sep = "," }' \
		"$DEBUGFS/$v/histogram")
	echo "$v $(stat_of "$v" p50_ns) $(stat_of "$v" mean_ns) $(stat_of "$v" records) $modes"
	unload "$v"
done
echo "cpus $(grep -c '^processor' /proc/cpuinfo) online $(cat /sys/devices/system/cpu/online)"
