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

# new_run_folder KIND [DIR]: the run's folder into out, made here: DIR
# when given (refused when it exists: results are never overwritten), else
# $results/KIND-<UTC time>, with -2, -3 ... when one of that second exists;
# its status says running. results is WAITCMP_RESULTS, or results/.
results=${WAITCMP_RESULTS:-results}
new_run_folder() {
	local stamp n=1
	if [ -n "${2:-}" ]; then
		mkdir "$2" 2>/dev/null || bad_usage "$2 exists: results are never overwritten"
		out=$2
	else
		mkdir -p "$results"
		stamp=$(date -u +%Y%m%dT%H%M%SZ)
		out=$results/$1-$stamp
		while ! mkdir "$out" 2>/dev/null; do
			n=$((n + 1))
			out=$results/$1-$stamp-$n
		done
	fi
	echo running >"$out/status"
}

# link_latest NAME: $results/NAME points at $out (when $out is in
# $results), swapped atomically: a reader never sees it missing or half
# made.
link_latest() {
	if [ "$(dirname "$out")" = "$results" ]; then
		ln -sfn "$(basename "$out")" "$results/.$1.tmp"
		mv -T "$results/.$1.tmp" "$results/$1"
	fi
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
