#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Faults of the runner (tests/vm/vm.t covers a guest that panics or
# hangs once running):
#  - a guest that never starts (a file that is no kernel, a truncated
#    kernel, no init, an init that never runs the command) is reported
#    within its timeout, non-zero, with the console log kept;
#  - a bench run cut off half-way (TERM or KILL to bench/run, ^C or KILL
#    to its process group, its qemu killed) leaves a folder whose status
#    is not complete, results/latest still on the last complete run, and
#    (except after a KILL, which nothing can catch) no qemu behind;
#  - so does bench/kernels cut off by a TERM, with its bench/run.
# Ten boots, about 5 minutes under TCG.
set -eu
cd "$(dirname "$0")/../.."

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

skip_without_vm

tmp=$(mktemp -d)
: >"$tmp/groups"
# Whatever this test started goes with it, by process group id; the
# folders stay when a test failed (console logs).
cleanup() {
	local g
	while read -r g; do
		kill -KILL -- "-$g" 2>/dev/null || true
	done <"$tmp/groups"
	kill_qemu_of "$tmp"
	if all_passed; then rm -rf "$tmp"; else echo "# kept $tmp"; fi
}
trap cleanup EXIT

# qemu_of PATH: pids of the qemu processes whose command line holds PATH
# (their -serial file:DIR/console.log): ours, and only ours.
qemu_of() {
	ps -eo pid=,args= | awk -v p="$1" '$2 ~ /qemu-system/ && index($0, p) { print $1 }'
}

kill_qemu_of() {
	local pid
	for pid in $(qemu_of "$1"); do
		kill -KILL "$pid" 2>/dev/null || true
	done
}

# no_qemu_of PATH: none left, waiting up to 15 s for them to go.
no_qemu_of() {
	local i
	for ((i = 0; i < 30; i++)); do
		[ -z "$(qemu_of "$1")" ] && return 0
		sleep 0.5
	done
	echo "# qemu still running: $(qemu_of "$1" | tr '\n' ' ')"
	return 1
}

has() { grep -q -- "$2" "$1" 2>/dev/null; }

# A qemu killed from outside after seconds is no timeout of hours.
not_timeout() {
	! has "$1" "timed out" || { grep "timed out" "$1" | sed 's/^/# /'; return 1; }
}

# --- A guest that never starts -----------------------------------------

kroot=$(vm/kernel modules)
# rc, and the seconds since start, of the last boot.
took() { echo $((SECONDS - start)); }

# 1. Not a kernel at all: refused before qemu, at once.
head -c 1048576 /dev/urandom >"$tmp/garbage"
rc=0
start=$SECONDS
WAITCMP_CACHE=$tmp/cache WAITCMP_KERNEL=$tmp/garbage WAITCMP_MODULES=$kroot \
	vm/run -q --timeout 30 --out "$tmp/garbage.out" -- true >/dev/null 2>"$tmp/garbage.err" || rc=$?
t=$(took)
check "a file that is no kernel: non-zero exit ($rc) within 10 s ($t s)" \
	test "$rc" -ne 0 -a "$t" -le 10
check "... naming the file and why (no console log: nothing booted)" \
	has "$tmp/garbage.err" "garbage is not a bzImage"

# 2. A kernel cut short: it has a bzImage header but does not boot.
head -c 3000000 "$(vm/kernel vmlinuz)" >"$tmp/truncated"
rc=0
start=$SECONDS
WAITCMP_CACHE=$tmp/cache WAITCMP_KERNEL=$tmp/truncated WAITCMP_MODULES=$kroot \
	vm/run -q --timeout 60 --out "$tmp/trunc.out" -- true >/dev/null 2>"$tmp/trunc.err" || rc=$?
t=$(took)
check "a truncated kernel: exit 124 or 125 ($rc) within its 60 s timeout ($t s)" \
	test \( "$rc" -eq 124 -o "$rc" -eq 125 \) -a "$t" -le 75
check "... saying so, with the console log's path" \
	has "$tmp/trunc.err" "console log: $tmp/trunc.out/console.log"
check "... and the console log kept" [ -s "$tmp/trunc.out/console.log" ]
check "... and no qemu left" no_qemu_of "$tmp/trunc.out"

# 3. No init: the kernel panics before the command could start.
rc=0
start=$SECONDS
vm/run -q --timeout 60 --append "rdinit=/no-such-init" --out "$tmp/noinit.out" -- true \
	>/dev/null 2>"$tmp/noinit.err" || rc=$?
t=$(took)
check "no init in the guest: exit 125 ($rc) within its 60 s timeout ($t s)" \
	test "$rc" -eq 125 -a "$t" -le 75
check "... and the console log holds the kernel's panic" \
	has "$tmp/noinit.out/console.log" "Kernel panic"

# 4. An init that never runs the command (a shell waiting on the console).
rc=0
start=$SECONDS
vm/run -q --timeout 25 --append "rdinit=/bin/sh" --out "$tmp/stuck.out" -- true \
	>/dev/null 2>"$tmp/stuck.err" || rc=$?
t=$(took)
check "an init that never runs the command: exit 124 ($rc) after its 25 s timeout ($t s)" \
	test "$rc" -eq 124 -a "$t" -le 45
check "... saying it timed out, with the console log kept" \
	has "$tmp/stuck.err" "guest timed out after 25 s; console log: $tmp/stuck.out/console.log"
check "... and no qemu left" no_qemu_of "$tmp/stuck.out"

# --- A bench run cut off half-way ----------------------------------------

if ! [ -x bench/bin/analyse ] || ! command -v trace-cmd >/dev/null || ! command -v gnuplot >/dev/null; then
	skip "bench/run needs bench/bin/analyse (make tools), trace-cmd and gnuplot"
	done_testing
	exit
fi

export WAITCMP_RESULTS=$tmp/results
rc=0
bench/run --variants wait_event --iterations 50 --acct-iterations 3 >"$tmp/complete.log" 2>&1 || rc=$?
complete=$(readlink "$tmp/results/latest" 2>/dev/null || true)
check "a small complete run first (exit $rc)" \
	test "$rc" -eq 0 -a -n "$complete" -a "$(cat "$tmp/results/$complete/status" 2>/dev/null)" = complete
[ "$rc" -eq 0 ] || sed 's/^/# /' "$tmp/complete.log"

latest_kept() {
	[ "$(readlink "$tmp/results/latest")" = "$complete" ]
}

# cut_off NAME SIGNAL WHOM [CMD...]: start CMD (default: a long bench run)
# in a process group of its own, wait until its guest runs the sweep (a
# "bench/guest/sweep: [1/" line in NAME.log, or in $CUT_WATCH when set), then send
# SIGNAL to WHOM: leader (CMD alone), group (its process group) or qemu.
# Sets folder, ended (seconds CMD took to end, or "no") and status.
cut_off() {
	local sig=$2 whom=$3 pid i log=$tmp/$1.log
	local watch=${CUT_WATCH:-$tmp/$1.log}
	shift 3
	[ $# -gt 0 ] || set -- bench/run --variants wait_event --iterations 1000000 --acct-iterations 3
	set -m
	# SIGINT back to its default: a test run from a background job (nohup
	# ... &) inherits it ignored, and bash cannot trap what it gets ignored.
	env --default-signal=INT "$@" >"$log" 2>&1 &
	pid=$!
	set +m
	# Out of the job table: no "Killed" notes from bash on stderr. It is
	# still reaped, so kill -0 tells when it is gone.
	disown "$pid"
	echo "$pid" >>"$tmp/groups"
	for ((i = 0; i < 240; i++)); do
		has "$watch" 'bench/guest/sweep: \[1/' && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	folder=$(sed -n 's/^bench[a-z/]*: results in //p' "$log")
	if ! has "$watch" 'bench/guest/sweep: \[1/'; then
		sed 's/^/# /' "$log"
		ended=no status="never started"
		return 0
	fi
	# shellcheck disable=SC2046 # pids are words
	case $whom in
	leader) kill "-$sig" "$pid" ;;
	group) kill "-$sig" -- "-$pid" ;;
	qemu) kill "-$sig" $(qemu_of "$folder") ;;
	esac
	ended=no
	for ((i = 0; i < 60; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			ended=$((i / 2))
			break
		fi
		sleep 0.5
	done
	status=$(cat "$folder/status" 2>/dev/null || echo "no status file")
	# Still there: it would run for hours. Its group goes now.
	[ "$ended" != no ] || kill -KILL -- "-$pid" 2>/dev/null || true
}

# TERM to bench/run alone (a service manager, kill PID): it must mark the
# folder and take its guest with it.
cut_off term TERM leader
check "TERM to bench/run: it ends within 30 s (took: $ended)" [ "$ended" != no ]
check "... the folder says failed: interrupted ($status)" [ "$status" = "failed: interrupted" ]
check "... results/latest still on the complete run" latest_kept
check "... no qemu left behind" no_qemu_of "$folder"
kill_qemu_of "$folder"

# ^C: SIGINT to the whole foreground process group.
cut_off int INT group
check "^C (INT to the group): bench/run ends within 30 s (took: $ended)" [ "$ended" != no ]
check "... the folder says failed: interrupted ($status)" [ "$status" = "failed: interrupted" ]
check "... results/latest still on the complete run" latest_kept
check "... no qemu left behind" no_qemu_of "$folder"
kill_qemu_of "$folder"

# The guest dies under the bench (qemu killed): the run is failed.
cut_off qemu KILL qemu
check "qemu killed under bench/run: it ends within 30 s (took: $ended)" [ "$ended" != no ]
check "... the folder says failed ($status)" [ "${status#failed}" != "$status" ]
check "... and vm/run does not call that a timeout" not_timeout "$tmp/qemu.log"
check "... results/latest still on the complete run" latest_kept

# KILL cannot be caught: the folder keeps "running", never "complete".
cut_off kill-group KILL group
check "KILL to the group: the folder keeps 'running' ($status)" [ "$status" = running ]
check "... results/latest still on the complete run" latest_kept
check "... no qemu left behind" no_qemu_of "$folder"
kill_qemu_of "$folder"

cut_off kill-leader KILL leader
check "KILL to bench/run alone: the folder keeps 'running' ($status)" [ "$status" = running ]
check "... results/latest still on the complete run" latest_kept
if [ -n "$(qemu_of "$folder")" ]; then
	echo "# KILL to bench/run alone leaves its qemu running until vm/run's timeout (6 h): killed here"
fi
kill_qemu_of "$folder"

# TERM to bench/kernels: it marks its folder and stops its bench/run,
# which marks the kernel's sweep and takes the guest with it.
kout=$tmp/kernels-out
CUT_WATCH=$kout/generic/sweep.log cut_off kernels TERM leader \
	bench/kernels --kernels generic --modes sweep --out "$kout" -- \
	--variants wait_event --iterations 1000000 --acct-iterations 3
check "TERM to bench/kernels: it ends within 30 s (took: $ended)" [ "$ended" != no ]
check "... its folder says failed: interrupted ($status)" [ "$status" = "failed: interrupted" ]
ksweep=$(cat "$kout/generic/sweep/status" 2>/dev/null || echo "no status file")
check "... and so does the kernel's sweep ($ksweep)" [ "$ksweep" = "failed: interrupted" ]
check "... no qemu left behind" no_qemu_of "$kout"
kill_qemu_of "$kout"

done_testing
