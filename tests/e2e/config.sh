# config.sh: the config file: --print-config loads back unchanged, problems
# are FILE:LINE:COL on stderr and the reader starts anyway, --config,
# --no-config, CROSSREAD_CONFIG and XDG_CONFIG_HOME; in tmux, keys bound in
# the file work and unbound ones do nothing, in the reader, in the note
# editor (editor mode) and in a prompt (prompt mode).
. "$ROOT/tests/e2e/lib.sh"

out="$TMPDIR/out" err="$TMPDIR/err"
NPR="$ROOT/articles/npr-china-accuses-us.md" AFP="$ROOT/articles/afp-china-denies-hack.md"

"$BIN" --print-config >"$TMPDIR/printed"
check "--print-config prints the defaults" grep -q '^bind reader Enter follow-link$' "$TMPDIR/printed"
"$BIN" --no-config --keys >"$TMPDIR/keys-default"
"$BIN" --config "$TMPDIR/printed" --keys >"$out" 2>"$err"
check "the printed config loads without a problem" test ! -s "$err"
check "... and gives the default keys" cmp -s "$out" "$TMPDIR/keys-default"

printf 'bind reader x quit\nbind reader x jump-sideways\nunbind reader q\ncolor claim purple default\n' >"$TMPDIR/mine"
"$BIN" --config "$TMPDIR/mine" --keys >"$out" 2>"$err"
check "a problem: exit 0 all the same" test $? -eq 0
check "unknown action as FILE:LINE:COL" grep -q "mine:2:15: error: unknown action 'jump-sideways'" "$err"
check "unknown colour as FILE:LINE:COL" grep -q "mine:4:13: error: unknown colour 'purple'" "$err"
check "the good lines apply: x quits" grep -Eq '^x +quit +quit$' "$out"
check "... and q is unbound" test -z "$(grep -E '^q +quit' "$out")"

CROSSREAD_CONFIG="$TMPDIR/mine" "$BIN" --keys >"$out" 2>"$err"
check "CROSSREAD_CONFIG names the file" grep -Eq '^x +quit +quit$' "$out"
CROSSREAD_CONFIG="$TMPDIR/mine" "$BIN" --no-config --keys >"$out" 2>"$err"
check "--no-config reads none" cmp -s "$out" "$TMPDIR/keys-default"
"$BIN" --config "$TMPDIR/nonexistent" --keys >"$out" 2>"$err"
check "a missing --config file: exit 0, the defaults" cmp -s "$out" "$TMPDIR/keys-default"
check "... and it is said as FILE:LINE:COL" grep -q "nonexistent:1:1: error: cannot read" "$err"
mkdir -p "$TMPDIR/xdg/crossread"
printf 'bind reader x quit\nunbind reader q\nbind reader J page-down\nset notes %s\nbind reader Shift-Q quit\n' \
	"$TMPDIR/mynotes.yaml" >"$TMPDIR/xdg/crossread/config"
env -u CROSSREAD_CONFIG XDG_CONFIG_HOME="$TMPDIR/xdg" "$BIN" --keys >"$out" 2>"$err"
check "XDG_CONFIG_HOME/crossread/config is read" grep -Eq '^x +quit +quit$' "$out"
check "... its bad line reported" grep -q "crossread/config:5:13: error: unknown key 'Shift-Q'" "$err"

# in the reader: J pages down, q does nothing, x quits; the notes go where
# the config says
tm_start 100 30 env -u CROSSREAD_CONFIG XDG_CONFIG_HOME="$TMPDIR/xdg" "$BIN" "$NPR" "$AFP"
tm_wait 'China denies' || not_ok "reader started with a config that has a problem"
check "the notes file the config names is shown" eventually screen_has 'mynotes.yaml'
before=$(tm_screen)
tm_keys J
screen_differs() { [ "$(tm_screen)" != "$1" ]; }
check "a key bound in the config works (J pages down)" eventually screen_differs "$before"
tm_keys q
tm_settle
check "an unbound key does nothing (q does not quit)" screen_lacks '\[exited'
tm_keys x
check "x, bound to quit, quits" tm_wait '\[exited 0\]' 5

# the note editor's and the prompts' keys come from the file too: Ctrl-W
# saves instead of Ctrl-S and Ctrl-X, Ctrl-B moves left
ANN=$ROOT/annotations/microsoft-exchange-hack.yaml
printf 'unbind editor Ctrl-S\nunbind editor Ctrl-X\nbind editor Ctrl-W edit-save\nbind editor Ctrl-B edit-left\nbind prompt Ctrl-B edit-left\n' >"$TMPDIR/edkeys"
"$BIN" --config "$TMPDIR/edkeys" --keys >"$out" 2>"$err"
check "editor and prompt bindings load without a problem" test ! -s "$err"
check "... and --keys lists them" grep -Eq '^Ctrl-W +edit-save ' "$out"
tm_start 100 30 "$BIN" --config "$TMPDIR/edkeys" --notes "$TMPDIR/ed.yaml" "$ANN"
tm_wait 'China' 10
tm_keys ']'
tm_settle
tm_keys a
check "the editor's border names the bound save key" tm_wait 'Ctrl-W save' 5
tm_text "abc"
tm_keys C-b
tm_text "X"
check "a key bound in editor mode works in the note editor (Ctrl-B: left)" tm_wait 'abXc' 5
tm_keys C-s C-x
tm_settle
check "unbound in editor mode, Ctrl-S and Ctrl-X do not save" screen_has 'Ctrl-W save'
tm_keys C-w
check "Ctrl-W, bound to edit-save, saves the note" tm_wait 'saved' 5
check "... the text typed with the bound keys" eventually grep -q 'abXc' "$TMPDIR/ed.yaml"
tm_keys /
tm_text "qqzz"
tm_keys C-b C-b
tm_text "XY"
check "a key bound in prompt mode works in a prompt (Ctrl-B: left)" tm_wait 'qqXYzz' 5
tm_keys Escape
tm_settle
check "Esc still cancels the prompt" screen_lacks 'qqXYzz'
tm_keys q
check "q quits" tm_wait '\[exited 0\]' 5
finish
