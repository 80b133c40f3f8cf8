#!/bin/sh
# color.sh: roles are colours on a colour terminal; with NO_COLOR set, with
# --no-color, and on a terminal without colours (TERM=vt100) they are drawn
# with attributes only (bold, underline, reverse) and no colour at all.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"

# SGR parameters used on screen, one per line ("1", "4", "7", "31", "38;5;1" ...)
sgr_params() {
	tm capture-pane -t t -p -e | perl -ne 'while (/\e\[([0-9;:]*)m/g) { print "$1\n" }' | sort -u
}
# any colour: 30-37, 39 excepted, 40-47, 90-107, 38;... 48;...
has_colour() {
	sgr_params | tr ';' '\n' | grep -Eqx '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}
has_attr() { sgr_params | tr ';' '\n' | grep -qx "$1"; }
no_colour() { ! has_colour; }
bold_and_underline() { has_attr 1 && has_attr 4; }

run_case() { # name, then the command's words
	name=$1
	shift
	tm_start 120 40 "$@"
	tm_wait 'China denies Microsoft hack' 10 || not_ok "$name: reader started"
	tm_keys ']'
	tm_settle
}

run_case "colour" env -u NO_COLOR "$BIN" -n "$TMPDIR/c.notes.yaml" "$ANN"
check "colour terminal: roles in colour" has_colour
check "colour terminal: the selected claim reversed" has_attr 7
tm_keys q

run_case "NO_COLOR" env NO_COLOR=1 "$BIN" -n "$TMPDIR/c.notes.yaml" "$ANN"
check "NO_COLOR: no colour anywhere" no_colour
check "NO_COLOR: the selected claim reversed" has_attr 7
check "NO_COLOR: roles by bold and underline" bold_and_underline
tm_keys q

run_case "--no-color" env -u NO_COLOR "$BIN" --no-color -n "$TMPDIR/c.notes.yaml" "$ANN"
check "--no-color: no colour anywhere" no_colour
check "--no-color: the selected claim reversed" has_attr 7
tm_keys q

run_case "vt100" env -u NO_COLOR TERM=vt100 "$BIN" -n "$TMPDIR/c.notes.yaml" "$ANN"
check "a terminal without colours (vt100): no colour anywhere" no_colour
check "vt100: the selected claim reversed" has_attr 7
tm_keys q
finish
