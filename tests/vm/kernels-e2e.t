#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make test-kernels: bench/kernels end to end on two kernels, Debian's
# generic one booted with preempt=voluntary and Debian's PREEMPT_RT one,
# plus a third that cannot run (a missing bzImage), which must be reported
# and skipped while the other two finish. Not part of make test (two
# kernels, two boots each: about 10 min under TCG).
# shellcheck disable=SC2016 # $N in single quotes is awk's
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh
# shellcheck source=bench/common.sh
. bench/common.sh

base=build/test-kernels
rm -rf "$base"
mkdir -p "$base"
run=$base/run
rc=0
bench/kernels --kernels "generic:voluntary rt $base/missing/bzImage" --out "$run" -- \
	--variants wait_event,swait --iterations 300 --acct-iterations 5 \
	>"$base/log" 2>&1 || rc=$?
sed 's/^/# /' "$base/log"

ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a kernel that cannot run makes the exit status non-zero"
check "the run is partial, naming the failed kernel" grep -qx 'partial: bzImage failed' "$run/status"
check "the missing kernel says why" grep -q 'not readable' "$run/bzImage/status"
for l in generic-voluntary rt; do
	check "$l ran both modes" grep -qx ok "$run/$l/status"
	r=$(field "$run/$l/kernel" release)
	check "$l: modules built in their own dir build/modules/$r" \
		test -f "build/modules/$r/variants/waitcmp_wait_event.ko"
done
r1=$(field "$run/generic-voluntary/kernel" release)
r2=$(field "$run/rt/kernel" release)
ok "$([ -n "$r1" ] && [ "$r1" != "$r2" ] && echo 0 || echo 1)" "two releases ($r1, $r2)"
check "the generic kernel ran preempt=voluntary (guest's /sys/kernel/debug/sched/preempt)" \
	grep -q '^preempt: .*(voluntary)' "$run/generic-voluntary/sweep/env"
check "the RT kernel is PREEMPT_RT (guest's uname -v)" \
	grep -q '^kernel_version: .*PREEMPT_RT' "$run/rt/sweep/env"
check "the report names the model in force" \
	grep -q '^| rt | .* | default | rt |' "$run/kernels.md"

# By column name, never by place.
rows=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["p50_ns"] != "" && $c["state"] != "" { n++ } END { print n + 0 }' "$run/kernels.csv")
ok "$([ "$rows" = 4 ] && echo 0 || echo 1)" "kernels.csv: a row with latency and behaviour per (kernel, variant): $rows of 4"
check "the ratios are to the first kernel (1.00 for itself)" \
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["kernel"] == "generic-voluntary" && $c["p50_ratio"] != "1.00" { exit 1 }' "$run/kernels.csv"
check "CDF per variant across kernels" test -s "$run/cdf/swait.svg"
check "CDF panel figure" test -s "$run/latency-cdf-kernels.png"
check "kernels.json: the kernels in order, the models in force, the one that did not run failed" \
	sh -c "jq -e '[.kernels[].name] == [\"generic-voluntary\", \"rt\", \"bzImage\"] and .kernels[0].model_in_force == \"voluntary\" and .kernels[1].model_in_force == \"rt\" and .kernels[2].ok == false and .base_kernel == \"generic-voluntary\"' '$run/kernels.json' >/dev/null"
check "the behaviour matrix across kernels says what differs" \
	grep -Eq '^\*\*(No difference|[0-9]+ differences)' "$run/kernels.md"

doc=$base/kernels.md
check "report kernels-doc writes the page" bench/bin/report kernels-doc "$run" "$doc"
check "no marker is left in the page" sh -c "! grep -q '@[A-Z]*@' '$doc'"
check "the page's figure is next to it" test -s "$base/kernels-cdf.png"
done_testing
