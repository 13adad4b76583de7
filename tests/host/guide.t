#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/guide.md and its generator, on the host only: bench/bin/report
# guide fills the template from a (fake) run folder and copies its figure
# beside the guide, refuses a run folder it cannot use without touching
# the guide, and the template has a section and a link for every variant,
# and no link that leads nowhere; docs/guide.md is what its template and
# the run it names give.
set -eu
cd "$(dirname "$0")/../.."
template=docs/guide.md.in

# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

variants=()
for f in variants/*.c; do
	case $f in *.mod.c) continue ;; esac
	variants+=("$(basename "$f" .c)")
done

# A run folder as report matrix leaves it, with made-up figures.
fake_run() {
	local d=$1 v
	mkdir -p "$d"
	{
		echo "| variant | family | ps state | iowait (procs_blocked, iowait share) | delayacct blkio ticks | PSI io some (ms) | load average | hung task | unload (ms) | p50 (µs) | p99 (µs) | declared = measured |"
		echo "|---|---|---|---|---:|---:|---|---|---:|---:|---:|---|"
		for v in "${variants[@]}"; do
			echo "| [$v](../variants/$v.c) | wait queue | D | no (0.00) | 0 | 0 ms | yes | yes | 120 | 80.1 | 900.2 | yes |"
		done
	} >"$d/matrix.md"
	echo "PNG of $d" >"$d/matrix.png"
	echo "SVG of $d" >"$d/matrix.svg"
	cat >"$d/env" <<-EOF
	mode: matrix
	target: vm
	date_utc: 2031-02-03T04:05:06Z
	host: buildbox 6.1.0-99-amd64
	parameters: --acct-iterations 20 --iterations 1000 FAKE-PARAMS
	kernel: 6.1.0-99-amd64
	kernel_version: #1 SMP PREEMPT_DYNAMIC Debian 6.1.999-1 FAKE
	preempt: none (voluntary) full
	cpus: 2
	accelerator: tcg
	EOF
}

# The template
r=0; [ -f "$template" ] || r=1
ok "$r" "$template exists"
for m in @MATRIX@ @PROVENANCE@; do
	r=0; [ "$(grep -c "^${m}\$" "$template")" = 1 ] || r=1
	ok "$r" "$template has $m alone on one line, once"
done

# Every variant has its own section: a heading with its name and a link
# to its file.
for v in "${variants[@]}"; do
	r=0
	grep -q "^###* \`$v\`\$" "$template" || r=1
	grep -qF "](../variants/$v.c)" "$template" || r=1
	ok "$r" "$v has a section (heading and link to variants/$v.c)"
done

# links FILE: the targets of its Markdown links, one per line.
links() {
	grep -o '\](\([^)]*\))' "$1" | sed 's/^](//; s/)$//'
}

# Every relative link leads to a file of this tree (from docs/).
bad=""
while read -r l; do
	case $l in
	http://* | https://* | mailto:* | "#"*) continue ;;
	esac
	[ -e "docs/${l%%#*}" ] || bad="$bad $l"
done < <(links "$template")
r=0; [ -z "$bad" ] || r=1
ok "$r" "every relative link in the template leads to a file${bad:+ (not:$bad)}"

# Every link within the page (#anchor) names a heading, as GitHub makes
# anchors: lower case, punctuation dropped, spaces to dashes.
anchors=$(sed -n 's/^#\{1,6\} //p' "$template" |
	tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9 _-]//g; s/ /-/g')
bad=""
while read -r l; do
	case $l in "#"*) ;; *) continue ;; esac
	grep -qx -- "${l#\#}" <<<"$anchors" || bad="$bad $l"
done < <(links "$template")
r=0; [ -z "$bad" ] || r=1
ok "$r" "every #anchor in the template names a heading${bad:+ (not:$bad)}"

# Measured figures come only from the generated table.
r=0
if grep -nE '[0-9]+(\.[0-9]+)? ?(ns|µs|us|ms|%)([^a-z]|$)' "$template" >"$tmp/figs"; then
	r=1
	diag <"$tmp/figs"
fi
ok "$r" "the template types no measured figure (a number with a unit)"

# report guide on a fake run
check "bench/bin/report builds" make -s -C bench bin/report
report=bench/bin/report

run=$tmp/run
fake_run "$run"
out=$tmp/out/guide.md
mkdir -p "$tmp/out"
r=0; $report guide "$run" "$out" >"$tmp/log" 2>&1 || r=1
ok "$r" "report guide DIR OUT succeeds on a complete run folder"
[ "$r" -eq 0 ] || diag <"$tmp/log"
check "no warning when the table has a row for every variant of this tree" \
	sh -c "! grep -q 'warning' '$tmp/log'"

r=0
for f in matrix.png matrix.svg; do
	cmp -s "$run/$f" "$tmp/out/$f" || r=1
done
ok "$r" "the run's figure, matrix.png and matrix.svg, is copied beside the guide"

r=0; [ -s "$out" ] && cmp -s <(grep -F -x -f "$run/matrix.md" "$out") "$run/matrix.md" || r=1
ok "$r" "the guide holds the whole table, row by row, in order"

r=0
for want in "6.1.0-99-amd64" "Debian 6.1.999-1 FAKE" "2031-02-03T04:05:06Z" \
	"FAKE-PARAMS" "QEMU guest" "tcg" "2 CPUs" "none (voluntary) full" "make matrix" "run"; do
	grep -qF -- "$want" "$out" || { r=1; echo "# no '$want' in the guide"; }
done
ok "$r" "the guide says where, when and how it was measured, and the command"

r=0
if grep -n '@[A-Z_][A-Z_]*@' "$out" >"$tmp/left"; then
	r=1
	diag <"$tmp/left"
fi
ok "$r" "no @...@ marker is left in the guide"

# Apart from the generated header (two lines), the table and the
# provenance, the guide is the template, line for line.
r=0
mline=$(grep -n '^@MATRIX@$' "$template" | cut -d: -f1)
pline=$(grep -n '^@PROVENANCE@$' "$template" | cut -d: -f1)
total=$(grep -c '' "$template")
rows=$(grep -c '' "$run/matrix.md")
tail -n +3 "$out" >"$tmp/body"
blen=$(grep -c '' "$tmp/body")
a=$((mline - 1))
b=$((pline - mline - 1))
c=$((total - pline))
if [ "$mline" -lt "$pline" ]; then
	cmp -s <(head -n "$a" "$template") <(head -n "$a" "$tmp/body") || r=1
	cmp -s "$run/matrix.md" <(sed -n "$((a + 1)),$((a + rows))p" "$tmp/body") || r=1
	cmp -s <(sed -n "$((mline + 1)),$((pline - 1))p" "$template") \
		<(sed -n "$((a + rows + 1)),$((a + rows + b))p" "$tmp/body") || r=1
	cmp -s <(tail -n "$c" "$template") <(tail -n "$c" "$tmp/body") || r=1
	# what is left between them is the provenance
	[ $((blen - a - rows - b - c)) -gt 0 ] || r=1
else
	r=1
fi
ok "$r" "the rest of the guide is the template's text, unchanged and in order"

bad=""
while read -r l; do
	case $l in http://* | https://* | mailto:* | "#"*) continue ;; esac
	[ -e "docs/${l%%#*}" ] || bad="$bad $l"
done < <(links "$out")
r=0; [ -z "$bad" ] || r=1
ok "$r" "every relative link in the generated guide leads to a file${bad:+ (not:$bad)}"

r=0; [ -z "$(find "$tmp/out" -name '*.tmp')" ] || r=1
ok "$r" "no temporary file is left beside the guide"

# A variant of this tree that the table leaves out is worth a warning,
# not a failure.
part=$tmp/part
fake_run "$part"
sed -i "/^| \[${variants[0]}\](/d" "$part/matrix.md"
mkdir -p "$tmp/part-out"
r=0; $report guide "$part" "$tmp/part-out/guide.md" >"$tmp/log" 2>&1 || r=1
grep -q "^report guide: warning: $part/matrix.md has no row for ${variants[0]}\$" "$tmp/log" || r=1
[ "$(grep -c warning "$tmp/log")" = 1 ] || r=1
ok "$r" "a variant the table leaves out (${variants[0]}): a warning, and the guide is written"
[ "$r" -eq 0 ] || diag <"$tmp/log"

# Refusals: the guide that exists stays as it was.
refused() {
	local desc=$1 want=$2 rc=0
	shift 2
	cp "$out" "$tmp/before"
	cp "$tmp/out/matrix.png" "$tmp/before.png"
	$report guide "$@" >"$tmp/log" 2>&1 || rc=$?
	local r=0
	[ "$rc" -eq 2 ] || r=1
	grep -q -- "$want" "$tmp/log" || r=1
	cmp -s "$out" "$tmp/before" || r=1
	cmp -s "$tmp/out/matrix.png" "$tmp/before.png" || r=1
	[ -z "$(find "$tmp/out" -name '*.tmp')" ] || r=1
	ok "$r" "$desc: exit 2, says '$want', guide and figure untouched"
	[ "$r" -eq 0 ] || diag <"$tmp/log"
}

bad_run=$tmp/no-matrix
fake_run "$bad_run"
rm "$bad_run/matrix.md"
refused "no matrix.md" "matrix.md" "$bad_run" "$out"

bad_run=$tmp/empty-matrix
fake_run "$bad_run"
: >"$bad_run/matrix.md"
refused "an empty matrix.md" "matrix.md" "$bad_run" "$out"

bad_run=$tmp/not-a-table
fake_run "$bad_run"
echo "no table here" >"$bad_run/matrix.md"
refused "a matrix.md that is not a table" "not a Markdown table" "$bad_run" "$out"

bad_run=$tmp/no-env
fake_run "$bad_run"
rm "$bad_run/env"
refused "no env" "env" "$bad_run" "$out"

bad_run=$tmp/no-kernel
fake_run "$bad_run"
sed -i '/^kernel:/d' "$bad_run/env"
refused "an env without the kernel" "lacks: kernel" "$bad_run" "$out"

bad_run=$tmp/no-figure
fake_run "$bad_run"
rm "$bad_run/matrix.svg"
refused "a run without its figure" "matrix.svg is missing" "$bad_run" "$out"

bad_run=$tmp/marker
fake_run "$bad_run"
echo "| @LEFT_OVER@ |" >>"$bad_run/matrix.md"
refused "a marker left in the output" "markers left in the output: @LEFT_OVER@" "$bad_run" "$out"

refused "a run folder that does not exist" "no run folder" "$tmp/nowhere" "$out"

r=0; $report guide >"$tmp/log" 2>&1 || r=$?
check "report guide without arguments: its usage, exit 2" \
	sh -c "[ $r = 2 ] && grep -q '^usage: report guide DIR \[OUT\]' '$tmp/log'"

# The default OUT is docs/guide.md of the tree the program is in (from
# its own path, TREE/bench/bin/report, whatever the current folder); a run
# reached through results/latest-matrix is named by its real folder. A
# copy of the tree keeps this repository's docs/guide.md out of it.
copy=$tmp/tree
mkdir -p "$copy/bench/bin" "$copy/docs" "$copy/variants" "$copy/results"
cp bench/bin/report "$copy/bench/bin/"
cp "$template" "$copy/docs/"
for v in "${variants[@]}"; do
	cp "variants/$v.c" "$copy/variants/"
done
fake_run "$copy/results/20310203T040506Z"
ln -s 20310203T040506Z "$copy/results/latest-matrix"
r=0
(cd "$tmp" && "$copy/bench/bin/report" guide "$copy/results/latest-matrix") >"$tmp/log" 2>&1 || r=1
[ -s "$copy/docs/guide.md" ] || r=1
grep -qF 'results/20310203T040506Z' "$copy/docs/guide.md" || r=1
cmp -s "$copy/results/20310203T040506Z/matrix.svg" "$copy/docs/matrix.svg" || r=1
ok "$r" "OUT defaults to docs/guide.md of the program's tree (its figure beside it), and the run is named by its folder"
[ "$r" -eq 0 ] || diag <"$tmp/log"

# docs/guide.md is its template filled from the run its first line names,
# when that run is in this tree (a committed reference run).
named=$(sed -n '1s/^<!-- Generated by .* and \(results\/[^:]*\): edit.*/\1/p' docs/guide.md)
if [ -n "$named" ] && [ -d "$named" ]; then
	mkdir -p "$tmp/regen"
	r=0; $report guide "$named" "$tmp/regen/guide.md" >"$tmp/log" 2>&1 || r=1
	cmp -s docs/guide.md "$tmp/regen/guide.md" || r=1
	for f in matrix.png matrix.svg; do
		cmp -s "docs/$f" "$tmp/regen/$f" || r=1
	done
	ok "$r" "docs/guide.md and its figure are what $named and the template give"
	[ "$r" -eq 0 ] || diff docs/guide.md "$tmp/regen/guide.md" 2>&1 | head -n 20 | diag
else
	skip "docs/guide.md names no run of this tree (${named:-none})"
fi

if command -v shellcheck >/dev/null; then
	r=0; shellcheck -x tests/host/guide.t >"$tmp/sc" 2>&1 || r=1
	ok "$r" "this test is shellcheck clean"
	[ "$r" -eq 0 ] || diag <"$tmp/sc"
else
	skip "shellcheck not installed"
fi

done_testing
