#!/bin/sh
# extract.sh: the test pages in tests/data/html/ (a wire service, a public
# broadcaster, a newspaper's paywall teaser, a blog, a JSON-LD-only app
# shell, an aggregator copy) through `crossread dump`. For each page a table
# row: paragraphs of the expected text kept, junk kept (paragraphs the page
# shows that are no article text), text lost; a page is clean when its
# display text equals NAME.expected.txt and its metadata NAME.meta.
. "$ROOT/tests/e2e/lib.sh"

DATA="$ROOT/tests/data/html"
# paragraphs of a display text, one a line (blank lines separate them)
paras() { awk 'BEGIN{RS=""} {gsub(/\n/, "\\n"); print}' "$1"; }

printf '# %-12s %5s %5s %5s %5s\n' page expect kept junk lost
pages=0
for html in "$DATA"/*.html; do
	name=$(basename "$html" .html)
	pages=$((pages + 1))
	"$BIN" dump "$html" >"$TMPDIR/$name.out" 2>"$TMPDIR/$name.meta"
	rc=$?
	paras "$DATA/$name.expected.txt" | sort -u >"$TMPDIR/$name.want"
	paras "$TMPDIR/$name.out" | sort -u >"$TMPDIR/$name.got"
	want=$(wc -l <"$TMPDIR/$name.want")
	kept=$(comm -12 "$TMPDIR/$name.want" "$TMPDIR/$name.got" | wc -l)
	junk=$(comm -13 "$TMPDIR/$name.want" "$TMPDIR/$name.got" | wc -l)
	lost=$(comm -23 "$TMPDIR/$name.want" "$TMPDIR/$name.got" | wc -l)
	printf '# %-12s %5d %5d %5d %5d\n' "$name" "$want" "$kept" "$junk" "$lost"
	comm -13 "$TMPDIR/$name.want" "$TMPDIR/$name.got" | sed 's/^/#   junk: /'
	comm -23 "$TMPDIR/$name.want" "$TMPDIR/$name.got" | sed 's/^/#   lost: /'
	check "$name: dump exits 0" [ "$rc" -eq 0 ]
	check "$name: no junk kept, no text lost" [ "$((junk + lost))" -eq 0 ]
	check "$name: display text equals $name.expected.txt" cmp -s "$DATA/$name.expected.txt" "$TMPDIR/$name.out"
	check "$name: metadata equals $name.meta" cmp -s "$DATA/$name.meta" "$TMPDIR/$name.meta"
done
check "six test pages or more" [ "$pages" -ge 6 ]
finish
