# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# freezable=1: the waiters are freezable kthreads, and a suspend
# (/sys/power/pm_test=freezer: the freezer runs, then everything thaws)
# asks the freezer for them while they sleep in the wait under test. What
# the variant declares (expect_freezer) must be what happens:
#  - "freezes": the suspend succeeds; the module's timer saw the waiter
#    frozen in its wait (not in the harness's try_to_freeze()), shown as D;
#  - "refuses": the write fails (EBUSY), the kernel logs "refusing to
#    freeze" and dumps the waiter's task; it was never frozen.
# Either way the run goes on after the thaw. One variant of each kind
# here; the matrix (matrix.t) runs the same on every variant. The
# refusal's task dump holds a "Call Trace": it is written between two
# markers that 90-kernel-log.sh leaves out, once this test has checked
# that it holds no other report.

FREEZE_TIMEOUT_MS=500
PM=/sys/power

# suspend_try ERRFILE: one suspend to idle at pm_test=freezer; 0 if the
# write succeeded.
suspend_try() {
	echo freezer >"$PM/pm_test"
	echo "$FREEZE_TIMEOUT_MS" >"$PM/pm_freeze_timeout"
	# The test level's pause (mdelay) while all is frozen: 1 s, not 5.
	echo 1 >/sys/module/suspend/parameters/pm_test_delay
	ok=0
	# busybox's echo says why a write failed; its printf does not.
	echo freeze 2>"$1" >"$PM/state" || ok=1
	echo none >"$PM/pm_test"
	return "$ok"
}

# records_grow VARIANT: a wake is recorded after the thaw.
records_grow() {
	r0=$(stat_of "$1" records)
	n=0
	while [ "$(stat_of "$1" records)" = "$r0" ] && [ "$n" -lt $((50 * TIME_SCALE)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(stat_of "$1" records)" != "$r0" ]
}

if [ ! -w "$PM/pm_test" ] || ! grep -qw freeze "$PM/state"; then
	skip "freezer: this kernel has no pm_test or no suspend to idle (CONFIG_PM_DEBUG, CONFIG_SUSPEND)"
else
	if load wait_event freezable=2 2>/tmp/insmod.err; then
		fail "freezable=2 is refused"
		unload wait_event
	else
		check "freezable=2 is refused, the log naming it" \
			sh -c "dmesg | tail -n 5 | grep -q 'wait_event: freezable=2 is out of range, allowed 0..1'"
	fi
	for v in wait_event_freezable wait_event; do
		want=$(fact "$v" expect_freezer)
		desc="$v freezable=1 (expect $want)"
		if ! load "$v" iterations=0 period_us=200000 freezable=1 2>/tmp/insmod.err; then
			fail "$desc: loads"
			sed 's/^/# /' /tmp/insmod.err
			continue
		fi
		pid=$(stat_of "$v" waiter_pids)
		mark=$(dmesg_mark)
		[ "$want" = refuses ] && echo "waitcmp-suite: freezer refusal begins" >/dev/kmsg
		if suspend_try /tmp/suspend.err; then got=freezes; else got=refuses; fi
		[ "$want" = refuses ] && echo "waitcmp-suite: freezer refusal ends" >/dev/kmsg
		dmesg_since "$mark" >/tmp/freezer.log
		is "$got" "$want" "$desc: the suspend's write"
		is "$(stat_of "$v" suspends)" 1 "$desc: the module saw one suspend"
		is "$(stat_of "$v" freeze_after_wait)" 0 "$desc: no wake came to free it during the suspend"
		frozen=$(stat_of "$v" freeze_frozen)
		if [ "$want" = freezes ]; then
			check "$desc: frozen in its wait while the suspend lasted ($frozen samples)" [ "$frozen" -gt 0 ]
			is "$(stat_of "$v" frozen_state)" D "$desc: ps shows the frozen waiter as D"
			refute "$desc: no 'refusing to freeze' in the log" grep -q 'refusing to freeze' /tmp/freezer.log
		else
			is "$frozen" 0 "$desc: never frozen"
			check "$desc: the waiter was sampled while the freezer was after it" \
				[ "$(stat_of "$v" freeze_samples)" -gt 0 ]
			is "$(stat_of "$v" refusing_state)" "$(fact "$v" expect_state)" \
				"$desc: its ps letter while refusing is its wait's"
			check "$desc: the write failed with EBUSY" grep -q 'Device or resource busy' /tmp/suspend.err ||
				sed 's/^/# /' /tmp/suspend.err
			check "$desc: the log says 1 task refused to freeze" \
				grep -q '(1 tasks refusing to freeze' /tmp/freezer.log
			check "$desc: the log's task dump is the waiter's (pid $pid)" \
				grep -Eq "task:waitcmp_wait.* pid: *$pid " /tmp/freezer.log
			refute "$desc: and nothing worse between the markers" \
				grep -Eq 'WARNING|BUG|Oops|blocked for more than' /tmp/freezer.log
		fi
		check "$desc: a wake is recorded after the thaw" records_grow "$v"
		unload "$v"
	done
	# A run that is done parks its waiters, frozen in place by a suspend:
	# even a refusing wait's module lets the system suspend then.
	if load wait_event iterations=3 period_us=1000 freezable=1 2>/tmp/insmod.err &&
		wait_done wait_event $((10 * TIME_SCALE)); then
		check "wait_event freezable=1, its run done: the parked waiter lets a suspend through" \
			suspend_try /tmp/suspend.err
		is "$(stat_of wait_event freeze_after_wait)" 0 "... frozen where it parked, not in the loop"
		unload wait_event
	else
		fail "wait_event freezable=1 iterations=3: loads and runs to done"
	fi
fi
