#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/bin/report html on a made-up run folder: the env and status in a
# table, every report page converted (headings, tables, lists, code,
# bold, links), a page's figure inlined as SVG where the page shows it and
# the folder's other figures after the pages, markdown text escaped,
# nothing fetched from elsewhere; then the page in a real headless browser
# (Debian's chromium): a screenshot and its text. The browser part is
# skipped, with the reason, where none is installed.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck source=tests/host/tap.sh
. tests/host/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check "bench/bin/report builds" make -s -C bench bin/report

run=$tmp/sweep-20260101T000000Z
mkdir -p "$run"
printf 'mode: sweep\nkernel: 6.1.0-test\nclock: icount\naccelerator: tcg\ncpus: 1\n' >"$run/env"
echo complete >"$run/status"
# svg FILE TEXT: a small figure with TEXT in it, with the prolog gnuplot writes.
svg() {
	cat >"$1" <<SVG
<?xml version="1.0" encoding="utf-8"  standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg width="400" height="100" viewBox="0 0 400 100" xmlns="http://www.w3.org/2000/svg">
<rect x="10" y="10" width="380" height="80" fill="#56B4E9"/>
<text x="20" y="60" font-size="20">$2</text>
</svg>
SVG
}
svg "$run/latency-cdf.svg" "figure-one-text"
echo png >"$run/latency-cdf.png"
svg "$run/iowait.svg" "figure-two-text"
cat >"$run/summary.md" <<'EOF_MD'
# The sweep's summary

Latency in `instructions`, **exact**; see [the analysis](completion/analysis).
A second line of the same paragraph with <script>alert(1)</script> in it.

| variant | p50 (instructions, icount) | state |
|---|---|---|
| completion | 3569 | **D** |
| swait | 3693 | D |

- first item
- second item

1. numbered

```
code & <block>
```

![The share of wakes slower than x](latency-cdf.png)
![A figure that is not there](missing.png)
EOF_MD

r=0; bench/bin/report html "$run" 2>"$tmp/err" || r=$?
is "$r" 0 "report html on a run folder: exit 0"
h=$run/report.html
check "... writes report.html" test -s "$h"
check "... and no temporary" test ! -e "$h.tmp"
check "the env in a table: kernel" grep -q '<tr><th>kernel</th><td>6.1.0-test</td></tr>' "$h"
check "... and the status" grep -q '<tr><th>status</th><td>complete</td></tr>' "$h"
check "a heading" grep -q '<h1>The sweep.s summary</h1>' "$h"
check "a table with its head" grep -q '<thead><tr><th>variant</th><th>p50 (instructions, icount)</th><th>state</th></tr>$' "$h"
check "... and its rows, bold kept" grep -q '<tr><td>completion</td><td>3569</td><td><strong>D</strong></td></tr>' "$h"
check "code and bold inline" grep -q 'Latency in <code>instructions</code>, <strong>exact</strong>' "$h"
check "a link within the folder" grep -q '<a href="completion/analysis">the analysis</a>' "$h"
check "a list" grep -q '<ul>' "$h"
check "a numbered list" grep -q '<ol>' "$h"
check "a code block, escaped" grep -q '<pre><code>code &amp; &lt;block&gt;$' "$h"
refute "markdown text is escaped: no script element" grep -qi "<script" "$h"
check "... it shows as text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$h"
is "$(grep -c '<svg' "$h")" 2 "two figures inlined, each once"
one=$(grep -n 'figure-one-text' "$h" | cut -d: -f1)
table=$(grep -n '<thead>' "$h" | cut -d: -f1)
two=$(grep -n 'figure-two-text' "$h" | cut -d: -f1)
figs=$(grep -n '<h2>Figures</h2>' "$h" | cut -d: -f1)
check "the page's figure where the page shows it, after its table" test "$one" -gt "$table"
check "the folder's other figure after the pages, under Figures" test "$two" -gt "$figs" -a "$figs" -gt "$one"
check "its caption is the page's alt text" grep -q '<figcaption>The share of wakes slower than x</figcaption>' "$h"
check "a figure that is not there: its alt text" grep -q '\[figure: A figure that is not there\]' "$h"
refute "no XML prolog or doctype of the SVGs inside the page" grep -q '<?xml\|svg11.dtd' "$h"
refute "nothing fetched: no src=, no http(s) link, no style sheet or script" \
	grep -Eqi 'src=|href="https?:|<link|<script|@import|url\(' "$h"

old=$(cat "$h")
rc=0; bench/bin/report html "$tmp/nope" 2>"$tmp/err" || rc=$?
is "$rc" 2 "a folder that does not exist: exit 2"
check "... saying so" grep -q 'report html: cannot read' "$tmp/err"
rc=0; bench/bin/report html 2>"$tmp/err" || rc=$?
is "$rc" 2 "no folder: exit 2 with the usage"
empty=$tmp/empty
mkdir "$empty"
check "a folder without pages: exit 0" bench/bin/report html "$empty"
check "... and a page saying so" grep -q "No report page" "$empty/report.html"
check "the run's page is as it was" test "$old" = "$(cat "$h")"
sc=$tmp/scaling-20260101T000000Z
mkdir "$sc"
printf 'variant,wake_all,waiters,wake_cost_p50_ns\nswait,0,1,700\nswait,0,2,1400\n' >"$sc/scaling.csv"
check "a scaling run (a CSV, no page): exit 0" bench/bin/report html "$sc"
check "... its CSV as a table" grep -q '<tr><td>swait</td><td>0</td><td>2</td><td>1400</td></tr>' "$sc/report.html"
refute "... and not the no-page note" grep -q "No report page" "$sc/report.html"

# The browser: the page as a reader sees it.
browser=$(command -v chromium chromium-browser 2>/dev/null | head -n 1 || true)
if [ -z "$browser" ]; then
	skip "no headless browser (Debian's chromium) installed: the page is not rendered"
	skip "no headless browser: no text"
else
	shot=$tmp/shot.png
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1000,1400 --screenshot="$shot" "file://$h" >/dev/null 2>&1 || true
	size=$(stat -c %s "$shot" 2>/dev/null || echo 0)
	check "chromium renders a screenshot of the page ($size bytes, a blank page is a few KB)" test "$size" -gt 15000
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$h" \
		>"$tmp/dom" 2>/dev/null || true
	check "... and its text holds the table" grep -q "<td>3569</td>" "$tmp/dom"
	check "... and both figures" grep -q 'figure-one-text.*' "$tmp/dom"
	check "... (the second)" grep -q 'figure-two-text' "$tmp/dom"
fi
done_testing
