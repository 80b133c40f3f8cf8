#!/bin/sh
# store_journal: journals of two readers on one notes file. A live reader's
# journal is never offered to another (nor removed by its saves); once that
# reader dies it is offered; "later" keeps it for the next start; a journal
# whose claim no longer exists is restored onto another claim and every
# later save still goes to the notes file (no side file).
. "$ROOT/tests/e2e/lib.sh"
ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
N="$TMPDIR/j.notes.yaml"
rm -f "$N" "$TMPDIR"/j.notes.journal*
journals() { ls "$TMPDIR"/j.notes.journal* 2>/dev/null; }
njournals() { journals | wc -l | tr -d ' '; }
reader_pid() {
	pp=$(tm display -p -t "$1" '#{pane_pid}')
	for c in $(ps -o pid= --ppid "$pp"); do
		[ "$(ps -o comm= -p "$c")" = crossread ] && echo "$c" && return
	done
}
screen_u() { tm capture-pane -t u -p; }
wait_u() {
	i=0
	while [ $i -lt 100 ]; do
		screen_u | grep -Eq -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# A types a long note (written to its journal at once: over 200 bytes)
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
tm_wait 'China denies' 10 || not_ok "reader A started"
tm_keys ']'
tm_keys a
tm_wait 'Note on' 5
long="A is typing this: $(printf 'word %.0s' $(seq 1 60))"
tm_text "$long"
eventually sh -c "cat $TMPDIR/j.notes.journal* 2>/dev/null | grep -q 'A is typing'"
check "A's note is in A's journal" sh -c "cat $TMPDIR/j.notes.journal* | grep -q 'A is typing'"
# B starts on the same file while A types: nothing offered; B saves a note
tm new-session -d -s u -x 120 -y 40 \
	"env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN $ANN --notes $N; echo '[exited '\$?']'; sleep 600"
wait_u 'China denies' || not_ok "reader B started"
# until B's screen stops changing: an offer, if any, is on it by then
prev="" i=0
while [ $i -lt 50 ]; do
	cur=$(screen_u | cksum)
	[ "$cur" = "$prev" ] && break
	prev=$cur
	sleep 0.2
	i=$((i + 1))
done
u_lacks() { ! screen_u | grep -q -- "$1"; }
check "B does not offer A's live journal" u_lacks 'was being typed'
tm send-keys -t u ']' a
wait_u 'Note on'
tm send-keys -t u -l "B's own note"
tm send-keys -t u C-s
wait_u 'note added'
check "B's save leaves A's journal alone" sh -c "cat $TMPDIR/j.notes.journal* | grep -q 'A is typing'"
# A dies (SIGKILL): its journal stays
pid=$(reader_pid t)
[ -n "$pid" ] && kill -9 "$pid"
tm_wait 'exited' 5
check "A's journal survives A's death" sh -c "cat $TMPDIR/j.notes.journal* | grep -q 'A is typing'"
tm send-keys -t u q
wait_u 'exited'
# the next reader is offered it; l)ater keeps it
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
check "a dead reader's journal is offered" tm_wait 'was being typed' 10
tm_keys l
tm_wait 'kept for the next start' 5
check "l)ater: the journal stays" sh -c "cat $TMPDIR/j.notes.journal* | grep -q 'A is typing'"
# a note typed now has its own journal, which does not replace the kept one
tm_keys ']' a
tm_wait 'Note on' 5
tm_text "C's note $(printf 'more %.0s' $(seq 1 50))"
eventually sh -c "[ \$(ls $TMPDIR/j.notes.journal* | wc -l) -eq 2 ]"
check "the next note's journal is another file (2 journals)" [ "$(njournals)" -eq 2 ]
tm_keys C-s
tm_wait 'note added' 5
check "after saving it, the kept journal is still there" \
	sh -c "cat $TMPDIR/j.notes.journal* | grep -q 'A is typing'"
tm_keys q
tm_wait 'exited' 5
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
check "offered again at the next start" tm_wait 'was being typed' 10
tm_keys d
tm_settle
check "d discards it" [ "$(njournals)" -eq 0 ]
tm_keys q
tm_wait 'exited' 5

# an orphaned journal: its claim is gone (the curated file renamed it)
cat >"$TMPDIR/j.notes.journal-zzzzzz" <<'EOF2'
crossread-journal 1
on 16
claim-renamed-xy
when 20
2026-12-01T10:00:00Z
text 20
orphan note restored
end
EOF2
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
check "the orphaned journal is offered" tm_wait 'A note on a claim no longer in the file' 10
tm_keys r
check "restoring says its claim is gone" tm_wait 'its claim is gone' 5
tm_keys C-s
tm_wait 'note restored' 5
check "the restored note is saved to the notes file" grep -q 'orphan note restored' "$N"
check "the notes file loads cleanly" "$BIN" check "$N"
check "the orphaned journal is removed" [ ! -e "$TMPDIR/j.notes.journal-zzzzzz" ]
tm_keys ']' a
tm_wait 'Note on' 5
tm_text "a later note"
tm_keys C-s
tm_wait 'note added' 5
check "a later save goes to the notes file" grep -q 'a later note' "$N"
check "no side file" sh -c "! ls '$TMPDIR' | grep -q conflict"
finish
