#!/bin/sh
# panes.sh: three panes on a wide terminal (issue 15), in tmux on
# tests/data/story5: a 210-column window shows three headers (1/5, 2/5,
# 3/5) and three articles' text between two dividers; Tab moves across the
# three, a digit changes the focused one; Enter brings a claim's partners
# into the pane showing their article (or another) and Ctrl-O goes back;
# scroll lock moves both other panes; s suggests between the focused pane
# and the one focused before, again when they change; P cycles 2, 3 and auto; a narrow
# window falls back to two panes, and `set panes 2` keeps two on a wide one.
. "$ROOT/tests/e2e/lib.sh"

S5="$ROOT/tests/data/story5"

# pane N's part of screen row ROW (the panes are split at the dividers)
field() { tm_screen | sed -n "$1p" | awk -F'│' -v n="$2" '{print $n}'; }
dividers() { tm_screen | head -n 1 | awk -F'│' '{print NF - 1}'; }
headers() { tm_screen | head -n 1 | grep -Eq -- "$1"; }
# every body row (not the status line) has n dividers
all_rows_split() {
	tm_screen | sed '$d' | awk -F'│' -v n="$1" 'NF - 1 != n {bad=1} END{exit bad}'
}

tm_start 210 30 "env -u NO_COLOR $BIN -n $TMPDIR/p.notes.yaml $S5/story.yaml"
check "210 columns: three headers, 1/5, 2/5 and 3/5" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire: union says.* 2/5 │ .We were told to stay inside.* 3/5 *$' 10
check "two dividers on every row" eventually all_rows_split 2
check "each pane shows its article's text" eventually sh -c '
	s=$(tmux -S "$1" capture-pane -t t -p)
	echo "$s" | awk -F"│" "{print \$1}" | grep -q "A fire broke out at a" &&
	echo "$s" | awk -F"│" "{print \$2}" | grep -q "The firefighters. union has criticised" &&
	echo "$s" | awk -F"│" "{print \$3}" | grep -q "When the first sirens sounded"' _ "$SOCK"

# ---- focus and digits ----
tm_keys Tab Tab 4
check "Tab Tab 4: article 4 in the right pane" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire.* 2/5 │ Three hours of nothing.* 4/5 *$' 5
tm_keys Tab 3
check "Tab 3 from the right: the left pane shows article 3" \
	tm_wait "^ 'We were told to stay inside.* 3/5 │ Brennmoor fire.* 2/5 │ Three hours of nothing.* 4/5 *\$" 5
tm_keys 2
check "2, which the middle pane shows: those two swap, the right stays" \
	tm_wait "^ Brennmoor fire.* 2/5 │ 'We were told to stay inside.* 3/5 │ Three hours of nothing.* 4/5 *\$" 5
tm_keys 1 Tab 2 Tab 3 Tab
check "1 Tab 2 Tab 3 Tab: articles 1, 2, 3 again, the left focused" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire.* 2/5 │ .We were told.* 3/5 *$' 5

# ---- the article list marks three panes ----
tm_keys L
check "L opens the article list" tm_wait '^ Articles \(< left pane, \| middle' 5
check "L with three panes: < | > mark the panes" eventually sh -c '
	tmux -S "$1" capture-pane -t t -p >"$2"
	grep -q "^ Articles (< left pane, | middle, > right pane)" "$2" &&
	grep -q "^  1 <  Meridian Press" "$2" && grep -q "^  2  | Northline Radio" "$2" &&
	grep -q "^  3  > The Brennmoor Courier" "$2"' _ "$SOCK" "$TMPDIR/list"
tm_keys Escape

# ---- Enter across the three ----
tm_keys g ']'
check "] selects the first claim" tm_wait "same Northline Radio: 'The fire at the Kessel.*, same The Brennmoor Couri" 5
tm_keys Enter
check "Enter: the partner in article 2, in the middle pane" \
	tm_wait "1/4 same: Northline Radio: 'The fire at the Kessel.* \\[article 2/5\\]" 5
tm_keys Enter
check "Enter again: the partner in article 3, in the right pane (no article changed)" \
	tm_wait "2/4 same: The Brennmoor Couri.*: 'The fire, which began.* \\[article 3/5\\]" 5
check "... all three articles still shown" headers ' 1/5 │ .* 2/5 │ .* 3/5 *$'
# the claim and its partner on one row: the same pair mark in the left
# gutter and the right pane's
same_row_mark() {
	tm_screen | sed -n '2,29p' | awk -F'│' '{l=substr($1,1,2); r=substr($3,1,2);
		if (l ~ /[0-9]/ && l == r) f=1} END{exit !f}'
}
check "the partner is on the claim's row" eventually same_row_mark
tm_keys Enter
check "Enter again: article 4, brought into another pane" \
	tm_wait "3/4 same: Dockside Notes: 'The fire started around.* \\[article 4/5\\]" 5
check "... beside the claim: the left pane keeps article 1" \
	headers '^ Fire at fertiliser depot.* 1/5 │ .* 4/5 *$|^ Fire at fertiliser depot.* 1/5 │ .* 4/5 │'
tm_keys C-o C-o C-o
check "Ctrl-O three times: articles 1, 2, 3 as they were" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire.* 2/5 │ .We were told.* 3/5 *$' 5

# ---- scroll lock moves both other panes ----
tm_keys Escape g Tab g Tab g Tab =
check "= turns scroll lock on" tm_wait '^ \[scroll lock\]' 5
tm_keys C-d C-d C-d
tm_settle
check "scrolling the left pane moves the middle and the right" sh -c '
	h=$(tmux -S "$1" capture-pane -t t -p | head -n 1)
	echo "$h" | awk -F"│" "{print \$2}" | grep -Eq " (End|[1-9][0-9]?%) 2/5 *\$" &&
	echo "$h" | awk -F"│" "{print \$3}" | grep -Eq " (End|[1-9][0-9]?%) 3/5 *\$"' _ "$SOCK"
tm_keys =

# ---- suggestions between the two articles on screen ----
tm_keys s
check "s with three panes: suggestions between the left and the right pane" \
	tm_wait 'suggested match(es)? not covered by a link' 5
tm_keys Tab
check "Tab to the middle: computed again for articles 1 and 2" \
	tm_wait '[0-9]+ suggested match(es)? between articles 1 and 2' 10
tm_keys Tab
check "Tab to the right: for articles 2 and 3" tm_wait '[0-9]+ suggested match(es)? between articles 2 and 3' 10
tm_keys 5
check "5 in the right pane: for articles 2 and 5" tm_wait '[0-9]+ suggested match(es)? between articles 2 and 5' 10
tm_keys 3 s
check "s again hides them" tm_wait '^ suggestions hidden' 5
tm_keys Tab

# ---- the layout key ----
tm_keys P
check "P: panes 2, two headers" tm_wait '^ panes 2' 5
check "P: two panes on the wide window" eventually sh -c '
	[ "$(tmux -S "$1" capture-pane -t t -p | head -n 1 | awk -F"│" "{print NF - 1}")" = 1 ]' _ "$SOCK"
tm_keys P
check "P again: panes 3, three headers" tm_wait '^ panes 3' 5
check "... three panes" eventually sh -c '[ "$(tmux -S "$1" capture-pane -t t -p | head -n 1 |
	awk -F"│" "{print NF - 1}")" = 2 ]' _ "$SOCK"
tm_keys P
check "P again: panes auto" tm_wait '^ panes auto' 5

# ---- a narrow window: two panes ----
tm_resize 150 30
check "150 columns: two panes (auto)" eventually sh -c '[ "$(tmux -S "$1" capture-pane -t t -p |
	head -n 1 | awk -F"│" "{print NF - 1}")" = 1 ]' _ "$SOCK"
check "... one divider on every row" eventually all_rows_split 1
check "... headers 1/5 and 2/5" headers '^ Fire at fertiliser.* 1/5 │ Brennmoor fire.* 2/5 *$'
tm_resize 210 30
check "210 columns again: three panes" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire.* 2/5 │ .We were told.* 3/5 *$' 5
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 5

# ---- set panes 2 in the config file ----
printf 'set panes 2\n' >"$TMPDIR/config"
tm_start 210 30 "env -u NO_COLOR CROSSREAD_CONFIG=$TMPDIR/config $BIN -n $TMPDIR/p2.notes.yaml $S5/story.yaml"
check "set panes 2: two panes on a 210-column window" \
	tm_wait '^ Fire at fertiliser depot.* 1/5 │ Brennmoor fire: union says.* 2/5 *$' 10
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 5
printf 'set panes 4\n' >"$TMPDIR/config"
"$BIN" --config "$TMPDIR/config" --keys >"$TMPDIR/pc" 2>"$TMPDIR/pcerr"
check "set panes 4: FILE:LINE:COL and what it may be" grep -q "config:1:11: .*panes is 2, 3 or auto, not '4'" "$TMPDIR/pcerr"
finish
