#!/bin/sh
# search.sh: searching a large article (40 MB) that is still loading: the
# hit at its very end is found (the search loads as it goes), and a search
# for something absent shows progress and stops at Esc. Asserts on what the
# screen says, never on time.
. "$ROOT/tests/e2e/lib.sh"

BIG="$TMPDIR/big.txt"
SMALL="$ROOT/articles/afp-china-denies-hack.md"
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "Paragraph %d: lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n\n", i }' >"$BIG"
printf '\nthe needle-at-the-end of the text\n' >>"$BIG"

status() { tm_screen | tail -n 1; }
status_has() { status | grep -Eq -- "$1"; }

tm_start 100 30 "$BIN" --notes "$TMPDIR/s.notes.yaml" "$BIG" "$SMALL"
check "the big article opens" tm_wait 'lorem ipsum' 20
# the pattern, Enter, and at once Esc: the Esc waits in the input while the
# search runs and is read at its first progress report
tm_keys / 
tm_wait '^/' 5
tm_text "absent-word-xyz"
tm_keys Enter Escape
check "Esc stops a long search (status: search cancelled)" eventually status_has 'search cancelled'
top=$(tm_screen | sed -n 2p)
tm_keys C-e
moved() { [ "$(tm_screen | sed -n 2p)" != "$top" ]; }
check "the reader still answers keys after the cancel (Ctrl-E scrolls)" eventually moved
tm_keys g
tm_settle
tm_keys /
tm_wait '^/' 5
tm_text "needle-at-the-end"
tm_keys Enter
check "a hit at the end of a 40 MB article is found" tm_wait 'needle-at-the-end' 60
check "the header says where: End" eventually sh -c "tmux -S '$SOCK' capture-pane -t t -p | head -n 1 | grep -q 'End'"
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 10
finish
