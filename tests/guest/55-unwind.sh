# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# A failing init unwinds: a second variant named wait_event cannot make its
# debugfs directory, so insmod fails after its threads were created. Its
# threads must be gone and the first wait_event run must go on unharmed.

load_core
load wait_event iterations=0 period_us=1000
threads=$(grep -ls waitcmp_ /proc/[0-9]*/comm | wc -l)
check "a variant whose debugfs files cannot be made is refused" \
	sh -c "! insmod $KO/tests/modules/waitcmp_test_dup_name.ko 2>/dev/null"
check "its module is not left loaded" \
	sh -c "! grep -q '^waitcmp_test_dup_name ' /proc/modules"
is "$(grep -ls waitcmp_ /proc/[0-9]*/comm | wc -l)" "$threads" \
	"its threads are gone, the running variant's remain"
w0=$(stat_of wait_event wakes)
sleep 0.5
check "the running wait_event goes on" [ "$(stat_of wait_event wakes)" -gt "$w0" ]
unload wait_event
check "nothing left" nothing_left wait_event

# Ops that do not say what the variant is (no .family, no
# WAITCMP_PRIMITIVE()) are refused before anything starts, with a line
# that names the variant and what it lacks.
mark=$(dmesg_mark)
check "a variant without a family or a primitive is refused" \
	sh -c "! insmod $KO/tests/modules/waitcmp_test_no_family.ko 2>/dev/null"
check "... with a line that says what it lacks" \
	sh -c "dmesg | tail -n +$((mark + 1)) | grep -q 'waitcmp: no_family: the variant.s ops lack a family or a primitive'"
check "... and nothing left" \
	sh -c "! grep -q '^waitcmp_test_no_family ' /proc/modules && [ ! -e '$DEBUGFS/no_family' ] && ! grep -qs waitcmp_ /proc/[0-9]*/comm"

# A fatal signal to insmod while the variant creates its threads makes
# kthread_create() fail (-EINTR) after some waiters exist and others do
# not. The unwind may only kthread_stop() the ones created: waking the
# rest (schedule's wake_up_process() on a NULL task) oopsed inside insmod.
# The kill comes at a spread of delays; at least one must land in the
# thread creation, and every trial must leave nothing behind.
# kill_insmod_trial DELAY: insmod schedule with 64 waiters, SIGKILL it
# after DELAY seconds; unload it if the kill came too late.
kill_insmod_trial() {
	insmod "$KO/variants/waitcmp_schedule.ko" waiters=64 iterations=0 period_us=1000 \
		2>/dev/null &
	pid=$!
	sleep "$1"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	! loaded schedule || unload schedule
	nothing_left schedule
}

mark=$(dmesg_mark)
left=0
hit=0
for d in 0 0.01 0.02 0.03 0.05 0.07 0.1 0.15 0.2 0.3 0.5 0 0.02 0.04 0.06 0.08; do
	kill_insmod_trial "$d" || left=$((left + 1))
done
dmesg_since "$mark" | grep -q 'schedule: cannot create a kthread: -4' && hit=1
is "$left" 0 "insmod killed while creating threads: nothing left, every trial"
is "$hit" 1 "a kill landed in the thread creation (cannot create a kthread: -4)"
