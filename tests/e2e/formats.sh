#!/bin/sh
# formats.sh: the reader on articles of other formats, in tmux: a saved web
# page beside a text pasted from a browser (the page's title, date and
# outlet in its header; the paste's headline, not its "Skip to main
# content", in the other), then a page piped in on standard input (`-`)
# while keys come from the terminal. Also: a binary file is refused before
# the screen is touched, and --format overrides the detection.
. "$ROOT/tests/e2e/lib.sh"

HTML="$ROOT/tests/data/html"
PASTE="$ROOT/tests/data/text/paste.txt"
NOTES="$TMPDIR/notes.yaml"

tm_start 200 30 "$BIN" -n "$NOTES" "$HTML/wire.html" "$PASTE"
check "page header: title" tm_wait 'Rhine shipping halted as floods swamp Cologne quays'
check "page header: date and outlet" screen_has '2024-06-03, Meridian Press'
check "paste header: its headline" screen_has '│ Barges queue on the Rhine as Cologne waits'
check "paste header: not the furniture" screen_lacks '│ Skip to main content'
check "the page's text, no markup" screen_has 'COLOGNE, June 3 \(Meridian\)'
check "no cookie banner" screen_lacks 'cookies'
check "no raw HTML" screen_lacks '<(p|div|!DOCTYPE)'
tm_keys q
check "q quits" tm_wait '\[exited 0\]'

# standard input: the article through a pipe, keys from the terminal
tm_start 200 12 sh -c "'cat \"$HTML/broadcaster.html\" | \"$BIN\" -n \"$NOTES\" - \"$PASTE\"'"
check "stdin: the piped page's title" tm_wait 'Cologne floods: Rhine closed to ships as river rises'
check "stdin: its outlet" screen_has 'NBC News'
check "stdin: the other pane starts at its top" screen_has '│   Skip to main content'
tm_keys Tab
tm_keys C-e
check "stdin: keys come from the terminal (Tab, Ctrl-E scroll the other pane)" eventually screen_lacks '│   Skip to main content'
tm_keys q
check "stdin: q quits" tm_wait '\[exited 0\]'

# a binary file: one line, exit 2, before the screen
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$TMPDIR/photo.md"
"$BIN" "$TMPDIR/photo.md" "$PASTE" >"$TMPDIR/bin.out" 2>&1
check "a binary file: exit 2" [ $? -eq 2 ]
check "a binary file: not a text article" grep -q "^crossread: .*photo.md: not a text article$" "$TMPDIR/bin.out"
"$BIN" dump "$TMPDIR/photo.md" >/dev/null 2>&1
check "dump refuses it too" [ $? -eq 2 ]

# --format overrides what the content says
"$BIN" dump --format text "$HTML/wire.html" >"$TMPDIR/raw.txt" 2>"$TMPDIR/raw.meta"
check "--format text shows the markup as text" grep -q '<!DOCTYPE html>' "$TMPDIR/raw.txt"
check "dump names the forced format" grep -q '^format: text (--format)$' "$TMPDIR/raw.meta"
"$BIN" dump --format pdf "$PASTE" >/dev/null 2>&1
check "--format with an unknown name: exit 2" [ $? -eq 2 ]
"$BIN" dump "$PASTE" >/dev/null 2>"$TMPDIR/paste.meta"
check "dump says what it detected" grep -q '^format: text (file name)$' "$TMPDIR/paste.meta"
finish
