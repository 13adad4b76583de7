#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Adding a wait API is adding its file and its guide section. A copy of
# the tree gains variants/throwaway.c, made from variants/swait.c with its
# names changed, and a section in docs/guide.md.in; nothing else. Its
# module builds (variants/Kbuild takes every file), the guide's test finds
# its section, and in a bench run in the VM the module says what it is (a
# simple wait, wake-one: nothing in its name says so), one record a wake
# with two waiters, and the run's plots group it by its family.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

skip_without_vm
rel=$(KDIR=$(vm/kernel kdir) vm/kernel moddir)
if [ ! -f "$rel/common/waitcmp.ko" ] || [ ! -x bench/bin/analyse ]; then
	echo "1..0 # SKIP build the modules and the tools first (make test does)"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/tree
mkdir "$tree"
# The tree with its build: kbuild then compiles only the new file (the
# build's links are relative, and tar keeps the times make compares).
tar -C . --exclude=./.git --exclude=./results -cf - . | tar -C "$tree" -xf -

sed -e 's/swait_\(wait\|wake\|release\|ops\)\b/throwaway_\1/g; s/"swait"/"throwaway"/' \
	-e 's/^MODULE_DESCRIPTION(.*/MODULE_DESCRIPTION("waitcmp test: a variant added by one file");/' \
	variants/swait.c >"$tree/variants/throwaway.c"
cat >>"$tree/docs/guide.md.in" <<'EOF'

### `throwaway`

[variants/throwaway.c](../variants/throwaway.c): a copy of `swait` that
tests/vm/new-variant.t adds to a copy of the tree.
EOF

# changed: what differs between this tree and the copy, build aside.
changed() {
	diff -rq --exclude=.git --exclude=build --exclude=results . "$tree" |
		sed "s|^Only in $tree/variants: |new: variants/|; s|^Files \./\([^ ]*\) and .* differ$|changed: \1|" | sort
}
check "the copy differs by the new file and the guide's section only" \
	test "$(changed | tr '\n' ' ')" = "changed: docs/guide.md.in new: variants/throwaway.c "

r=0
make -C "$tree" -j"$(nproc)" _modules >"$tmp/build.log" 2>&1 || r=$?
ok "$r" "the copy's modules build"
[ "$r" -eq 0 ] || sed 's/^/# /' "$tmp/build.log" | tail -n 20
check "... with waitcmp_throwaway.ko among them" test -f "$tree/$rel/variants/waitcmp_throwaway.ko"
r=0
(cd "$tree" && prove tests/host/guide.t) >"$tmp/guide.log" 2>&1 || r=$?
ok "$r" "the guide's test passes in the copy (throwaway has its section)"

# One bench run of it beside wait_event, two waiters each: its stats (the
# module's), the report and the plots. The guest's helpers (fact(),
# wakes_one, max_waiters) read the same stats; tests/vm/vm-suite.t runs them
# on every variant.
r=0
(cd "$tree" && WAITCMP_RESULTS=$tmp/results bench/run --variants throwaway,wait_event \
	--iterations 100 --waiters 2 --acct-iterations 5) >"$tmp/bench.log" 2>&1 || r=$?
ok "$r" "bench/run measures throwaway and wait_event"
[ "$r" -eq 0 ] || sed 's/^/# /' "$tmp/bench.log" | tail -n 20
run=$tmp/results/latest
has() { grep -qx "$1" "$run/throwaway/stats"; }
check "its stats say its family" has 'family: simple and bit waits'
check "... its primitive and size" sh -c "grep -qx 'primitive: struct swait_queue_head' '$run/throwaway/stats' && grep -qx 'primitive_size: [1-9][0-9]*' '$run/throwaway/stats'"
check "... that a wake runs one waiter, and at most 64" sh -c "grep -qx 'wakes_one: 1' '$run/throwaway/stats' && grep -qx 'max_waiters: 64' '$run/throwaway/stats'"
check "... and so one record a wake with two waiters" has 'records: 100'
check "the summary has a row for throwaway" grep -q '^| throwaway | ok |' "$run/summary.md"
if command -v gnuplot >/dev/null; then
	check "the family panels name its family, read from its stats" \
		grep -q 'simple and bit waits' "$run/latency-cdf-families.svg"
fi
done_testing
