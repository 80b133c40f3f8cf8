#!/bin/sh
# store_two: two readers on one notes file, typing 40 notes each at the same
# time (keys sent to both without waiting, so saves overlap and each merges
# with the other's), end with all 80 notes in the file, each once, and no
# side file.
. "$ROOT/tests/e2e/lib.sh"
ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
N="$TMPDIR/two.notes.yaml"
# 3000 notes already there: each save reads, merges and writes a file of
# some size, as on a desk after weeks of work, so the two readers' saves
# overlap the more
{
	echo "version: 1"
	echo "notes:"
	i=0
	while [ $i -lt 3000 ]; do
		printf -- "- id: old-%d\n  on: npr-us-accuses-china\n  text: an older note %d\n  created: '2026-01-01T00:00:00Z'\n" $i $i
		i=$((i + 1))
	done
} >"$N"
tm_start 120 40 "$BIN" "$ANN" --notes "$N"
# the second reader: a second session on the same tmux server
tm new-session -d -s u -x 120 -y 40 \
	"env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN $ANN --notes $N; echo '[exited '\$?']'; sleep 600"
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
tm_wait 'China denies' 10 || not_ok "reader A started"
wait_u 'China denies' || not_ok "reader B started"
tm_keys ']'
tm send-keys -t u ']' ']'
# each note: both editors opened, then both readers' text and Ctrl-S sent
# without waiting for the screen, so their saves overlap
k=1
while [ $k -le 40 ]; do
	tm_keys a
	tm send-keys -t u a
	# both editors open before the text: a key typed ahead of the
	# editor would reach the reader instead (digits choose an article)
	tm_wait 'Note on' 20 || not_ok "A: note editor ($k)"
	wait_u 'Note on' || not_ok "B: note editor ($k)"
	tm_text "note A$k from reader A"
	tm send-keys -t u -l "note B$k from reader B"
	tm_keys C-s
	tm send-keys -t u C-s
	k=$((k + 1))
done
# each reader has read every key once its note panel shows the last note
tm_wait 'note A40 from reader A' 60 || not_ok "A typed all 40"
wait_u 'note B40 from reader B' || not_ok "B typed all 40"
tm_settle
tm_keys q
tm send-keys -t u q
tm_wait '\[exited 0\]' 10
wait_u '\[exited 0\]'
a=$(grep -Ec 'note A[0-9]+ from reader A' "$N")
b=$(grep -Ec 'note B[0-9]+ from reader B' "$N")
check "two readers typing 40 notes each at once: 80 notes in the file (A $a, B $b)" \
	[ "$a.$b" = "40.40" ]
k=1 dup=0
while [ $k -le 40 ]; do
	[ "$(grep -c "note A$k from" "$N")" -eq 1 ] || dup=$((dup + 1))
	[ "$(grep -c "note B$k from" "$N")" -eq 1 ] || dup=$((dup + 1))
	k=$((k + 1))
done
check "each of the 80 notes once ($dup not)" [ "$dup" -eq 0 ]
check "the merged file passes crossread check" "$BIN" check "$N"
check "no side file" sh -c "! ls '$TMPDIR' | grep -q conflict"
finish
