# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bench/common.sh - helpers for the host-side bench scripts (bash), with
# the conventions of every script (scripts/cli.sh: die, bad_usage,
# number ...; the script sets prog first).

# shellcheck source=scripts/cli.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/cli.sh"

# field FILE KEY: the value of "KEY: value" in FILE, or "" if none.
field() {
	[ -f "$1" ] && sed -n "s/^$2: //p" "$1" | head -n 1
	return 0
}

# The variants this tree has: variants/<name>.c, without kbuild's *.mod.c.
list_variants() {
	local f
	for f in "${1:-.}"/variants/*.c; do
		case $f in *.mod.c) continue ;; esac
		basename "$f" .c
	done
}

# run_child CMD...: run CMD in the background and wait for it, so that a
# signal to the caller runs its trap at once; the trap stops $child too.
child=""
run_child() {
	"$@" &
	child=$!
	local rc=0
	wait "$child" || rc=$?
	child=""
	return "$rc"
}

# default_clock TARGET: the clock a run takes when none is asked for, into
# clock and, for its env, clock_why: deterministic (icount) where the guest
# runs under TCG, since the host's scheduling of the vCPU threads would
# dominate wall-clock figures; wall with KVM and on a real machine.
# shellcheck disable=SC2034 # clock and clock_why are the callers'
default_clock() {
	if [ "$1" = host ]; then
		clock=wall clock_why="default (--target host)"
	elif [ "$(vm/run --print-accel)" = kvm ]; then
		clock=wall clock_why="default (KVM)"
	else
		clock=icount clock_why="default (TCG: no hardware virtualization)"
	fi
}
