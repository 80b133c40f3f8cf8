#!/bin/sh
# story.sh: a story of N articles (issue 15): `crossread check` reports all
# five articles of tests/data/story5 (and three of story3) with no orphan;
# `crossread story` prints the overview (answers across articles, "N of M
# outlets", what only one outlet reports) and sanitises what files say; the
# reader opens the five-article story and three articles from the command
# line in tmux, showing articles 1 and 2 in its panes.
. "$ROOT/tests/e2e/lib.sh"

S5="$ROOT/tests/data/story5"
S3="$ROOT/tests/data/story3"
out="$TMPDIR/out" err="$TMPDIR/err"

"$BIN" check "$S5/story.yaml" >"$out" 2>"$err"
check "check story5: exit 0" [ $? -eq 0 ]
check "check story5: 5 articles, 0 orphans" \
	grep -qx "check: 5 articles, 42 claims, 26 links, 0 notes, 0 orphans" "$out"
"$BIN" check "$S3/story.yaml" >"$out" 2>"$err"
check "check story3: exit 0, 3 articles, 0 orphans" \
	sh -c '[ "$1" -eq 0 ] && grep -qx "check: 3 articles, .* 0 orphans" "$2"' _ $? "$out"

# the overview as text; the personal file is read as the reader reads it,
# here one that does not exist, in the scratch directory
"$BIN" story --notes "$TMPDIR/s5.notes.yaml" "$S5/story.yaml" >"$out" 2>"$err"
check "story story5: exit 0, nothing on stderr" sh -c '[ "$1" -eq 0 ] && [ ! -s "$2" ]' _ $? "$err"
check "story story5: five articles listed" grep -qx "Story: 5 articles, 42 claims, 26 links" "$out"
check "story story5: the article list line of the blog" \
	grep -qx "  4  Dockside Notes, 2026-11-15: Three hours of nothing: what the sirens didn't tell us" "$out"
check "story story5: one claim carried by all five outlets" \
	[ "$(grep -cx '  \* 5 of 5 outlets' "$out")" -eq 1 ]
check "story story5: two by four, two by three, two by two" sh -c '
	[ "$(grep -cx "  \* 4 of 5 outlets" "$1")" -eq 2 ] &&
	[ "$(grep -cx "  \* 3 of 5 outlets" "$1")" -eq 2 ] &&
	[ "$(grep -cx "  \* 2 of 5 outlets" "$1")" -eq 2 ]' _ "$out"
check "story story5: the group of five names each outlet once" sh -c '
	sed -n "/^  \* 5 of 5 outlets/,/^  \*/p" "$1" | grep "^    " | cut -d: -f1 | sort -u | wc -l |
	grep -qx 5' _ "$out"
# the blog's accusation: answered and countered in the authority's statement,
# backed in the local paper
sed -n '/^  \* Dockside Notes, Anja Keller/,/^  \*/p' "$out" >"$TMPDIR/blog"
check "story story5: the blog's accusation rebutted by the authority" \
	grep -q '^    rebuts    Brennmoor District Emergency Authority: "The evacuation order was issued' "$TMPDIR/blog"
check "story story5: and countered by it" \
	grep -q '^    counters  Brennmoor District Emergency Authority: "False claims spread' "$TMPDIR/blog"
check "story story5: and backed by a resident in the local paper" \
	grep -q '^    supports  The Brennmoor Courier, Ingrid Sorensen (resident): "Nobody came' "$TMPDIR/blog"
check "story story5: two accusations unanswered" [ "$(grep -cx '    unanswered' "$out")" -eq 2 ]
check "story story5: the councillor's is one of them" sh -c '
	sed -n "/^  \* Meridian Press, Piet Raman/,/^  \*/p" "$1" | grep -qx "    unanswered"' _ "$out"
check "story story5: what only the blog reports" sh -c '
	sed -n "/^  \* Dockside Notes (4)$/,/^  \*/p" "$1" | grep -q "claim      \"ash fell on the allotments on Fenwick Road\""' _ "$out"
check "story story5: a count per outlet of what only it reports" sh -c '
	grep -qx "  \* Meridian Press (3)" "$1" && grep -qx "  \* Brennmoor District Emergency Authority (5)" "$1"' _ "$out"
check "story story5: nothing written beside the story" [ ! -e "$S5/story.notes.yaml" ]

# bad input: usage, a missing file, and a title with an escape sequence
"$BIN" story >"$out" 2>"$err"
check "story without a file: exit 2 and the usage" \
	sh -c '[ "$1" -eq 2 ] && grep -q "^usage: crossread story" "$2" && [ ! -s "$3" ]' _ $? "$err" "$out"
"$BIN" story "$TMPDIR/missing.yaml" >"$out" 2>"$err"
check "story on a missing file: exit 2 with a message" \
	sh -c '[ "$1" -eq 2 ] && grep -q "missing.yaml" "$2"' _ $? "$err"
mkdir -p "$TMPDIR/hostile"
printf -- '---\ntitle: "one \\e[31mred"\noutlet: "Out\\e]0;PWN\\aLet"\n---\nThe minister said the harbour was closed.\n' >"$TMPDIR/hostile/a.md"
printf -- '---\ntitle: "two"\n---\nThe harbour was closed, officials said.\n' >"$TMPDIR/hostile/b.md"
cat >"$TMPDIR/hostile/s.yaml" <<'YAML'
version: 1
articles:
  - {id: a, path: a.md}
  - {id: b, path: b.md}
claims:
  - {id: ca, article: a, kind: claim, quote: "the harbour was closed"}
  - {id: cb, article: b, kind: claim, quote: "The harbour was closed"}
links:
  - {from: cb, to: ca, rel: same}
YAML
"$BIN" story --notes "$TMPDIR/hostile/n.yaml" "$TMPDIR/hostile/s.yaml" >"$out" 2>"$err"
check "hostile outlet and title: exit 0, 2 of 2 outlets" \
	sh -c '[ "$1" -eq 0 ] && grep -qx "  \* 2 of 2 outlets" "$2"' _ $? "$out"
check "hostile outlet and title: no escape reaches the terminal" \
	sh -c '! grep -q "$(printf "\033")" "$1" && ! grep -q "$(printf "\007")" "$1"' _ "$out"
check "hostile outlet and title: shown visibly" grep -qF 'Out^[]0;PWN^GLet' "$out"

# the reader on the five-article story: panes show articles 1 and 2
tm_start 160 40 "env -u NO_COLOR $BIN -n $TMPDIR/r5.notes.yaml $S5/story.yaml"
check "reader opens the five-article story: article 1 in a pane" \
	tm_wait 'Fire at fertiliser depot' 10
check "reader opens the five-article story: article 2 in the other" \
	tm_wait 'Brennmoor fire: union says' 10
check "reader opens the five-article story: no error" screen_lacks 'exited|crossread:'
tm_keys q
check "reader on the five-article story: q exits with status 0" tm_wait '\[exited 0\]' 5

# three articles from the command line, with the story's annotations
tm_start 160 40 "env -u NO_COLOR $BIN -n $TMPDIR/r3.notes.yaml -a $S3/story.yaml $S3/wire.md $S3/herald.md $S3/union.md"
check "reader opens three articles from the command line" \
	tm_wait 'Dockworkers strike at Velsport' 10
check "the second pane shows the second" tm_wait 'They want our jobs' 10
check "three articles: no error" screen_lacks 'exited|crossread:'
tm_keys q
check "three articles: q exits with status 0" tm_wait '\[exited 0\]' 5
finish
