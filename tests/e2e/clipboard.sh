# clipboard.sh: Y writes OSC 52 only when allowed. tmux with set-clipboard on
# turns an OSC 52 sequence an application writes into a paste buffer, so the
# buffer is what the terminal received: the selected claim's quote or the
# selection, exactly. `set clipboard osc52` sends it whatever the terminal;
# auto only where terminfo announces Ms (tmux-256color does, screen-256color
# does not); off never; each refusal is said on the status line.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"
CONF="$TMPDIR/crossread.conf"
N="$TMPDIR/n.notes.yaml"
buffer() { tm show-buffer 2>/dev/null; }
no_buffer() { ! tm show-buffer >/dev/null 2>&1; }
# start CLIPBOARD-MODE TERM: the reader with that config, under that TERM
start() {
	printf 'set clipboard %s\n' "$1" >"$CONF"
	tm_start 120 40 env TERM="$2" CROSSREAD_CONFIG="$CONF" "$BIN" "$ANN" --notes "$N"
	tm set-option -g set-clipboard on >/dev/null
	tm_wait 'China denies' || not_ok "reader started ($1, $2)"
	tm_settle
}

# 1. osc52 under a TERM without Ms: ] Y copies the claim's quote
start osc52 screen-256color
check "nothing in the buffers before Y" no_buffer
tm_keys Y
check "Y with nothing selected says so" tm_wait 'nothing to copy' 5
check "... and sends nothing" no_buffer
tm_keys ']'
tm_keys Y
check "Y says what it sent" tm_wait "quote .* sent to the terminal's clipboard" 5
check "the terminal received the selected claim's quote (OSC 52)" eventually [ -n "$(buffer)" ]
claim_text=$(buffer)
check "... which is on screen as the selected claim" screen_has "$(printf %s "$claim_text" | cut -c1-20)"
# the selection: v e e from the cursor
tm_keys Escape
tm_keys g w v e e Y
check "Y copies the selection" eventually [ "$(buffer)" = "to content" ]
tm_keys q
tm_wait '\[exited 0\]' 5

# 2. auto under a TERM whose terminfo announces Ms: sent
start auto tmux-256color
tm_keys v e Y
check "auto, Ms announced: sent" eventually [ "$(buffer)" = "Skip" ]
tm_keys q
tm_wait '\[exited 0\]' 5

# 3. auto under a TERM without Ms: refused, and why
start auto screen-256color
tm_keys v e Y
check "auto, no Ms: the status says why nothing was copied" tm_wait 'does not announce OSC 52' 5
check "... and nothing reached the terminal" no_buffer
tm_keys q
tm_wait '\[exited 0\]' 5

# 4. off: refused even where Ms is announced
start off tmux-256color
tm_keys v e Y
check "off: the status says the config forbids it" tm_wait 'set clipboard off' 5
check "... and nothing reached the terminal" no_buffer
tm_keys q
tm_wait '\[exited 0\]' 5
check "q quits cleanly" screen_has '\[exited 0\]'
finish
