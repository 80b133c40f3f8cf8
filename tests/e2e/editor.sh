#!/bin/sh
# e2e: the note editor. `a` on a claim, a two-line note with non-ASCII text,
# Ctrl-S: the note is in the personal file exactly, the curated file is
# untouched, and the note shows after a restart. A note half-typed when the
# reader is killed (SIGKILL after the journal was written, SIGHUP at once) is
# offered back at the next start. Esc asks before throwing typed text away.
# `A` runs $VISUAL without a shell; a failing editor changes nothing.
. "$ROOT/tests/e2e/lib.sh"

ANN=$ROOT/annotations/microsoft-exchange-hack.yaml
NOTES=$TMPDIR/n.yaml
# each reader journals to n.journal-XXXXXX of its own
journals() { ls "$TMPDIR"/n.journal* 2>/dev/null; }
has_journal() { [ -n "$(journals)" ]; }
no_journal() { [ -z "$(journals)" ]; }
in_journal() { has_journal && cat $(journals) | grep -qF "$1"; }
NOTE1='Zhao’s claim — unproven'
NOTE2='CIA 360 report: 中文 ok'
sum() { sha256sum "$1" | cut -d' ' -f1; }
before=$(sum "$ANN")

start() { tm_start 120 32 "$* $BIN $ANN --notes $NOTES"; }
# the pid of the reader in the pane (the pane runs sh, which runs env, which
# execs the reader)
reader_pid() {
	pp=$(tm display -p -t t '#{pane_pid}')
	for c in $(ps -o pid= --ppid "$pp"); do
		if [ "$(ps -o comm= -p "$c")" = crossread ]; then
			echo "$c"
			return
		fi
	done
}
# wait_journal: until one exists (the journal is written on the reader's
# clock; this only waits, it measures nothing)
wait_journal() {
	i=0
	while [ $i -lt 150 ] && no_journal; do
		sleep 0.1
		i=$((i + 1))
	done
	has_journal
}
# has_note TEXT: the personal file holds a note with exactly TEXT
has_note() {
	[ -f "$NOTES" ] || return 1
	if python3 -c 'import yaml' 2>/dev/null; then
		python3 - "$NOTES" "$1" <<'EOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if any(n.get("text") == sys.argv[2] for n in d.get("notes") or []) else 1)
EOF
	else
		printf '%s\n' "$1" | while IFS= read -r l; do
			grep -qF -- "$l" "$NOTES" || exit 1
		done
	fi
}
lacks_note_text() { [ ! -f "$NOTES" ] || ! grep -qF -- "$1" "$NOTES"; }

# ---- typing a note, saving it ----
start
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys a
check "a opens the note editor" tm_wait 'Ctrl-S save' 5
tm_text "$NOTE1"
tm_keys Enter
tm_text "$NOTE2"
check "typed text shows in the popup" tm_wait '中文 ok' 5
check "cursor position counts display columns (CJK: 2)" screen_has '2:24 '
# move into the first line keeping the column: Left x4 then Up lands
# before the "r" of "unproven" (column 19)
tm_keys Left Left Left Left Up
tm_text "X"
check "up keeps the display column across lines" tm_wait 'unpXroven' 5
tm_keys BSpace
tm_keys C-s
check "Ctrl-S closes the popup" tm_wait 'saved' 5
tm_keys q
tm_wait 'exited' 5
check "the note is saved exactly (two lines, non-ASCII)" has_note "$NOTE1
$NOTE2"
check "the curated file is byte-identical" [ "$(sum "$ANN")" = "$before" ]
check "no journal is left after saving" no_journal

start
tm_wait 'China' 10
tm_keys ']'
check "the note shows after a restart" tm_wait 'unproven' 5
# E: the saved note comes back into the editor, the cursor at its end
tm_keys E
tm_wait 'Ctrl-S save' 5
tm_text " (edited)"
tm_keys C-x
check "Ctrl-X saves too" tm_wait 'updated|saved' 5

# ---- Esc asks before discarding ----
tm_keys a
tm_wait 'Ctrl-S save' 5
tm_text "throwaway words"
tm_keys Escape
check "Esc with typed text asks first" tm_wait 'Discard' 5
tm_keys n
check "n keeps editing, text intact" tm_wait 'throwaway words' 5
tm_text " more"
tm_keys Escape
tm_wait 'Discard' 5
tm_keys y
tm_settle
check "y discards: popup closed" screen_lacks 'Ctrl-S save'
tm_keys a
tm_wait 'Ctrl-S save' 5
tm_keys Escape
tm_settle
check "Esc on an untouched note closes without asking" screen_lacks 'Discard|Ctrl-S save'
tm_keys q
tm_wait 'exited' 5
check "discarded text was not saved" lacks_note_text "throwaway"
check "e edited the note in place" has_note "$NOTE1
$NOTE2 (edited)"
check "no journal left after cancelling" no_journal

# ---- SIGKILL while typing: the journal brings the note back ----
start
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys a
tm_wait 'Ctrl-S save' 5
tm_text "half-written: Zhao said “no”"
check "the journal is written while typing" wait_journal
pid=$(reader_pid)
check "found the reader's pid" [ -n "$pid" ]
[ -n "$pid" ] && kill -9 "$pid"
tm_wait 'exited' 5
check "the journal survives SIGKILL" has_journal
start
check "the next start offers the half-written note" tm_wait 'was being typed' 10
tm_keys r
check "restoring reopens it in the editor" tm_wait 'half-written: Zhao said “no”' 5
tm_text " (restored)"
tm_keys C-s
tm_wait 'saved' 5
tm_keys q
tm_wait 'exited' 5
check "the restored note is saved" has_note 'half-written: Zhao said “no” (restored)'
check "the journal is gone once the note is saved" no_journal

# ---- SIGHUP (terminal closed) at once: written on the way out ----
start
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys a
tm_wait 'Ctrl-S save' 5
tm_text "typed just before the hangup"
tm_wait 'before the hangup' 5
pid=$(reader_pid)
[ -n "$pid" ] && kill -HUP "$pid"
tm_wait 'exited' 5
check "SIGHUP while typing leaves the note in the journal" in_journal "typed just before the hangup"
start
check "and it is offered back" tm_wait 'was being typed' 10
tm_keys d
tm_settle
check "d discards the journal" no_journal

# ---- the terminal goes away (as a closed ssh session) ----
tm_keys ']'
tm_settle
tm_keys a
tm_wait 'Ctrl-S save' 5
tm_text "typed when the terminal closed"
tm_wait 'terminal closed' 5
pid=$(reader_pid)
tm_stop
i=0
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the reader ends when its terminal is closed" sh -c '! kill -0 "$1" 2>/dev/null' sh "$pid"
check "the note typed is in the journal" in_journal "typed when the terminal closed"
rm -f "$TMPDIR"/n.journal*

# ---- $VISUAL: no shell, arguments split on spaces ----
cat >"$TMPDIR/ed.sh" <<'EOF'
#!/bin/sh
# records its arguments one a line, then writes the note
for a in "$@"; do printf '%s\n' "$a"; done >"$(dirname "$0")/ed.args"
for f; do :; done
printf 'from the editor: ünïcode ✓\n' >"$f"
EOF
chmod +x "$TMPDIR/ed.sh"
start "VISUAL='$TMPDIR/ed.sh --x;touch $TMPDIR/pwned'"
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys A
check "A: the editor's note is saved" tm_wait 'saved' 10
check "the editor got its words as separate arguments, uninterpreted" \
	grep -qx -- '--x;touch' "$TMPDIR/ed.args"
check "no shell ran the command" [ ! -e "$TMPDIR/pwned" ]
check "the editor ran on a temporary file, removed afterwards" \
	sh -c '! ls "$1"/crossread-note.* >/dev/null 2>&1' sh "$TMPDIR"
tm_keys q
tm_wait 'exited' 5
check "the note from the editor is in the personal file" has_note 'from the editor: ünïcode ✓'

start "VISUAL=false"
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys A
check "a failing editor is reported" tm_wait 'failed' 10
tm_keys q
tm_wait 'exited' 5
check "the curated file is still byte-identical" [ "$(sum "$ANN")" = "$before" ]

# ---- a hostile $EDITOR cannot drive the terminal ----
# The command that cannot be run carries an OSC title sequence: nothing may
# write it raw (the child used to print "cannot run ARGV0" to stderr), the
# failure is shown on the status line in its visible form.
cat >"$TMPDIR/evil-editor.sh" <<EOF
while [ ! -f "$TMPDIR/go" ]; do sleep 0.05; done
EDITOR=\$(printf '/nonexistent\\033]0;PWNED\\007') exec "$BIN" "$ANN" --notes "$NOTES"
EOF
rm -f "$TMPDIR/go" "$TMPDIR/stream"
tm_start 160 32 "env -u VISUAL sh $TMPDIR/evil-editor.sh"
title_before=$(tm display -p -t t '#{pane_title}')
tm pipe-pane -t t -o "cat >>'$TMPDIR/stream'"
sleep 0.3
touch "$TMPDIR/go"
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys A
check "an editor that cannot be run is reported" tm_wait 'failed' 10
check "the reported command shows its ESC and BEL visibly" \
	screen_has 'editor /nonexistent\^\[\]0;PWNED\^G failed \(cannot run it: No such file or directory\)'
tm_keys j k
tm_settle
title_after=$(tm display -p -t t '#{pane_title}')
check "pane title unchanged by \$EDITOR ($title_before)" test "$title_after" = "$title_before"
tm_keys q
tm_wait 'exited' 5
tm pipe-pane -t t
sleep 0.2
check "the terminal stream holds the payload only drawn visibly" grep -q 'PWNED' "$TMPDIR/stream"
check "the terminal stream holds no OSC (ESC ])" \
	perl -e 'local $/; open my $f, "<:raw", $ARGV[0] or exit 1; my $s = <$f>; exit($s =~ /\e\]/ ? 1 : 0)' "$TMPDIR/stream"
check "the curated file is byte-identical at the end" [ "$(sum "$ANN")" = "$before" ]
finish
