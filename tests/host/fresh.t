#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The first make on a fresh Debian machine, without one and without
# touching this one: a copy of the tree, and fake apt-get, dpkg, dpkg-query,
# id and uname first on PATH. Nothing is installed (dpkg-query knows only what
# the fake apt-get installed), uname -r is a release with no
# /lib/modules/RELEASE/build, and the fake apt-get "installs"
# linux-headers-amd64 as a link under WAITCMP_SRC (an empty dir here, read
# by scripts/deps and vm/kernel instead of /usr/src), and
# linux-headers-686-pae:i386 likewise; the fake dpkg is an amd64 system
# whose foreign architectures are those added to it. Each target's first
# run must succeed: KDIR and MODDIR come from the headers scripts/deps
# installed, not from the Makefile's parse, before it.
#
# One real build: make test (its prove faked) against this machine's
# Debian headers, checked by the modules' vermagic. Then every other target
# once, under make -j4, against fake headers whose kbuild only logs what it
# is asked (after checking that sync linked the sources), with the scripts
# that boot guests replaced in the copy by ones that log; the order of the
# fakes' log lines is the order the recipes ran in.
set -eu
cd "$(dirname "$0")/../.."
root=$PWD

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

real_headers=$(find /usr/src/ -maxdepth 1 -name 'linux-headers-*-amd64' ! -name '*-rt-amd64' ! -name '*+deb*' 2>/dev/null |
	sort -V | tail -n 1)
if [ -z "$real_headers" ]; then
	echo "1..0 # SKIP no /usr/src/linux-headers-*-amd64 to build against"
	exit 0
fi
if ! command -v pkg-config >/dev/null || ! pkg-config --exists libtracecmd libtraceevent; then
	echo "1..0 # SKIP bench/bin/analyse cannot build here (libtracecmd-dev libtraceevent-dev pkg-config)"
	exit 0
fi
for t in tar xz make gcc modinfo; do
	if ! PATH=$PATH:/sbin:/usr/sbin command -v "$t" >/dev/null; then
		echo "1..0 # SKIP $t not installed"
		exit 0
	fi
done
real_release=${real_headers##*/linux-headers-}

tmp=$(mktemp -d -t waitcmp-fresh.XXXXXX)
# Kept when a test fails: the make logs are in there.
trap 'all_passed && rm -rf "$tmp" || echo "# kept $tmp"' EXIT

# The tree as it is in this worktree, without its builds and results.
tree=$tmp/tree
mkdir "$tree"
tar -C "$root" --exclude=./.git --exclude=./build --exclude=./results \
	--exclude=./bench/bin --exclude=./tests/host/stats-test -cf - . | tar -C "$tree" -xf -

# The fake system: state/installed (what "is installed"), state/log (what
# the fakes were asked, in order), src (WAITCMP_SRC).
fake=$tmp/bin
state=$tmp/state
src=$tmp/src
mkdir -p "$fake" "$state" "$src"
fake_release=6.99.0-waitcmp-fresh
[ ! -e "/lib/modules/$fake_release" ] || { echo "Bail out! /lib/modules/$fake_release exists"; exit 1; }

cat >"$fake/apt-get" <<'EOF'
#!/bin/bash
# apt-get update|install PKG...: logs; installs by recording the names, and
# puts linux-headers-amd64, linux-headers-686-pae:i386 and linux-source-6.1
# under WAITCMP_SRC.
set -eu
echo "apt-get $*" >>"$FAKE_STATE/log"
case $1 in
update) exit 0 ;;
install) shift ;;
*) echo "fake apt-get: $1 not faked" >&2; exit 1 ;;
esac
for p; do
	case $p in -*) continue ;; esac
	echo "$p" >>"$FAKE_STATE/installed"
	case $p in
	linux-headers-amd64) ln -sfn "$FAKE_HEADERS" "$WAITCMP_SRC/${FAKE_HEADERS##*/}" ;;
	linux-headers-686-pae:i386) ln -sfn "$FAKE_HEADERS_I386" "$WAITCMP_SRC/${FAKE_HEADERS_I386##*/}" ;;
	linux-source-6.1) ln -sfn "$FAKE_SOURCE" "$WAITCMP_SRC/linux-source-6.1.tar.xz" ;;
	esac
done
EOF
cat >"$fake/dpkg-query" <<'EOF'
#!/bin/bash
# dpkg-query -W -f FORMAT PKG: installed is what the fake apt-get installed.
grep -qxF -- "${!#}" "$FAKE_STATE/installed" 2>/dev/null || exit 1
echo "install ok installed"
EOF
cat >"$fake/dpkg" <<EOF
#!/bin/bash
# An amd64 dpkg whose foreign architectures are in state/arches; logs
# --add-architecture; anything else is the real dpkg's.
case \${1:-} in
--print-architecture) echo amd64 ;;
--print-foreign-architectures) cat "\$FAKE_STATE/arches" 2>/dev/null || true ;;
--add-architecture)
	echo "dpkg \$*" >>"\$FAKE_STATE/log"
	echo "\$2" >>"\$FAKE_STATE/arches"
	;;
*) exec $(command -v dpkg) "\$@" ;;
esac
EOF
cat >"$fake/uname" <<EOF
#!/bin/bash
# uname -r: a release with no /lib/modules/RELEASE/build.
[ "\${1:-}" = -r ] && { echo $fake_release; exit 0; }
exec $(command -v uname) "\$@"
EOF
cat >"$fake/id" <<EOF
#!/bin/bash
# id -u: root, so that scripts/deps runs apt-get.
[ "\${1:-}" = -u ] && { echo 0; exit 0; }
exec $(command -v id) "\$@"
EOF
# logging_fake NAME FILE: FILE, when run, logs NAME and its arguments.
logging_fake() {
	# shellcheck disable=SC2016 # $* is the fake's
	printf '#!/bin/bash\necho "%s $*" >>"$FAKE_STATE/log"\n' "$1" >"$2"
	chmod +x "$2"
}
# The tools the targets end with.
logging_fake prove "$fake/prove"
logging_fake shellcheck "$fake/shellcheck"
chmod +x "$fake"/*

# Fake linux-source-6.1: a tarball with a checkpatch.pl that logs.
mkdir -p "$tmp/source/linux-source-6.1/scripts"
logging_fake checkpatch "$tmp/source/linux-source-6.1/scripts/checkpatch.pl"
touch "$tmp/source/linux-source-6.1/scripts/"{spelling.txt,const_structs.checkpatch}
tar -C "$tmp/source" -cJf "$tmp/linux-source-6.1.tar.xz" linux-source-6.1

# Fake headers: a kbuild that logs, after checking that sync ran.
# FAKE_KBUILD_SAY=LINE: its modules prints LINE too, and succeeds;
# FAKE_KBUILD_FAIL=1: its modules fails, with neither error nor warning in
# what it prints.
kb_release=0.0.1-waitcmp-fake-amd64
kb=$tmp/kbuild/linux-headers-$kb_release
mkdir -p "$kb/include/generated"
echo "#define UTS_RELEASE \"$kb_release\"" >"$kb/include/generated/utsrelease.h"
cat >"$kb/Makefile" <<'EOF'
modules clean:
	@test -e $(M)/Kbuild -a -e $(M)/common/harness.c || { echo "kbuild: no sources in M=$(M)" >&2; exit 1; }
	@echo "kbuild $@ $(CURDIR) M=$(M) W=$(W) C=$(C)" >>$(FAKE_STATE)/log
	@[ $@ != modules ] || [ -z "$$FAKE_KBUILD_SAY" ] || echo "$$FAKE_KBUILD_SAY"
	$(if $(and $(FAKE_KBUILD_FAIL),$(filter modules,$@)),$(error fake kbuild fails))
EOF
kb=$(realpath "$kb")
# The same for make build-i386's 32-bit headers.
kb386_release=0.0.1-waitcmp-fake-686-pae
kb386=$tmp/kbuild/linux-headers-$kb386_release
mkdir -p "$kb386/include/generated"
echo "#define UTS_RELEASE \"$kb386_release\"" >"$kb386/include/generated/utsrelease.h"
cp "$kb/Makefile" "$kb386/Makefile"
kb386=$(realpath "$kb386")
export FAKE_HEADERS_I386=$kb386

export PATH="$fake:$PATH" WAITCMP_SRC=$src FAKE_STATE=$state FAKE_SOURCE=$tmp/linux-source-6.1.tar.xz \
	WAITCMP_CACHE=$tmp/cache WAITCMP_RESULTS=$tmp/results
unset KDIR WAITCMP_KERNEL WAITCMP_MODULES MAKEFLAGS MFLAGS MAKELEVEL

# fresh: back to a machine with nothing installed and nothing built.
fresh() {
	rm -rf "${src:?}"/* "${state:?}"/* "$tree/build" "$tmp/cache"
	touch "$state/installed" "$state/log"
}

# in_order LOG TEXT...: LOG has lines holding each TEXT, in this order.
in_order() {
	local log=$1 line
	shift
	while IFS= read -r line; do
		[ $# -gt 0 ] || break
		if [[ $line == *"$1"* ]]; then shift; fi
	done <"$log"
	[ $# -eq 0 ]
}

# first_run TARGET OUT [MAKE ARGS]: make TARGET in the fresh tree.
first_run() {
	local target=$1 out=$2
	shift 2
	fresh
	(cd "$tree" && make "$@" "$target") >"$out" 2>&1
}

no_kernel_message() { ! grep -q 'no kernel' "$1"; }
headers_asked() { grep '^apt-get install' "$state/log" | head -n 1 | grep -qw linux-headers-amd64; }
headers_not_asked() { ! grep -q 'linux-headers-amd64' "$state/log"; }
# Every package asked for once: no second install (make -j) of the same.
once() { [ -z "$(sort "$state/installed" | uniq -d)" ]; }
# installs N: apt-get install ran N times (a target's scripts/deps steps).
installs() { [ "$(grep -c '^apt-get install' "$state/log")" -eq "$1" ]; }

# --- make test, for real ------------------------------------------------

fresh
no_kernel() { ! (cd "$tree" && vm/kernel kdir) >/dev/null 2>&1; }
check "fresh: no headers under WAITCMP_SRC, vm/kernel finds no kernel" no_kernel

export FAKE_HEADERS=$real_headers
start=$SECONDS
r=0
first_run test "$tmp/test.out" || r=$?
ok "$r" "make test succeeds on its first run ($((SECONDS - start)) s)"
[ "$r" -eq 0 ] || tail -n 30 "$tmp/test.out" | diag
check "make test asked apt-get for linux-headers-amd64" headers_asked
check "make test: no 'no kernel' message" no_kernel_message "$tmp/test.out"
check "make test ran prove after the install" \
	in_order "$state/log" "apt-get install" "prove --timer --exec tests/bounded -v tests/host/ tests/vm/bench.t"
built=$tree/build/modules/$real_release
all_built() {
	local want
	want=$(find "$tree/variants" -name '*.c' ! -name '*.mod.c' | wc -l)
	[ -e "$built/common/waitcmp.ko" ] &&
		[ "$(find "$built/variants" -name 'waitcmp_*.ko' | wc -l)" -eq "$want" ]
}
check "the modules are in build/modules/$real_release, every variant" all_built
vermagic=$(PATH=$PATH:/sbin:/usr/sbin modinfo -F vermagic "$built/common/waitcmp.ko" 2>/dev/null || true)
check "built for $real_release, the release the install brought (vermagic '$vermagic')" \
	[ "${vermagic%% *}" = "$real_release" ]
check "nothing built for the running release $fake_release" [ ! -e "$tree/build/modules/$fake_release" ]
check "bench/bin/analyse built" [ -x "$tree/bench/bin/analyse" ]

# --- every target, make -j4, fake headers ------------------------------

export FAKE_HEADERS=$kb
# bench/bin/report was built by make test above: its fake is newer than its
# sources, so make -C bench leaves it.
mkdir -p "$tree/bench/bin"
for f in bench/run bench/kernels bench/bin/report bench/perf-run \
	bench/targets tests/debug-kernel tests/reliability/run-host; do
	logging_fake "$f" "$tree/$f"
done

I="apt-get install"
M="$kb M=$tree/build/modules/$kb_release"
KM="kbuild modules $M W= C="
KC="kbuild clean $M"
KS="kbuild modules $M W=1 C=2"
M386="$kb386 M=$tree/build/modules/$kb386_release"

# Target, then what its fakes must log in order; several orders are
# separated by '|'.
expect=(
	"all:$I>$KM"
	"modules:$I>$KM"
	"tools:$I"
	"test:$I>$KM>prove --timer --exec tests/bounded -v tests/host/"
	"test-kernels:$I>linux-headers-rt-amd64>$KM>prove --timer --exec tests/bounded -v tests/vm/kernels-e2e.t"
	"reliability:$I>$KM>tests/reliability/run-host --full"
	"bench:$I>bench/run --target vm"
	"matrix:$I>bench/run --mode matrix --target vm>bench/bin/report guide $tmp/results/latest-matrix docs/guide.md"
	"kernels:$I>bench/kernels -->bench/bin/report kernels-doc"
	"bench-perf:$I>bench/perf-run --doc docs/performance.md"
	"bench-targets:$I>bench/targets --doc docs/determinism.md"
	"test-debug:$I>linux-source-6.1>tests/debug-kernel"
	"checkpatch:$I>checkpatch --strict>checkpatch --strict --no-tree --quiet --ignore"
	"sparse:$I>$KC>$KS"
	"shellcheck:$I>shellcheck -x scripts/deps"
	"check:$I>checkpatch --strict|$I>$KC>$KS|$I>shellcheck -x scripts/deps|$I>kbuild clean $M386>kbuild modules $M386 W=1 C="
	"build-i386:dpkg --add-architecture i386>apt-get update>$I>kbuild clean $M386>kbuild modules $M386 W=1 C="
)
for e in "${expect[@]}"; do
	target=${e%%:*}
	out=$tmp/$target.out
	r=0
	first_run "$target" "$out" -j4 || r=$?
	IFS='|' read -r -a orders <<<"${e#*:}"
	for o in "${orders[@]}"; do
		IFS='>' read -r -a steps <<<"$o"
		in_order "$state/log" "${steps[@]}" || r=1
	done
	no_kernel_message "$out" || r=1
	once || r=1
	case $target in
	test-kernels | test-debug) installs 2 || r=1 ;;
	*) installs 1 || r=1 ;;
	esac
	case $target in
	tools | checkpatch | shellcheck) headers_not_asked || r=1 ;;
	*) headers_asked || r=1 ;;
	esac
	ok "$r" "make -j4 $target: first run succeeds, its steps after the install"
	if [ "$r" -ne 0 ]; then
		tail -n 20 "$out" | diag
		diag <"$state/log"
	fi
done

# dpkg --add-architecture i386 only when dpkg lacks it.
r=0
fresh
echo i386 >"$state/arches"
(cd "$tree" && make -j4 build-i386) >"$tmp/i386-known.out" 2>&1 || r=1
grep -q 'dpkg --add-architecture' "$state/log" && r=1
grep '^apt-get install' "$state/log" | grep -qw 'linux-headers-686-pae:i386' || r=1
in_order "$state/log" "$I" "kbuild modules $M386 W=1 C=" || r=1
ok "$r" "make build-i386 where dpkg has i386: installs, adds no architecture, builds"
if [ "$r" -ne 0 ]; then
	tail -n 20 "$tmp/i386-known.out" | diag
	diag <"$state/log"
fi

# A kbuild that fails, or that succeeds but warns in capitals (modpost),
# fails the target.
for target in sparse build-i386; do
	r=0
	FAKE_KBUILD_FAIL=1 first_run "$target" "$tmp/$target-fail.out" -j4 && r=1
	grep -q 'fake kbuild fails' "$tmp/$target-fail.out" || r=1
	ok "$r" "make -j4 $target fails when kbuild fails (no error or warning in its output)"
	[ "$r" -eq 0 ] || diag <"$tmp/$target-fail.out"
	for say in 'WARNING: modpost: section mismatch' 'ERROR: modpost: "__umoddi3" undefined!'; do
		r=0
		FAKE_KBUILD_SAY=$say first_run "$target" "$tmp/$target-say.out" -j4 && r=1
		grep -qF "$say" "$tmp/$target-say.out" || r=1
		ok "$r" "make -j4 $target fails when kbuild succeeds but says '${say%%:*}: modpost'"
		[ "$r" -eq 0 ] || diag <"$tmp/$target-say.out"
	done
done

# The same fake headers where their path says error and warning: make's
# Entering directory lines name it, and are no diagnostic of kbuild's.
odd=$tmp/kbuild-error-warning
mkdir -p "$odd"
cp -a "$kb" "$kb386" "$odd/"
r=0
FAKE_HEADERS=$odd/${kb##*/} FAKE_HEADERS_I386=$odd/${kb386##*/} \
	first_run check "$tmp/odd.out" -j4 || r=1
grep -q "Entering directory '$odd/" "$tmp/odd.out" || r=1
ok "$r" "make -j4 check succeeds when the headers' path (in make's Entering directory lines) says error and warning"
[ "$r" -eq 0 ] || tail -n 20 "$tmp/odd.out" | diag

fresh
r=0
(cd "$tree" && make help && make -n tools) >"$tmp/help.out" 2>&1 || r=1
grep -q 'vm/kernel' "$tmp/help.out" && r=1
ok "$r" "make help and make -n tools read no kernel (no vm/kernel message)"
[ "$r" -eq 0 ] || diag <"$tmp/help.out"

r=0
first_run shellcheck "$tmp/nosc.out" SHELLCHECK=waitcmp-no-shellcheck && r=1
grep -q 'waitcmp-no-shellcheck not found' "$tmp/nosc.out" || r=1
grep -q '^apt-get install .*shellcheck' "$state/log" || r=1
ok "$r" "make shellcheck fails, after asking apt-get for it, when there is no shellcheck"
[ "$r" -eq 0 ] || diag <"$tmp/nosc.out"

done_testing
