#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# For tests/vm/icount.t (not one of run-all's NN-*.sh): the bench's accounting
# phase (bench/guest/lib.sh, as bench/guest/matrix runs it) of each variant named on
# the command line, with the 9p client's requests traced, and per variant
#   VARIANT requests N samples M
# N: 9p requests (the repo and /out are 9p shares of the host's) from the
# run's begin to its end event; M: the sampler's state samples. Under
# icount with sleep=off the guest's clock jumps to its next timer while it
# waits on the host, so a read of the share inside a phase costs it a
# host-dependent part of its guest time: N must be 0.
set -eu
WAITCMP=${WAITCMP:-/waitcmp}
# shellcheck source=bench/guest/lib.sh
. "$WAITCMP/bench/guest/lib.sh"

acct_iterations=10
acct_period_us=100000
core_loaded || insmod "$KO/common/waitcmp.ko"
for v in "$@"; do
	d=/tmp/quiet-$v
	mkdir -p "$d"
	echo >"$TRACEFS/trace"
	for e in 9p/9p_client_req waitcmp/waitcmp_run_begin waitcmp/waitcmp_run_end; do
		echo 1 >"$TRACEFS/events/$e/enable"
	done
	accounting_phase "$v" "$d"
	for e in 9p/9p_client_req waitcmp/waitcmp_run_begin waitcmp/waitcmp_run_end; do
		echo 0 >"$TRACEFS/events/$e/enable"
	done
	n=$(awk -v v="variant=$v" '
		/ waitcmp_run_begin: / && index($0, v " ") { on = 1 }
		/ waitcmp_run_end: / && index($0, v " ") { on = 0 }
		on && / 9p_client_req: / { n++ }
		END { print n + 0 }' "$TRACEFS/trace")
	echo "$v requests $n samples $(field "$d/accounting" state_sample_count)"
done
