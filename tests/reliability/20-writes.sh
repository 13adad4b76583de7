# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# What a user (root) may write: the parameters of a running variant are
# read-only (0444, and a write is refused), the debugfs files are 0444 and
# refuse writes, removal and new files, and writing junk to every file of
# our modules in sysfs and debugfs changes nothing and crashes nothing.

load_core
v=wait_event
load "$v" iterations=0 period_us=2000 waiters=2
p=/sys/module/waitcmp_$v/parameters

# The README's table of parameters (| name | default | meaning |), in the
# order of the shell's glob over sysfs.
readme_params=$(awk '/^\| name \| default \| meaning \|$/ { t = 1; next }
	t && /^\|---/ { next }
	t && /^\| `/ { n = $2; gsub(/`/, "", n); print n; next }
	t { exit }' "$WAITCMP/README.md" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
check "$v: its parameters in sysfs are the README's table's ($readme_params)" \
	[ "$(cd "$p" && echo *)" = "${readme_params:-no table in the README}" ]
check "$v: every parameter is 0444" \
	[ "$(stat -c %a "$p"/* | sort -u)" = 444 ]
refused_writes=0
for f in "$p"/*; do
	before=$(cat "$f")
	for val in 0 5 -1 99999999999 abc; do
		if (echo "$val" >"$f") 2>/dev/null; then
			fail "writing $val to $(basename "$f") is refused"
		else
			refused_writes=$((refused_writes + 1))
		fi
	done
	is "$(cat "$f")" "$before" "$(basename "$f") keeps its value $before after 5 refused writes"
done
figure param_writes_refused "$refused_writes"
is "$(stat_of "$v" waiters)" 2 "the run still has 2 waiters"

for f in stats histogram; do
	check "debugfs $f is 0444" [ "$(stat -c %a "$DEBUGFS/$v/$f")" = 444 ]
	check "root's write to $f fails" sh -c "! echo x 2>/dev/null >$DEBUGFS/$v/$f"
	check "root's truncating open of $f leaves it whole" \
		sh -c ": 2>/dev/null >$DEBUGFS/$v/$f; grep -q '^variant: $v' $DEBUGFS/$v/stats"
	rm -f "$DEBUGFS/$v/$f" 2>/dev/null || true
	check "root cannot remove $f" [ -e "$DEBUGFS/$v/$f" ]
done
check "root cannot add a file to the variant's debugfs directory" \
	sh -c "! echo x 2>/dev/null >$DEBUGFS/$v/new"
check "root cannot remove the variant's debugfs directory" \
	sh -c "rmdir $DEBUGFS/$v 2>/dev/null; [ -d $DEBUGFS/$v ]"

# Junk, short and long, into every regular file of ours in sysfs and
# debugfs, whatever its mode. A 64 KB line catches a store that copies
# without a bound. Writes may fail; the kernel must not mind.
junk=/tmp/junk
awk 'BEGIN { s = "x"; while (length(s) < 65536) s = s s; print s }' >"$junk"
n=0
find /sys/module/waitcmp "/sys/module/waitcmp_$v" "$DEBUGFS" -type f >/tmp/our-files 2>/dev/null
while read -r f; do
	for j in "" 0 -1 1 add remove change 18446744073709551616 "$(printf 'a\tb\nc')"; do
		(printf '%s' "$j" >"$f") 2>/dev/null || true
	done
	(cat "$junk" >"$f") 2>/dev/null || true
	n=$((n + 1))
done </tmp/our-files
figure junk_written_files "$n"
check "junk written to $n files of our modules in sysfs and debugfs" [ "$n" -gt 10 ]
w0=$(stat_of "$v" wakes)
sleep 0.3
check "the run goes on after all that" [ "$(stat_of "$v" wakes)" -gt "$w0" ]
is "$(stat_of "$v" waiters)" 2 "its parameters are unchanged"
unload_timed "$v"
check "it unloads ($UNLOAD_MS ms)" [ "$UNLOAD_RC" = 0 ]
check "nothing left" nothing_left "$v"
bad=$(klog_take | grep -E "$SPLAT" || true)
is "$bad" "" "no splat in the kernel log after the writes"
