# cli.sh: the command line and the documents that describe it: options, exit
# statuses, errors before the screen is touched, the README's key list and the
# man page generated from the same action table, and `make run`.
. "$ROOT/tests/e2e/lib.sh"

ART="$ROOT/articles"
out="$TMPDIR/out" err="$TMPDIR/err"

# status_and OUT_RC WANT_RC CMD...: the status was WANT_RC and CMD succeeds
status_and() {
	[ "$1" -eq "$2" ] || return 1
	shift 2
	"$@"
}
"$BIN" --help >"$out" 2>"$err"
check "--help exits 0 with the usage" status_and $? 0 grep -q '^usage: crossread' "$out"
"$BIN" --version >"$out" 2>"$err"
check "--version prints the version" grep -Eq '^crossread [0-9]+\.[0-9]+' "$out"
"$BIN" >"$out" 2>"$err"
check "no arguments: usage on stderr, exit 2" status_and $? 2 grep -q usage "$err"
"$BIN" "$ART/npr-china-accuses-us.md" >"$out" 2>"$err"
check "one article only: exit 2" [ $? -eq 2 ]
"$BIN" --bogus "$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" >"$out" 2>"$err"
check "unknown option: exit 2" [ $? -eq 2 ]
check "unknown option: named in our own message" grep -qx "crossread: unknown option '--bogus'" "$err"

# getopt's own messages would echo the argument raw; ours are sanitised
no_esc() { ! grep -q "$(printf '\033')" "$1"; }
"$BIN" "$(printf -- '--\033]0;PWN\007.md')" >"$out" 2>"$err"
check "hostile long option: exit 2" [ $? -eq 2 ]
check "hostile long option: shown visibly" grep -qxF "crossread: unknown option '--^[]0;PWN^G.md'" "$err"
check "hostile long option: no ESC on stderr" no_esc "$err"
"$BIN" "$(printf -- '-\033')" >"$out" 2>"$err"
check "hostile short option: exit 2, shown visibly, no ESC" \
	status_and $? 2 sh -c 'grep -qxF "crossread: unknown option '\''-^['\''" "$1" && ! grep -q "$(printf "\033")" "$1"' _ "$err"
"$BIN" "$ART/npr-china-accuses-us.md" -a >"$out" 2>"$err"
check "missing option argument: exit 2 with a message" \
	status_and $? 2 grep -qx "crossread: option '-a' requires an argument" "$err"
"$BIN" --help=x >"$out" 2>"$err"
check "argument to an option that takes none: exit 2" \
	status_and $? 2 grep -qx "crossread: option '--help=x' takes no argument" "$err"

# a story has at most 16 articles: a 17th is a usage error, not ignored
set -- "$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md" \
	"$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" \
	"$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md" \
	"$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" \
	"$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md" \
	"$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md"
"$BIN" "$@" >"$out" 2>"$err"
rc=$?
check "seventeen articles: exit 2" [ $rc -eq 2 ]
check "seventeen articles: a clear message and the usage" \
	sh -c 'grep -qx "crossread: 17 articles given: a story has at most 16" "$1" && grep -q "^usage: " "$1"' _ "$err"
check "seventeen articles: nothing on stdout" [ ! -s "$out" ]
# three are a story: past the usage check (here stopped only for want of a terminal)
"$BIN" "$ART/npr-china-accuses-us.md" "$ART/afp-china-denies-hack.md" "$ART/npr-china-accuses-us.md" >"$out" 2>"$err"
check "three articles: accepted, only the terminal is missing" \
	status_and $? 2 grep -q "the reader needs a terminal" "$err"

"$BIN" "$ART/npr-china-accuses-us.md" "$TMPDIR/missing.md" >"$out" 2>"$err"
rc=$?
check "missing article: exit 2" [ $rc -eq 2 ]
check "missing article: 'crossread: PATH: reason' on stderr" \
	grep -qx "crossread: $TMPDIR/missing.md: No such file or directory" "$err"
check "missing article: nothing written to the terminal" [ ! -s "$out" ]
mkdir -p "$TMPDIR/adir"
"$BIN" "$ART/npr-china-accuses-us.md" "$TMPDIR/adir" >"$out" 2>"$err"
check "a directory as article: exit 2, not a regular file" status_and $? 2 grep -q 'adir: not a regular file' "$err"
printf 'version: 1\nclaims: [\n' >"$TMPDIR/bad.yaml"
"$BIN" "$TMPDIR/bad.yaml" >"$out" 2>"$err"
check "a broken annotation file: exit 2, FILE:LINE:COL on stderr" status_and $? 2 grep -Eq 'bad.yaml:[0-9]+:[0-9]+: error' "$err"
"$BIN" dump "$ART/afp-china-denies-hack.md" >"$out" 2>"$err"
check "dump renders Markdown (escaped dollar, links as their text)" grep -q 'offered \$10 million' "$out"
check "dump shows [accused](#) as its text" grep -q 'The United States on Monday accused Beijing' "$out"

# the README's key list is `crossread --keys`, the man page names every action
"$BIN" --keys >"$TMPDIR/keys"
awk '/^## Keys/{k=1} k&&/^```$/{if(inb){exit}inb=1;next} inb{print}' "$ROOT/README.md" >"$TMPDIR/readme-keys"
check "README key list equals crossread --keys" cmp -s "$TMPDIR/keys" "$TMPDIR/readme-keys"
missing=""
grep -v '^In ' "$TMPDIR/keys" >"$TMPDIR/keys-actions" # the mode headings name no action
while read -r line; do
	name=$(echo "$line" | cut -c22-36 | tr -d ' ') # after the 20 columns of keys (ACTIONS_KEYS_COLS)
	grep -q -- "($(echo "$name" | sed 's/-/\\\\-/g'))" "$ROOT/crossread.1" || missing="$missing $name"
done <"$TMPDIR/keys-actions"
check "crossread.1 documents every action${missing:+ (missing:$missing)}" [ -z "$missing" ]
check "the help screen, README and man page come from one table (actions.h)" grep -q 'define READER_ACTIONS(X)' "$ROOT/include/crossread/reader/actions.h"
check "... the note editor's and the prompts' keys too (EDIT_ACTIONS)" grep -q 'define EDIT_ACTIONS(X)' "$ROOT/include/crossread/reader/actions.h"
check "... which --keys lists (editor and prompt modes)" grep -Eq '^Ctrl-S Ctrl-X +edit-save ' "$TMPDIR/keys"

# README quick start: exactly make run and make check
qs=$(awk '/^## Quick start/{q=1} q&&/^```sh/{b=1;next} b&&/^```/{exit} b{print $1" "$2}' "$ROOT/README.md")
check "README quick start is 'make run' and 'make check'" [ "$qs" = "make run
make check" ]

# make run opens the bundled articles with their annotations
tm_start 120 40 make -s -C "$ROOT" run
tm_wait 'China denies Microsoft hack' 120
check "make run shows the NPR title on the left" screen_has '^ China accuses the United State.*│'
check "make run shows the AFP title on the right" screen_has '│ China denies Microsoft hack'
tm_keys ']'
tm_wait 'accusation by' 5
check "make run loads the annotations (] selects an accusation)" screen_has 'accusation by'
tm_keys q
tm_wait '\[exited 0\]' 10
check "make run quits with status 0" screen_has '\[exited 0\]'
finish
