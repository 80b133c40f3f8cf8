#!/bin/sh
# store_files: the personal notes path must be a regular file. /dev/null, a
# FIFO and a directory are refused with "crossread: PATH: not a regular
# file" (exit 2) before the screen opens, never opened blocking, and nothing
# is created beside them. A read-only notes file is never replaced: the
# reader says so, keeps the change in memory and offers a side file when
# quitting. --no-notes writes nothing and says so.
. "$ROOT/tests/e2e/lib.sh"
ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
W="$TMPDIR/store_files"
rm -rf "$W"
mkdir -p "$W"

# refused: what the reader prints, its status, and nothing left beside it
refused() {
	what=$1 path=$2
	# timeout guards the test against a hang (the bug), it measures nothing
	out=$(timeout 20 "$BIN" --notes "$path" "$ANN" 2>&1 </dev/null)
	rc=$?
	check "$what: exit 2 (was $rc)" [ "$rc" -eq 2 ]
	check "$what: 'crossread: $path: not a regular file'" \
		sh -c "printf '%s' \"\$1\" | grep -qF \"crossread: $path: not a regular file\"" _ "$out"
}
refused "/dev/null as notes" /dev/null
check "/dev/null: no journal or side file created beside it" \
	sh -c '! ls /dev/null.journal* /dev/null.conflict-* 2>/dev/null | grep -q .'
mkfifo "$W/fifo.yaml"
refused "a FIFO as notes (not opened blocking)" "$W/fifo.yaml"
mkdir "$W/dir.yaml"
refused "a directory as notes" "$W/dir.yaml"
ln -s /dev/null "$W/link.yaml"
refused "a symlink to /dev/null as notes" "$W/link.yaml"
check "nothing created beside the refused paths" \
	[ "$(ls -A "$W" | sort | tr '\n' ' ')" = "dir.yaml fifo.yaml link.yaml " ]

# a read-only notes file (0444): the note stays in memory, the file as it was
RO="$W/ro.notes.yaml"
printf 'version: 1\nnotes: []\n' >"$RO"
chmod 444 "$RO"
SUM=$(sha256sum "$RO")
tm_start 120 40 "$BIN" "$ANN" --notes "$RO"
tm_wait 'read-only' 10
check "read-only notes: the status line says so at start" screen_has 'read-only'
tm_keys ']'
tm_keys a
tm_wait 'Note on' 5
tm_text "kept in memory"
tm_keys C-s
tm_wait 'note saved' 5
check "read-only notes: saving says the file is read-only, kept in memory" \
	screen_has 'read-only: it is not replaced'
check "read-only notes: the file is byte-identical" [ "$(sha256sum "$RO")" = "$SUM" ]
tm_keys q
tm_wait 'Not saved' 5
check "read-only notes: quitting offers a side file" screen_has 's\)ide file'
tm_keys s
tm_wait '\[exited 0\]' 10
check "read-only notes: s writes the side file and quits" screen_has '\[exited 0\]'
check "the side file holds the note" sh -c "grep -q 'kept in memory' '$W'/ro.notes.conflict-*.yaml"
check "read-only notes: still byte-identical" [ "$(sha256sum "$RO")" = "$SUM" ]

# --no-notes: notes in memory only, nothing written, the status line says so
NN="$W/nn"
mkdir "$NN"
cp "$ANN" "$NN/a.yaml"
sed -i "s#path: \.\./#path: $ROOT/#" "$NN/a.yaml"
tm_start 120 40 "$BIN" --no-notes "$NN/a.yaml"
tm_wait 'no-notes' 10
check "--no-notes: the status line says nothing is written" screen_has 'nothing is written'
tm_keys ']'
tm_keys a
tm_wait 'Note on' 5
tm_text "not to be written"
tm_keys C-s
tm_wait 'note saved' 5
check "--no-notes: the note is kept in memory only" screen_has 'nothing is written'
tm_keys q
tm_wait '\[exited 0\]' 10
check "--no-notes: quits at once" screen_has '\[exited 0\]'
check "--no-notes: nothing was written beside the annotation file" \
	[ "$(ls -A "$NN")" = "a.yaml" ]
finish
