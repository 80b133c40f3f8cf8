# signals.sh: Ctrl-Z suspends and fg redraws cleanly (an interactive shell
# with job control), SIGTERM and SIGHUP restore the terminal and exit.
. "$ROOT/tests/e2e/lib.sh"

A="$ROOT/articles/npr-china-accuses-us.md"
B="$ROOT/articles/afp-china-denies-hack.md"
NOTES="$TMPDIR/sig.notes.yaml"

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
tm_keys j
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

tm_text "clear; $BIN --notes $NOTES $A $B"
tm_keys Enter
tm_wait '│ China denies Microsoft hack' 10
pid=$(pgrep -n -f -- "--notes $NOTES")
kill -HUP "$pid" 2>/dev/null
tm_wait 'sh\$ *$' 10
tm_text 'echo "hup=$?"'
tm_keys Enter
tm_wait 'hup=' 5
check "SIGHUP: the reader exits cleanly" screen_has 'hup=0'

tm_text "clear; $BIN --notes $NOTES $A $B"
tm_keys Enter
tm_wait '│ China denies Microsoft hack' 10
pid=$(pgrep -n -f -- "--notes $NOTES")
kill -INT "$pid" 2>/dev/null
tm_wait 'sh\$ *$' 10
tm_text 'echo "int=$?"'
tm_keys Enter
tm_wait 'int=' 5
check "SIGINT: the reader exits cleanly" screen_has 'int=0'

# a modal screen (the claims overview) must not hold a signal back
ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
tm_text "clear; $BIN --notes $NOTES $ANN"
tm_keys Enter
tm_wait '│ China denies Microsoft hack' 10
tm_keys c
tm_wait 'unanswered|rebuts' 10
check "the claims overview is open" screen_lacks '│ China denies Microsoft hack'
pid=$(pgrep -n -f -- "--notes $NOTES")
kill -TERM "$pid" 2>/dev/null
tm_wait 'sh\$ *$' 10
tm_text 'echo "ovterm=$?"'
tm_keys Enter
tm_wait 'ovterm=' 5
check "SIGTERM in the claims overview: the reader exits at once, status 0" screen_has 'ovterm=0'
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
