# annotate.sh: annotating in the reader: a claim made from a visual selection
# passes `crossread check`, a link made with l...l shows in the claims
# overview, suggestions (s) accepted with y land in the personal file, and a
# save that fails is shown, keeps the change and is asked about at quit.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
CURATED_SUM=$(sha256sum "$ANN" | cut -d' ' -f1)
N="$TMPDIR/mine.notes.yaml"
rm -f "$N"

# 1. v, w w, m, c: a claim of kind claim from the selection
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' || not_ok "reader started"
tm_keys v
tm_keys w w
tm_keys m
tm_wait 'Make it a claim' 5
tm_keys c
tm_wait 'claim my-claim-1 added' 5
check "m makes a claim from the selection (status says so)" screen_has 'claim my-claim-1 added'
check "the personal file holds the claim" grep -q 'id: my-claim-1' "$N"
check "the personal file passes crossread check" "$BIN" check "$N"
check "the curated file is byte-identical" [ "$(sha256sum "$ANN" | cut -d' ' -f1)" = "$CURATED_SUM" ]

# 2. l ... l: link the AFP pane's first claim to the NPR accusation
tm_keys Tab
tm_keys ']'
tm_keys l
tm_wait 'link from' 5
tm_keys Tab
tm_keys ']'
tm_keys ']'
tm_keys l
tm_wait 'rebuts this' 5
tm_keys r
tm_wait 'link .* rebuts .* added' 5
check "l ... l makes a link (status says so)" screen_has 'link .* rebuts .* added'
check "the personal file holds the link" grep -q 'rel: rebuts' "$N"
tm_keys c
tm_wait 'Claims overview' 5
check "the claims overview lists the new answer" screen_has 'rebuts \[afp\].*affected at least 30,000'
tm_keys Escape
tm_keys q
tm_wait '\[exited 0\]' 5
check "q quits cleanly" screen_has '\[exited 0\]'
check "the personal file still passes crossread check" "$BIN" check "$N"

# 3. s shows suggestions, ] selects one, y accepts it as a link
before=$(grep -c 'rel:' "$N")
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' || not_ok "reader restarted"
tm_keys s
tm_wait 'suggested match' 10
check "s shows suggestions" screen_has 'suggested match'
tm_keys Tab
n=0
while [ $n -lt 40 ] && ! screen_has 'suggested (same|rebuts)'; do
	tm_keys ']'
	sleep 0.05
	n=$((n + 1))
done
check "] stops on a suggestion" screen_has 'suggested (same|rebuts)'
# one more ] and back with [: the same suggestion, even where a claim
# starts at the same place (a claim comes first going down, last going up)
tm_keys ']'
tm_settle
tm_keys '['
tm_settle
check "] then [ comes back to the suggestion" screen_has 'suggested (same|rebuts)'
tm_keys y
tm_wait 'link .* added' 5
after=$(grep -c 'rel:' "$N")
check "y writes a link to the personal file ($before -> $after links)" [ "$after" -gt "$before" ]
check "the personal file passes crossread check after y" "$BIN" check "$N"
tm_keys q
tm_wait '\[exited 0\]' 5

# 4. a save that cannot happen: the user is told, nothing is lost silently
BAD="$TMPDIR/no/such/dir/n.notes.yaml"
tm_start 120 40 "$BIN" "$ANN" --notes "$BAD"
tm_wait 'China denies' || not_ok "reader started with an unwritable notes file"
tm_keys v w m
tm_wait 'Make it a claim' 5
tm_keys c
tm_wait 'fail' 5
check "a failed save is shown in the status line" screen_has 'fail'
tm_keys q
tm_wait 'Not saved' 5
check "quitting with unsaved changes asks first" screen_has 'Not saved'
tm_keys c
sleep 0.3
check "c keeps the reader open" screen_lacks '\[exited'
tm_keys q
tm_wait 'Not saved' 5
tm_keys q
tm_wait '\[exited 0\]' 5
check "q at the question quits" screen_has '\[exited 0\]'

# 5. fsync failing (strace fault injection): original untouched, user told
if command -v strace >/dev/null 2>&1; then
	cp "$N" "$TMPDIR/orig.yaml"
	# LeakSanitizer cannot run under ptrace: leaks are checked everywhere else
	tm_start 120 40 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -o /dev/null -e trace=fsync -e inject=fsync:error=EIO "$BIN" "$ANN" --notes "$N"
	tm_wait 'China denies' 10 || not_ok "reader started under strace"
	tm_keys v w w w m
	tm_wait 'Make it a claim' 5
	tm_keys a
	tm_wait 'fail' 5
	check "fsync EIO: the failure is shown" screen_has 'fail'
	check "fsync EIO: the personal file is byte-identical" cmp -s "$N" "$TMPDIR/orig.yaml"
	tm_keys q
	tm_wait 'Not saved' 5
	check "fsync EIO: quitting asks" screen_has 'Not saved'
	tm_keys q
else
	not_ok "strace is not installed (scripts/deps.sh test installs it)"
fi
# 6. another process edits the personal file while the reader has it open:
#    the next change merges, and neither side's content is lost
C="$TMPDIR/conc.notes.yaml"
rm -f "$C"
tm_start 120 40 "$BIN" "$ANN" --notes "$C"
tm_wait 'China denies' || not_ok "reader started for the concurrency case"
tm_keys v w m
tm_wait 'Make it a claim' 5
tm_keys c
tm_wait 'claim my-claim-1 added' 5
check "concurrency: first claim saved" grep -q 'id: my-claim-1' "$C"
cat >>"$C" <<'YAML'
notes:
- id: outside-note
  on: my-claim-1
  text: written by another process
  created: '2026-01-01T00:00:00Z'
YAML
tm_keys j j j j j j v w w m
tm_wait 'Make it a claim' 5
tm_keys r
tm_wait 'claim my-claim-2 added' 5
check "concurrency: the status line says the file was merged" screen_has 'merged'
check "concurrency: the other process's note survived" grep -q 'id: outside-note' "$C"
check "concurrency: the reader's new claim is there too" grep -q 'id: my-claim-2' "$C"
check "concurrency: the merged file passes check" "$BIN" check "$C"
tm_keys q
tm_wait '\[exited 0\]' 5
finish
