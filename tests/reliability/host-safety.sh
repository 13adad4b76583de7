# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Host safety of "bench/run --target host", without ever loading a module
# into this machine: bench/run runs in a private mount namespace where
# /proc/modules and /lib/modules are files we wrote, uname -r names a
# kernel that has "headers" there, and make, insmod, rmmod, modprobe,
# trace-cmd and gnuplot are stand-ins that fail and leave a note. The
# checks it makes before anything is built can then be driven at will.
#
# Not here: "refuses without root" is in tests/vm/bench.t.
#
# Source it after tests/host/tap.sh and call host_safety_tests from the
# top of the tree.

# sandbox MODULES STDIN ARGS...: bench/run ARGS in the namespace, with
# /proc/modules holding MODULES and STDIN on its stdin; sets sb_rc,
# sb_err (its stderr) and sb_called (the stand-ins it ran).
sandbox() {
	local modules=$1 input=$2
	shift 2
	rm -rf "$hs/results" "$hs/called"
	: >"$hs/called"
	printf '%s' "$modules" >"$hs/proc/modules"
	sb_rc=0
	# shellcheck disable=SC2016 # expanded by the inner bash
	printf '%s' "$input" | "${hs_unshare[@]}" bash -c '
		hs=$1; shift
		mount --bind "$hs/proc" /proc && mount --bind "$hs/lib-modules" /lib/modules || exit 99
		PATH=$hs/bin:$PATH WAITCMP_RESULTS=$hs/results exec bench/run --target host "$@"
	' sandbox "$hs" "$@" >/dev/null 2>"$hs/stderr" || sb_rc=$?
	sb_err=$(cat "$hs/stderr")
	sb_called=$(tr '\n' ' ' <"$hs/called")
}

said() { grep -qF -- "$1" <<<"$sb_err"; }
not_said() { ! said "$1"; }
not_called() { ! grep -q "^$1 " "$hs/called"; }

# Exit non-zero (99: the sandbox itself failed), no stand-in ran, no
# results folder made.
refused_cleanly() {
	if [ "$sb_rc" -ne 0 ] && [ "$sb_rc" -ne 99 ] && [ -z "$sb_called" ] && [ ! -e "$hs/results" ]; then
		return 0
	fi
	echo "# exit $sb_rc, ran: ${sb_called:-nothing}, stderr: ${sb_err//$'\n'/ }"
	return 1
}

# Whether this machine lets us build the sandbox at all.
sandbox_usable() {
	local why
	if [ "$(id -u)" -eq 0 ]; then
		hs_unshare=(unshare -m --propagation private)
	else
		hs_unshare=(unshare -r -m --propagation private)
	fi
	why=$("${hs_unshare[@]}" bash -c "mount --bind $hs/proc /proc && cat /proc/modules" 2>&1) || {
		hs_skip="no private mount namespace here (${hs_unshare[*]}: ${why//$'\n'/ })"
		return 1
	}
	[ -x bench/bin/analyse ] || {
		hs_skip="bench/bin/analyse is not built (make tools): bench/run stops before the host checks"
		return 1
	}
}

host_safety_tests() {
	local i fake_release=9.9.9-waitcmp-sandbox
	hs=$(mktemp -d)
	mkdir -p "$hs/proc" "$hs/bin" "$hs/lib-modules/$fake_release/build"
	: >"$hs/proc/modules"
	# Stand-ins: each notes its name and arguments, then fails.
	for i in make insmod rmmod modprobe trace-cmd gnuplot; do
		printf '#!/bin/sh\necho "%s $*" >>"%s/called"\nexit 1\n' "$i" "$hs" >"$hs/bin/$i"
		chmod +x "$hs/bin/$i"
	done
	# shellcheck disable=SC2016 # for the stand-in's sh
	printf '#!/bin/sh\n[ "$1" = -r ] && { echo "${HS_RELEASE:-%s}"; exit 0; }\nexec %s "$@"\n' \
		"$fake_release" "$(command -v uname)" >"$hs/bin/uname"
	chmod +x "$hs/bin/uname"

	if ! sandbox_usable; then
		n=$((n + 1))
		echo "ok $n # SKIP host safety: $hs_skip"
		rm -rf "$hs"
		return 0
	fi

	local none="" ours="waitcmp_wait_event 16384 0 - Live 0x0000000000000000 (OE)
"
	local core="snd 98304 0 - Live 0x0000000000000000
waitcmp 45056 0 - Live 0x0000000000000000 (OE)
"
	# Answer no.
	sandbox "$none" $'n\n'
	check "--target host warns that the modules taint the running kernel" said "taints it"
	check "... and asks before loading them" said 'Go on? [y/N]'
	check "... answer n: refused, nothing built or loaded, no results folder" refused_cleanly
	# No answer at all (stdin at its end) is a no.
	sandbox "$none" ""
	check "no answer (stdin at its end): refused the same way" refused_cleanly
	# --yes: no question; it goes on to build (the stand-in make fails).
	sandbox "$none" "" --yes
	check "--yes: no question asked" not_said 'Go on?'
	check "... it goes on to build for the running kernel" \
		grep -q "^make .*KDIR=/lib/modules/$fake_release/build" "$hs/called"
	check "... and loads nothing (the build failed first)" not_called insmod
	check "... but it still says that the modules taint the kernel" said "taints it"
	# Y and YES are a yes too (the stand-in make fails after it).
	sandbox "$none" $'YES\n'
	check "answer YES: goes on to build" \
		grep -q "^make .*KDIR=/lib/modules/$fake_release/build" "$hs/called"
	# A waitcmp module already loaded, by someone else: refused even with
	# a yes, before the question and the build.
	sandbox "$ours" $'y\n'
	check "a waitcmp variant already loaded: refused, saying so" \
		said "a waitcmp module is already loaded"
	check "... before asking, building or loading anything" refused_cleanly
	check "... and it did not ask" not_said 'Go on?'
	sandbox "$core" "" --yes
	check "the core module alone already loaded: refused too, even with --yes" refused_cleanly
	# No headers for the running kernel: refused, naming the package.
	HS_RELEASE=0.0.0-no-headers sandbox "$none" $'y\n'
	check "no headers for the running kernel: refused, naming linux-headers-<release>" \
		said "install linux-headers-0.0.0-no-headers"
	check "... nothing built, loaded or written" refused_cleanly
	rm -rf "$hs"
}
