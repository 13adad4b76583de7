#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM runner: the guest command's output and exit status come back
# unchanged, /out is shared, the guest has 9p and tracefs, and a hang or a
# panic ends as a clear failure (124, 125) with the console log kept.
# Four runs; the stuck command waits out its 30 s deadline, and the
# last one, whose boots are all "stalled" by a 1 s bound, boots three times.
set -eu
cd "$(dirname "$0")/../.."

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

no_cr() { ! grep -q $'\r' "$1"; }
has_9p() { grep -q '^9p ' "$1" && grep -q '^9pnet_virtio ' "$1"; }
tidy() {
	[ -s "$1/console.log" ] && [ -s "$1/qemu.cmd" ] && [ ! -e "$1/.cmd" ] && [ ! -e "$1/.exitcode" ] && [ ! -e "$1/.booted" ]
}

# The kernel may have to be downloaded first: without it, nothing to test.
skip_without_vm

tmp=$(mktemp -d)
# Kept when a test fails: the console logs are in there.
trap 'all_passed && rm -rf "$tmp" || echo "# kept $tmp"' EXIT


# Boot 1: output, exit status, arguments, /out, modules, tracefs.
# shellcheck disable=SC2016 # $ is for the guest's sh
guest='printf "line one\n\ttabbed  spaces\nno newline at end"
	printf "%s|" "$@" >/out/args
	echo written >/out/hello
	lsmod >/out/lsmod
	[ -d /sys/kernel/tracing/events ] && echo yes >/out/tracing
	echo "$WAITCMP_GUEST $(pwd)" >/out/env
	echo to-stderr >&2
	exit 3'
rc=0
# shellcheck disable=SC2016 # a literal $HOME, to check the quoting
vm/run -q --out "$tmp/b1" -- sh -c "$guest" guest "two words" "it's" '$HOME' \
	>"$tmp/b1.stdout" 2>"$tmp/b1.stderr" || rc=$?
check "exit status 3 of the guest command is vm/run's" [ "$rc" -eq 3 ]
printf 'line one\n\ttabbed  spaces\nno newline at endto-stderr\n' >"$tmp/b1.want"
check "stdout and stderr of the guest command arrive unchanged" cmp -s "$tmp/b1.want" "$tmp/b1.stdout"
check "no carriage returns in the output" no_cr "$tmp/b1.stdout"
check "nothing on vm/run's stderr with -q" [ ! -s "$tmp/b1.stderr" ]
check "arguments reach the guest as they were" \
	[ "$(cat "$tmp/b1/args" 2>/dev/null)" = "two words|it's|\$HOME|" ]
check "a file written to /out appears on the host" \
	[ "$(cat "$tmp/b1/hello" 2>/dev/null)" = written ]
check "9p and 9pnet_virtio are loaded in the guest" has_9p "$tmp/b1/lsmod"
check "/sys/kernel/tracing is mounted in the guest" [ -s "$tmp/b1/tracing" ]
check "WAITCMP_GUEST=1, working dir /waitcmp" [ "$(cat "$tmp/b1/env" 2>/dev/null)" = "1 /waitcmp" ]
check "console.log and qemu.cmd kept, .cmd and .exitcode removed" tidy "$tmp/b1"
if ! all_passed; then
	sed 's/^/# stderr: /' "$tmp/b1.stderr"
	od -c "$tmp/b1.stdout" | head -n 10 | sed 's/^/# stdout: /'
fi

# Boot 2: a command that never ends is stopped by vm/init's watchdog at
# the deadline vm/run gives it (60 s less 30), which dumps the kernel's view.
rc=0
vm/run -q --timeout 60 --out "$tmp/b2" -- sleep 600 >"$tmp/b2.stdout" 2>"$tmp/b2.stderr" || rc=$?
check "a command stuck past its deadline ends with exit 124" [ "$rc" -eq 124 ]
check "... saying so, with the console log's path" \
	grep -q "^vm/run: the guest's command was stuck after 30 s (vm/init's watchdog); console log: $tmp/b2/console.log" "$tmp/b2.stderr"
check "... a TAP bail-out on the command's output" grep -q '^Bail out! vm/init: the command still runs after 30 s' "$tmp/b2.stdout"
check "... the blocked tasks and CPU backtraces in the console log" \
	sh -c "grep -q 'Show Blocked State' '$tmp/b2/console.log' && grep -q 'Show backtrace of all active CPUs' '$tmp/b2/console.log'"

# Boot 3: a guest that panics ends without an exit code.
rc=0
vm/run -q --out "$tmp/b3" -- sh -c 'echo c >/proc/sysrq-trigger' >/dev/null 2>"$tmp/b3.stderr" || rc=$?
check "a guest that panics ends with exit 125" [ "$rc" -eq 125 ]
check "... saying so" grep -q '^vm/run: guest ended without an exit code' "$tmp/b3.stderr"
check "... and the console log holds the panic" grep -q 'Kernel panic - not syncing' "$tmp/b3/console.log"

# Boot 4: vm/run's boot watchdog. No guest starts its command within a
# 1 s bound: each boot is stopped, its console kept, three boots in all,
# then exit 125 and no command run.
rc=0
WAITCMP_BOOT_BOUND=1 vm/run -q --out "$tmp/b4" -- sh -c 'echo ran >/out/ran' \
	>/dev/null 2>"$tmp/b4.stderr" || rc=$?
check "a boot that never starts the command ends with exit 125" [ "$rc" -eq 125 ]
is "$(grep -c "^vm/run: the guest did not start its command within 1 s of booting (boot [1-3] of 3)" "$tmp/b4.stderr")" 3 \
	"... after three boots, each one named"
check "... saying so at the end" grep -q '^vm/run: no boot of 3 started the command$' "$tmp/b4.stderr"
check "... each boot's console kept" \
	sh -c "grep -q 'Linux version' '$tmp/b4/console.stalled-1.log' && [ -s '$tmp/b4/console.stalled-3.log' ]"
check "... and the command never ran" [ ! -e "$tmp/b4/ran" ]
check "... the watchdog's files gone" sh -c "[ ! -e '$tmp/b4/.booted' ] && [ ! -e '$tmp/b4/.stalled' ]"
check "boot 1, which started its command, kept no stalled console" sh -c "! ls '$tmp/b1' | grep -q stalled"

# WAITCMP_GUEST_TESTS: run-all runs only the guest tests named (make
# test-debug-rt); the kernel-log test alone, here. A bad list is refused
# before any boot.
rc=0
WAITCMP_GUEST_TESTS=90 vm/run -q --out "$tmp/b5" -- tests/guest/run-all >"$tmp/b5.stdout" 2>&1 || rc=$?
check "WAITCMP_GUEST_TESTS=90: run-all runs 90-kernel-log.sh alone, and passes" \
	sh -c "[ $rc = 0 ] && [ \"\$(grep -c '^# [0-9].*\.sh\$' '$tmp/b5.stdout')\" = 1 ] && grep -q '^# 90-kernel-log.sh\$' '$tmp/b5.stdout'"
rc=0
WAITCMP_GUEST_TESTS="17 90" vm/run -q --out "$tmp/b6" -- true 2>"$tmp/b6.stderr" || rc=$?
check "... a list with a space is refused, naming it" \
	sh -c "[ $rc = 1 ] && grep -q 'WAITCMP_GUEST_TESTS: a comma list' '$tmp/b6.stderr' && [ ! -e '$tmp/b6/console.log' ]"

done_testing
