#!/bin/sh
# e2e: `crossread merge-file` as git's merge driver in a real repository:
# two branches each add, edit and delete entries of the same annotation
# file; git merges them through the driver (.gitattributes + git config as
# README gives them) without a conflict, every change of both sides is in
# the result, and the diff the merge adds is exactly the other side's. One
# entry edited differently on both sides is a conflict: git stops, both
# versions are kept and the conflict file names that entry alone.
. "$ROOT/tests/e2e/lib.sh"
D="$ROOT/tests/data/export"
R="$TMPDIR/repo"
mkdir -p "$R"
cd "$R" || exit 1
git init -q -b main . 2>/dev/null || { git init -q . && git checkout -q -b main; }
git config user.email t@example.org
git config user.name tester
git config commit.gpgsign false
cp "$D/fire-a.md" "$D/fire-b.md" "$D/story.yaml" .
# the file as crossread writes it (its stable layout)
"$BIN" merge-file story.yaml story.yaml story.yaml
check "merge-file of three equal versions: exit 0" test $? -eq 0
printf '*.yaml merge=crossread\n' >.gitattributes
git config merge.crossread.name "crossread annotation merge"
git config merge.crossread.driver "$BIN merge-file %O %A %B %P"
git add -A && git commit -qm base

# edit FILE OP ID [ARGS]: entries are "- id: ID" blocks of a section
edit() {
	python3 - "$@" <<'PY'
import json, sys
path, op, eid = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
def block(eid):
    for i, l in enumerate(lines):
        if l == "- id: " + eid:
            j = i + 1
            while j < len(lines) and lines[j].startswith("  "):
                j += 1
            return i, j
    sys.exit("no entry " + eid)
if op == "delete":
    i, j = block(eid)
    del lines[i:j]
elif op == "set":  # set ID KEY VALUE
    key, val = sys.argv[4:6]
    i, j = block(eid)
    for k in range(i, j):
        if lines[k].startswith("  " + key + ":"):
            lines[k] = "  %s: %s" % (key, json.dumps(val))
            break
    else:
        sys.exit("no key " + key)
elif op == "note":  # note ID ON TEXT: a new note after the last one
    on, text = sys.argv[4:6]
    last = max(i for i, l in enumerate(lines) if l.startswith("- id: "))
    i, j = block(lines[last][6:])
    lines[j:j] = ["- id: " + eid, "  on: " + on, "  created: 2026-12-01T12:00:00Z",
                  "  text: " + json.dumps(text)]
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
	# as crossread itself would have written it
	"$BIN" merge-file "$1" "$1" "$1"
}

git checkout -q -b alice
edit story.yaml note n-alice times-800 "Alice: the company figure is from Monday."
git commit -qam "alice: a note"
check "one new note is a small diff (4 lines added, none removed)" test "$(git diff --numstat HEAD~ HEAD -- story.yaml | cut -f1,2 | tr '\t' ' ')" = "4 0"
edit story.yaml set wire-inquiry by "Two council members"
edit story.yaml delete n-article
git commit -qam "alice: edit a claim, delete a note"

git checkout -q main
git checkout -q -b bob
edit story.yaml note n-bob wire-2400 "Bob: the chief repeated it on radio."
edit story.yaml set times-denial against "the mayor's office"
edit story.yaml delete times-lost
git commit -qam "bob: a note, an edit, a deletion"
git diff --numstat main bob -- story.yaml | cut -f1,2 >"$TMPDIR/bob.numstat"

git checkout -q alice
git merge -q --no-edit bob >"$TMPDIR/merge.out" 2>&1
st=$?
cat "$TMPDIR/merge.out"
check "git merge through the driver: no conflict" test $st -eq 0
check "no conflict file for a clean merge" test ! -e story.conflict.yaml
"$BIN" check story.yaml >"$TMPDIR/check.out" 2>&1
check "the merged file checks clean (exit 0)" test $? -eq 0
cat "$TMPDIR/check.out"
"$BIN" export story.yaml --format csv -n "$TMPDIR/none.yaml" >"$TMPDIR/m.csv"
check "alice's new note is there" grep -q "^note,n-alice,.*Alice: the company figure" "$TMPDIR/m.csv"
check "bob's new note is there" grep -q "^note,n-bob,.*Bob: the chief repeated" "$TMPDIR/m.csv"
check "alice's edit is there" grep -q "^claim,wire-inquiry,.*,Two council members," "$TMPDIR/m.csv"
check "bob's edit is there" grep -q "^claim,times-denial,.*,the company,the mayor's office," "$TMPDIR/m.csv"
check "alice's deletion holds" sh -c "! grep -q '^note,n-article,' '$TMPDIR/m.csv'"
check "bob's deletion holds" sh -c "! grep -q '^claim,times-lost,' '$TMPDIR/m.csv'"
check "untouched entries stay" grep -q "^note,n-link,.*Ask the fire service" "$TMPDIR/m.csv"
git diff --numstat alice~0^1 HEAD -- story.yaml | cut -f1,2 >"$TMPDIR/merge.numstat"
check "the merge adds exactly bob's lines to alice's file (stable layout)" cmp -s "$TMPDIR/bob.numstat" "$TMPDIR/merge.numstat"

# a conflict: both change one note's text
git checkout -q -b carol
edit story.yaml set n-link text "Carol: the fire service says 2,400."
git commit -qam "carol"
git checkout -q alice
git checkout -q -b dave
edit story.yaml set n-link text "Dave: the fire service says 800."
edit story.yaml note n-dave times-mayor "Dave: a second note."
git commit -qam "dave"
git merge -q --no-edit carol >"$TMPDIR/conflict.out" 2>&1
st=$?
cat "$TMPDIR/conflict.out"
check "an entry edited differently on both sides: git reports a conflict" test $st -ne 0
check "git names the file as conflicted" sh -c "git diff --name-only --diff-filter=U | grep -qx story.yaml"
check "the conflicted result still loads" sh -c "'$BIN' check story.yaml >/dev/null"
check "both versions are kept (ours, theirs as n-link-disk)" sh -c "grep -q 'text: .Dave: the fire service says 800' story.yaml && grep -q 'text: .Carol: the fire service says 2,400' story.yaml && grep -qx -- '- id: n-link-disk' story.yaml"
check "the non-conflicting change of the same merge is in" grep -q "Dave: a second note." story.yaml
check "the conflict file exists" test -s story.conflict.yaml
check "the conflict file lists that entry only" sh -c "test \$(grep -c '^- kind:' story.conflict.yaml) -eq 1 && grep -q '^  id: n-link$' story.conflict.yaml"
"$BIN" merge-file story.yaml "$TMPDIR/nope.yaml" story.yaml >/dev/null 2>&1
check "merge-file: an unreadable version: exit 2" test $? -eq 2
printf 'version: 1\nclaims: [\n' >"$TMPDIR/broken.yaml"
cp story.yaml "$TMPDIR/keep.yaml"
"$BIN" merge-file story.yaml "$TMPDIR/keep.yaml" "$TMPDIR/broken.yaml" >/dev/null 2>&1
check "merge-file: a version that is not YAML: exit 2" test $? -eq 2
check "merge-file: ours untouched when it cannot merge" cmp -s story.yaml "$TMPDIR/keep.yaml"
finish
