#!/bin/sh
# e2e: `crossread export`: golden files for the Markdown brief and the CSV
# of the bundled story and of a small story with a personal layer (tags,
# notes on an article and a link, a contradiction, an orphan); the layer
# options, -o, determinism, CSV formula safety and usage errors.
. "$ROOT/tests/e2e/lib.sh"
D="$ROOT/tests/data/export"
B="$ROOT/annotations/microsoft-exchange-hack.yaml"
NONOTES="$TMPDIR/none.notes.yaml"

same() { # golden actual
	if cmp -s "$1" "$2"; then return 0; fi
	diff -u "$1" "$2" | head -40
	return 1
}

"$BIN" export "$B" --format md -n "$NONOTES" >"$TMPDIR/bundled.md"
check "bundled story: Markdown exits 0" test $? -eq 0
check "bundled story: Markdown equals the golden file" same "$D/bundled.md" "$TMPDIR/bundled.md"
"$BIN" export "$B" --format csv -n "$NONOTES" >"$TMPDIR/bundled.csv"
check "bundled story: CSV equals the golden file" same "$D/bundled.csv" "$TMPDIR/bundled.csv"
check "no notes file was created by exporting" test ! -e "$NONOTES"

"$BIN" export "$D/story.yaml" --format md >"$TMPDIR/story.md"
check "small story with its notes: Markdown equals the golden file" same "$D/story.md" "$TMPDIR/story.md"
"$BIN" export "$D/story.yaml" --format csv -o "$TMPDIR/story.csv"
check "small story: CSV written with -o equals the golden file" same "$D/story.csv" "$TMPDIR/story.csv"
check "CSV lines end in CRLF" sh -c "head -1 '$TMPDIR/story.csv' | od -c | grep -q '\\\\r  \\\\n'"

"$BIN" export "$D/story.yaml" --format md --layer curated >"$TMPDIR/cur.md"
check "--layer curated leaves the personal claim out" sh -c "! grep -q 'smoke could be seen' '$TMPDIR/cur.md'"
check "--layer curated keeps curated claims" grep -q "2,400 people were evacuated" "$TMPDIR/cur.md"
"$BIN" export "$D/story.yaml" --format md --layer personal >"$TMPDIR/per.md"
check "--layer personal has the personal claim" grep -q "smoke could be seen" "$TMPDIR/per.md"
check "--layer personal leaves curated claims out" sh -c "! grep -q '2,400 people' '$TMPDIR/per.md'"

"$BIN" export "$B" --format md -n "$NONOTES" >"$TMPDIR/again.md"
check "the same story exports to the same bytes" cmp -s "$TMPDIR/bundled.md" "$TMPDIR/again.md"

# CSV cells a spreadsheet would run as formulas get an apostrophe
mkdir -p "$TMPDIR/f"
cp "$D/fire-a.md" "$TMPDIR/f/a.md"
cat >"$TMPDIR/f/s.yaml" <<'YAML'
version: 1
articles:
  - {id: a, path: a.md}
claims:
  - {id: c1, article: a, kind: claim, by: "=HYPERLINK(\"http://x\")", quote: "A fire broke out"}
  - {id: c2, article: a, kind: claim, by: "+1", against: "-2", quote: "Residents said", tags: ["@SUM(A1)"]}
YAML
"$BIN" export "$TMPDIR/f/s.yaml" --format csv >"$TMPDIR/f.csv"
check "a cell starting with = is quoted and prefixed" grep -q "\"'=HYPERLINK(\"\"http://x\"\")\"" "$TMPDIR/f.csv"
check "cells starting with + - @ are prefixed" grep -q "\"'+1\",\"'-2\"" "$TMPDIR/f.csv"
check "a tag starting with @ is prefixed" grep -q "\"'@SUM(A1)\"" "$TMPDIR/f.csv"
check "no cell starts with a bare formula character" sh -c "! grep -Eq '(^|,)[=+@-]' '$TMPDIR/f.csv'"

"$BIN" export "$B" --format pdf >/dev/null 2>"$TMPDIR/err"
check "unknown format: exit 2" test $? -eq 2
check "unknown format: says which" grep -q "unknown format 'pdf'" "$TMPDIR/err"
"$BIN" export "$B" >/dev/null 2>"$TMPDIR/err"
check "no --format: exit 2" test $? -eq 2
"$BIN" export "$TMPDIR/missing.yaml" --format md >/dev/null 2>"$TMPDIR/err"
check "missing story: exit 2" test $? -eq 2
"$BIN" export "$B" --format md --layer mine >/dev/null 2>"$TMPDIR/err"
check "unknown layer: exit 2" test $? -eq 2
"$BIN" export "$B" --format md -o "$TMPDIR/no/such/dir/x.md" -n "$NONOTES" 2>"$TMPDIR/err"
check "unwritable -o: exit 2" test $? -eq 2
finish
