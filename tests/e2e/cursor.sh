# cursor.sh: the cursor (issue 13) marks a passage of your choosing, here one
# that starts in the middle of the last paragraph of the AFP article, three
# ways: by cursor motions (G $ b... v e... m), from a search hit (/ v e m) and
# by a mouse drag (press, motion, release); each lands in the notes file with
# exactly the words chosen. The cursor is a visible mark that w moves.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
N="$TMPDIR/mine.notes.yaml"
rm -f "$N"

# mouse_event BUTTON_CODE COL ROW (0-based), X10 encoding as mouse.sh
mouse_event() {
	seq=$(printf "\\033[M\\$(printf %03o $((32 + $1)))\\$(printf %03o $((33 + $2)))\\$(printf %03o $((33 + $3)))")
	tm send-keys -t t -l "$seq"
}
# the character the cursor's colours (black on green) are on, first one
cursor_char() {
	tm capture-pane -t t -p -e | perl -ne 'if (/\e\[30m\e\[42m([^\e])/ || /\e\[42m\e\[30m([^\e])/) { print "$1\n"; exit }'
}
quote_in_notes() { grep -Fq "quote: $1" "$N"; }
# kind_of QUOTE: the kind of the claim with that quote (kind comes before it)
kind_of() { grep -B2 -F "quote: $1" "$N" | sed -n 's/^ *kind: //p'; }
# n_times N KEY: the key N times
n_times() {
	i=0
	while [ $i -lt "$1" ]; do
		tm_keys "$2"
		i=$((i + 1))
	done
}

tm_start 120 40 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' || not_ok "reader started"
tm_settle
check "the cursor starts on the focused pane's first character" [ "$(cursor_char)" = S ]
tm_keys w
check "w moves the cursor to the next word" eventually [ "$(cursor_char)" = t ]
tm_keys j j j
check "on an empty line the cursor is a marked blank" eventually [ "$(cursor_char)" = " " ]
tm_keys Tab
check "Tab: the cursor shows in the focused pane" eventually [ "$(cursor_char)" = C ]

# 1. motions: G to the last row, $ to its end, 32 words back to "Apart"
# (a word is a run of letters or of punctuation), v, 5 word ends, m, c
tm_keys G '$'
check "G \$: the cursor on the article's last character" eventually [ "$(cursor_char)" = . ]
n_times 32 b
check "b b ...: the cursor back on 'Apart', mid-row" eventually [ "$(cursor_char)" = A ]
tm_keys v
tm_wait 'selecting' 5
n_times 5 e
tm_keys m
tm_wait 'Make it a claim' 5
tm_keys c
tm_wait 'claim added' 5
check "m makes a claim from the cursor's selection (status says so)" screen_has 'claim added'
check "the notes file holds exactly the words chosen" quote_in_notes 'Apart from any fair dealing'
check "the claim starts in mid-paragraph: no whole-sentence quote" \
	sh -c "! grep -Fq 'quote: This document' '$N'"

# 2. a search hit: / puts the cursor on it, v e e e e m
tm_keys Escape
tm_keys / ; tm_wait '^/' 5
tm_text 'no part may'
tm_keys Enter
check "/ puts the cursor on the hit" eventually [ "$(cursor_char)" = n ]
tm_keys v e e e e e m
tm_wait 'Make it a claim' 5
tm_keys r
tm_wait 'claim added' 5
check "a claim from the search hit is in the notes file" quote_in_notes 'no part may be reproduced'
check "... as a rebuttal" [ "$(kind_of 'no part may be reproduced')" = rebuttal ]

# 3. a mouse drag over "The content is provided" on the last rows
tm_keys Escape
tm_settle
pos=$(tm_screen | perl -CS -ne 'if ((my $i = index($_, "The content is provided")) >= 0) { print $i, " ", $. - 1, "\n"; exit }')
col=${pos% *} row=${pos#* }
check "the last paragraph is on screen" [ -n "$pos" ]
mouse_event 0 "$col" "$row"                 # press on T
mouse_event 32 $((col + 10)) "$row"         # motion, the button held
mouse_event 32 $((col + 22)) "$row"         # ... to the d of provided
mouse_event 3 $((col + 22)) "$row"          # release
tm_settle
tm_keys m
tm_wait 'Make it a claim' 5
tm_keys a
tm_wait 'claim added' 5
check "a claim from the mouse drag is in the notes file" quote_in_notes 'The content is provided'
check "... as an accusation" [ "$(kind_of 'The content is provided')" = accusation ]
check "the first one is a claim" [ "$(kind_of 'Apart from any fair dealing')" = claim ]
check "the notes file passes crossread check" "$BIN" check "$N"

# 4. a click puts the cursor on a word; Esc clears the selected claim
mouse_event 0 $((col + 15)) "$row"
mouse_event 3 $((col + 15)) "$row"
check "a click puts the cursor where it was" eventually [ "$(cursor_char)" = p ]
tm_keys ']'
tm_keys Escape
check "Esc clears the selected claim (says so)" tm_wait 'selection cleared' 5
tm_keys q
tm_wait '\[exited 0\]' 5
check "q quits cleanly" screen_has '\[exited 0\]'
finish
