# scale.sh: a story of 100 000 entries (claims + links + notes, written by
# tests/tools/genstory) passes `crossread check` with exit 0 and every
# claim anchored.
. "$ROOT/tests/e2e/lib.sh"

out="$TMPDIR/out"
"$ROOT/$BUILD/tools/genstory" "$TMPDIR" big 100000
"$BIN" check "$TMPDIR/big.yaml" >"$out" 2>&1
rc=$?
check "100k-entry story: check exits 0" [ "$rc" -eq 0 ]
check "100k-entry story: every entry counted, no orphan" \
	grep -qx "check: 2 articles, 40000 claims, 20000 links, 40000 notes, 0 orphans" "$out"
rm -f "$TMPDIR"/big*
finish
