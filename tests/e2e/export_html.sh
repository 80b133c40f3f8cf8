#!/bin/sh
# e2e: `crossread export --format html` as text: one self-contained page
# (no external URL fetched, inline style and script allowed by their
# SHA-256 in the Content-Security-Policy), and a story full of payloads
# (<script>, "><img onerror>, javascript: links, </style>, ids and tags with
# markup) gives a page with no markup of its own: every payload is text.
. "$ROOT/tests/e2e/lib.sh"
P="$ROOT/tests/data/export/payload"
NONOTES="$TMPDIR/none.notes.yaml"
"$BIN" export "$P/payload.yaml" --format html -n "$NONOTES" -o "$TMPDIR/p.html"
check "payload story: export exits 0" test $? -eq 0
H="$TMPDIR/p.html"
count() { grep -o -- "$1" "$H" | wc -l | tr -d ' '; }
check "exactly one <script> element (ours)" test "$(count '<script')" -eq 1
check "exactly one <style> element (ours)" test "$(count '<style')" -eq 1
check "no <img>, <iframe>, <svg>, <textarea> element" test "$(grep -Eic '<(img|iframe|svg|textarea)' "$H")" -eq 0
# parsed as a browser would: only our own elements and attributes
python3 - "$H" >"$TMPDIR/tags.out" <<'PY'
import sys
from html.parser import HTMLParser
ours = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "section", "ul",
        "ol", "li", "a", "b", "i", "em", "small", "span", "p", "main", "article", "div",
        "mark", "sup", "br", "script"}
attrs_ok = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "rel",
            "data-c", "data-partner", "title"}
bad = []
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag not in ours:
            bad.append("element " + tag)
        for k, v in attrs:
            if k not in attrs_ok:
                bad.append("attribute " + k)
            if k == "href" and not (v.startswith("#") or v.startswith("https://")):
                bad.append("href " + v)
P().feed(open(sys.argv[1], encoding="utf-8").read())
print("\n".join(bad) if bad else "clean")
PY
check "only our own elements and attributes (no handler, no foreign href)" grep -qx clean "$TMPDIR/tags.out"
check "no javascript: link" sh -c "! grep -Eiq 'href=\"[[:space:]]*javascript:' '$H'"
check "the unsafe url of an article is not a link" sh -c "! grep -q 'href=\"https://example.org/calm' '$H'"
check "payloads are there as text" grep -q '&lt;script&gt;document.title=&#39;pwned&#39;;window.pwned=1&lt;/script&gt;' "$H"
check "an id with markup never reaches an attribute" sh -c "! grep -q 'id=\"c\"' '$H'"
check "a note's markup is text" grep -q '&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt; and' "$H"
check "a tag's markup is text" grep -q '&lt;b onmouseover=&quot;window.pwned=1&quot;&gt;tag&lt;/b&gt;' "$H"

# the policy's hashes are those of the inline style and script
python3 - "$H" >"$TMPDIR/csp.out" <<'PY'
import base64, hashlib, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
def h(s):
    return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
print("default-none" if "default-src 'none'" in csp else "no-default")
print("style-ok" if "style-src " + h(style) in csp else "style-bad")
print("script-ok" if "script-src " + h(script) in csp else "script-bad")
print("no-external" if not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://example.org/harbour', '')) else "external")
PY
check "CSP: default-src 'none'" grep -q default-none "$TMPDIR/csp.out"
check "CSP: style allowed by its hash" grep -q style-ok "$TMPDIR/csp.out"
check "CSP: script allowed by its hash" grep -q script-ok "$TMPDIR/csp.out"

"$BIN" export "$ROOT/annotations/microsoft-exchange-hack.yaml" --format html -n "$NONOTES" -o "$TMPDIR/b.html"
check "bundled story: html exits 0" test $? -eq 0
check "bundled story: nothing fetched (no src= at all)" sh -c "! grep -q ' src=' '$TMPDIR/b.html'"
check "bundled story: every claim has an anchor" test "$(grep -o 'class="anchor" id="c[0-9]*"' "$TMPDIR/b.html" | sort -u | wc -l)" -eq 45
check "bundled story: highlights of all three kinds" sh -c "grep -q 'mark class=\"k-accusation' '$TMPDIR/b.html' && grep -q 'mark class=\"k-rebuttal' '$TMPDIR/b.html' && grep -q 'mark class=\"k-claim' '$TMPDIR/b.html'"
check "bundled story: pair numbers link to partners" grep -q 'class="pair" href="#c[0-9]*" data-partner="c[0-9]*">[1-9]' "$TMPDIR/b.html"
check "bundled story: printable (@media print)" grep -q '@media print' "$TMPDIR/b.html"
"$BIN" export "$ROOT/tests/data/export/story.yaml" --format html -o "$TMPDIR/s.html"
check "notes as footnotes" grep -q '<li id="n2">3. <a href="#c2">on this claim</a>: Check the inspection reports' "$TMPDIR/s.html"
check "notes on hover (title)" grep -q 'title="accusation by the mayor against the company — note: Check the inspection reports' "$TMPDIR/s.html"
check "a note on an article under it" grep -q 'on the article: The wire story' "$TMPDIR/s.html"
finish
