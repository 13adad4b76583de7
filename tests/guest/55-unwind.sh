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
