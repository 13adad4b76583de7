# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The host tests' helpers: the TAP of every test (tests/tap.sh: ok RC
# DESCRIPTION, pass, fail, skip, diag, is, check, refute, done_testing),
# and whether a guest can boot here.

# shellcheck source=tests/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"

# csv_cell FILE KEY COLUMN: the cell in COLUMN (by the header's name) of
# the first row of the CSV FILE whose first field is KEY.
csv_cell() {
	awk -F, -v v="$2" -v c="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) col = i; next }
		$1 == v && col { print $col; exit }' "$1"
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
