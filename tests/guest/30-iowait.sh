# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# With the waiter pinned to an otherwise idle CPU, io_wait_event shows in
# procs_blocked and turns that CPU's idle time into iowait; wait_event
# does neither. /proc/stat counts in USER_HZ ticks (10 ms).

cpu_iowait() {
	awk -v c="cpu$1" '$1 == c { print $6 }' /proc/stat
}

procs_blocked() {
	awk '$1 == "procs_blocked" { print $2 }' /proc/stat
}

# iowait_run VARIANT: sets blocked_max and iowait_ticks, waited_ticks.
iowait_run() {
	iters=8
	period_us=250000
	before=$(cpu_iowait 1)
	load "$1" iterations=$iters period_us=$period_us waiter_cpu=1 waker_cpu=0
	blocked_max=0
	while [ "$(stat_of "$1" status)" != "done" ]; do
		b=$(procs_blocked)
		[ "$b" -gt "$blocked_max" ] && blocked_max=$b
		sleep 0.05
	done
	iowait_ticks=$(($(cpu_iowait 1) - before))
	waited_ticks=$((iters * period_us / 10000))
	unload "$1"
	diag "$1: procs_blocked max $blocked_max, cpu1 iowait $iowait_ticks of $waited_ticks ticks waited"
}

load_core
if [ "$(nproc)" -lt 2 ]; then
	skip "iowait needs 2 CPUs, the guest has $(nproc)"
else
	# Keep this shell and its children off the waiter's CPU.
	taskset -p 1 $$ >/dev/null

	iowait_run io_wait_event
	check "io_wait_event: counted in procs_blocked while waiting" \
		[ "$blocked_max" -ge 1 ]
	check "io_wait_event: cpu1 iowait >= half the time waited" \
		[ $((iowait_ticks * 2)) -ge "$waited_ticks" ]

	iowait_run wait_event
	check "wait_event: not in procs_blocked" [ "$blocked_max" -eq 0 ]
	check "wait_event: cpu1 iowait under a tenth of the time waited" \
		[ $((iowait_ticks * 10)) -lt "$waited_ticks" ]

	taskset -p 3 $$ >/dev/null
fi
