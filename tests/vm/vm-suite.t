#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boots the VM once and runs every in-guest test (tests/guest/), whose TAP
# comes back on the guest's output. The results folder is kept in
# build/test-vm (under $WAITCMP_TEST_OUT instead of build when set: make
# test-debug keeps its own): console log, kernel log, trace.dat files.
set -eu
cd "$(dirname "$0")/../.."
out=${WAITCMP_TEST_OUT:-build}/test-vm
rm -rf "$out"
mkdir -p "$out"
# WAITCMP_TIMEOUT_SCALE: a slower kernel (make test-debug) gets longer.
# Every vCPU in one host thread unless asked: with a thread per vCPU, QEMU
# livelocked the debug kernel in text_poke_bp (tests/debug-kernel), and
# CI's run of this suite once hung inside a trace-cmd recording, which
# patches code the same way. This suite took about as long either way.
export WAITCMP_TCG_THREAD=${WAITCMP_TCG_THREAD:-single}
exec vm/run --timeout $((1200 * ${WAITCMP_TIMEOUT_SCALE:-1})) --out "$out" -- tests/guest/run-all
