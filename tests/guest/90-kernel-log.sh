# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Last: after everything above, the kernel log since the suite started
# holds no splat. One in the kernel's own boot, before any module of ours
# (run-all keeps it in /tmp/dmesg-boot.txt), is listed, not counted. A
# freezer refusal's task dump (21-freezer.sh, which checks that nothing
# else is there) is left out, between its markers.

KLOG_SPLAT='WARNING|BUG|Oops|blocked for more than|Call Trace'
# The core is loaded unless this runs alone (WAITCMP_GUEST_TESTS=90).
! grep -q '^waitcmp ' /proc/modules || rmmod waitcmp
check "the core module unloads" sh -c "! grep -q '^waitcmp ' /proc/modules"
boot=$(grep -E "$KLOG_SPLAT" /tmp/dmesg-boot.txt 2>/dev/null || true)
[ -z "$boot" ] || echo "$boot" | sed "s/^/# the kernel's boot, before the suite: /"
bad=$(dmesg | sed '/waitcmp-suite: freezer refusal begins/,/waitcmp-suite: freezer refusal ends/d' |
	grep -E "$KLOG_SPLAT" || true)
[ -n "$bad" ] && echo "$bad" | sed 's/^/# /'
is "$(echo "$bad" | grep -c .)" 0 "no WARNING, BUG, Oops or hung-task line in the kernel log since the suite started"

# kmemleak reports an object once it has been unreferenced for 5 s, seen by
# two scans (Documentation/dev-tools/kmemleak.rst).
if [ -w "$KMEMLEAK" ]; then
	sleep 6
	echo scan >"$KMEMLEAK"
	sleep 6
	echo scan >"$KMEMLEAK"
	leaks=$(grep -c '^unreferenced object' "$KMEMLEAK" || true)
	sed 's/^/# /' "$KMEMLEAK" | head -n 60
	is "$leaks" 0 "kmemleak finds no leak"
fi
