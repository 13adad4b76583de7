# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# TAP for every test of waitcmp: the host's (bash; tests/host/tap.sh
# sources this) and the guest's (busybox sh; tests/guest/lib.sh sources
# it). Source it, then one call per test point, and done_testing last,
# which prints the plan and fails if any point did. POSIX sh: no local
# variables, so its own start with tap_ (a test's loop variable cannot
# move the count).

tap_n=0
tap_failed=0

# ok RC DESCRIPTION: a point that passes when RC is 0.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# pass DESCRIPTION, fail DESCRIPTION: a point that passed or failed.
pass() { ok 0 "$1"; }
fail() { ok 1 "$1"; }

# skip REASON: a point not run, and why.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

# diag TEXT..., or diag with no argument: TEXT, or standard input, as
# TAP comments.
diag() {
	if [ $# -gt 0 ]; then
		echo "# $*"
	else
		sed 's/^/# /'
	fi
}

# is GOT WANT DESCRIPTION: passes when GOT is WANT, else says both.
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got '$1', want '$2'"
	fi
}

# check DESCRIPTION COMMAND...: one point from a command's status.
check() {
	tap_desc=$1
	shift
	if "$@"; then pass "$tap_desc"; else fail "$tap_desc"; fi
}

# refute DESCRIPTION COMMAND...: passes when the command fails (a grep
# that must find nothing).
refute() {
	tap_desc=$1
	shift
	if "$@"; then fail "$tap_desc"; else pass "$tap_desc"; fi
}

# all_passed: true while no point has failed.
all_passed() {
	[ "$tap_failed" -eq 0 ]
}

done_testing() {
	echo "1..$tap_n"
	all_passed
}
