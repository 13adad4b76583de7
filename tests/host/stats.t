#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds and runs the host unit test of the module's statistics code.
set -eu
cd "$(dirname "$0")"
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
cc -std=gnu11 -Wall -Wextra -Werror -O2 -Ishim -o "$bin" stats-test.c ../../common/stats.c
"$bin"
