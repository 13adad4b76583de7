#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The conventions every script follows (README, "Script conventions";
# scripts/cli.sh), on the host, no VM. For each script a user or make
# runs: --help prints its usage ("usage: ...") on stdout and exits 0; an
# unknown option exits 2 with "<its path>: " on stderr; a value that is no
# number, given to one of its numeric options, exits 2 with a message
# naming the option. None of these gets past the option check: nothing is
# built, booted or loaded (each call is bounded anyway, and its results,
# cache and output folders are scratch ones).
set -eu
cd "$(dirname "$0")/../.."

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# SCRIPT|ARGS giving a numeric option a word|that option ("" for a script
# with no numeric option of its own).
scripts=(
	"bench/run|--clock wall --iterations many|--iterations"
	"bench/kernels||"
	"bench/perf-run|--rounds many|--rounds"
	"bench/targets|--cross-iterations many|--cross-iterations"
	"bench/guest/sweep|--waiters many|--waiters"
	"bench/guest/matrix|--acct-iterations many|--acct-iterations"
	"bench/guest/scaling|--period-us many|--period-us"
	"bench/guest/perf|--rounds many|--rounds"
	"bench/guest/stress-sweep||"
	"vm/run|--smp many -- true|--smp"
	"vm/kernel||"
	"vm/initramfs||"
	"vm/build-kernel||"
	"vm/guest-modules||"
	"scripts/deps||"
	"tests/reliability/run|--trials many|--trials"
	"tests/reliability/run-host|--seed many|--seed"
	"tests/debug-kernel||"
	"tests/bounded||"
)

# run NAME SCRIPT ARGS...: SCRIPT ARGS with stdout in NAME.out, stderr in
# NAME.err; sets rc. Scratch folders for what a script would write.
run() {
	local name=$1
	shift
	rc=0
	WAITCMP_RESULTS=$tmp/results WAITCMP_CACHE=$tmp/cache \
		timeout 60 "$@" </dev/null >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
}

# show NAME: what a failed point got.
show() {
	echo "# exit $rc; stdout: $(head -c 300 "$tmp/$1.out" | tr '\n' ' ')"
	echo "# stderr: $(head -c 300 "$tmp/$1.err" | tr '\n' ' ')"
}

for entry in "${scripts[@]}"; do
	IFS='|' read -r s nargs nopt <<<"$entry"
	n=${s//\//_}

	run "$n.help" "$s" --help
	r=0
	[ "$rc" -eq 0 ] && grep -q '^usage: ' "$tmp/$n.help.out" || r=1
	ok "$r" "$s --help: exit 0, usage on stdout"
	[ "$r" -eq 0 ] || show "$n.help"

	run "$n.unknown" "$s" --no-such-option
	r=0
	[ "$rc" -eq 2 ] && grep -q "^$s: .*--no-such-option" "$tmp/$n.unknown.err" || r=1
	ok "$r" "$s --no-such-option: exit 2, '$s: ' and the option on stderr"
	[ "$r" -eq 0 ] || show "$n.unknown"

	# Each option its usage lists with a value ("  --opt VALUE", one
	# space) is one the parser knows: alone, it wants its value. (A
	# --help that lists an option the parser has lost is how bench/run
	# --rounds and --seed went missing.)
	while read -r opt; do
		run "$n.value" "$s" "$opt"
		r=0
		[ "$rc" -eq 2 ] && grep -q -- "^$s: $opt needs a value" "$tmp/$n.value.err" || r=1
		ok "$r" "$s $opt (listed by --help): exit 2, it needs a value"
		[ "$r" -eq 0 ] || show "$n.value"
	done < <(grep -oE '^ +--[a-z0-9-]+ [^ ]' "$tmp/$n.help.out" | awk '{ print $1 }')

	[ -n "$nopt" ] || continue
	# shellcheck disable=SC2086 # the arguments are words
	run "$n.number" "$s" $nargs
	r=0
	[ "$rc" -eq 2 ] && grep -q -- "^$s: $nopt .*'many'" "$tmp/$n.number.err" || r=1
	ok "$r" "$s $nargs: exit 2, naming $nopt"
	[ "$r" -eq 0 ] || show "$n.number"
done

# None of them got as far as writing a results folder.
check "no results folder was made" test ! -e "$tmp/results"

# Every script of bench/, bench/guest/, vm/ and scripts/ is in the list
# above, but vm/init (the guest's /init: the kernel runs it) and the
# sourced libraries.
missing=""
for f in bench/* bench/guest/* vm/* scripts/* tests/reliability/run tests/reliability/run-host tests/debug-kernel; do
	if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
	[ "$(head -c 2 "$f")" = '#!' ] || continue
	[ "$f" != vm/init ] || continue
	[[ " ${scripts[*]} " == *" $f|"* ]] || missing="$missing $f"
done
[ -z "$missing" ] || echo "# not checked here:$missing"
check "every script a user or make runs is checked here" test -z "$missing"

done_testing
