#!/bin/sh
# e2e: the exported HTML page in a real browser (headless Chromium driven
# over its DevTools pipe by tests/e2e/cdp.py, no network): the bundled
# story's page shows its highlights (screenshot kept under
# BUILD/test-output/), a real mouse click on a claim whose partner is out
# of view brings the partner into view (the page's own script, allowed by
# its CSP hash, did it); the payload story's page runs no injected script.
. "$ROOT/tests/e2e/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser)
OUT="$ROOT/${BUILD:-build}/test-output/browser"
mkdir -p "$OUT"
NONOTES="$TMPDIR/none.notes.yaml"
if [ -z "$CHROMIUM" ]; then
	not_ok "chromium is installed (scripts/deps.sh test installs it)"
	finish
fi
"$BIN" export "$ROOT/annotations/microsoft-exchange-hack.yaml" --format html -n "$NONOTES" -o "$TMPDIR/bundled.html"
check "bundled story exported" test -s "$TMPDIR/bundled.html"
timeout 180 python3 "$ROOT/tests/e2e/cdp.py" "$CHROMIUM" "$TMPDIR/bundled.html" "$OUT/bundled.png" pair >"$TMPDIR/pair.json" 2>"$TMPDIR/pair.err"
check "chromium loaded the page and answered" test -s "$TMPDIR/pair.json"
cat "$TMPDIR/pair.err" "$TMPDIR/pair.json" | head -c 2000
echo
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$TMPDIR/$1" "$2" 2>/dev/null; }
check "screenshot written (PNG)" sh -c "head -c 8 '$OUT/bundled.png' | od -c | grep -q 'P   N   G'"
echo "# screenshot: $OUT/bundled.png"
check "the page has 45 highlighted claims" test "$(field pair.json marks)" = 45
check "highlights are coloured by kind" test "$(field pair.json accusation_bg)" = "rgb(255, 210, 204)"
check "the partner was out of view before the click" test "$(field pair.json visible_before)" = False
check "a click on the claim brought its partner into view" test "$(field pair.json visible_after)" = True
check "the page's own script ran (allowed by its CSP hash)" test "$(field pair.json shown)" = "$(field pair.json partner)"
check "no script error on the page" test "$(field pair.json exceptions)" = 0

"$BIN" export "$ROOT/tests/data/export/payload/payload.yaml" --format html -n "$NONOTES" -o "$TMPDIR/payload.html"
timeout 180 python3 "$ROOT/tests/e2e/cdp.py" "$CHROMIUM" "$TMPDIR/payload.html" "$OUT/payload.png" payload >"$TMPDIR/pay.json" 2>"$TMPDIR/pay.err"
check "chromium loaded the payload page" test -s "$TMPDIR/pay.json"
head -c 600 "$TMPDIR/pay.err"
check "payload page: title not changed by a payload" test "$(field pay.json title)" = "Brief: payload.yaml"
check "payload page: no injected script set window.pwned or added #pwned" test "$(field pay.json pwned)" = False
check "payload page: one script element, no image, no iframe" test "$(field pay.json scripts)$(field pay.json imgs)$(field pay.json iframes)" = 100
check "payload page: no event handler attribute, no javascript: link" test "$(field pay.json handlers)$(field pay.json jslinks)" = 00
check "payload page: the payloads show as text" sh -c "python3 -c \"import json,sys; t=json.load(open('$TMPDIR/pay.json'))['text']; sys.exit(0 if '<script>document.title=' in t and 'onerror=\\\"window.pwned=1\\\"' in t else 1)\""
finish
