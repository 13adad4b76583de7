# SPDX-License-Identifier: GPL-2.0
#
# waitcmp: the kernel modules (see Kbuild) and the host tools.
# "make help" lists the targets.

# Headers to build against: the running kernel's build tree when it exists,
# else the newest Debian linux-headers-*-amd64 of Debian 12's own series
# (vm/kernel: the kernel the VM boots; the 6.12 LTS ones only when asked).
# KDIR and MODDIR are computed once, when first used, not when this file is
# read: a target that installs the headers (scripts/deps) first builds in a
# sub-make, which finds them (and "make help" needs no kernel).
KDIR ?= $(eval KDIR := $(shell vm/kernel kdir))$(KDIR)
CACHE ?= $(or $(WAITCMP_CACHE),$(HOME)/.cache/waitcmp)
# Where Debian's linux-source and linux-headers packages install.
SRC_DIR := $(or $(WAITCMP_SRC),/usr/src)

# One build dir per kernel release, so builds for several kernels live side
# by side: the guest (or host) loads from build/modules/$(uname -r).
MODDIR = $(eval MODDIR := $(if $(KDIR),$(shell KDIR=$(KDIR) vm/kernel moddir)))$(MODDIR)
# make build-i386: the newest Debian 32-bit headers (linux-headers-686-pae:i386,
# installed by scripts/deps i386), computed when first used as KDIR is.
I386_KDIR ?= $(eval I386_KDIR := $(shell find $(SRC_DIR)/ -maxdepth 1 \
	-name 'linux-headers-*-686-pae' 2>/dev/null | sort -V | tail -n 1))$(I386_KDIR)
KBUILD = $(MAKE) -C $(KDIR) M=$(CURDIR)/$(MODDIR)
KERNEL_SOURCES := $(filter-out %.mod.c,$(wildcard common/*.[ch] variants/*.c \
	tests/modules/*.[ch] bench/guest/floor/*.c))
KBUILD_FILES := $(KERNEL_SOURCES) $(wildcard Kbuild */Kbuild */*/Kbuild */*/*/Kbuild)
# Every shell script of the tree: the host's bench (bench/), what runs
# where the modules run (bench/guest/), the VM (vm/), the tests.
SHELL_SCRIPTS := scripts/deps scripts/cli.sh $(wildcard \
	bench/run bench/kernels bench/perf-run bench/targets bench/common.sh \
	bench/guest/sweep bench/guest/matrix bench/guest/scaling bench/guest/perf \
	bench/guest/stress-sweep bench/guest/lib.sh \
	vm/run vm/kernel vm/initramfs vm/init vm/build-kernel vm/guest-modules \
	tests/fixtures/make-fixtures \
	tests/vm/*.t tests/tap.sh tests/host/*.t tests/host/tap.sh tests/guest/*.sh tests/guest/lib.sh tests/guest/run-all \
	tests/reliability/run tests/reliability/run-host tests/bounded \
	tests/reliability/*.sh tests/reliability/*.t \
	tests/debug-kernel)

.PHONY: all modules sync tools deps test test-debug test-debug-rt test-kernels kernels rt bench matrix bench-perf bench-targets reliability check \
	checkpatch sparse shellcheck build-i386 clean help _modules _tools _checkpatch _sparse _shellcheck \
	_build-i386 _i386

# A target that needs Debian packages runs scripts/deps first, then its
# builds in a sub-make ($(MAKE) _modules ...): make expands a whole recipe,
# and prerequisites may run in parallel (make -j), before the install; only
# a make started after it computes KDIR and MODDIR from what it installed.
# The _targets are those sub-makes' steps, with no scripts/deps of their own.
# $(KBUILD) lines start with +: make sees no $(MAKE) in them, and would
# leave the kbuild make out of make -j's jobs (it warns, and runs it -j1).
all:
	scripts/deps build tools
	$(MAKE) _modules _tools

modules:
	scripts/deps build
	$(MAKE) _modules

tools:
	scripts/deps tools
	$(MAKE) _tools

# Kbuild builds external modules where their sources are: link them into
# the release's dir first (links, not copies, so an edit made through a
# compiler message's path lands in the real file).
_modules: sync
	+$(KBUILD) modules

sync:
	@test -n "$(MODDIR)" || { echo "no kernel to build for (see vm/kernel)"; exit 1; }
	@for f in $(KBUILD_FILES); do \
		mkdir -p "$(MODDIR)/$$(dirname "$$f")" && ln -sfr "$$f" "$(MODDIR)/$$f" || exit 1; \
	done
	@# A source gone from the tree (a variant removed) leaves a dangling link.
	@find "$(MODDIR)" -xtype l -delete

_tools:
	$(MAKE) -C bench

# make bench [TARGET=host] [VARIANTS=a,b] [ITERATIONS=N] [PERIOD_US=P]
#            [WAITERS=N] [CLOCK=wall|icount] [YES=1] [ARGS="more bench/run options"]
#            [KERNELS="generic:voluntary rt ..."]  (docs/kernels.md)
TARGET ?= vm
RESULTS := $(or $(WAITCMP_RESULTS),results)
BENCH_OPTS := $(if $(VARIANTS),--variants $(VARIANTS)) \
	$(if $(ITERATIONS),--iterations $(ITERATIONS)) \
	$(if $(PERIOD_US),--period-us $(PERIOD_US)) \
	$(if $(WAITERS),--waiters $(WAITERS)) $(if $(CLOCK),--clock $(CLOCK)) $(ARGS)
BENCH_ARGS := --target $(TARGET) $(if $(YES),--yes) $(BENCH_OPTS)

bench:
	scripts/deps build bench $(if $(KERNELS),kernels)
	$(MAKE) _tools
ifeq ($(KERNELS),)
	bench/run $(BENCH_ARGS)
else
	bench/kernels --kernels "$(KERNELS)" -- $(BENCH_OPTS)
endif

# Every kernel and preemption model (bench/kernels), then docs/kernels.md.
kernels:
	scripts/deps build bench kernels kernels-6.12
	$(MAKE) _tools
	bench/kernels $(if $(KERNELS),--kernels "$(KERNELS)") -- $(BENCH_OPTS)
	bench/bin/report kernels-doc $(RESULTS)/latest-kernels docs/kernels.md

# SCHED_FIFO waits beside cyclictest, under a CPU hog, on 6.1 and 6.12,
# preempt=full and PREEMPT_RT, then docs/rt.md (from docs/rt.md.in).
RT_KERNELS := generic:full rt generic-6.12:full rt-6.12
RT_OPTS := --sched-fifo 50 --cyclictest --stress cpu --smp 1 \
	--variants completion,swait,wait_event,wait_var_event,rcuwait \
	--iterations 2000 --acct-iterations 1 --acct-period-us 1000
rt:
	scripts/deps build bench reliability kernels kernels-6.12
	$(MAKE) _tools
	out=$(RESULTS)/rt-$$(date -u +%Y%m%dT%H%M%SZ); \
	bench/kernels --kernels "$(RT_KERNELS)" --modes sweep --out "$$out" -- $(RT_OPTS) && \
	WAITCMP_KERNELS_TEMPLATE=docs/rt.md.in bench/bin/report kernels-doc "$$out" docs/rt.md

# Two kernels end to end (voluntary and RT): not part of make test.
test-kernels: deps
	scripts/deps kernels
	$(MAKE) _modules _tools
	$(PROVE) -v tests/vm/kernels-e2e.t

# docs/performance.md: the floor, peers, overhead, fidelity, scaling.
bench-perf:
	scripts/deps build bench
	$(MAKE) _tools
	bench/perf-run --doc docs/performance.md

# The deterministic mode's targets (bench/targets, bench/bin/report targets):
# two default sweeps, two cross-CPU sweeps under icount, the floor against
# the harness and the cost of tracing, in results/targets-<time>; rewrites
# docs/determinism.md.
bench-targets:
	scripts/deps build bench
	$(MAKE) _tools
	bench/targets --doc docs/determinism.md $(if $(VARIANTS),--variants $(VARIANTS))

# The behaviour matrix, then docs/guide.md and its figure (docs/matrix.svg,
# docs/matrix.png) from that run.
matrix:
	scripts/deps build bench
	$(MAKE) _tools
	bench/run --mode matrix $(BENCH_ARGS)
	bench/bin/report guide $(RESULTS)/latest-matrix docs/guide.md

deps:
	scripts/deps build test bench

# tests/host/: no VM; tests/vm/: each boots guests (kernels-e2e.t, two
# real kernels, is make test-kernels). The reliability suite's fast part
# (fast.t, runner-faults.t) is in here; the full suite is make reliability.
VM_TESTS = $(filter-out tests/vm/kernels-e2e.t,$(wildcard tests/vm/*.t))
# PROVE: prove with each test file's start and time, every file under
# tests/bounded (WAITCMP_TEST_BOUND, default 1500 s): a test that hangs
# fails on its own, and the run goes on to the next.
PROVE = prove --timer --exec tests/bounded
test: deps
	$(MAKE) _modules _tools
	$(PROVE) -v tests/host/ $(VM_TESTS) \
		tests/reliability/fast.t tests/reliability/runner-faults.t

# The suite on a debug kernel (lockdep, DEBUG_ATOMIC_SLEEP, KASAN,
# kmemleak) built once from linux-source-6.1 by vm/build-kernel (long);
# tests/debug-kernel rewrites docs/debug-kernel.md with the result.
test-debug: deps
	scripts/deps debug
	$(MAKE) _tools
	tests/debug-kernel

# The same on a 6.12 PREEMPT_RT kernel with lockdep and DEBUG_ATOMIC_SLEEP,
# built once from linux-source-6.12 (vm/build-kernel --rt; long).
test-debug-rt: deps
	scripts/deps debug-rt
	$(MAKE) _tools
	tests/debug-kernel --rt

# The full reliability suite (docs/reliability.md); SEED=N replays a seed.
reliability:
	scripts/deps build test bench reliability
	$(MAKE) _modules _tools
	tests/reliability/run-host --full $(if $(SEED),--seed $(SEED))

# Debian ships checkpatch.pl only inside the linux-source tarball.
CHECKPATCH := $(CACHE)/checkpatch/scripts/checkpatch.pl
$(CHECKPATCH):
	mkdir -p $(CACHE)/checkpatch
	tar -xf $(SRC_DIR)/linux-source-6.1.tar.xz -C $(CACHE)/checkpatch \
		--strip-components=1 linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch

# One scripts/deps for everything, so that make -j starts one apt-get.
check:
	scripts/deps build check i386
	$(MAKE) _checkpatch _sparse _shellcheck _build-i386

checkpatch:
	scripts/deps check
	$(MAKE) _checkpatch

sparse:
	scripts/deps build check
	$(MAKE) _sparse

shellcheck:
	scripts/deps check
	$(MAKE) _shellcheck

# compat.h exists to test LINUX_VERSION_CODE; nothing else may.
_checkpatch: $(CHECKPATCH)
	$(CHECKPATCH) --strict --no-tree --quiet -f \
		$(filter-out common/compat.h,$(KERNEL_SOURCES))
	$(CHECKPATCH) --strict --no-tree --quiet \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f common/compat.h

# A kbuild's output, in LOG, fails the build when kbuild failed or when
# a line says warning or error in any case (modpost's "WARNING: modpost:"
# and "ERROR: modpost:"), make's Entering/Leaving directory lines aside
# (their paths are not kbuild's words). Not a pipe into tee, which would
# hide kbuild's exit status (sh has no pipefail).
# $(call kbuild_log,ARGS,LOG)
kbuild_log = $(KBUILD) $(1) >$(2) 2>&1 || { cat $(2); exit 1; }; \
	cat $(2); \
	! grep -vE '^make(\[[0-9]+\])?: (Entering|Leaving) directory' $(2) | \
		grep -iE 'warning|error'

# Rebuild everything with sparse (C=2) and W=1; any warning fails.
_sparse: sync
	+$(KBUILD) clean >/dev/null
	+$(call kbuild_log,W=1 C=2 modules,.check.log)
	rm -f .check.log

# The modules built for 32-bit x86 (Debian's 686-pae headers, the amd64
# gcc-12 with -m32), W=1, into build/modules/<its release>/; any warning
# or error fails (a u64 in smp_load_acquire, a u64 / or % that needs
# __udivdi3/__umoddi3, which the kernel does not export). Part of
# make check.
build-i386:
	scripts/deps build i386
	$(MAKE) _build-i386

_build-i386:
	@test -n "$(I386_KDIR)" || \
		{ echo "no $(SRC_DIR)/linux-headers-*-686-pae: scripts/deps i386 installs it" >&2; exit 1; }
	$(MAKE) KDIR=$(I386_KDIR) _i386

_i386: sync
	+$(KBUILD) clean >/dev/null
	+$(call kbuild_log,W=1 modules,build/i386.log)
	rm -f build/i386.log

# SHELLCHECK=path runs another shellcheck.
SHELLCHECK ?= shellcheck
_shellcheck:
	@command -v $(SHELLCHECK) >/dev/null || \
		{ echo "$(SHELLCHECK) not found: scripts/deps check installs shellcheck" >&2; exit 1; }
	$(SHELLCHECK) -x $(SHELL_SCRIPTS)

clean:
	rm -rf build/modules
	$(MAKE) -C bench clean

help:
	@echo "make            install what is missing, build the modules and host tools"
	@echo "                (KDIR=... to choose headers)"
	@echo "make test       install what is missing, build, boot the VM and run every test"
	@echo "make bench      the sweep: every variant in the VM, results/<time>/ with plots"
	@echo "                TARGET=host VARIANTS=a,b ITERATIONS=N PERIOD_US=P WAITERS=N ARGS=..."
	@echo "                CLOCK=wall|icount: icount (the default under TCG) counts"
	@echo "                instructions on one CPU, the same in every boot; wall: µs, 2 CPUs"
	@echo "                KERNELS=\"generic:voluntary rt ...\": once per kernel (bench/kernels)"
	@echo "make matrix     the behaviour matrix of every variant; rewrites docs/guide.md"
	@echo "make kernels    sweep + matrix on generic none/voluntary/full and RT;"
	@echo "                rewrites docs/kernels.md"
	@echo "make bench-perf the performance study; rewrites docs/performance.md"
	@echo "make bench-targets  the deterministic mode's targets: two sweeps, cross-CPU"
	@echo "                sweeps, floor and trace cost under icount (bench/targets)"
	@echo "make reliability  the full reliability suite (about 25 min under TCG):"
	@echo "                random unloads, load cycles, bad parameters, the sweep under"
	@echo "                stress-ng, runner faults; SEED=N replays (docs/reliability.md)"
	@echo "make rt         SCHED_FIFO waits beside cyclictest under a CPU hog, 6.1 and"
	@echo "                6.12, preempt=full and PREEMPT_RT; rewrites docs/rt.md"
	@echo "make test-kernels  a two-kernel run (voluntary and RT) end to end"
	@echo "make test-debug the VM suite on a debug kernel (lockdep, KASAN, kmemleak),"
	@echo "                built once from linux-source-6.1 (long)"
	@echo "make test-debug-rt  the same on a 6.12 PREEMPT_RT kernel with lockdep and"
	@echo "                DEBUG_ATOMIC_SLEEP, built once from linux-source-6.12 (long)"
	@echo "make check      checkpatch --strict, sparse, W=1 build, shellcheck,"
	@echo "                make build-i386"
	@echo "make build-i386 the modules built for 32-bit x86 (Debian's 686-pae headers,"
	@echo "                adds dpkg's i386 architecture), W=1, any warning fails"
	@echo "make clean      remove build outputs"
