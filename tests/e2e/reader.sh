#!/bin/sh
# reader.sh: the reader in tmux at 120x40 on the bundled articles: titles,
# scrolling each pane, search and next hit, help, End, quit; then on the
# bundled annotation file: ] and Enter align a claim with its partner,
# Ctrl-O comes back, and the claims overview jumps.
. "$ROOT/tests/e2e/lib.sh"

NPR="$ROOT/articles/npr-china-accuses-us.md"
AFP="$ROOT/articles/afp-china-denies-hack.md"
ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
NOTES="$TMPDIR/notes.yaml" # never write beside the bundled file

# styled runs of the screen: "ROW COL TEXT" for each run drawn with the
# attribute asked for (rev = reverse video, hit = search highlight (yellow
# background), cur = the current hit (bold on yellow, its first character
# under the cursor: bold on green))
runs() {
	tm capture-pane -t t -p -e | perl -CS -e '
	my $want = shift; my $row = 0;
	while (my $l = <STDIN>) {
		chomp $l; my ($col, $bold, $rev, $bg, $run, $start) = (0, 0, 0, 0, "", 0);
		my $flush = sub { print "$row $start $run\n" if length $run; $run = ""; };
		my $on = sub { $want eq "rev" ? $rev : $want eq "hit" ? $bg == 43 : (($bg == 43 || $bg == 42) && $bold) };
		while (length $l) {
			if ($l =~ s/^\e\[([0-9;]*)m//) {
				my $was = $on->();
				for my $p (split /;/, ($1 eq "" ? "0" : $1)) {
					if ($p == 0) { ($bold, $rev, $bg) = (0, 0, 0) }
					elsif ($p == 1) { $bold = 1 } elsif ($p == 22) { $bold = 0 }
					elsif ($p == 7) { $rev = 1 } elsif ($p == 27) { $rev = 0 }
					elsif ($p >= 40 && $p <= 49) { $bg = $p }
				}
				$flush->() if $was && !$on->();
				next;
			}
			next if $l =~ s/^\e[^a-zA-Z]*[a-zA-Z]//;
			$l =~ s/^(.)//s;
			if ($on->()) { $start = $col unless length $run; $run .= $1 }
			$col++;
		}
		$flush->(); $row++;
	}' "$1"
}

left() { tm_screen | sed '$d' | sed 's/│.*//'; }
# has TEXT REGEX: TEXT matches (grep -E, case-insensitive)
has() { printf '%s\n' "$1" | grep -Eqi -- "$2"; }
divider_rows() { [ "$(tm_screen | sed '$d' | grep -c '│')" -eq "$1" ]; }
col_of() { printf '%s\n' "$1" | cut -d' ' -f2; }
right() { tm_screen | sed '$d' | sed 's/^[^│]*│//'; }
status() { tm_screen | tail -n 1; }
status_has() { has "$(status)" "$1"; }
left_differs() { [ "$(left)" != "$1" ]; }
right_differs() { [ "$(right)" != "$1" ]; }

start_articles() {
	tm_start 120 40 "env -u NO_COLOR $BIN $NPR $AFP"
	tm_wait 'China denies Microsoft hack' 10
	tm_settle
}

# ---- two articles ----
start_articles
row0=$(tm_screen | head -n 1)
l0=$(printf '%s\n' "$row0" | sed 's/│.*//')
r0=$(printf '%s\n' "$row0" | sed 's/^[^│]*│//')
check "left header shows the NPR title" has "$l0" "^ China accuses the United State"
check "right header shows the AFP title" has "$r0" "^ China denies Microsoft hack, c"
check "divider on every row above the status line" divider_rows 39
check "left header keeps the date though the title is long" has "$l0" "— 2021-07-20, NPR"
check "right header shows the date and outlet" has "$r0" "— 2021-07-20, AFP"

l_before=$(left)
r_before=$(right)
tm_keys C-e
tm_settle
check "Ctrl-E scrolls the left pane" eventually left_differs "$l_before"
check "Ctrl-E leaves the right pane" test "$(right)" = "$r_before"
l_before=$(left)
tm_keys Tab
tm_settle
tm_keys C-e
check "Tab then Ctrl-E scrolls the right pane" eventually right_differs "$r_before"
tm_settle
r1=$(right)
check "Tab then j leaves the left pane" test "$(left)" = "$l_before"
tm_keys Space
tm_settle
check "Space pages the right pane" eventually right_differs "$r1"
check "Space leaves the left pane" test "$(left)" = "$l_before"

# each other movement key, and its opposite, in the focused (right) pane
r_same() { [ "$(right)" = "$1" ]; }
tm_keys g
tm_settle
for pair in "C-e C-y" "C-d C-u" "NPage PPage" "End Home"; do
	fwd=${pair% *}
	back=${pair#* }
	r_top=$(right)
	tm_keys "$fwd"
	check "$fwd moves the right pane" eventually right_differs "$r_top"
	r_fwd=$(right)
	tm_keys "$back"
	check "$back brings it back" eventually r_same "$r_top"
	check "$fwd and $back leave the left pane" test "$(left)" = "$l_before"
done
# the first row with some text on it (blank rows repeat)
first_text() { right | sed 1d | grep -m1 -E '[[:alpha:]].{20}'; }
tm_keys C-d
tm_settle
half=$(first_text)
tm_keys g NPage
tm_settle
page=$(first_text)
tm_keys g
tm_settle
# the text at the top after Ctrl-D stands about half a page (19 rows) down
row_of() { right | sed 1d | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }
check "Ctrl-D moves half a page (\"$half\" at row $(row_of "$half"))" test "$(row_of "$half")" -ge 17 -a "$(row_of "$half")" -le 22
check "PgDn moves a page (\"$page\" was at the bottom or below: row $(row_of "$page"))" test "$(row_of "$page" || true)" = "" -o "$(row_of "$page")" -ge 35

# search in the right pane: "Beijing" occurs several times in the AFP report
tm_keys g
tm_settle
tm_keys /
tm_wait '^/' 5
tm_text "beijing"
tm_keys Enter
tm_settle
hit1=$(runs cur | head -n 1)
# the text of the right pane's screen row of a run ("ROW COL TEXT")
row_text() { right | sed -n "$(($(echo "$1" | cut -d' ' -f1) + 1))p"; }
hit1_row=$(row_text "$hit1")
check "search highlights the current hit" has "$hit1" " beijing$"
check "search hit is in the focused (right) pane" test "$(col_of "$hit1")" -gt 60
top1=$(right | sed -n 2p)
tm_keys n
tm_settle
hit2=$(runs cur | head -n 1)
top2=$(right | sed -n 2p)
check "n shows the next hit (bold highlight on beijing)" has "$hit2" " beijing$"
check "n moved to another occurrence" test "$hit1|$top1" != "$hit2|$top2"
tm_keys N
tm_settle
hit3=$(runs cur | head -n 1)
check "N goes back to the first hit (same column, same words on its row)" \
	test "$(col_of "$hit3")|$(row_text "$hit3")" = "$(col_of "$hit1")|$hit1_row"

# help: every action of the table, then ? closes
before_help=$(tm_screen)
tm_keys '?'
tm_wait 'crossread keys' 5
check "? shows the help screen" screen_has 'crossread keys'
missing=""
# the list may be longer than the screen: its first screen, then the rest
# scrolled up by 30 lines at a time (less than a screen of 40 rows, so nothing is
# passed over; j moves it a line and stops at the end)
tm_screen >"$TMPDIR/help-screens"
tm_keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
tm_settle
tm_screen >>"$TMPDIR/help-screens"
tm_keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
tm_settle
tm_screen >>"$TMPDIR/help-screens"
tm_keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
tm_settle
tm_screen >>"$TMPDIR/help-screens"
# the help text starts after 20 columns of keys (ACTIONS_KEYS_COLS) and the name
"$BIN" --keys | while IFS= read -r line; do
	help=$(printf '%s\n' "$line" | cut -c37- | cut -c1-60)
	grep -qF -- "$help" "$TMPDIR/help-screens" || echo "$help"
done >"$TMPDIR/missing-help"
check "help lists every action of --keys ($("$BIN" --keys | wc -l) actions)" test ! -s "$TMPDIR/missing-help"
[ -s "$TMPDIR/missing-help" ] && sed 's/^/    missing: /' "$TMPDIR/missing-help"
tm_keys '?'
tm_settle
check "? closes the help screen" test "$(tm_screen)" = "$before_help"

tm_keys G
tm_settle
check "G shows End in the focused header" has "$(right | head -n 1)" " End *$"
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 5
tm_stop

# ---- the annotation file ----
tm_start 120 40 "env -u NO_COLOR $BIN -n $NOTES $ANN"
tm_wait 'China denies Microsoft hack' 10
tm_settle
tm_keys Tab
tm_keys ']'
tm_settle
before_enter=$(tm_screen)
sel=$(runs rev | awk '$2 > 60' | head -n 1)
check "] selects a claim in the right pane" test -n "$sel"
check "the status line names the selected claim" has "$(status)" "accusation|rebuttal|claim"
tm_keys Enter
tm_settle
from_row=$(runs rev | awk '$2 > 60' | head -n 1 | cut -d' ' -f1)
to_row=$(runs rev | awk '$2 < 60' | head -n 1 | cut -d' ' -f1)
check "Enter shows the partner in the left pane" test -n "$to_row"
check "partner on the same row as the claim it came from (row $from_row / $to_row)" test "${from_row:-x}" = "${to_row:-y}"
check "status line counts the link (1/N)" has "$(status)" "^ *1/[0-9]+ [a-z]+"
# the panes' rows: the note panel of the link just followed (the bottom
# rows) belongs to the follow, not to the view the jump history keeps
after_enter=$(tm_screen | sed -n '1,30p')
tm_keys C-o
tm_settle
check "Ctrl-O returns to the screen before Enter" test "$(tm_screen)" = "$before_enter"
tm_keys C-n
tm_settle
check "Ctrl-N goes forward again to the partner" test "$(tm_screen | sed -n '1,30p')" = "$after_enter"
tm_keys C-o
tm_settle
# Ctrl-I as a terminal that tells it from Tab sends it (CSI u)
tm_text "$(printf '\033[105;5u')"
tm_settle
check "Ctrl-I (CSI 105;5u) goes forward too" test "$(tm_screen | sed -n '1,30p')" = "$after_enter"
tm_keys C-o
tm_settle
# a letter whose code point is a curses key code ('Œ' is KEY_NPAGE's 338)
# is no key: it moves nothing
before_oe=$(tm_screen)
tm_text "Œœ"
tm_settle
check "typing Œ or œ does not page (their numbers are KEY_NPAGE/KEY_PPAGE's)" test "$(tm_screen)" = "$before_oe"

tm_keys c
tm_wait 'Claims overview' 5
check "c opens the claims overview" screen_has 'Claims overview'
check "the overview lists accusations" screen_has 'accuses [^:]*: "'
tm_keys j j
tm_settle
quote=$(printf '%s\n' "$line" | sed 's/.*[]:] "\{0,1\}//' | cut -d' ' -f1-3)
quote=$(printf '%s\n' "$line" | sed 's/.*[]:] //' | cut -d' ' -f1-3)
tm_keys Enter
tm_settle
check "Enter in the overview closes it" screen_lacks 'Claims overview'
sel_text=$(runs rev | cut -d' ' -f3- | tr '\n' ' ' | tr -s ' ')
check "Enter in the overview jumps to the claim (\"$quote\" selected)" has "$sel_text" "$quote"
tm_keys q
check "q exits from the annotation view" tm_wait '\[exited 0\]' 5

# a link inside one article: the partner is shown beside the claim, in
# the other pane (which takes that article until Ctrl-O)
tm_start 120 40 "env -u NO_COLOR $BIN -n $NOTES $ANN"
tm_wait 'China denies Microsoft hack' 10
tm_settle
tm_keys ']'
tm_settle
before_same=$(tm_screen | sed '$d')
tm_keys Enter
check "Enter on a same-article link says so" eventually status_has 'same article'
from_row=$(runs rev | awk '$2 < 60' | head -n 1 | cut -d' ' -f1)
to_row=$(runs rev | awk '$2 > 60' | head -n 1 | cut -d' ' -f1)
check "the partner stands beside it, in the right pane (row $from_row / $to_row)" test -n "$to_row" -a "${from_row:-x}" = "${to_row:-y}"
check "the right pane shows the same article now" has "$(tm_screen | head -n 1 | sed 's/^[^│]*│//')" "^ China accuses"
tm_keys C-o
check "Ctrl-O gives the right pane its article back" eventually sh -c "[ \"\$(tmux -S '$SOCK' capture-pane -t t -p | sed '\$d')\" = \"\$1\" ]" _ "$before_same"
tm_keys q

# a claim with several links: Enter again moves to the next (2/N)
tm_start 120 40 "env -u NO_COLOR $BIN -n $NOTES $ANN"
tm_wait 'China denies Microsoft hack' 10
tm_settle
n=0
while [ $n -lt 40 ]; do
	tm_keys ']'
	tm_settle
	has "$(status)" "→ (rebuts|same|supports|counters|contradicts) .*, (rebuts|same|supports|counters|contradicts) " && break
	n=$((n + 1))
done
check "] reaches a claim with several links" has "$(status)" "→ (rebuts|same|supports|counters|contradicts) .*, (rebuts|same|supports|counters|contradicts) "
tm_keys Enter
check "Enter: the first link (1/N)" eventually status_has "^ *1/([2-9]|[1-9][0-9]+) [a-z]+"
first=$(status)
tm_keys Enter
check "Enter again: the second link (2/N)" eventually status_has "^ *2/([2-9]|[1-9][0-9]+) [a-z]+"
check "... to another claim" test "$(status)" != "$first"
tm_keys q

# orphans: a claim whose quote is not in the text is listed, never drawn
tm_start 100 30 "env -u NO_COLOR $BIN -n $TMPDIR/orphan.notes.yaml $ROOT/tests/data/annot/orphan.yaml"
tm_wait 'orphan|Orphan|art' 10
tm_settle
tm_keys ']'
tm_settle
check "] finds no claim to select: the orphan is not on the page" test -z "$(runs rev | awk '$1 > 0 && $1 < 29')"
tm_keys c
check "c on a file with an orphan opens the overview" tm_wait 'Claims overview' 5
check "the overview lists the orphan under Orphans" screen_has 'Orphans'
check "... with its quote" screen_has 'this sentence is nowhere'
tm_keys j Enter
tm_settle
check "Enter on an orphan says it is not anchored" screen_has 'not anchored'
tm_keys Escape
tm_keys q
tm_keys q
finish
