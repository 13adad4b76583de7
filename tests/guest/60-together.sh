# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Two variants loaded at the same time both run to done, and the trace
# events work for both (they are defined once, in the core).

load_core
check "wait_event and completion load together" \
	sh -c ". $WAITCMP/tests/guest/lib.sh; load wait_event iterations=200 period_us=200 waiters=2 && load completion iterations=200 period_us=200 waiters=2"
check "wait_event done" wait_done wait_event 120
check "completion done" wait_done completion 120
is "$(stat_of wait_event records)" 400 "wait_event: 400 records"
is "$(stat_of completion records)" 200 "completion: 200 records"
unload wait_event
unload completion
check "nothing left" nothing_left wait_event
