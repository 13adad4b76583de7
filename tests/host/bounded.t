#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/bounded, which make test runs every test file under: a test that
# ends in time passes through unchanged; one that hangs is stopped at
# WAITCMP_TEST_BOUND with what it started, and says so in its TAP.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '#!/bin/sh\necho "ok 1 - fine"\nexit 3\n' >"$tmp/quick.t"
# A test that leaves a child behind it, as a VM test leaves qemu.
printf '#!/bin/sh\necho "ok 1 - started"\nsleep 300 &\necho $! >"%s/child"\nsleep 300\n' "$tmp" >"$tmp/hangs.t"
chmod +x "$tmp/quick.t" "$tmp/hangs.t"

rc=0
out=$(tests/bounded "$tmp/quick.t") || rc=$?
is "$rc" 3 "a test that ends: its exit status"
is "$out" "ok 1 - fine" "... and its output, nothing added"

rc=0
start=$SECONDS
out=$(WAITCMP_TEST_BOUND=2 tests/bounded "$tmp/hangs.t") || rc=$?
is "$rc" 124 "a test past its bound: stopped, exit 124"
check "... within the bound and the kill's grace" [ $((SECONDS - start)) -lt 15 ]
is "$(sed -n 2p <<<"$out")" "not ok - $tmp/hangs.t ran past its bound of 2 s (WAITCMP_TEST_BOUND) and was stopped" \
	"... a not ok that says so"
# alive PID: running, not a zombie left for an init that may not reap.
alive() { ps -o stat= -p "$1" | grep -q '^[^Z]'; }
sleep 1
refute "... the child it started is stopped too" alive "$(cat "$tmp/child")"

rc=0
WAITCMP_TEST_BOUND=soon tests/bounded "$tmp/quick.t" 2>"$tmp/err" || rc=$?
is "$rc" 2 "a bound that is no number: exit 2"
check "... naming WAITCMP_TEST_BOUND" grep -q '^tests/bounded: WAITCMP_TEST_BOUND' "$tmp/err"

done_testing
