#!/bin/sh
# anchor_bounds.sh: `crossread check` on small hostile annotation files (issue
# 11): one claim whose quote occurs 40,000 times in a 1 MB article, with an
# 8,000- and a 32,000-byte prefix and suffix (79 s and over 2 minutes before
# the bounds), and a 200 KB quote with one edit (8.8 s of approximate
# matching). Each must end with the orphan it is, exit 1. The bound itself
# is shown by work counts in tests/unit/test_anchor.c, not by time here.
. "$ROOT/tests/e2e/lib.sh"

D="$TMPDIR/anchor-bounds"
mkdir -p "$D"
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "the quote is found here. "; printf "\n" }' >"$D/rep.md"
awk 'BEGIN { srand(11); for (i = 0; i < 200000; i++) { r = int(rand() * 27); printf "%c", r == 26 ? 32 : 97 + r }; printf "\n" }' >"$D/long.md"

# claim FILE ARTICLE QUOTE CONTEXT: an annotation file with one claim
claim() {
	cat >"$1" <<YAML
version: 1
articles:
  - id: a
    path: $2
claims:
  - id: c
    article: a
    kind: accusation
    quote: "$3"
    prefix: "$4"
    suffix: "$4"
YAML
}
letters() { # N: N random lower-case letters
	awk -v n="$1" 'BEGIN { srand(7); for (i = 0; i < n; i++) printf "%c", 97 + int(rand() * 26); printf "\n" }'
}

for n in 8000 32000; do
	claim "$D/rep$n.yaml" rep.md "the quote is found here." "$(letters $n)"
	"$BIN" check "$D/rep$n.yaml" >"$D/out" 2>"$D/err"
	rc=$?
	check "quote 40,000 times, $n-byte context: exit 1 ($rc)" test $rc -eq 1
	check "quote 40,000 times, $n-byte context: the claim is an orphan" \
		grep -q "^$D/rep$n.yaml:6:5: error: claim \"c\": quote not found in article \"a\" (orphan)$" "$D/out"
	check "quote 40,000 times, $n-byte context: nothing on stderr" test ! -s "$D/err"
done

# the same file with an agreeing context and an `at` hint near the 30,000th
# occurrence: placed there (the candidates kept are those nearest the hint)
ctx=$(awk 'BEGIN { for (i = 0; i < 400; i++) printf "the quote is found here. " }')
claim "$D/hint.yaml" rep.md "the quote is found here." "$ctx"
echo "    at: $((30000 * 25 + 3))" >>"$D/hint.yaml"
"$BIN" check "$D/hint.yaml" >"$D/out" 2>"$D/err"
rc=$?
check "quote 40,000 times, hint near the 30,000th: exit 0 ($rc)" test $rc -eq 0
check "quote 40,000 times, hint near the 30,000th: found there, 0 orphans" \
	sh -c 'grep -q "quote found at 750000, not at its hint 750003" "$1" && grep -q " 0 orphans$" "$1"' _ "$D/out"

q=$(awk '{ print substr($0, 1, 100000) "X" substr($0, 100002) }' "$D/long.md")
claim "$D/long.yaml" long.md "$q" ""
"$BIN" check "$D/long.yaml" >"$D/out" 2>"$D/err"
rc=$?
check "200 KB quote with one edit: exit 1 ($rc)" test $rc -eq 1
check "200 KB quote with one edit: an orphan, saying why" \
	grep -q "^$D/long.yaml:6:5: error: claim \"c\": quote not found in article \"a\" (orphan; a quote over 1024 bytes must match exactly)$" "$D/out"
# exactly, the same quote is found
q=$(cat "$D/long.md")
claim "$D/exact.yaml" long.md "$q" ""
"$BIN" check "$D/exact.yaml" >"$D/out" 2>"$D/err"
rc=$?
check "200 KB quote, exact: exit 0, 0 orphans ($rc)" sh -c '[ $1 -eq 0 ] && grep -q " 0 orphans$" "$2"' _ $rc "$D/out"

finish
