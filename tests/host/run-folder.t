#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The one home of a run's folder and its latest link (bench/common.sh),
# which bench/run, bench/kernels, bench/perf-run and bench/targets use:
# a new folder each time, never an old one, its status running; the link
# moves only to a folder in the results dir.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WAITCMP_RESULTS=$tmp/results
prog=run-folder.t
# shellcheck source=bench/common.sh
. bench/common.sh

new_run_folder sweep ""
first=$out
check "a folder KIND-<UTC time> in the results dir" \
	test "$(dirname "$first")" = "$tmp/results" -a -d "$first"
[[ $(basename "$first") =~ ^sweep-[0-9]{8}T[0-9]{6}Z$ ]] && r=0 || r=1
ok "$r" "... named sweep-<time> ($(basename "$first"))"
is "$(cat "$first/status")" running "... its status: running"
new_run_folder sweep ""
second=$out
check "another in the same second: a new folder, the first untouched" \
	test "$second" != "$first" -a -d "$second" -a -d "$first"
link_latest latest
is "$(readlink "$tmp/results/latest")" "$(basename "$second")" "link_latest: the link names the folder, relative"
check "... and no temporary link is left" test ! -e "$tmp/results/.latest.tmp"
out=$tmp/elsewhere
mkdir "$out"
link_latest latest
is "$(readlink "$tmp/results/latest")" "$(basename "$second")" "a folder outside the results dir does not move the link"
rc=0
(new_run_folder sweep "$first") 2>"$tmp/err" || rc=$?
is "$rc" 2 "a folder given that exists: refused (exit 2)"
check "... saying results are never overwritten" grep -q "^run-folder.t: $first exists: results are never overwritten" "$tmp/err"
is "$(cat "$first/status")" running "... and it is left as it was"
new_run_folder x "$tmp/given"
check "a folder given that does not exist: made, status running" test "$(cat "$tmp/given/status")" = running
done_testing
