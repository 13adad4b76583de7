# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# scripts/cli.sh - the command-line conventions every script of the tree
# follows, sourced by the host's scripts (bash) and by those that run where
# the modules run (busybox sh in the guest, dash or bash on a host). POSIX.
#
#  - A message starts with the script's name, its path in the tree
#    ("bench/run: ...": the tree has three scripts called run); errors go
#    to stderr.
#  - Exit status: 0 success, 1 what was run failed, 2 bad usage (an
#    unknown option, a missing or wrong value), refused before anything
#    runs.
#  - -h and --help print the usage on stdout and exit 0.
#  - Every numeric option goes through number, whose message names it.
#
# The script sets prog to its path in the tree, then sources this file.

# die MESSAGE...: "<prog>: MESSAGE" on stderr, exit 1.
die() {
	echo "${prog:-${0##*/}}: $*" >&2
	exit 1
}

# bad_usage MESSAGE...: the same, exit 2: the command line is wrong.
bad_usage() {
	echo "${prog:-${0##*/}}: $*" >&2
	exit 2
}

# unknown_option ARG: bad usage, naming ARG.
unknown_option() {
	bad_usage "unknown option '$1' (see --help)"
}

# need_value OPTION ARGC: bad usage when OPTION, which takes a value, is
# the last argument ($# of the caller's loop is ARGC).
need_value() {
	[ "$2" -ge 2 ] || bad_usage "$1 needs a value (see --help)"
}

# number OPTION VALUE [MIN [MAX]]: VALUE is a whole number (a minus sign
# allowed, at most 18 digits, so the shell's 64-bit arithmetic never
# overflows on it) from MIN to MAX; otherwise bad usage, naming OPTION
# and what it takes.
number() {
	_cli_n=${2#-}
	case $_cli_n in
	'' | *[!0-9]*) _cli_ok=0 ;;
	*) _cli_ok=1 ;;
	esac
	[ "${#_cli_n}" -le 18 ] || _cli_ok=0
	if [ "$_cli_ok" = 1 ]; then
		[ -z "${3:-}" ] || [ "$2" -ge "$3" ] || _cli_ok=0
		[ -z "${4:-}" ] || [ "$2" -le "$4" ] || _cli_ok=0
	fi
	[ "$_cli_ok" = 0 ] || return 0
	if [ -n "${4:-}" ]; then
		bad_usage "$1 takes a whole number from $3 to $4, not '$2'"
	elif [ -n "${3:-}" ]; then
		bad_usage "$1 takes a whole number from $3 up, not '$2'"
	fi
	bad_usage "$1 takes a whole number, not '$2'"
}
