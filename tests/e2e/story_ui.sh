#!/bin/sh
# story_ui.sh: the reader on a story of N articles (issue 15), in tmux on
# tests/data/story5 and story3: pane headers say N/M, the article list (L)
# with its figures, choosing with Enter, digits and X, following a claim
# whose partners are in several other articles and back with Ctrl-O, the
# story overview's outlet counts and single-outlet claims, scroll lock
# keeping a linked pair on one row while either pane scrolls.
. "$ROOT/tests/e2e/lib.sh"

S5="$ROOT/tests/data/story5"
S3="$ROOT/tests/data/story3"

# the panes are split at the divider (│): the left pane's header and gutter
# before it, the right pane's after it (cut -c counts bytes, not columns)
header_left() { tm_screen | head -n 1 | awk -F'│' '{print $1}'; }
header_right() { tm_screen | head -n 1 | awk -F'│' '{print $2}'; }
# both headers: "LEFT │ RIGHT" matches REGEX
headers() { tm_screen | head -n 1 | grep -Eq -- "$1"; }

tm_start 160 40 "env -u NO_COLOR $BIN -n $TMPDIR/r5.notes.yaml $S5/story.yaml"
check "five articles: the left header says 1/5" tm_wait '^ Fire at fertiliser depot.* 1/5 ' 10
check "the right header says 2/5" headers '│ Brennmoor fire: union says.* 2/5 *$'

# ---- the article list ----
tm_keys L
check "L opens the article list" tm_wait '^ Articles ' 5
check "the list names all five outlets with date, figures and title" sh -c '
	s=$(tmux -S "$1" capture-pane -t t -p)
	echo "$s" | grep -q "^  1 <  Meridian Press, 2026-11-14 (.*): Fire at fertiliser depot" &&
	echo "$s" | grep -q "^  2  > Northline Radio, 2026-11-14 (.*): Brennmoor fire" &&
	echo "$s" | grep -q "^  3    The Brennmoor Courier, 2026-11-15 (.*): " &&
	echo "$s" | grep -q "^  4    Dockside Notes, 2026-11-15 (.*): Three hours of nothing" &&
	echo "$s" | grep -q "^  5    Brennmoor District Emergency Authority, 2026-11-15 (.*): Statement"' _ "$SOCK"
check "the list counts claims and unanswered accusations" sh -c '
	s=$(tmux -S "$1" capture-pane -t t -p)
	echo "$s" | grep "^  1 " | grep -q "(9 claims, 1 accusation, 1 unanswered): " &&
	echo "$s" | grep "^  2 " | grep -q "(7 claims, 1 accusation, 0 unanswered): "' _ "$SOCK"
tm_keys j j Enter
check "Enter shows the chosen article in the focused pane" tm_wait "^ 'We were told to stay inside.* 3/5 " 5
check "the other pane keeps its article" headers '│ Brennmoor fire: union says.* 2/5 *$'
tm_keys C-o
check "Ctrl-O gives the pane its article back" tm_wait '^ Fire at fertiliser depot.* 1/5 ' 5

# ---- digits and swapping ----
tm_keys 4
check "4 puts article 4 in the focused pane" tm_wait '^ Three hours of nothing.* 4/5 ' 5
tm_keys X
check "X swaps the panes: left 2/5" tm_wait '^ Brennmoor fire: union says.* 2/5 ' 5
check "X swaps the panes: right 4/5" headers '│ Three hours of nothing.* 4/5 *$'
tm_keys 1
check "1: article 1 on the left again" tm_wait '^ Fire at fertiliser depot.* 1/5 ' 5
tm_keys Tab 2 Tab
check "Tab 2 Tab: article 2 on the right" eventually headers '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire: union says.* 2/5 *$'
tm_keys 2
check "2 on the left when the right shows it: the panes swap" \
	tm_wait '^ Brennmoor fire: union says.* 2/5 │ Fire at fertiliser depot.* 1/5 *$' 5
tm_keys X
check "X: back to articles 1 and 2" tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire: union says.* 2/5 *$' 5

# ---- following a claim into the other articles ----
# the first claim of article 1 is carried by all five outlets
tm_keys ']'
check "] selects the first claim: its links are named" tm_wait "same Northline Radio: 'The fire at the Kessel.*, same The Brennmoor Couri" 5
tm_keys Enter
check "Enter: the partner in article 2" tm_wait "1/4 same: Northline Radio: 'The fire at the Kessel.* \\[article 2/5\\]" 5
tm_keys Enter
check "Enter again: the partner in article 3, brought into the right pane" \
	tm_wait "2/4 same: The Brennmoor Couri.*: 'The fire, which began.* \\[article 3/5\\]" 5
check "the right header says 3/5" headers '│ .* 3/5 *$'
# the claim and its partner on one row: the same pair mark in both gutters
same_row_mark() {
	tm_screen | sed -n '2,39p' | awk -F'│' '{l=substr($1,1,2); r=substr($2,1,2);
		if (l ~ /[0-9]/ && l == r) f=1} END{exit !f}'
}
check "the partner is on the claim's row (one pair mark on one row)" eventually same_row_mark
tm_keys Enter
check "Enter again: the partner in article 4" tm_wait "3/4 same: Dockside Notes: 'The fire started around.* \\[article 4/5\\]" 5
tm_keys C-o
check "Ctrl-O: back to article 3 on the right" tm_wait '^ Fire at fertiliser depot.* 1/5 .* 3/5 *$' 5
tm_keys C-o C-o
check "Ctrl-O twice more: the view as it was, articles 1 and 2" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 .*Brennmoor fire: union says.* 2/5 *$' 5

# ---- the story overview ----
tm_keys Escape
tm_resize 160 110
tm_keys c
check "c opens the overview" tm_wait '^ Claims overview' 5
tm_settle
check "the overview lists answers across articles" screen_has '↳ rebuts: .*Every crew that entered the smoke zone'
check "one claim carried by all five outlets" sh -c '[ "$(tmux -S "$1" capture-pane -t t -p |
	grep -c "^   \* 5 of 5 outlets: Meridian Press, Northline Radio, The Brennmoor Courier, Dockside Notes, Brennmoor District Emergency Authority$")" -eq 1 ]' _ "$SOCK"
check "two claims carried by four, two by three, two by two" sh -c '
	s=$(tmux -S "$1" capture-pane -t t -p)
	[ "$(echo "$s" | grep -c "^   \* 4 of 5 outlets: ")" -eq 2 ] &&
	[ "$(echo "$s" | grep -c "^   \* 3 of 5 outlets: ")" -eq 2 ] &&
	[ "$(echo "$s" | grep -c "^   \* 2 of 5 outlets: ")" -eq 2 ]' _ "$SOCK"
check "what only one outlet reports, per outlet" screen_has '^ Only one outlet reports:'
check "the first outlet's count, as crossread story gives it" screen_has '^   \* Meridian Press \(3\)$'
# 110 rows: the whole overview is on the screen
check "what only the blog reports: the ash on the allotments" \
	screen_has 'claim +"ash fell on the allotments on Fenwick Road"'
# Enter on that claim (the selection starts on the first item, screen line 2)
line=$(tm_screen | grep -n 'ash fell on the allotments' | head -n 1 | cut -d: -f1)
i=2
while [ "$i" -lt "$line" ]; do
	tm_keys j
	i=$((i + 1))
done
tm_keys Enter
check "Enter on a single-outlet claim opens its article" tm_wait ' 4/5 ' 5
check "and shows the claim" screen_has 'ash fell on the allotments'
tm_resize 160 40
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 5

# ---- scroll lock on three articles from the command line ----
# 16 rows: the short articles scroll well past a screen
tm_start 160 16 "env -u NO_COLOR $BIN -n $TMPDIR/r3.notes.yaml -a $S3/story.yaml $S3/wire.md $S3/herald.md $S3/union.md"
check "three articles: 1/3 and 2/3" tm_wait '^ .* 1/3 .* 2/3 *$' 10
tm_keys 3
check "3 puts the union's statement on the left" tm_wait '^ .* 3/3 .* 2/3 *$' 5
tm_keys 1 =
check "= turns scroll lock on and the status line says so" tm_wait 'scroll lock on' 5
# the middle row (row 7 of 14 text rows, screen line 9) is where linked
# claims line up: scrolling either pane, a claim with a pair mark crossing it
# has its partner, same mark, on that row in the other pane (where the
# partner is not passed over to keep the alignment monotonic)
mid_pair() {
	tm_screen | sed -n 9p | awk -F'│' '{l=substr($1,1,2); r=substr($2,1,2);
		exit !(l ~ /[0-9]/ && l == r)}'
}
lined_left=0 moved=0 n=0
top_right=$(header_right)
while [ $n -lt 40 ]; do
	tm_keys C-e
	tm_settle
	mid_pair && lined_left=$((lined_left + 1))
	[ "$(header_right)" != "$top_right" ] && moved=1
	n=$((n + 1))
done
check "scrolling the left pane scrolls the right one" [ "$moved" -eq 1 ]
check "scrolling the left pane: linked pairs meet on the middle row ($lined_left times)" [ "$lined_left" -ge 1 ]
check "the status line keeps saying scroll lock is on" sh -c 'tmux -S "$1" capture-pane -t t -p | tail -n 1 |
	grep -q "^ \[scroll lock\]"' _ "$SOCK"
tm_keys Tab g
tm_settle
lined_right=0 n=0
while [ $n -lt 40 ]; do
	tm_keys C-e
	tm_settle
	mid_pair && lined_right=$((lined_right + 1))
	n=$((n + 1))
done
check "scrolling the right pane: linked pairs meet on the middle row ($lined_right times)" [ "$lined_right" -ge 1 ]
tm_keys =
check "= again turns it off" tm_wait 'scroll lock off' 5
before=$(header_left)
tm_keys g
tm_settle
check "off: scrolling the right pane leaves the left one" [ "$(header_left)" = "$before" ]
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 5

# ---- set scroll-lock on in the config file ----
printf 'set scroll-lock on\n' >"$TMPDIR/config"
tm_start 160 40 "env -u NO_COLOR CROSSREAD_CONFIG=$TMPDIR/config $BIN -n $TMPDIR/r3b.notes.yaml $S3/story.yaml"
check "set scroll-lock on: the reader starts with it on" tm_wait '^ \[scroll lock\]' 10
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 5
finish
