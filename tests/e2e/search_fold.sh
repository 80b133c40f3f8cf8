#!/bin/sh
# search_fold.sh: `/` folds as anchoring does (issue 12): `/china's` finds
# "China’s", `/3 percent` finds "３ percent"; a 300-character pattern that
# almost matches everywhere in a 20 MB one-paragraph article (22 s of
# comparing at every byte before Two-Way) ends with "pattern not found", and
# the same pattern at its end is found; SIGTERM during a search ends the
# reader. Asserts on what the screen says, never on time.
. "$ROOT/tests/e2e/lib.sh"

NPR=$ROOT/articles/npr-china-accuses-us.md
AFP=$ROOT/articles/afp-china-denies-hack.md
status() { tm_screen | tail -n 1; }
status_has() { status | grep -Eq -- "$1"; }
search() {
	tm_keys /
	tm_wait '^/' 5
	tm_text "$1"
	tm_keys Enter
}

tm_start 100 30 "$BIN" --notes "$TMPDIR/f.notes.yaml" "$NPR" "$AFP"
tm_wait 'China' 10
search "china's"
check "/china's finds China’s" eventually screen_has 'China’s Foreign Ministry'
check "/china's: no 'pattern not found'" sh -c '! tmux -S "$1" capture-pane -t t -p | tail -n 1 | grep -q "not found"' _ "$SOCK"
tm_keys q
tm_wait 'exited' 10

printf 'Full-width digits\n\nThe figure was \357\274\223 percent, officials said.\n' >"$TMPDIR/wide.md"
tm_start 100 30 "$BIN" --notes "$TMPDIR/f.notes.yaml" "$TMPDIR/wide.md" "$AFP"
tm_wait 'figure' 10
search "3 percent"
check "/3 percent finds ３ percent (no 'pattern not found')" \
	sh -c 'sleep 1; ! tmux -S "$1" capture-pane -t t -p | tail -n 1 | grep -q "not found"' _ "$SOCK"
search "4 percent"
check "/4 percent: pattern not found (the check above can fail)" eventually status_has 'pattern not found'
tm_keys q
tm_wait 'exited' 10

# 20 MB of one letter in one paragraph, and the pattern: 299 of it and a b
BIG=$TMPDIR/aaa.txt
PAT=$(awk 'BEGIN { for (i = 0; i < 299; i++) printf "a"; printf "b" }')
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }' >"$BIG"
tm_start 100 30 "$BIN" --notes "$TMPDIR/f.notes.yaml" "$BIG" "$AFP"
tm_wait 'aaaa' 20
search "$PAT"
check "300 characters almost everywhere in 20 MB: pattern not found" eventually status_has 'pattern not found'
tm_keys q
tm_wait 'exited' 10
printf '%s end-of-the-text' "$PAT" >>"$BIG"
tm_start 100 30 "$BIN" --notes "$TMPDIR/f.notes.yaml" "$BIG" "$AFP"
tm_wait 'aaaa' 20
search "$PAT"
check "the same pattern at the end of 20 MB is found" eventually screen_has 'b end-of-the-text'
tm_keys q
tm_wait 'exited' 10

# SIGTERM while a search runs through a 40 MB article still loading
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "Paragraph %d: lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n\n", i }' >"$TMPDIR/big.txt"
tm_start 100 30 "$BIN" --notes "$TMPDIR/f.notes.yaml" "$TMPDIR/big.txt" "$AFP"
tm_wait 'lorem ipsum' 20
pp=$(tm display -p -t t '#{pane_pid}')
pid=""
for c in $(ps -o pid= --ppid "$pp"); do
	[ "$(ps -o comm= -p "$c")" = crossread ] && pid=$c
done
search "absent-word-xyz"
kill -TERM "$pid"
check "SIGTERM during a search: the reader exits with status 0" tm_wait '\[exited 0\]' 20
finish
