# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bench/common.sh - helpers for the host-side bench scripts (bash).

# field FILE KEY: the value of "KEY: value" in FILE, or "" if none.
field() {
	[ -f "$1" ] && sed -n "s/^$2: //p" "$1" | head -n 1
	return 0
}

# us NS: NS nanoseconds in µs, one decimal; "-" if empty or n/a (no samples).
us() {
	awk -v v="$1" 'BEGIN { if (v == "" || v == "n/a") print "-"; else printf "%.1f", v / 1000 }'
}

# family_of STATS: the family a variant's module gives in its stats (the
# plots and the matrix group by it); "not recorded" in a run from before
# the module said.
family_of() {
	local f
	f=$(field "$1" family)
	echo "${f:-not recorded}"
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

# The plots' line colours, distinct for nine lines (Okabe-Ito and black);
# past nine a plot adds dashes.
# shellcheck disable=SC2034 # used by the scripts that source this
colours=("#000000" "#E69F00" "#56B4E9" "#009E73" "#D55E00" "#0072B2" "#CC79A7" "#999999" "#F0E442")

# render DIR NAME W,H BODY: DIR/NAME.png and DIR/NAME.svg from one gnuplot
# script body, each written under a temp name and renamed when complete.
render() {
	local dir=$1 name=$2 size=$3 body=$4 term ext
	for term in "pngcairo size $size font ',11'" "svg size $size font ',12'"; do
		ext=png
		[[ $term == svg* ]] && ext=svg
		printf "set terminal %s noenhanced\nset output '%s'\n%s\n" \
			"$term" "$dir/$name.$ext.tmp" "$body" | gnuplot
		mv "$dir/$name.$ext.tmp" "$dir/$name.$ext"
	done
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
