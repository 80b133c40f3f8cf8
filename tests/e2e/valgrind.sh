#!/bin/sh
# valgrind.sh: one reader session under valgrind (bundled annotation file,
# scroll, select a claim, follow it, come back, write a note, search,
# suggestions, claims overview, quit):
# no memory errors and no bytes definitely lost. Under SANITIZE=1 the binary
# is an ASan build, which valgrind cannot run; the sanitizers watch every
# other test then, and this script only checks that the build really is one.
. "$ROOT/tests/e2e/lib.sh"

ANN="$ROOT/annotations/microsoft-exchange-hack.yaml"

if [ "${SANITIZE:-}" = 1 ]; then
	echo "# SANITIZE=1: valgrind does not run ASan builds; checking the build instead"
	check "SANITIZE=1: $BIN is an AddressSanitizer build" \
		sh -c 'nm "$1" 2>/dev/null | grep -q __asan_init || grep -aq AddressSanitizer "$1"' _ "$BIN"
	exit $E2E_FAILED
fi
if ! command -v valgrind >/dev/null 2>&1; then
	not_ok "valgrind is installed (apt-get install valgrind)"
	exit 1
fi

LOG="$TMPDIR/valgrind.log"
rm -f "$LOG"
tm_start 120 40 "env -u NO_COLOR valgrind --leak-check=full --errors-for-leak-kinds=definite \
	--error-exitcode=99 --log-file=$LOG $BIN -n $TMPDIR/notes.yaml $ANN"
check "reader starts under valgrind" tm_wait 'China denies Microsoft hack' 60
tm_settle
tm_keys j j j C-e Space C-b w e h l 0 $ v w Escape
tm_settle
tm_keys Tab
tm_keys ']'
tm_settle
check "] selects a claim" screen_has 'accusation|rebuttal|claim by'
tm_keys Enter
tm_settle
check "Enter follows the link" screen_has '^ *1/[0-9]+ '
tm_keys C-o
tm_settle
tm_keys a
check "a opens the note editor" tm_wait 'Ctrl-S save' 30
tm_text "valgrind note — ünïcode 中文"
tm_keys Enter
tm_text "second line"
tm_keys C-s
check "Ctrl-S saves the note" tm_wait 'note added' 30
check "the note is in the personal file" grep -q 'valgrind note' "$TMPDIR/notes.yaml"
tm_keys '/'
tm_wait '^/' 10
tm_text "beijing"
tm_keys Enter
tm_settle
tm_keys n
tm_settle
tm_keys s
check "s shows suggestions" tm_wait 'suggested match' 60
tm_keys s
tm_settle
tm_keys c
check "c opens the claims overview" tm_wait 'Claims overview' 30
tm_keys Escape
tm_settle
check "Esc closes the overview" screen_lacks 'Claims overview'
tm_keys q
check "the reader exits with status 0 under valgrind" tm_wait '\[exited 0\]' 60
tm_wait '\[exited' 5 || true
tm_stop

if [ ! -s "$LOG" ]; then
	not_ok "valgrind wrote its log"
	exit 1
fi
errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$LOG" | tail -n 1 | tr -d ,)
lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$LOG" | tail -n 1 | tr -d ,)
freed=$(grep -c 'All heap blocks were freed' "$LOG")
echo "# valgrind: errors=${errors:-?} definitely-lost=${lost:-none reported} all-freed=$freed"
check "valgrind: 0 errors (ERROR SUMMARY)" test "${errors:-x}" = 0
if [ -n "$lost" ]; then
	check "valgrind: 0 bytes definitely lost" test "$lost" -eq 0
else
	check "valgrind: no leak summary because every block was freed" test "$freed" -ge 1
fi
if [ "${errors:-x}" != 0 ] || [ "${lost:-0}" != 0 ]; then
	grep -E '^==[0-9]+== (Invalid|Conditional|Use of|.*definitely lost|   (at|by) )' "$LOG" | head -40
fi
finish
