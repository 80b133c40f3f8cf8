# edit.sh: editing what is yours in the reader (issue 13), in tmux: E
# changes your own claim's kind, speaker and target (Tab completing the
# story's speakers) and your own link's relation, D deletes a claim with
# its links after a y/n (n keeps it), one u undoes an accepted suggestion
# and Ctrl-R redoes it, and a notes file opened directly is edited as yours.
# Each step is checked in the notes file written.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
N="$TMPDIR/mine.notes.yaml"
rm -f "$N"

# the id of the first claim of the notes file
first_claim() { sed -n 's/^- id: \(c-[0-9a-z]\{6\}\)$/\1/p' "$N" | head -1; }
# claim_has ID REGEX: the entry of claim ID in the notes file matches
claim_has() {
	awk -v id="$1" '/^- id: / { on = ($3 == id) } /^[a-z]/ { on = 0 } on' "$N" | grep -Eq -- "$2"
}
rels() { grep -c '^  rel:' "$N"; }

tm_start 120 40 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' || not_ok "reader started"

# 1. a claim of your own: v e e e m c (the cursor starts on the first word)
tm_keys v e e e m
tm_wait 'Make it a claim' 5
tm_keys c
check "m makes a claim of your own" tm_wait 'claim added: ' 5
C=$(first_claim)
check "the claim is in the notes file ($C)" [ -n "$C" ]

# 2. E: kind, speaker (Tab completes), target (Tab completes)
tm_keys E
check "E asks the claim's kind" tm_wait 'a\) accusation +r\) rebuttal +c\) claim' 5
check "the question names the claim by its words, not its id" screen_lacks "$C"
tm_keys r
check "then the speaker" tm_wait 'speaker \(by' 5
tm_text "Zh"
tm_keys Tab
check "Tab completes a speaker of the story" tm_wait 'Zhao Lijian \(China, Foreign Ministry\)' 5
check "the choices are shown" screen_has 'Tab: .*Zhao Lijian'
tm_keys Enter
check "then the target" tm_wait 'target \(against' 5
tm_text "United"
tm_keys Tab
check "Tab completes the first match" tm_wait 'none\): United States$' 5
tm_keys Tab
check "Tab again: the next match" tm_wait 'none\): United States \(Biden administration\)' 5
tm_keys Tab
check "Tab again cycles through the matches" tm_wait 'none\): United States and allies' 5
tm_keys Enter
check "the status line tells the edit" tm_wait 'now a rebuttal by Zhao Lijian' 5
check "the notes file holds the kind" claim_has "$C" 'kind: rebuttal'
check "the notes file holds the speaker" claim_has "$C" 'by: .*Zhao Lijian \(China, Foreign Ministry\)'
check "the notes file holds the target" claim_has "$C" 'against: .*United States and allies'
check "the notes file passes check" "$BIN" check "$N"

# 3. a link of yours from it, then E on the other end changes its relation
tm_keys r
tm_wait 'link from' 5
tm_keys Tab ']'
tm_settle
tm_keys r
tm_wait 'r\) rebuts' 5
tm_keys r
check "r ... r links it" tm_wait 'added link .* rebuts' 5
check "the notes file holds the link" sh -c "grep -q '^  rel: rebuts' '$N'"
tm_keys E
check "E on a curated claim with your link asks the relation" tm_wait 'x\) contradicts' 5
tm_keys x
check "the status line says the new relation" tm_wait 'link now .* contradicts' 5
check "the notes file holds the relation" sh -c "grep -q '^  rel: contradicts' '$N' && ! grep -q '^  rel: rebuts' '$N'"

# 4. a curated claim without your links: read-only, truthfully
tm_keys ']'
tm_settle
tm_keys E
check "E on a curated claim says it is read-only" tm_wait 'curated: read-only' 5
check "... and not that there is no note" screen_lacks 'no note on the selected claim'

# 5. D on your claim: the question says what goes; n keeps, y deletes
tm_keys Tab
tm_settle
tm_keys D
check "D asks, saying what goes" tm_wait "delete claim 'Skip to content.*' with 1 link\\? y/n" 5
tm_keys n
check "n keeps it" tm_wait 'kept: claim' 5
check "n: the claim is still in the file" grep -q "id: $C" "$N"
tm_keys D
tm_wait 'y/n' 5
tm_keys y
check "y deletes it (the status line says so)" tm_wait "deleted claim 'Skip to content.*' with 1 link" 5
check "y: the claim is gone from the file" sh -c "! grep -q 'id: $C' '$N'"
check "y: its link went with it" sh -c "! grep -q 'rel: contradicts' '$N'"
check "the notes file passes check after the delete" "$BIN" check "$N"
tm_keys u
check "u undoes the deletion in one step, named" tm_wait "undone: deletion of claim 'Skip to content" 5
check "u: claim and link are back" sh -c "grep -q 'id: $C' '$N' && grep -q 'rel: contradicts' '$N'"

# 6. y on a suggestion, one u, then Ctrl-R
before=$(rels)
tm_keys s
tm_wait 'suggested match' 10
tm_keys Tab
n=0
while [ $n -lt 40 ] && ! screen_has 'suggested (same|rebuts|contradicts)'; do
	tm_keys ']'
	sleep 0.05
	n=$((n + 1))
done
check "] stops on a suggestion" screen_has 'suggested (same|rebuts|contradicts)'
claims_before=$(grep -c '^- id: c-' "$N")
tm_keys y
check "y accepts it" tm_wait 'accepted: ' 5
after=$(rels)
check "y adds one link ($before -> $after)" [ "$after" -eq $((before + 1)) ]
tm_keys u
check "one u undoes the whole acceptance" tm_wait 'undone: accepted suggestion' 5
check "u: the link is gone ($(rels) links)" [ "$(rels)" -eq "$before" ]
check "u: no claim made for it is left" [ "$(grep -c '^- id: c-' "$N")" -eq "$claims_before" ]
tm_keys C-r
check "Ctrl-R redoes it" tm_wait 'redone: accepted suggestion' 5
check "Ctrl-R: the link is back" [ "$(rels)" -eq "$after" ]
tm_keys q
tm_wait '\[exited 0\]' 5
check "q quits cleanly" screen_has '\[exited 0\]'

# 7. the notes file opened directly: yours, no second notes file
tm_start 120 40 "$BIN" "$N"
tm_wait 'China denies' || not_ok "reader started on the notes file"
check "the status line names the notes file itself" tm_wait 'mine\.notes\.yaml' 5
tm_keys ']'
check "your claim is yours" tm_wait 'yours \(E edits, D deletes\)' 5
tm_keys E
tm_wait 'a\) accusation' 5
tm_keys a
tm_wait 'speaker \(by' 5
tm_keys C-u
tm_text "Me myself"
tm_keys Enter
tm_wait 'target \(against' 5
check "the prompt starts from the target there is" screen_has 'against.*United States and allies'
tm_keys C-u Enter
check "E edits it, not 'curated, not yours'" tm_wait 'now an accusation by Me myself' 5
check "the notes file opened holds the edit" claim_has "$C" 'by: .*Me myself'
check "... and the kind" claim_has "$C" 'kind: accusation'
no_target() { ! claim_has "$C" 'against:'; }
check "... and no target (an empty answer clears it)" no_target
check "no second notes file was started" [ ! -e "$TMPDIR/mine.notes.notes.yaml" ]
tm_keys q
tm_wait '\[exited 0\]' 5
check "the notes file passes check at the end" "$BIN" check "$N"
finish
