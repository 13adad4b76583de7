# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# TAP for the host tests: source it, then "ok RC DESCRIPTION" per test
# point (RC 0 passes), and "done_testing" last, which prints the plan and
# fails if any point did.

n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# pass DESCRIPTION, fail DESCRIPTION: a point that passed or failed.
pass() { ok 0 "$1"; }
fail() { ok 1 "$1"; }

# skip REASON: a point not run, and why.
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
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
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got '$1', want '$2'"
	fi
}

# check DESCRIPTION COMMAND...: one test point from a command's status.
check() {
	local desc=$1
	shift
	if "$@"; then ok 0 "$desc"; else ok 1 "$desc"; fi
}

# refute DESCRIPTION COMMAND...: passes when the command fails (a grep
# that must find nothing).
refute() {
	local desc=$1
	shift
	if "$@"; then ok 1 "$desc"; else ok 0 "$desc"; fi
}

# vm_missing: prints why no guest can boot here and succeeds, or fails
# when one can (the test files that boot guests skip on it).
vm_missing() {
	if ! command -v qemu-system-x86_64 >/dev/null; then
		echo "qemu-system-x86_64 not installed"
	elif ! vm/kernel image >/dev/null; then
		echo "no kernel for the VM (see vm/kernel's message)"
	else
		return 1
	fi
}

# skip_without_vm: where no guest can boot, the whole file is skipped
# (plan 1..0 and the reason) and ends here.
skip_without_vm() {
	local why
	if why=$(vm_missing); then
		echo "1..0 # SKIP $why"
		exit 0
	fi
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
