# signals.sh: Ctrl-Z suspends and fg redraws cleanly (an interactive shell
# with job control), SIGTERM and SIGHUP restore the terminal and exit.
. "$ROOT/tests/e2e/lib.sh"

A="$ROOT/articles/npr-china-accuses-us.md"
B="$ROOT/articles/afp-china-denies-hack.md"
NOTES="$TMPDIR/sig.notes.yaml"
ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"

tm_start 120 40 env PS1='sh$ ' bash --norc -i
tm_wait 'sh\$' 10 || not_ok "interactive shell started"
tm_text "$BIN --notes $NOTES $A $B"
tm_keys Enter
tm_wait 'China denies Microsoft hack' 10
check "the reader runs under an interactive shell" screen_has '│ China denies Microsoft hack'
tm_keys C-z
tm_wait 'Stopped' 10
check "Ctrl-Z suspends: the shell reports the job stopped" screen_has 'Stopped'
check "... and the screen is the shell's again" screen_lacks '│ China denies Microsoft hack'
tm_text "fg"
tm_keys Enter
tm_wait '│ China denies Microsoft hack' 10
check "fg: the reader redraws both panes" screen_has '^ China accuses the United State.*│ China denies'
before=$(tm_screen | sed -n 2p)
tm_keys C-e
i=0
while [ $i -lt 50 ] && [ "$(tm_screen | sed -n 2p)" = "$before" ]; do
	sleep 0.1
	i=$((i + 1))
done
check "fg: keys work again (j scrolls)" [ "$(tm_screen | sed -n 2p)" != "$before" ]

pid=$(pgrep -n -f -- "--notes $NOTES")
check "the reader's pid is found" [ -n "$pid" ]
kill -TERM "$pid" 2>/dev/null
tm_wait 'sh\$ *$' 10
check "SIGTERM: the reader exits and the shell prompt is back" screen_lacks '│ China denies'
tm_text 'echo "status=$?"'
tm_keys Enter
tm_wait 'status=' 5
check "SIGTERM: exit status 0 after a clean shutdown" screen_has 'status=0'
tm_text 'echo typed-text-echoes'
tm_keys Enter
tm_wait '^typed-text-echoes' 5
check "SIGTERM: the terminal is restored (echo and line mode work)" screen_has '^typed-text-echoes'

# signal_exits SIG NAME [KEYS]: start the reader from the shell (KEYS sent
# once it is up, until WAIT shows), send SIG, and the shell reports status 0
signal_exits() {
	sig=$1 name=$2 keys=$3 wait=$4
	tm_text "clear; $BIN --notes $NOTES ${5:-$A $B}"
	tm_keys Enter
	tm_wait '│ China denies Microsoft hack' 10
	if [ -n "$keys" ]; then
		tm_keys "$keys"
		tm_wait "$wait" 10
		check "$name: $wait is on screen" screen_has "$wait"
	fi
	pid=$(pgrep -n -f -- "--notes $NOTES")
	kill -"$sig" "$pid" 2>/dev/null
	tm_wait 'sh\$ *$' 10
	tm_text "echo \"$sig=\$?\""
	tm_keys Enter
	tm_wait "$sig=" 5
	check "$name: the reader exits cleanly (status 0)" screen_has "$sig=0"
}
signal_exits HUP SIGHUP
signal_exits INT SIGINT
# a modal screen (the claims overview) must not hold a signal back
signal_exits TERM "SIGTERM in the claims overview" c "Claims overview" "$ANN"
tm_keys C-d

# the terminal disappears (its server killed) while the overview is open:
# the reader notices and exits instead of spinning on a dead terminal
tm_start 100 30 "$BIN" --notes "$NOTES" "$ANN"
tm_wait '│ China denies Microsoft hack' 10
tm_keys c
tm_wait 'unanswered|rebuts' 10
pid=$(pgrep -n -f -- "--notes $NOTES")
tm_stop
i=0
while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
check "terminal gone under the claims overview: the reader exits" sh -c "! kill -0 $pid 2>/dev/null"
kill -KILL "$pid" 2>/dev/null
finish
