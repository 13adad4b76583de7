# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# timeout_us: a wait with a timeout (its stats' timeout: jiffies or
# hrtimer) under a waker's period ten times as long times out between
# wakes: the module counts the expiries, keeps what the API returned and
# how long the expired waits slept, and every wake is still recorded. An
# hrtimer's expiry never comes before the time asked for. A jiffies
# timeout is rounded up to ticks and the timer wheel rounds its expiry up
# (calc_index() in kernel/time/timer.c), but it counts from the tick
# counter, which may lag the clock on a CPU back from tickless idle (seen
# on make test-debug-rt's kernel, HZ=1000, on the wall clock): no less
# than a tick short of the time asked for. A wait
# without a timeout refuses timeout_us at insmod, naming it.

TIMEOUT_US=2000
for v in $VARIANTS; do
	kind=$(fact "$v" timeout)
	desc="$v timeout_us=$TIMEOUT_US"
	if [ "$kind" = none ]; then
		mark=$(dmesg_mark)
		if load "$v" iterations=3 timeout_us=$TIMEOUT_US 2>/dev/null; then
			fail "$desc: refused (no timeout)"
			unload "$v"
			continue
		fi
		check "$desc: refused, naming timeout_us" \
			sh -c "dmesg | tail -n +$((mark + 1)) | grep -q '$v: timeout_us=$TIMEOUT_US: the API.s wait has no timeout, allowed 0'"
		check "$desc: ... nothing left" nothing_left "$v"
		continue
	fi
	if ! load "$v" iterations=5 period_us=$((TIMEOUT_US * 10)) timeout_us=$TIMEOUT_US 2>/tmp/insmod.err; then
		fail "$desc ($kind): loads"
		sed 's/^/# /' /tmp/insmod.err
		continue
	fi
	if ! wait_done "$v" 60; then
		fail "$desc ($kind): reaches done"
		unload "$v"
		continue
	fi
	x=$(stat_of "$v" expiries)
	is "$(stat_of "$v" records)" "$(expected_samples "$v" 5 1)" "$desc ($kind): every wake recorded"
	check "$desc ($kind): its timeout fired ($x expiries)" [ "$x" -gt 0 ]
	is "$(stat_of "$v" timeout_us)" "$TIMEOUT_US" "$desc ($kind): in the stats"
	ret=$(stat_of "$v" expiry_ret)
	check "$desc ($kind): the API's return value at an expiry is kept ($ret)" \
		sh -c "[ '$ret' -le 0 ]"
	min=$(stat_of "$v" expiry_slept_min_ns)
	max=$(stat_of "$v" expiry_slept_max_ns)
	if [ "$kind" = hrtimer ]; then
		is "$(stat_of "$v" expiry_early)" 0 "$desc ($kind): no expiry before the time asked for"
		check "$desc ($kind): slept at least the time asked for ($min ns)" \
			[ "$min" -ge $((TIMEOUT_US * 1000)) ]
	else
		tick=$((1000000000 / $(fact "$v" hz)))
		check "$desc ($kind): slept no less than a tick short of the time asked for ($min ns, tick $tick ns)" \
			[ "$min" -ge $((TIMEOUT_US * 1000 - tick)) ]
	fi
	# The wall clock under TCG delays timers by whole ticks and more: a
	# generous bound.
	check "$desc ($kind): slept under a second ($max ns)" [ "$max" -lt 1000000000 ]
	unload "$v"
done
