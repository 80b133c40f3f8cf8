# layers.sh: the source tree keeps its layers one way down (scripts/layers.sh)
# and the check itself can fail: a planted upward include and a planted curses
# include outside src/ui are both caught.
. "$ROOT/tests/e2e/lib.sh"

check "no include points up a layer, curses only in src/ui" sh "$ROOT/scripts/layers.sh"

copy="$TMPDIR/tree"
mkdir -p "$copy"
cp -r "$ROOT/src" "$ROOT/include" "$ROOT/scripts" "$copy/"
printf '#include "crossread/reader/session.h"\n' >>"$copy/src/base/util.c"
printf '#include <curses.h>\n' >>"$copy/src/doc/article.c"
out=$(sh "$copy/scripts/layers.sh" 2>&1)
check "an upward include is reported with its file and line" \
	sh -c 'echo "$1" | grep -q "^src/base/util.c:[0-9]*: base includes reader, a higher layer"' _ "$out"
check "curses outside src/ui is reported" \
	sh -c 'echo "$1" | grep -q "^src/doc/article.c:[0-9]*: curses outside src/ui"' _ "$out"
check "the planted tree fails the check" sh -c '! sh "$1/scripts/layers.sh" >/dev/null' _ "$copy"
finish
