#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The fast part of the reliability suite (the full one: make reliability,
# docs/reliability.md): host safety of --target host (no VM), then one VM
# boot running tests/reliability/run --fast: the bad-parameter table,
# writes to our sysfs and debugfs files, all variants at once, 40 random
# unloads, 5 load/unload cycles with the slab checked. About 3 minutes
# under TCG. WAITCMP_SEED=N replays a seed; the guest's files (kernel
# log, figures, console) are kept in build/reliability-fast/.
set -eu
cd "$(dirname "$0")/../.."

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh
# shellcheck source=tests/reliability/host-safety.sh
. tests/reliability/host-safety.sh

host_safety_tests

# The pattern the guest part fails on: a debug kernel's boot banner is no
# splat (the first make test-debug failed on it), a KASAN report is one.
splat_pattern_ok() {
	(
		# shellcheck source=tests/reliability/lib.sh
		. tests/reliability/lib.sh
		! echo '[ 1.4] rcu: 	RCU callback double-/use-after-free debug is enabled.' | grep -qE "$SPLAT" &&
			echo '[ 9.1] BUG: KASAN: use-after-free in waitcmp_wake+0x1c/0x40' | grep -qE "$SPLAT"
	)
}
check "the splat pattern: a debug kernel's boot banner is none, a KASAN report is one" splat_pattern_ok

skip_guest() {
	skip "reliability guest part: $1"
	done_testing
	exit
}
if why=$(vm_missing); then skip_guest "$why"; fi
ls "$(vm/kernel moddir)"/variants/waitcmp_*.ko >/dev/null 2>&1 || skip_guest "modules not built (make modules)"

seed=${WAITCMP_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
out=${WAITCMP_TEST_OUT:-build}/reliability-fast
rm -rf "$out"
mkdir -p "$out"
echo "# guest: tests/reliability/run --fast --seed $seed (WAITCMP_SEED=$seed replays it)"

# The guest's TAP, renumbered into ours as it streams; its plan and exit
# status are checked at the end.
guest_points=0
guest_plan=""
guest_rc=""
while IFS= read -r line; do
	if [[ $line =~ ^ok\ [0-9]+\ \#\ SKIP(.*)$ ]]; then
		guest_points=$((guest_points + 1))
		skip "${BASH_REMATCH[1]# }"
	elif [[ $line =~ ^ok\ [0-9]+\ -\ (.*)$ ]]; then
		guest_points=$((guest_points + 1))
		ok 0 "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^not\ ok\ [0-9]+\ -\ (.*)$ ]]; then
		guest_points=$((guest_points + 1))
		ok 1 "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^1\.\.([0-9]+)$ ]]; then
		guest_plan=${BASH_REMATCH[1]}
	elif [[ $line =~ ^guest-exit\ ([0-9]+)$ ]]; then
		guest_rc=${BASH_REMATCH[1]}
	elif [[ $line == \#* ]]; then
		echo "$line"
	else
		echo "# $line"
	fi
done < <(
	rc=0
	vm/run -q --timeout $((900 * ${WAITCMP_TIMEOUT_SCALE:-1})) --out "$out" -- tests/reliability/run --fast --seed "$seed" 2>&1 || rc=$?
	echo "guest-exit $rc"
)
check "the guest part ran to its end: exit ${guest_rc:-none}, plan 1..${guest_plan:-none}, $guest_points points" \
	test "$guest_rc" = 0 -a "$guest_plan" = "$guest_points"
done_testing
