# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# A bound run whose CPU goes offline: the scheduler moves the bound
# threads to another CPU and leaves them unbound. The run goes on, and
# stats (affinity_lost), the log and the End of run line say so; a run
# bound elsewhere is untouched.

CPU1=/sys/devices/system/cpu/cpu1/online

# hotplug_run WHO PARAMS...: wait_event bound by PARAMS, CPU 1 offlined
# mid-run; WHO is what the log line must name.
hotplug_run() {
	who=$1
	shift
	mark=$(dmesg_mark)
	if ! load wait_event iterations=0 period_us=1000 waiters=2 "$@"; then
		fail "wait_event $*: loads"
		return
	fi
	sleep 0.3
	is "$(stat_of wait_event affinity_lost)" 0 "$*: affinity_lost 0 while CPU 1 is online"
	echo 0 >"$CPU1"
	w0=$(stat_of wait_event wakes)
	sleep 0.5
	check "$*: the run goes on with CPU 1 offline" [ "$(stat_of wait_event wakes)" -gt "$w0" ]
	is "$(stat_of wait_event affinity_lost)" 1 "$*: affinity_lost 1 once CPU 1 went offline"
	echo 1 >"$CPU1"
	unload wait_event
	log=$(dmesg_since "$mark")
	check "$*: the log says which threads lost their CPU" \
		sh -c "echo '$log' | grep -q 'wait_event: CPU 1 goes offline: the $who threads run unbound from here on (affinity_lost)'"
	check "$*: the End of run line says affinity_lost" \
		sh -c "echo '$log' | grep -q 'wait_event: End of run (stopped): .* affinity_lost\$'"
	check "$*: nothing left" nothing_left wait_event
}

if [ ! -w "$CPU1" ]; then
	skip "CPU hotplug: no $CPU1 to offline (one CPU, or no hotplug)"
else
	load_core
	hotplug_run waiter waiter_cpu=1 waker_cpu=0
	hotplug_run waker waiter_cpu=0 waker_cpu=1
	hotplug_run "waiter and waker" waiter_cpu=1 waker_cpu=1

	load wait_event iterations=0 period_us=1000 waiters=2 waiter_cpu=0 waker_cpu=0
	echo 0 >"$CPU1"
	sleep 0.3
	echo 1 >"$CPU1"
	is "$(stat_of wait_event affinity_lost)" 0 "bound to CPU 0: CPU 1 going offline leaves affinity_lost 0"
	unload wait_event
fi
