# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Last: after everything above, the kernel log holds no splat.

rmmod waitcmp
check "the core module unloads" sh -c "! grep -q '^waitcmp ' /proc/modules"
bad=$(dmesg | grep -E 'WARNING|BUG|Oops|blocked for more than|Call Trace' || true)
[ -n "$bad" ] && echo "$bad" | sed 's/^/# /'
is "$(echo "$bad" | grep -c .)" 0 "no WARNING, BUG, Oops or hung-task line in the kernel log"

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
