#!/bin/sh
# output.sh: what the reader writes to the terminal per key: one frame goes
# out in a write or two, not one per cursor motion (ncurses 6.4 flushed at
# every motion on a screen that had not been through endwin(): ~50 writes a
# frame). Counts system calls under strace; measures no time.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
LOG="$TMPDIR/writes.log"
if ! command -v strace >/dev/null 2>&1; then
	not_ok "strace is installed (scripts/deps.sh test installs it)"
	exit 1
fi
# LeakSanitizer cannot run under ptrace: leaks are checked everywhere else
tm_start 100 30 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	strace -f -e trace=write -o "$LOG" "$BIN" -n "$TMPDIR/o.notes.yaml" "$ANN"
check "reader starts under strace" tm_wait 'China denies Microsoft hack' 20
tm_settle
before=$(grep -c 'write(1,' "$LOG")
n=0
while [ $n -lt 10 ]; do
	top=$(tm_screen | sed -n 2p)
	tm_keys C-e
	moved() { [ "$(tm_screen | sed -n 2p)" != "$1" ]; }
	check "line scroll $((n + 1)) is drawn" eventually moved "$top"
	n=$((n + 1))
done
tm_settle
after=$(grep -c 'write(1,' "$LOG")
writes=$((after - before))
echo "# 10 line scrolls: $writes writes to the terminal"
check "10 line scrolls go out in at most 20 writes ($writes)" [ "$writes" -le 20 ]
check "... and in at least 10 (each scroll was drawn)" [ "$writes" -ge 10 ]
tm_keys q
check "q exits with status 0" tm_wait '\[exited 0\]' 10
finish
