# notes_more.sh: notes beyond a claim's (issue 13): the bundled file's link
# note shown when its link is followed, a note on that link with a right
# after Enter and in the claims overview beside the link, a note on a whole
# article (article list, pane header), tags added, shown, filtered and
# undone, the overview of a file with only a claim and its rebuttal, and the
# overview's search.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
N="$TMPDIR/mine.notes.yaml"
rm -f "$N"

tm_start 140 45 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' 10 || not_ok "reader started"

# 1. the AFP denial: Enter walks its links until the NATO one, whose note shows
tm_keys Tab
tm_keys ']'
tm_wait 'claim by AFP' 5
tm_keys ']'
check "] selects China's denial in the AFP pane" tm_wait 'rebuttal by China against United States' 5
found=0
hop=1 # not i: tm_wait counts with i
while [ $hop -le 8 ]; do
	tm_keys Enter
	tm_wait "^ $hop/[0-9]+ " 5 || break
	if screen_has "^ $hop/[0-9]+ rebuts: .* note: China denies what NATO"; then
		found=1
		break
	fi
	hop=$((hop + 1))
done
check "Enter reaches the link to NATO's finding" [ $found = 1 ]
check "the status line shows the link's note with its relation" \
	screen_has "rebuts: .*'.*' .* note: China denies what NATO's allies found"
check "the note panel shows the link's note" screen_has 'note on the link \(rebuts'
check "the panel holds the note's text" screen_has "^ +China denies what NATO's allies found +│"

# 2. a right after Enter: a note on the link
tm_keys a
check "a after Enter asks: the link or the claim" tm_wait 'Note on: l\) the link just followed' 5
tm_keys l
tm_wait 'Ctrl-S save' 5 || not_ok "the note editor opened"
check "the editor's title names the link in words" screen_has 'Note on the link: China "China on'
tm_text "allies listed by AFP"
tm_keys C-s
check "the link's note is saved" tm_wait 'note on the link saved' 5
check "the personal file holds a note on the link" grep -Eq "^  'on': link-[0-9]+$" "$N"
check "the personal file passes crossread check" "$BIN" check "$N"
check "the panel now shows both notes of the link" screen_has '^ +allies listed by AFP +│'

# 3. the overview shows the note beside its link; / searches the overview
tm_keys c
tm_wait 'Claims overview' 5
check "the overview speaks of plural speakers in the plural" screen_has 'Volexity and Microsoft accuse China: '
check "the overview never says 'Volexity and Microsoft accuses'" screen_lacks 'Microsoft accuses'
tm_keys /
tm_wait 'Search the overview' 5
tm_text "what nato's allies"
tm_keys Enter
check "/ filters the overview (the title says so)" tm_wait "Claims overview \[/what nato's allies\]" 5
check "the link's note is beside its row" screen_has "↳ rebuts: China: \"China on Tuesday.*✎ China denies what NATO's allies found"
check "the group's head stays" screen_has '▸ NATO accuses China: '
check "other groups are gone" screen_lacks 'Volexity and Microsoft accuse'
check "the status line counts the lines" screen_has '[0-9]+ of [0-9]+ lines matching'
tm_keys /
tm_wait 'Search the overview' 5
tm_text "zebra-nowhere"
tm_keys Enter
check "a search with no match says so and keeps the filter" tm_wait 'nothing in the overview matches /zebra-nowhere' 5
check "the filter kept" screen_has "Claims overview \[/what nato's allies\]"
tm_keys /
tm_wait 'Search the overview' 5
tm_keys Enter
check "an empty search shows every line again" tm_wait 'showing every line' 5
check "the other groups are back" screen_has 'Volexity and Microsoft accuse'
tm_keys Escape
tm_wait 'China denies' 5

# 4. a note on the whole article, from the article list
tm_keys L
tm_wait 'Articles \(' 5
tm_keys a
tm_wait 'Ctrl-S save' 5 || not_ok "the note editor opened from the article list"
check "the editor says the note is on the article" screen_has 'Note on the article: '
tm_text "the AFP piece as a whole"
tm_keys C-s
check "the article note is saved" tm_wait 'note on the article saved' 5
check "the list counts the article's note" screen_has '1 note\): '
check "the list shows the chosen article's notes" screen_has '✎ yours: the AFP piece as a whole'
tm_keys Escape
check "the pane header shows the article's notes" tm_wait '\[1 note: L\]' 5
check "the personal file passes crossread check again" "$BIN" check "$N"

# 5. tags: t on the note you wrote on a curated claim
tm_keys Tab
tm_keys g
tm_keys ']'
tm_wait '(claim|accusation|rebuttal) by' 5
tm_keys t
check "t on a curated claim without your note says why not" tm_wait 'curated entries are read-only' 5
tm_keys a
tm_wait 'Ctrl-S save' 5
tm_text "to check later"
tm_keys C-s
tm_wait 'note saved' 5
tm_keys t
check "t prompts for a tag" tm_wait 'Tag the note' 5
tm_text "followup"
tm_keys Enter
check "the tag is added" tm_wait 'tag #followup added to the note' 5
check "the note panel shows the tag" screen_has '#followup'
check "the personal file holds the tag" grep -q '^  - followup$' "$N"
tm_keys t
check "the prompt offers the tags in use" tm_wait 'in use: followup' 5
tm_text "second"
tm_keys Enter
tm_wait 'tag #second added' 5
tm_keys u
check "u undoes one tag" tm_wait 'undone' 5
check "the undone tag is gone from the file" eventually sh -c "! grep -q -- '- second' '$N'"
check "the first tag stays" grep -q '^  - followup$' "$N"
check "the personal file with tags passes crossread check" "$BIN" check "$N"

# 6. the tag filter in the overview
tm_keys c
tm_wait 'Claims overview' 5
tm_keys t
tm_wait 'Show only the tag' 5
tm_text "followup"
tm_keys Enter
check "t filters the overview by tag (the title says so)" tm_wait 'Claims overview \[#followup\]' 5
check "untagged groups are gone" screen_lacks 'Volexity and Microsoft accuse'
check "the filter leaves lines to show" screen_has '[1-9][0-9]* of [0-9]+ lines tagged #followup'
tm_keys t
tm_wait 'Show only the tag' 5
tm_text "no-such-tag"
tm_keys Enter
check "a tag nothing has says so" tm_wait 'nothing in the overview is tagged #no-such-tag' 5
tm_keys q
tm_keys q
tm_wait '\[exited 0\]' 5
check "q quits cleanly" screen_has '\[exited 0\]'

# 7. a file with only a claim and its rebuttal: the overview lists them
D="$TMPDIR/pair"
mkdir -p "$D"
printf '# Plant A\n\nThe Widget company says the plant is safe.\n' >"$D/a.md"
printf '# Plant B\n\nThe union says the plant leaked.\n' >"$D/b.md"
cat >"$D/pair.yaml" <<'EOF'
version: 1
articles:
  - {id: aa, path: a.md}
  - {id: bb, path: b.md}
claims:
  - {id: safe, article: aa, kind: claim, by: Widget company, quote: the plant is safe}
  - {id: leak, article: bb, kind: rebuttal, by: the union, quote: the plant leaked}
links:
  - {id: lk, from: leak, to: safe, rel: rebuts}
EOF
check "the pair file passes crossread check" "$BIN" check "$D/pair.yaml"
tm_start 120 30 "$BIN" "$D/pair.yaml" --notes "$D/pair.notes.yaml"
tm_wait 'Plant A' 10 || not_ok "the pair file opened"
tm_keys c
check "c opens the overview on a claim and its rebuttal" tm_wait 'Claims overview' 5
check "it does not say there is nothing to list" screen_lacks 'no accusations'
check "the claim is listed by speaker and quote" screen_has '▹ claim by Widget company: "the plant is safe"'
check "its rebuttal is listed under it" screen_has '↳ rebuts: the union: "the plant leaked"'
check "no heading over nothing (no claim two outlets carry)" screen_lacks 'Claims several outlets carry'
check "no id is shown" screen_lacks '(safe|leak|lk)  |\[aa\]|\[bb\]'
# a on the rebuttal's row: a note on its link, shown beside it
tm_keys j j
tm_wait '^ +3/[0-9]+ ' 5
tm_keys a
tm_wait 'Ctrl-S save' 5 || not_ok "the note editor opened from the overview"
check "the editor names the link by speakers and quotes" \
	screen_has 'Note on the link: the union "the plant leaked" rebuts Widget company'
tm_text "the union was on site"
tm_keys C-s
check "the overview's note is saved" tm_wait 'note on the link saved' 5
check "it shows beside the link's row" screen_has '↳ rebuts: the union: "the plant leaked"  ✎ the union was on site'
check "the overview stays open" screen_has 'Claims overview'
check "the notes file holds a note on the link" grep -Eq "^  'on': lk$" "$D/pair.notes.yaml"
tm_keys /
tm_wait 'Search the overview' 5
tm_text "UNION"
tm_keys Enter
check "the search ignores case and keeps the group" tm_wait '3 of [0-9]+ lines matching /UNION' 5
tm_keys Escape
tm_keys q
tm_wait '\[exited 0\]' 5
finish
