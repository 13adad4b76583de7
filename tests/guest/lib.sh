# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2034 # used by the tests that source this
#
# Helpers for the in-guest tests (busybox sh). run-all sources this once and
# then every numbered test, so the TAP numbering runs across all of them.

WAITCMP=${WAITCMP:-/waitcmp}
# The modules built for the kernel we run on (make builds one dir per kernel).
KO=${WAITCMP_KO:-$WAITCMP/build/modules/$(uname -r)}
DEBUGFS=/sys/kernel/debug/waitcmp
TRACEFS=/sys/kernel/tracing
VARIANTS=$(for ko in "$KO"/variants/waitcmp_*.ko; do
	basename "$ko" .ko | sed 's/^waitcmp_//'
done)

# vm/run passes WAITCMP_TIMEOUT_SCALE for a slower kernel (make test-debug:
# KASAN and lockdep under single-thread TCG); bounds on time scale with it.
TIME_SCALE=${WAITCMP_TIMEOUT_SCALE:-1}
UNLOAD_LIMIT_MS=$((1000 * TIME_SCALE))
UNLOAD_LIMIT="$((UNLOAD_LIMIT_MS / 1000)) s"

# The TAP of every test: ok RC DESCRIPTION, pass, fail, skip, diag, is,
# check, refute, done_testing.
# shellcheck source=tests/tap.sh
. "$WAITCMP/tests/tap.sh"

# Milliseconds since boot, from /proc/uptime (10 ms resolution).
now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

core_loaded() {
	grep -q '^waitcmp ' /proc/modules
}

load_core() {
	core_loaded || insmod "$KO/common/waitcmp.ko"
}

# load VARIANT [PARAM=VALUE...]
load() {
	v=$1
	shift
	load_core && insmod "$KO/variants/waitcmp_$v.ko" "$@"
}

unload() {
	rmmod "waitcmp_$1"
}

loaded() {
	grep -q "^waitcmp_$1 " /proc/modules
}

# stat_of VARIANT KEY: one value from the variant's debugfs stats.
stat_of() {
	awk -v k="$2:" '$1 == k { $1 = ""; sub(/^ /, ""); print }' \
		"$DEBUGFS/$1/stats"
}

# wait_done VARIANT SECONDS: poll until status is done.
wait_done() {
	i=0
	while [ "$i" -lt $(($2 * 10)) ]; do
		[ "$(stat_of "$1" status)" = "done" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "$1: not done after $2 s: $(tr '\n' ' ' <"$DEBUGFS/$1/stats")"
	return 1
}

# fact VARIANT KEY: what the variant's module says it is (its stats'
# family, wakes_one, max_waiters, primitive, primitive_size): the module
# is the only source. Read once, from a one-wake run of it, and kept in
# /tmp/waitcmp-facts/VARIANT.
fact() {
	_fact=/tmp/waitcmp-facts/$1
	if [ ! -s "$_fact" ]; then
		mkdir -p /tmp/waitcmp-facts
		load "$1" iterations=1 period_us=0 || return 1
		cp "$DEBUGFS/$1/stats" "$_fact.tmp"
		unload "$1" || return 1
		mv "$_fact.tmp" "$_fact"
	fi
	sed -n "s/^$2: //p" "$_fact"
}

# wakes_one VARIANT: its wake runs one waiter (complete(), swake_up_one(),
# wake_up() of exclusive waiters); wake_all=1 makes it wake every waiter.
wakes_one() {
	[ "$(fact "$1" wakes_one)" = 1 ]
}

# expected_samples VARIANT ITERATIONS WAITERS [WAKE_ALL]: each wake is
# recorded by every waiter it ran.
expected_samples() {
	if wakes_one "$1" && [ "${4:-0}" = 0 ]; then
		echo "$2"
	else
		echo $(($2 * $3))
	fi
}

# The most waiters a variant takes (rcuwait has room for one task).
max_waiters() {
	fact "$1" max_waiters
}

# records_add_up VARIANT: every record is a latency sample (its wait slept)
# or a no_sleep return, and none had a negative latency.
records_add_up() {
	r=$(stat_of "$1" records)
	sl=$(stat_of "$1" slept)
	ns=$(stat_of "$1" no_sleep)
	neg=$(stat_of "$1" negative)
	sa=$(stat_of "$1" samples)
	[ "$neg" = 0 ] && [ "$sa" = "$sl" ] && [ $((sl + ns)) = "$r" ] && return 0
	diag "$1: records=$r slept=$sl no_sleep=$ns negative=$neg samples=$sa"
	return 1
}

# percentiles_ordered VARIANT: min <= p50 <= p90 <= p99 <= p999 <= max.
percentiles_ordered() {
	prev=0
	for k in min_ns p50_ns p90_ns p99_ns p999_ns max_ns; do
		val=$(stat_of "$1" "$k")
		if [ "$val" -lt "$prev" ]; then
			diag "$1: $k=$val below the previous value $prev"
			return 1
		fi
		prev=$val
	done
}

# No thread, module or debugfs directory of a variant is left.
nothing_left() {
	! loaded "$1" && [ ! -e "$DEBUGFS/$1" ] &&
		! grep -qs waitcmp_ /proc/[0-9]*/comm
}

# The kernel log since a mark: mark=$(dmesg_mark); ...; dmesg_since "$mark"
dmesg_mark() {
	dmesg | wc -l
}

dmesg_since() {
	dmesg | tail -n +$(($1 + 1))
}

# state_of PID: the ps state letter (field 3 of /proc/PID/stat).
state_of() {
	sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1
}
