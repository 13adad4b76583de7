# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# bench/common.sh - helpers for the host-side bench scripts (bash).

# field FILE KEY: the value of "KEY: value" in FILE, or "" if none.
field() {
	[ -f "$1" ] && sed -n "s/^$2: //p" "$1" | head -n 1
	return 0
}

# The family a variant belongs to, from its name: the plots group by it.
family() {
	case $1 in
	completion*) echo "completion" ;;
	swait | wait_var_event | wait_on_bit* | rcuwait) echo "simple and bit waits" ;;
	schedule | io_schedule) echo "raw schedule" ;;
	*) echo "wait queue" ;;
	esac
}

# The variants this tree has: variants/<name>.c, without kbuild's *.mod.c.
list_variants() {
	local f
	for f in "${1:-.}"/variants/*.c; do
		case $f in *.mod.c) continue ;; esac
		basename "$f" .c
	done
}
