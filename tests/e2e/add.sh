#!/bin/sh
# add.sh: `crossread add` against a real local web server (tests/e2e/httpd.py
# on 127.0.0.1, a free port, started and stopped here): each test page is
# kept as Markdown whose display text is the page's, a story file gains the
# article (its comments kept, `crossread check` still clean), and every
# failure is one line and exit 2: a name that does not resolve (.invalid,
# reserved never to exist), a refused connection, a timeout, TLS spoken to a
# plain-HTTP server, HTTP 404, not HTML, too large (announced and streamed),
# a redirect loop.
. "$ROOT/tests/e2e/lib.sh"

DATA="$ROOT/tests/data/html"
python3 "$ROOT/tests/e2e/httpd.py" "$DATA" "$TMPDIR/port" &
SRV=$!
trap 'kill $SRV 2>/dev/null' EXIT
n=0
while [ ! -s "$TMPDIR/port" ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
PORT=$(cat "$TMPDIR/port" 2>/dev/null)
check "local server listens" [ -n "$PORT" ]
BASE="http://127.0.0.1:$PORT"
cd "$TMPDIR" || exit 1

for html in "$DATA"/*.html; do
	name=$(basename "$html" .html)
	"$BIN" add "$BASE/$name.html" >"$name.add" 2>"$name.err"
	rc=$?
	saved=$(sed -n 's/^added //p' "$name.add")
	check "$name: added (exit 0)" [ "$rc" -eq 0 ]
	check "$name: no warning" [ ! -s "$name.err" ]
	check "$name: kept in articles/" [ -f "articles/${saved#articles/}" ]
	"$BIN" dump "$saved" >"$name.md.txt" 2>"$name.md.meta"
	check "$name: the kept file's display text is the page's" cmp -s "$DATA/$name.expected.txt" "$name.md.txt"
	check "$name: front matter has url and fetched" grep -q '^fetched: "20' "$saved"
	grep '^title:\|^outlet:\|^date:' "$DATA/$name.meta" | sed 's/ (.*//' >"$name.want.meta"
	grep '^title:\|^outlet:\|^date:' "$name.md.meta" | sed 's/ (.*//' >"$name.got.meta"
	check "$name: title, outlet and date kept" cmp -s "$name.want.meta" "$name.got.meta"
done

# a redirect is followed; the same page again gets a new name
"$BIN" add "$BASE/redirect" >redir.out 2>&1
check "a redirect is followed" grep -q '^added articles/rhine-shipping-halted-as-floods-swamp-cologne-quays-2.md$' redir.out

# --to: the story file lists the new article; comments stay; check is clean
mkdir story
cat >story/flood.yaml <<'YAML'
# the Rhine flood, June 2024
version: 1
articles:
  - id: first
    path: first.md   # a local file
claims: []
YAML
printf -- '---\ntitle: First\n---\nFirst body.\n' >story/first.md
"$BIN" add "$BASE/broadcaster.html" --to story/flood.yaml >to.out 2>&1
check "add --to exits 0" [ $? -eq 0 ]
check "add --to saves beside the story file" [ -f story/cologne-floods-rhine-closed-to-ships-as-river-rises.md ]
check "add --to names the article and its id" grep -q 'as cologne-floods-rhine-closed-to-ships-as-river-rises$' to.out
check "the story file lists it" grep -q 'path: "cologne-floods-rhine-closed-to-ships-as-river-rises.md"' story/flood.yaml
check "the story file keeps its comments" grep -q '# a local file' story/flood.yaml
"$BIN" check story/flood.yaml >check.out 2>&1
check "crossread check: the story file is clean" [ $? -eq 0 ]
check "crossread check counts two articles" grep -q 'check: 2 articles' check.out
"$BIN" add "$BASE/broadcaster.html" --to story/flood.yaml >to2.out 2>&1
check "a second add gets a fresh id" grep -q 'as cologne-floods-rhine-closed-to-ships-as-river-rises-2$' to2.out
# a story file that does not exist yet is started
"$BIN" add "$BASE/blog.html" --to new/story.yaml >new.out 2>&1
"$BIN" check new/story.yaml >new.check 2>&1
check "a new story file is started" [ $? -eq 0 ]

# crossread URL URL: both pages fetched, kept in the cache, opened
tm_start 200 20 env XDG_CACHE_HOME="$TMPDIR/cache" "$BIN" "$BASE/wire.html" "$BASE/paywall.html"
check "URL URL: the first page's title" tm_wait 'Rhine shipping halted as floods swamp'
check "URL URL: the second page's outlet" screen_has 'Rheinische Allgemeine'
tm_keys q
check "URL URL: q quits" tm_wait '\[exited 0\]'
check "URL URL: the pages are kept in the cache" [ -f "$TMPDIR/cache/crossread/pages/rhine-shipping-halted-as-floods-swamp-cologne-quays.md" ]
XDG_CACHE_HOME="$TMPDIR/cache" "$BIN" "$BASE/wire.html" "$BASE/missing" >urlfail.out 2>&1
check "URL URL: a 404 is one line, exit 2, before the screen" [ $? -eq 2 ]
check "URL URL: says HTTP 404" grep -q ': HTTP 404$' urlfail.out

# failures: one line on stderr, exit 2, nothing saved
fails() { # DESC EXPECTED-REGEX URL [ENV...]
	desc=$1 want=$2 url=$3
	shift 3
	before=$(ls articles | wc -l)
	env "$@" "$BIN" add "$url" >fail.out 2>fail.err
	rc=$?
	after=$(ls articles | wc -l)
	check "$desc: exit 2" [ "$rc" -eq 2 ]
	check "$desc: one line" [ "$(wc -l <fail.err)" -eq 1 ]
	check "$desc: says '$want'" grep -Eq "^crossread: .*: $want" fail.err
	check "$desc: nothing saved" [ "$before" -eq "$after" ]
}
fails "HTTP 404" "HTTP 404" "$BASE/missing"
fails "not HTML" "not an HTML page \(image/png\)" "$BASE/image.png"
fails "announced too large" "page too large" "$BASE/huge"
fails "streamed too large" "page too large" "$BASE/stream-huge"
fails "redirect loop" "more than 5 redirects" "$BASE/loop"
fails "timeout" "timed out after 1 s" "$BASE/slow" CROSSREAD_FETCH_TIMEOUT=1
fails "TLS" "TLS: " "https://127.0.0.1:$PORT/wire.html"
fails "DNS" "cannot resolve host" "http://crossread-test.invalid/"
kill $SRV 2>/dev/null
wait $SRV 2>/dev/null
fails "refused" "connection refused" "$BASE/wire.html"
fails "not a URL" "only http and https" "ftp://127.0.0.1/x"
"$BIN" add >usage.err 2>&1
check "add without a URL is a usage error" [ $? -eq 2 ]
finish
