#!/bin/sh
# paste.sh: pasting 60 KB into the note editor (issue 11). tmux's
# `paste-buffer -p` brackets the text (ESC[200~ ... ESC[201~) because the
# editor asks for it: the paste is one insertion and one journal write (the
# journal's renames are counted with strace: ~300 when each pasted key was an
# edit), and the note saved is the text pasted. Without brackets the keys
# already waiting are applied before one redraw; the text is the same.
# Nothing here is timed: the waits only wait.
. "$ROOT/tests/e2e/lib.sh"

ANN=$ROOT/annotations/microsoft-exchange-hack.yaml
NOTES=$TMPDIR/paste.yaml
TRACE=$TMPDIR/paste.trace
PASTE=$TMPDIR/paste.txt
awk 'BEGIN { for (i = 0; i < 940; i++) printf "line %04d of the pasted text, to make it about sixty KB long ok\n", i; printf "THE-END-MARK" }' >"$PASTE"
check "the paste is 60 KB" test "$(wc -c <"$PASTE")" -ge 60000

# saved_note: the personal file holds one note whose text is the paste
saved_note() {
	python3 - "$NOTES" "$PASTE" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
want = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if [n.get("text") for n in d.get("notes") or []] == [want] else 1)
EOF
}
journal_renames() {
	grep -E 'rename.*"[^"]*paste\.journal-[A-Za-z0-9]+"' "$TRACE" | grep -vc 'ENOENT\|= -1'
}

for mode in bracketed plain; do
	rm -f "$NOTES" "$TMPDIR"/paste.journal-* "$TRACE"
	# LeakSanitizer cannot run under ptrace: leaks are checked everywhere else
	tm_start 120 32 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq --seccomp-bpf -o "$TRACE" -e trace=rename,renameat,renameat2 \
		"$BIN" "$ANN" --notes "$NOTES"
	tm_wait 'China' 10
	tm_keys ']'
	tm_settle
	tm_keys a
	check "$mode: a opens the note editor" tm_wait 'Ctrl-S save' 10
	tm load-buffer "$PASTE"
	if [ $mode = bracketed ]; then tm paste-buffer -p -t t; else tm paste-buffer -t t; fi
	# the cursor after the last of 941 lines, and the end on screen
	check "$mode: the whole paste is in the popup (cursor at 941:13)" tm_wait '941:13 ' 60
	check "$mode: its end shows" screen_has 'THE-END-MARK'
	check "$mode: the journal holds the paste" eventually sh -c 'grep -qs THE-END-MARK "$1"/paste.journal-*' _ "$TMPDIR"
	if [ $mode = bracketed ]; then
		check "bracketed: one journal write for the paste ($(journal_renames))" \
			test "$(journal_renames)" -eq 1
	else
		check "plain: journal writes fewer than one per 200 bytes ($(journal_renames))" \
			test "$(journal_renames)" -lt 60
	fi
	tm_keys C-s
	check "$mode: Ctrl-S saves" tm_wait 'saved' 10
	tm_keys q
	tm_wait 'exited' 10
	check "$mode: the note saved is the pasted text exactly" saved_note
done
finish
