# annotate.sh: annotating in the reader: a claim made from a visual selection
# passes `crossread check`, a link made with r...r shows in the claims
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
tm_wait 'claim added: ' 5
check "m makes a claim from the selection (status says so)" screen_has "claim added: .*: '.*'"
check "the personal file holds the claim" grep -Eq 'id: c-[0-9a-z]{6}$' "$N"
check "the personal file passes crossread check" "$BIN" check "$N"
check "the curated file is byte-identical" [ "$(sha256sum "$ANN" | cut -d' ' -f1)" = "$CURATED_SUM" ]

# 2. r ... r: link the AFP pane's first claim to the NPR accusation
tm_keys Tab
tm_keys ']'
tm_keys r
tm_wait 'link from' 5
tm_keys Tab
tm_keys ']'
tm_keys ']'
tm_keys r
tm_wait 'r\) rebuts' 5
tm_keys r
tm_wait 'added link .* rebuts' 5
check "r ... r makes a link (status says so)" screen_has 'added link .* rebuts'
check "the personal file holds the link" grep -q 'rel: rebuts' "$N"
tm_keys c
tm_wait 'Claims overview' 5
check "the claims overview lists the new answer" screen_has 'rebuts: .*affected at least 30,000'
tm_keys Escape
tm_keys q
tm_wait '\[exited 0\]' 5
check "q quits cleanly" screen_has '\[exited 0\]'
check "the personal file still passes crossread check" "$BIN" check "$N"

# 3. s shows suggestions, ] selects one, y accepts it as a link
before=$(grep -c 'rel:' "$N")
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' || not_ok "reader restarted"
# underlined cells on screen (suggestions are drawn underlined; so are
# Markdown links, which are there before s too)
underlined() {
	tm capture-pane -t t -p -e | perl -e '
	my $n = 0;
	while (my $l = <STDIN>) {
		my $u = 0;
		while (length $l) {
			if ($l =~ s/^\e\[([0-9;:]*)m//) {
				for my $p (split /;/, ($1 eq "" ? "0" : $1)) {
					$u = 0 if $p eq "0" || $p eq "24";
					$u = 1 if $p eq "4" || $p =~ /^4:/;
				}
				next;
			}
			next if $l =~ s/^\e[^a-zA-Z]*[a-zA-Z]//;
			$l =~ s/^(.)//s;
			$n++ if $u && $1 ne " " && $1 ne "\n";
		}
	}
	print "$n\n";'
}
under_before=$(underlined)
tm_keys s
tm_wait 'suggested match' 10
check "s shows suggestions" screen_has 'suggested match'
count1=$(tm_screen | tail -n 1 | sed -n 's/.* \([0-9][0-9]*\) suggested match.*/\1/p')
tm_settle
under_after=$(underlined)
check "s highlights suggested sentences ($under_before -> $under_after underlined cells)" [ "$under_after" -gt "$under_before" ]
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
tm_keys Enter
tm_wait 'y accepts it as a link' 5
check "Enter on a suggestion jumps to its partner" screen_has 'y accepts it as a link'
tm_keys y
tm_wait 'accepted: ' 5
after=$(grep -c 'rel:' "$N")
check "y writes a link to the personal file ($before -> $after links)" [ "$after" -gt "$before" ]
check "the personal file passes crossread check after y" "$BIN" check "$N"
# the last link's ends (from the personal file as written), and each
# claim's article (from both files: y links the claims that already cover
# the sentences, curated or yours, and makes claims only where none does)
link_ends_articles() {
	awk '
	FNR == 1 { sec = "" }
	/^claims:/ { sec = "c"; next } /^links:/ { sec = "l"; next } /^[a-z]/ { sec = "" }
	sec == "c" && /^ *- id: / { id = $3 } sec == "c" && /^ *article: / { art[id] = $2 }
	sec == "l" && FILENAME == ARGV[2] && /^ *(- )?from: / { from = $NF }
	sec == "l" && FILENAME == ARGV[2] && /^ *to: / { to = $2 }
	END { print art[from] " " art[to] }' "$ANN" "$1"
}
ends=$(link_ends_articles "$N")
check "y's link joins two claims, one in each article ($ends)" \
	sh -c '[ -n "${1% *}" ] && [ -n "${1#* }" ] && [ "${1% *}" != "${1#* }" ]' _ "$ends"
tm_keys s
tm_wait 'suggestions hidden' 5
tm_keys s
tm_wait 'suggested match' 10
count2=$(tm_screen | tail -n 1 | sed -n 's/.* \([0-9][0-9]*\) suggested match.*/\1/p')
check "a suggestion a link now covers is no longer offered ($count1 -> $count2)" [ "${count2:-x}" -lt "${count1:-0}" ]
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
tm_wait 'claim added: ' 5
C1=$(sed -n 's/^.*id: \(c-[0-9a-z]\{6\}\)$/\1/p' "$C" | head -1)
check "concurrency: first claim saved (a random id, $C1)" [ -n "$C1" ]
cat >>"$C" <<YAML
notes:
- id: outside-note
  on: $C1
  text: written by another process
  created: '2026-01-01T00:00:00Z'
YAML
tm_keys j j j j j j v w w m
tm_wait 'Make it a claim' 5
tm_keys r
tm_wait 'claim added: .*merged' 5
C2=$(sed -n 's/^.*id: \(c-[0-9a-z]\{6\}\)$/\1/p' "$C" | grep -v "$C1" | head -1)
check "concurrency: the status line says the file was merged" screen_has 'merged'
check "concurrency: the other process's note survived" grep -q 'id: outside-note' "$C"
check "concurrency: the reader's new claim is there too" [ -n "$C2" ]
check "concurrency: the merged file passes check" "$BIN" check "$C"
# 7. u after the merge undoes only the reader's last change: the other
#    process's note stays; the claim it annotated is not taken from under it
tm_keys u
tm_wait 'undone' 5
check "undo after a merge: the status line says undone" screen_has 'undone'
check "undo after a merge: the reader's last claim is gone" sh -c "! grep -q 'id: $C2' '$C'"
check "undo after a merge: the other process's note survived" grep -q 'id: outside-note' "$C"
check "undo after a merge: the file passes check" "$BIN" check "$C"
tm_keys u
tm_wait 'not undone' 5
check "undo of a claim another process annotated is refused" screen_has "not undone: the claim '.*' has links or notes"
check "refused undo: the claim and the other note stay" \
	sh -c "grep -q 'id: $C1' '$C' && grep -q 'id: outside-note' '$C'"
tm_keys q
tm_wait '\[exited 0\]' 5

# 8. several notes on one claim: each reachable (> cycles), d deletes the
#    one shown, u brings it back
M="$TMPDIR/multi.notes.yaml"
rm -f "$M"
tm_start 120 40 "$BIN" "$ANN" --notes "$M"
tm_wait 'China denies' || not_ok "reader started for notes"
tm_keys ']'
tm_settle
for t in "first note alpha" "second note beta"; do
	tm_keys a
	tm_wait 'Ctrl-S save' 5
	tm_text "$t"
	tm_keys C-s
	tm_wait 'note added' 5
done
check "two notes on one claim: both in the personal file" \
	sh -c "grep -q 'first note alpha' '$M' && grep -q 'second note beta' '$M'"
check "the panel shows the note just written, 2/2" sh -c "tmux -S '$SOCK' capture-pane -t t -p | grep -q 'note 2/2' && tmux -S '$SOCK' capture-pane -t t -p | grep -q 'second note beta'"
tm_keys '>'
tm_settle
check "> shows the other note (1/2)" sh -c "tmux -S '$SOCK' capture-pane -t t -p | grep -q 'note 1/2' && tmux -S '$SOCK' capture-pane -t t -p | grep -q 'first note alpha'"
tm_keys d
tm_wait 'delete note' 5
tm_keys y
tm_wait 'note deleted' 5
check "d deletes the note shown, and only it" \
	sh -c "! grep -q 'first note alpha' '$M' && grep -q 'second note beta' '$M'"
check "the panel now shows the remaining note" screen_has 'second note beta'
tm_keys u
tm_wait 'undone' 5
check "u brings the deleted note back" grep -q 'first note alpha' "$M"
check "the notes file passes check" "$BIN" check "$M"
tm_keys q
tm_wait '\[exited 0\]' 5

# 9. one sentence suggested with two on the other side: ] visits both, [
#    comes back
mkdir -p "$TMPDIR/two"
cat >"$TMPDIR/two/a.md" <<'MD'
---
title: A
---
At least 30,000 organizations in the United States were hit by the Microsoft Exchange hack, officials said.

The weather in Beijing was sunny on Tuesday.
MD
cat >"$TMPDIR/two/b.md" <<'MD'
---
title: B
---
The Microsoft Exchange hack hit at least 30,000 organizations in the United States, officials said on Monday.

Officials said 30,000 United States organizations were hit by the Microsoft Exchange hack.

Football results were announced later.
MD
tm_start 120 30 "$BIN" --notes "$TMPDIR/two/n.yaml" "$TMPDIR/two/a.md" "$TMPDIR/two/b.md"
tm_wait '│ B' 10
tm_keys s
tm_wait '2 suggested matches' 10
check "two suggestions share the left sentence" screen_has '2 suggested matches'
tm_keys ']'
tm_wait 'score' 5
first=$(tm_screen | tail -n 1 | grep -o 'score [0-9.]*')
tm_keys ']'
tm_settle
second=$(tm_screen | tail -n 1 | grep -o 'score [0-9.]*')
check "] reaches the second suggestion on the same sentence ($first, then $second)" \
	sh -c '[ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]' _ "$first" "$second"
tm_keys ']'
tm_settle
check "] after both: no more below" sh -c "tmux -S '$SOCK' capture-pane -t t -p | tail -n 1 | grep -q 'no more'"
tm_keys '['
tm_settle
check "[ comes back to the first ($first)" sh -c "tmux -S '$SOCK' capture-pane -t t -p | tail -n 1 | grep -q '$first'"
tm_keys q
tm_wait '\[exited 0\]' 5
finish
