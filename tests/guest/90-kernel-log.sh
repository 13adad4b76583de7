# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Last: after everything above, the kernel log holds no splat.

rmmod waitcmp
check "the core module unloads" sh -c "! grep -q '^waitcmp ' /proc/modules"
bad=$(dmesg | grep -E 'WARNING|BUG|Oops|blocked for more than|Call Trace' || true)
[ -n "$bad" ] && echo "$bad" | sed 's/^/# /'
is "$(echo "$bad" | grep -c .)" 0 "no WARNING, BUG, Oops or hung-task line in the kernel log"
