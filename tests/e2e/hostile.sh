#!/bin/sh
# hostile.sh: articles that try to drive the terminal. Escape sequences, C1
# controls (as code points and as the raw 0x9B byte), DEL, NUL, CR, BS and
# bidi controls in the body, in the front matter title and in the file name
# must show as visible forms (^[ <U+202E> ...), leave the pane title alone
# and never reach the terminal: the byte stream tmux receives is checked,
# for every CSI payload byte for byte (ncurses sends ESC [ itself, so
# "no ESC outside ncurses' sequences" alone would let ESC [ 31 m through),
# including an error the reader writes on stderr in the same pane.
# Then size and encoding extremes: each opens or is refused cleanly.
. "$ROOT/tests/e2e/lib.sh"

NPR="$ROOT/articles/npr-china-accuses-us.md"
D="$TMPDIR/hostile"
rm -rf "$D"
mkdir -p "$D/pair"

# payload bytes shared by body and name (as printf formats)
OSC='\033]0;PWNED\007'
CLR='\033[2J'
DCS='\033P+q544e\033\\'
RLO='\342\200\256' # U+202E
C1NEL='\302\205'   # U+0085
C1CSI='\302\233'   # U+009B
RAWCSI='\233'      # 0x9B byte: 8-bit CSI to a terminal that takes it
# CSI sequences of the kind ncurses sends too (ESC [ ... m, ESC [ ... H), so
# only their exact bytes, with a marker after them, tell a leak from
# ncurses' own output; and ones it never sends: a device status report
# (the terminal would type its answer into our input), a window report,
# printer on, device attributes; and a status report asked with the C1
# CSI (U+009B) instead of ESC [
CSI1='\033[6n dsr \033[31mREDMARK \033[21t'
CSI2='\033[5i mc \033[1;1HHOMEMARK \033[0c \302\2335n'

# body and title: in the front matter through YAML escapes (libyaml turns
# them into the code points), in the body as raw bytes
{
	printf -- '---\n'
	printf -- 'title: "T\\e]0;TTITLE\\a\\u202Eevil\\x9B"\n'
	printf -- 'outlet: "O\\e[2J\\e[32mQ9"\n'
	printf -- '---\n'
	printf -- 'osc %b end\n\n' "$OSC"
	printf -- 'clear %b end\n\n' "$CLR"
	printf -- 'csi1 %b end\n\n' "$CSI1"
	printf -- 'csi2 %b end\n\n' "$CSI2"
	printf -- 'dcs %b end\n\n' "$DCS"
	printf -- 'rlo %b end\n\n' "$RLO"
	printf -- 'nel %b c1csi %b rawcsi %b31m end\n\n' "$C1NEL" "$C1CSI" "$RAWCSI"
	printf -- 'del \177 nul \000 bs \010\010 cr \r end\n\n'
	printf -- 'osc52 \033]52;c;cHduZWQ=\007 end\n'
} >"$D/pair/a-body.md"
# the file name carries the payload; no front matter, so the name is the label
FNAME=$(printf 'b-\033]0;FNAME\007%b%bname.md' "$RLO" "$RAWCSI")
printf 'plain body of the evil-named file\n' >"$D/pair/$FNAME"

# Then, in the same recorded pane, an error on stderr naming a missing file
# whose name holds the CSI payloads: what is written outside curses is
# checked in the stream too.
cat >"$D/run.sh" <<EOF
# wait until pipe-pane is recording, then start the reader
while [ ! -f "$D/go" ]; do sleep 0.05; done
"$BIN" "$D"/pair/*.md
rc=\$?
"$BIN" "$D/pair/a-body.md" "\$(printf '%s/gone-%b.md' "$D" '$CSI1')"
echo "[error exit \$?]"
exit \$rc
EOF

tm_start 120 40 "env -u NO_COLOR sh $D/run.sh"
title_before=$(tm display -p -t t '#{pane_title}')
tm pipe-pane -t t -o "cat >>'$D/stream'"
sleep 0.3
touch "$D/go"
tm_wait 'osc' 10
tm_settle
sleep 0.5

check "body: ESC shows as ^[ (OSC title payload)" screen_has 'osc \^\[\]0;PWNED\^G end'
check "body: ESC [ 2 J shows as text" screen_has 'clear \^\[\[2J end'
check "body: ESC [ 6 n, ESC [ 31 m, ESC [ 21 t show as text" screen_has 'csi1 \^\[\[6n dsr \^\[\[31mREDMARK \^\[\[21t end'
check "body: ESC [ 5 i, ESC [ 1 ; 1 H, ESC [ 0 c, U+009B 5 n show as text" screen_has 'csi2 \^\[\[5i mc \^\[\[1;1HHOMEMARK \^\[\[0c <U\+009B>5n end'
check "body: DCS shows as text" screen_has 'dcs \^\[P\+q544e\^\[\\ end'
check "body: U+202E shows as <U+202E>" screen_has 'rlo <U\+202E> end'
check "body: C1 U+0085 and U+009B show as <U+0085> <U+009B>" screen_has 'nel <U\+0085> c1csi <U\+009B> rawcsi'
check "body: raw 0x9B byte shows as U+FFFD" screen_has "rawcsi $(printf '\357\277\275')31m end"
check "body: DEL, NUL, BS, CR show as ^? ^@ ^H ^M" screen_has 'del \^\? nul \^@ bs \^H\^H cr \^M end'
check "body: OSC 52 clipboard write shows as text" screen_has 'osc52 \^\[\]52;c;cHduZWQ=\^G end'
check "title (front matter): controls visible" screen_has 'T\^\[\]0;TTITLE\^G<U\+202E>evil<U\+009B>'
check "outlet (front matter): controls visible" screen_has 'O\^\[\[2J\^\[\[32mQ9'
check "file name: controls visible in the header" screen_has "b-\\^\\[\\]0;FNAME\\^G<U\\+202E>$(printf '\357\277\275')name.md"

# scroll and page both panes so every row gets drawn again
tm_keys C-e C-e Tab C-e G g
tm_settle
title_after=$(tm display -p -t t '#{pane_title}')
check "pane title unchanged ($title_before)" test "$title_after" = "$title_before"
check "pane title never became a payload" sh -c 'case "$1" in *PWNED* | *TTITLE* | *FNAME*) exit 1 ;; esac' _ "$title_after"
tm_keys q
tm_wait '\[exited 0\]' 5
check "reader exits 0 on hostile input" screen_has '\[exited 0\]'
check "stderr in the pane: the missing file's name shown visibly, exit 2" \
	sh -c 'tmux -S "$1" capture-pane -t t -p -J | grep -q "gone-\^\[\[6n dsr \^\[\[31mREDMARK \^\[\[21t\.md: No such file" && tmux -S "$1" capture-pane -t t -p | grep -qF "[error exit 2]"' _ "$SOCK"
tm pipe-pane -t t
sleep 0.2

# The bytes the terminal received. ncurses for tmux-256color only sends
# CSI, charset designations (ESC ( ESC )), save/restore (ESC 7 ESC 8),
# keypad (ESC = ESC >), reverse index (ESC M) and flash (ESC g); it clears
# with ESC [ H ESC [ J. Anything else came from the articles.
perl -e '
	local $/; open my $f, "<:raw", $ARGV[0] or die; my $s = <$f>;
	my %n;
	$n{bytes} = length $s;
	$n{osc} = () = $s =~ /\e\]/g;
	$n{dcs} = () = $s =~ /\eP/g;
	$n{apc_pm_sos} = () = $s =~ /\e[_^X]/g;
	$n{ris} = () = $s =~ /\ec/g;
	$n{other_esc} = () = $s =~ /\e(?![\[()78=>Mg\]P_^Xc])/g;
	$n{clear2j} = () = $s =~ /\e\[2J/g;
	# the CSI payloads, byte for byte, raw ESC or 8-bit CSI (0x9B, or
	# U+009B as UTF-8) in front
	my %csi = (dsr => "6n", red => "31mREDMARK", green => "32mQ9",
		winreport => "21t", printer => "5i", home => "1;1HHOMEMARK", da => "0c",
		status => "5n");
	for my $k (keys %csi) {
		my $p = quotemeta $csi{$k};
		$n{"csi_$k"} = () = $s =~ /(?:\e\[|\x9b|\xc2\x9b)$p/g;
	}
	$n{payload_markers} = () = $s =~ /\[(?:31mREDMARK|32mQ9|1;1HHOMEMARK)/g;
	$n{bidi} = () = $s =~ /\xe2\x80[\xaa-\xae\x8e\x8f]|\xe2\x81[\xa6-\xa9]|\xd8\x9c|\xe2\x80[\xa8\xa9]/g;
	$n{c1} = () = $s =~ /\xc2[\x80-\x9f]/g;
	# invalid UTF-8 (a raw 0x9B among them): strip valid sequences, count the rest
	(my $t = $s) =~ s/[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}//g;
	$n{invalid} = length $t;
	$n{payload_words} = () = $s =~ /PWNED|TTITLE|FNAME|cHduZWQ/g;
	print join(" ", map { "$_=$n{$_}" } sort keys %n), "\n";
' "$D/stream" >"$D/counts"
echo "# stream: $(cat "$D/counts")"
count() { sed -n "s/.* $1=\([0-9]*\).*/\1/p; s/^$1=\([0-9]*\).*/\1/p" "$D/counts" | head -n 1; }
check "stream recorded ($(count bytes) bytes)" test "$(count bytes)" -gt 1000
check "stream: payload text was drawn ($(count payload_words) words)" test "$(count payload_words)" -gt 0
check "stream: no OSC (ESC ])" test "$(count osc)" -eq 0
check "stream: no DCS (ESC P)" test "$(count dcs)" -eq 0
check "stream: no APC/PM/SOS, no RIS" test "$(($(count apc_pm_sos) + $(count ris)))" -eq 0
check "stream: no ESC outside ncurses' own sequences" test "$(count other_esc)" -eq 0
check "stream: no ESC [ 2 J (ncurses clears with ESC [ H ESC [ J)" test "$(count clear2j)" -eq 0
check "stream: the CSI payloads were drawn ($(count payload_markers) markers)" test "$(count payload_markers)" -gt 0
check "stream: no ESC [ 6 n (device status report)" test "$(count csi_dsr)" -eq 0
check "stream: no ESC [ 31 m REDMARK (body colour)" test "$(count csi_red)" -eq 0
check "stream: no ESC [ 32 m Q9 (outlet colour)" test "$(count csi_green)" -eq 0
check "stream: no ESC [ 21 t (window report)" test "$(count csi_winreport)" -eq 0
check "stream: no ESC [ 5 i (printer on)" test "$(count csi_printer)" -eq 0
check "stream: no ESC [ 1 ; 1 H HOMEMARK (cursor move)" test "$(count csi_home)" -eq 0
check "stream: no ESC [ 0 c (device attributes)" test "$(count csi_da)" -eq 0
check "stream: no CSI 5 n (status report, sent as U+009B)" test "$(count csi_status)" -eq 0
check "stream: no C1 control code points" test "$(count c1)" -eq 0
check "stream: no raw 0x9B or other invalid UTF-8" test "$(count invalid)" -eq 0
check "stream: no bidi controls (U+202E e2 80 ae ...)" test "$(count bidi)" -eq 0
tm_stop

# ---- errors before the screen is touched ----
"$BIN" "$NPR" "$D/missing.md" >"$D/out" 2>"$D/err"
rc=$?
check "missing file: exit 2" test $rc -eq 2
check "missing file: crossread: PATH: No such file or directory" \
	test "$(cat "$D/err")" = "crossread: $D/missing.md: No such file or directory"
check "missing file: nothing written to the terminal" test ! -s "$D/out"
EVIL=$(printf '%s/gone-\033]0;X\007%b.md' "$D" "$RLO")
"$BIN" "$NPR" "$EVIL" >"$D/out" 2>"$D/err"
rc=$?
check "missing file with a hostile name: exit 2, name shown visibly" \
	test $rc -eq 2 -a "$(cat "$D/err")" = "crossread: $D/gone-^[]0;X^G<U+202E>.md: No such file or directory"
check "missing file with a hostile name: no ESC on stderr" sh -c '! grep -q "$(printf "\033")" "$1"' _ "$D/err"

mkdir -p "$D/adir"
"$BIN" "$NPR" "$D/adir" >"$D/out" 2>"$D/err" </dev/null
rc=$?
check "a directory: exit 2, crossread: PATH: not a regular file" \
	test $rc -eq 2 -a "$(cat "$D/err")" = "crossread: $D/adir: not a regular file"
# a FIFO with no writer would block open() for ever: timeout only turns such
# a hang into a failure (status 124) instead of a stuck suite
mkfifo "$D/afifo"
timeout 60 "$BIN" "$NPR" "$D/afifo" >"$D/out" 2>"$D/err" </dev/null
rc=$?
check "a FIFO: exit 2 without blocking, crossread: PATH: not a regular file ($rc)" \
	test $rc -eq 2 -a "$(cat "$D/err")" = "crossread: $D/afifo: not a regular file"
rm -f "$D/afifo"
for dev in /dev/zero /dev/null; do
	timeout 60 "$BIN" "$NPR" "$dev" >"$D/out" 2>"$D/err" </dev/null
	rc=$?
	check "$dev as an article: exit 2, crossread: $dev: not a regular file ($rc)" \
		test $rc -eq 2 -a "$(cat "$D/err")" = "crossread: $dev: not a regular file"
	timeout 60 "$BIN" dump "$dev" >"$D/out" 2>"$D/err" </dev/null
	rc=$?
	check "dump $dev: exit 2, not a regular file, nothing on stdout ($rc)" \
		sh -c '[ $1 -eq 2 ] && [ ! -s "$2" ] && grep -q "^crossread: $3: not a regular file" "$4"' \
		_ $rc "$D/out" "$dev" "$D/err"
done
truncate -s 300M "$D/over-limit.md" # sparse: no disk used
"$BIN" "$NPR" "$D/over-limit.md" >"$D/out" 2>"$D/err" </dev/null
rc=$?
check "a 300 MB file: exit 2, crossread: PATH: reason ($(cat "$D/err"))" \
	sh -c '[ $1 -eq 2 ] && grep -q "^crossread: $2: .*too large" "$3"' _ $rc "$D/over-limit.md" "$D/err"
check "refusals write nothing to stdout" test ! -s "$D/out"
rm -f "$D/over-limit.md"

# ---- sizes and encodings: open (both labels on screen) or refuse cleanly ----
mkdir -p "$D/big"
yes 'lorem ipsum dolor sit amet' | head -c 10000000 | tr -d '\n' >"$D/big/one-10mb-line.txt"
yes '' | head -n 1000000 >"$D/big/million-empty-lines.txt"
: >"$D/big/zero-bytes.md"
head -c 100000 /dev/zero | tr '\0' '\377' >"$D/big/only-invalid.md"
printf '\300\257\355\240\200\364\220\200\200\342\202' >"$D/big/broken-sequences.md"
head -c 4096 /dev/zero >"$D/big/nul-bytes.md"
head -c 4096 /dev/zero >"$D/big/nul-bytes.txt"
{
	printf 'NUL \000 in text\n'
	head -c 2000 /dev/urandom
} >"$D/big/random-bytes.md"
for f in "$D"/big/*; do
	name=$(basename "$f")
	# the label: the file name, but a .txt article's first line is its title
	label=$name
	[ "$name" = one-10mb-line.txt ] && label="lorem ipsum dolor"
	tm_start 120 40 "env -u NO_COLOR $BIN $NPR $f"
	if tm_wait "$label|crossread: " 20; then
		tm_settle
		if screen_has "^crossread: .*$name: "; then
			tm_wait '\[exited 2\]' 5
			check "$name: refused cleanly with exit 2" screen_has '\[exited 2\]'
		else
			check "$name: opens with both labels on screen" \
				sh -c 'printf "%s\n" "$1" | head -n 1 | grep -q "China accuses.*│ $2"' _ "$(tm_screen)" "$label"
			tm_keys G j k g Tab G g
			tm_settle
			tm_keys q
			check "$name: scrolls and quits with exit 0" tm_wait '\[exited 0\]' 20
		fi
	else
		not_ok "$name: neither opened nor refused"
		tm_screen | sed 's/^/    /'
	fi
done
finish
