# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Every failure point of a variant's load path, made to fail for real with
# fail_function on a kernel that has it (the debug kernel of make
# test-debug): the harness's waitcmp_alloc, waitcmp_kthread (once per
# thread), waitcmp_debugfs_add, waitcmp_watch_cpus and (freezable=1)
# waitcmp_watch_suspend allow error
# injection. /proc/self/fail-nth fails the Nth call of an injected
# function in insmod's own task, so N = 1, 2, ... walks the load path in
# order. Each failure: insmod fails, the log names what failed, nothing is
# left (threads, debugfs, the core's refcount); the kernel log check at the
# end (90-kernel-log.sh) finds no splat.

FF=/sys/kernel/debug/fail_function
POINTS="waitcmp_alloc waitcmp_kthread waitcmp_debugfs_add waitcmp_watch_cpus waitcmp_watch_suspend"

# The log line of the Nth failure with schedule waiters=4 freezable=1: one
# alloc, five threads (four waiters, the waker), the debugfs files, the
# hotplug watch, the suspend watch.
want_line() {
	case $1 in
	1) echo "schedule: cannot allocate the run: -12" ;;
	[2-6]) echo "schedule: cannot create a kthread: -12" ;;
	7) echo "schedule: cannot create debugfs files: -12" ;;
	8) echo "schedule: cannot watch CPU hotplug: -12" ;;
	9) echo "schedule: cannot watch suspend: -12" ;;
	esac
}

# kmod's insmod (as "insmod", its name picks the command): one
# finit_module() call. busybox's insmod retries a failed one with
# init_module(), which the one-shot fail-nth then lets through.
KMOD_INSMOD=/tmp/kmod-bin/insmod
if [ ! -d "$FF" ]; then
	skip "fail_function: this kernel has no CONFIG_FAIL_FUNCTION (make test-debug's has)"
elif ! command -v kmod >/dev/null; then
	skip "fail_function: no kmod in the guest (vm/initramfs adds it)"
else
	mkdir -p "${KMOD_INSMOD%/*}"
	ln -sf "$(command -v kmod)" "$KMOD_INSMOD"
	load_core
	refcnt=$(cat /sys/module/waitcmp/refcnt)
	# Only fail-nth fails a call: no probability for other tasks.
	echo 0 >"$FF/probability"
	echo 1 >"$FF/verbose"
	for fn in $POINTS; do
		echo "$fn" >"$FF/inject"
		printf '%#x' -12 >"$FF/$fn/retval"
	done
	n=1
	while [ "$n" -le 9 ]; do
		mark=$(dmesg_mark)
		if sh -c "echo $n >/proc/self/fail-nth && exec $KMOD_INSMOD $KO/variants/waitcmp_schedule.ko waiters=4 iterations=10 freezable=1" 2>/dev/null; then
			fail "failure $n of the load path: insmod fails"
			unload schedule
		else
			pass "failure $n of the load path: insmod fails"
		fi
		want=$(want_line "$n")
		check "failure $n: the log says '$want'" \
			sh -c "dmesg | tail -n +$((mark + 1)) | grep -qF '$want'"
		check "failure $n: nothing left, the core's refcount back to $refcnt" \
			sh -c ". $WAITCMP/tests/guest/lib.sh; nothing_left schedule && [ \"\$(cat /sys/module/waitcmp/refcnt)\" = $refcnt ]"
		n=$((n + 1))
	done
	check "there is no 10th call: with fail-nth 10 the load works" \
		sh -c "echo 10 >/proc/self/fail-nth && exec $KMOD_INSMOD $KO/variants/waitcmp_schedule.ko waiters=4 iterations=10 freezable=1"
	check "and runs to done" wait_done schedule 60
	unload schedule
	echo >"$FF/inject"
fi
