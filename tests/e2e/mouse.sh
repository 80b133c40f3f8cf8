# mouse.sh: the wheel scrolls the pane under the pointer, a click focuses it
# (X10 mouse reports typed into the pane, as a terminal would send them).
. "$ROOT/tests/e2e/lib.sh"

# mouse_event BUTTON_CODE COL ROW (0-based)
mouse_event() {
	# octal escapes: POSIX printf knows no \x
	seq=$(printf "\\033[M\\$(printf %03o $((32 + $1)))\\$(printf %03o $((33 + $2)))\\$(printf %03o $((33 + $3)))")
	tm send-keys -t t -l "$seq"
}
left() { tm_screen | sed -n 2,10p | cut -c1-58; }
right() { tm_screen | sed -n 2,10p | cut -c62-; }
# changes FUNC BEFORE: wait (up to 5 s) until FUNC's text differs from BEFORE
changes() {
	i=0
	while [ $i -lt 50 ]; do
		[ "$($1)" != "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

tm_start 120 40 "$BIN" "$ROOT/articles/npr-china-accuses-us.md" "$ROOT/articles/afp-china-denies-hack.md"
tm_wait 'China denies' || not_ok "reader started"
l0=$(left) r0=$(right)
mouse_event 65 80 10 # wheel down over the right pane
check "wheel down over the right pane scrolls it" changes right "$r0"
r1=$(right)
check "wheel down over the right pane leaves the left alone" [ "$(left)" = "$l0" ]
mouse_event 64 80 10 # wheel up
check "wheel up scrolls the right pane back" changes right "$r1"
check "... to where it was" [ "$(right)" = "$r0" ]
mouse_event 65 10 10 # wheel down over the left pane
check "wheel down over the left pane scrolls the left pane" changes left "$l0"
check "... and not the right one" [ "$(right)" = "$r0" ]
# focus is on the left pane; a click on the right pane moves it there
mouse_event 0 80 12
mouse_event 3 80 12
tm_settle
tm_keys C-e C-e C-e
check "after a click on the right pane, Ctrl-E scrolls the right pane" changes right "$r0"
tm_keys q
tm_wait '\[exited 0\]' 5
finish
