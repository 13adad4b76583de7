# SPDX-License-Identifier: GPL-2.0
#
# waitcmp: the kernel modules (see Kbuild) and the host tools.
# "make help" lists the targets.

# Headers to build against: the running kernel's build tree when it exists,
# else the newest Debian linux-headers-*-amd64 (the kernel the VM boots).
KDIR ?= $(shell vm/kernel kdir)
CACHE ?= $(or $(WAITCMP_CACHE),$(HOME)/.cache/waitcmp)

# One build dir per kernel release, so builds for several kernels live side
# by side: the guest (or host) loads from build/modules/$(uname -r).
MODDIR := $(shell KDIR=$(KDIR) vm/kernel moddir)
KBUILD := $(MAKE) -C $(KDIR) M=$(CURDIR)/$(MODDIR)
KERNEL_SOURCES := $(filter-out %.mod.c,$(wildcard common/*.[ch] variants/*.c \
	tests/modules/*.c bench/floor/*.c))
KBUILD_FILES := $(KERNEL_SOURCES) $(wildcard Kbuild */Kbuild */*/Kbuild)
SHELL_SCRIPTS := scripts/deps $(wildcard vm/run vm/kernel vm/initramfs vm/init \
	bench/run bench/sweep bench/summarize bench/plot bench/matrix bench/matrix-report \
	bench/guide bench/lib.sh bench/common.sh bench/scaling bench/scaling-report \
	bench/kernels bench/kernels-report bench/kernels-doc vm/build-kernel \
	bench/perf bench/perf-run bench/perf-report \
	tests/fixtures/make-fixtures \
	tests/*.t tests/host/*.t tests/guest/*.sh tests/guest/lib.sh tests/guest/run-all \
	tests/reliability/run tests/reliability/run-host tests/reliability/stress-sweep \
	tests/reliability/guest-modules tests/reliability/*.sh tests/reliability/*.t \
	tests/debug-kernel)

.PHONY: all modules sync tools deps test test-debug test-kernels kernels bench matrix bench-perf reliability check \
	checkpatch sparse shellcheck clean help

all: modules tools

# Kbuild builds external modules where their sources are: link them into
# the release's dir first (links, not copies, so an edit made through a
# compiler message's path lands in the real file).
modules: sync
	$(KBUILD) modules

sync:
	@test -n "$(MODDIR)" || { echo "no kernel to build for (see vm/kernel)"; exit 1; }
	@for f in $(KBUILD_FILES); do \
		mkdir -p "$(MODDIR)/$$(dirname "$$f")" && ln -sfr "$$f" "$(MODDIR)/$$f" || exit 1; \
	done

tools:
	$(MAKE) -C bench

# make bench [TARGET=host] [VARIANTS=a,b] [ITERATIONS=N] [PERIOD_US=P]
#            [WAITERS=N] [YES=1] [ARGS="more bench/run options"]
#            [KERNELS="generic:voluntary rt ..."]  (docs/kernels.md)
TARGET ?= vm
RESULTS := $(or $(WAITCMP_RESULTS),results)
BENCH_OPTS := $(if $(VARIANTS),--variants $(VARIANTS)) \
	$(if $(ITERATIONS),--iterations $(ITERATIONS)) \
	$(if $(PERIOD_US),--period-us $(PERIOD_US)) \
	$(if $(WAITERS),--waiters $(WAITERS)) $(ARGS)
BENCH_ARGS := --target $(TARGET) $(if $(YES),--yes) $(BENCH_OPTS)

bench:
	scripts/deps build bench $(if $(KERNELS),kernels)
	$(MAKE) tools
ifeq ($(KERNELS),)
	bench/run $(BENCH_ARGS)
else
	bench/kernels --kernels "$(KERNELS)" -- $(BENCH_OPTS)
endif

# Every kernel and preemption model (bench/kernels), then docs/kernels.md.
kernels:
	scripts/deps build bench kernels
	$(MAKE) tools
	bench/kernels $(if $(KERNELS),--kernels "$(KERNELS)") -- $(BENCH_OPTS)
	bench/kernels-doc $(RESULTS)/latest-kernels docs/kernels.md

# Two kernels end to end (voluntary and RT): not part of make test.
test-kernels: deps
	scripts/deps kernels
	$(MAKE) all
	prove -v tests/kernels.t

# docs/performance.md: the floor, peers, overhead, fidelity, scaling.
bench-perf:
	scripts/deps build bench
	$(MAKE) tools
	bench/perf-run --doc docs/performance.md

# The behaviour matrix, then docs/guide.md and its figure from that run.
matrix:
	scripts/deps build bench
	$(MAKE) tools
	bench/run --mode matrix $(BENCH_ARGS)
	bench/guide $(RESULTS)/latest-matrix docs/guide.md
	cp $(RESULTS)/latest-matrix/matrix.svg docs/matrix.svg
	cp $(RESULTS)/latest-matrix/matrix.png docs/matrix.png

deps:
	scripts/deps build test bench

# The reliability suite's fast part (fast.t, runner-faults.t) is in here;
# the full suite is make reliability.
test: deps all
	prove -v tests/host/ tests/vm-suite.t tests/reliability/fast.t \
		tests/reliability/runner-faults.t

# The suite on a debug kernel (lockdep, DEBUG_ATOMIC_SLEEP, KASAN,
# kmemleak) built once from linux-source-6.1 by vm/build-kernel (long);
# tests/debug-kernel rewrites docs/debug-kernel.md with the result.
test-debug: deps
	scripts/deps debug
	$(MAKE) tools
	tests/debug-kernel

# The full reliability suite (docs/reliability.md); SEED=N replays a seed.
reliability:
	scripts/deps build test bench reliability
	$(MAKE) all
	tests/reliability/run-host --full $(if $(SEED),--seed $(SEED))

# Debian ships checkpatch.pl only inside the linux-source tarball.
CHECKPATCH := $(CACHE)/checkpatch/scripts/checkpatch.pl
$(CHECKPATCH):
	scripts/deps check
	mkdir -p $(CACHE)/checkpatch
	tar -xf /usr/src/linux-source-6.1.tar.xz -C $(CACHE)/checkpatch \
		--strip-components=1 linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch

check: checkpatch sparse shellcheck

# compat.h exists to test LINUX_VERSION_CODE; nothing else may.
checkpatch: $(CHECKPATCH)
	$(CHECKPATCH) --strict --no-tree --quiet -f \
		$(filter-out common/compat.h,$(KERNEL_SOURCES))
	$(CHECKPATCH) --strict --no-tree --quiet \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f common/compat.h

# Rebuild everything with sparse (C=2) and W=1; any warning fails.
sparse: sync
	scripts/deps build check
	$(KBUILD) clean >/dev/null
	$(KBUILD) W=1 C=2 modules 2>&1 | tee .check.log
	! grep -E 'warning|error' .check.log
	rm -f .check.log

shellcheck:
	@if command -v shellcheck >/dev/null; then \
		shellcheck -x $(SHELL_SCRIPTS); \
	else \
		echo "shellcheck not installed: skipped"; \
	fi

clean:
	rm -rf build/modules
	$(MAKE) -C bench clean

help:
	@echo "make            build the modules and host tools (KDIR=... to choose headers)"
	@echo "make test       install what is missing, build, boot the VM and run every test"
	@echo "make bench      the sweep: every variant in the VM, results/<time>/ with plots"
	@echo "                TARGET=host VARIANTS=a,b ITERATIONS=N PERIOD_US=P WAITERS=N ARGS=..."
	@echo "                KERNELS=\"generic:voluntary rt ...\": once per kernel (bench/kernels)"
	@echo "make matrix     the behaviour matrix of every variant; rewrites docs/guide.md"
	@echo "make kernels    sweep + matrix on generic none/voluntary/full and RT;"
	@echo "                rewrites docs/kernels.md"
	@echo "make bench-perf the performance study; rewrites docs/performance.md"
	@echo "make reliability  the full reliability suite (about 25 min under TCG):"
	@echo "                random unloads, load cycles, bad parameters, the sweep under"
	@echo "                stress-ng, runner faults; SEED=N replays (docs/reliability.md)"
	@echo "make test-kernels  a two-kernel run (voluntary and RT) end to end"
	@echo "make test-debug the VM suite on a debug kernel (lockdep, KASAN, kmemleak),"
	@echo "                built once from linux-source-6.1 (long)"
	@echo "make check      checkpatch --strict, sparse, W=1 build, shellcheck"
	@echo "make clean      remove build outputs"
