#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/sampler on this machine, with a made-up stats file: it samples a
# sleeping process until the file says "status: done", its counts add up
# to its samples at about the interval asked; it gives up when the run's
# samples stop moving (--stall); bad usage and an unreadable file exit 2.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
sleep 1000 &
sleeper=$!
trap 'kill "$sleeper" 2>/dev/null || true; rm -rf "$tmp"' EXIT

check "bench/bin/sampler builds (static)" make -s -C bench bin/sampler
check "it is a static binary, for the busybox guest" \
	sh -c "file bench/bin/sampler | grep -q 'statically linked'"

# key KEY: the value of KEY in the sampler's output.
key() { sed -n "s/^$1: //p" "$tmp/out"; }

stats=$tmp/stats
printf 'samples: 1\nstatus: running\n' >"$stats"
# The run "moves" and then ends after about half a second.
( sleep 0.2; printf 'samples: 2\nstatus: running\n' >"$stats.new"; mv "$stats.new" "$stats"
  sleep 0.3; printf 'samples: 3\nstatus: done\n' >"$stats.new"; mv "$stats.new" "$stats" ) &
writer=$!
rc=0
bench/bin/sampler --stats "$stats" --pid "$sleeper" --interval 0.02 --name t >"$tmp/out" 2>"$tmp/err" || rc=$?
wait "$writer"
check "a run that ends: exit 0, status: done" sh -c "[ $rc = 0 ] && grep -qx 'status: done' '$tmp/out'"
ns=$(key samples)
check "it took samples until the end ($ns, at 20 ms over about 0.5 s)" test "$ns" -ge 5
check "a sleeping process is S in every sample" test "$(key S)" = "$ns"
check "the letters add up to the samples" \
	test $(($(key R) + $(key S) + $(key D) + $(key I) + $(key other))) = "$ns"
iv=$(key interval_ms)
check "the real interval is reported ($iv ms for 20 ms asked, within 15 to 200)" \
	awk -v v="$iv" 'BEGIN { exit !(v >= 15 && v <= 200) }'
check "no unint_samples without --unint-base" sh -c "! grep -q '^unint_samples:' '$tmp/out'"
check "procs_blocked: a maximum and a count" sh -c "grep -q '^blocked_max: [0-9]' '$tmp/out' && grep -q '^blocked_samples: [0-9]' '$tmp/out'"

printf 'samples: 7\nstatus: running\n' >"$stats"
rc=0
bench/bin/sampler --stats "$stats" --pid "$sleeper" --interval 0.05 --stall 0.3 --unint-base 0 >"$tmp/out" 2>&1 || rc=$?
check "samples that do not move for --stall: exit 1, status: stalled" \
	sh -c "[ $rc = 1 ] && grep -qx 'status: stalled' '$tmp/out'"
check "with --unint-base: unint_samples" grep -q '^unint_samples: [0-9]' "$tmp/out"

bad() {
	local rc=0
	bench/bin/sampler "$@" >/dev/null 2>"$tmp/err" || rc=$?
	[ "$rc" = 2 ]
}
check "no --stats: usage, exit 2" bad --pid 1 --interval 1
check "a pid that is not a number: exit 2" bad --stats "$stats" --pid x --interval 1
check "an interval of 0: exit 2" bad --stats "$stats" --pid 1 --interval 0
check "an unknown option: exit 2" bad --stats "$stats" --pid 1 --interval 1 --what 1
check "an unreadable stats file: exit 2, named" \
	sh -c "! bench/bin/sampler --stats '$tmp/none' --pid 1 --interval 1 2>'$tmp/err'; grep -q 'cannot read $tmp/none' '$tmp/err'"
done_testing
