#!/bin/sh
# articles.sh: every bundled article (articles/*.md) has front matter the
# reader takes as metadata (not as body text), a non-empty body, and, when the
# shared seed corpus is present (ROOT/../shared/seeds), a body byte-identical
# to the seed file its `source:` names.
set -u
: "${BIN:?}" "${ROOT:?}" "${TMPDIR:=/tmp}"
failed=0
ok() { echo "ok - $*"; }
not_ok() {
	echo "not ok - $*"
	failed=1
}

SEEDS="$ROOT/../shared/seeds"
if [ -d "$SEEDS" ]; then
	echo "# seed corpus found: $SEEDS (bodies are compared byte for byte)"
else
	echo "# no seed corpus at $SEEDS: only front matter and non-empty bodies are checked"
fi

n=0
for f in "$ROOT"/articles/*.md; do
	name=$(basename "$f")
	[ "$name" = README.md ] && continue
	n=$((n + 1))
	if [ "$(head -n 1 "$f")" != "---" ]; then
		not_ok "$name: starts with front matter (---)"
		continue
	fi
	close=$(tail -n +2 "$f" | grep -n -m 1 -E '^(---|\.\.\.)$' | cut -d: -f1)
	if [ -z "$close" ]; then
		not_ok "$name: front matter is closed"
		continue
	fi
	close=$((close + 1)) # line number of the closing fence
	fm=$(sed -n "2,$((close - 1))p" "$f")
	title=$(printf '%s\n' "$fm" | sed -n 's/^title: *//p' | sed 's/^"\(.*\)"$/\1/')
	if [ -n "$title" ]; then ok "$name: front matter has a title"; else not_ok "$name: front matter has a title"; fi

	# the reader's own view: front matter is metadata, the body is shown
	"$BIN" dump "$f" >"$TMPDIR/dump" 2>"$TMPDIR/dump.err"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$TMPDIR/dump" ] && grep -q '[[:alnum:]]' "$TMPDIR/dump"; then
		ok "$name: dump shows a non-empty body"
	else
		not_ok "$name: dump shows a non-empty body (exit $rc: $(head -c 200 "$TMPDIR/dump.err"))"
	fi
	if grep -Eq '^(title|outlet|date|source): ' "$TMPDIR/dump"; then
		not_ok "$name: front matter parsed as metadata (it appears in the body)"
	else
		ok "$name: front matter parsed as metadata, not shown as body"
	fi

	[ -d "$SEEDS" ] || continue
	src=$(printf '%s\n' "$fm" | sed -n 's/^source: *//p' | sed 's/^"\(.*\)"$/\1/')
	if [ -z "$src" ]; then
		not_ok "$name: front matter names its source seed"
		continue
	fi
	if [ ! -f "$SEEDS/$src" ]; then
		not_ok "$name: source $src exists in $SEEDS"
		continue
	fi
	tail -n +"$((close + 1))" "$f" >"$TMPDIR/body"
	if cmp -s "$TMPDIR/body" "$SEEDS/$src"; then
		ok "$name: body is byte-identical to seeds/$src ($(wc -c <"$SEEDS/$src") bytes)"
	else
		not_ok "$name: body is byte-identical to seeds/$src"
		cmp "$TMPDIR/body" "$SEEDS/$src" | sed 's/^/    /'
	fi
done
if [ $n -ge 2 ]; then ok "found $n bundled articles"; else not_ok "found the two bundled articles (found $n)"; fi
exit $failed
