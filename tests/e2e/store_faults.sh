#!/bin/sh
# store_faults: a save that fails at any step leaves the personal file
# byte-identical, says why, exits non-zero and leaves no temporary file.
# Faults come from strace's syscall injection (fsync EIO, the temporary
# file's write ENOSPC, rename EXDEV). Also: a file changed by another process
# between load and save is merged (both sides' notes present), and a file
# that does not parse is never saved over (the note goes to a side file).
# Env: ROOT, BUILD, TMPDIR.
set -u
failures=0
notok() { echo "not ok - $*"; failures=$((failures + 1)); }
tools="$ROOT/${BUILD:-build}/tools"
once="$tools/saveonce"
stress="$tools/savestress"
for t in "$once" "$stress"; do
	if [ ! -x "$t" ]; then
		notok "$t is not built"
		exit 1
	fi
done
work="$TMPDIR/store_faults"
rm -rf "$work"
mkdir -p "$work"
f="$work/notes.yaml"
"$stress" run "$f" 1 && cp "$f" "$work/orig"

# LeakSanitizer cannot run under ptrace: traced runs of a sanitizer build
# keep ASan and UBSan but not leak checking (untraced runs keep all three)
traced_asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

temps() { ls -A "$work" | grep -c '^\.notes\.yaml\.tmp\.' ; }

# fault NAME EXPECTED-MESSAGE STRACE-ARGS...
fault() {
	name=$1 want=$2
	shift 2
	out=$(ASAN_OPTIONS=$traced_asan strace -f -o "$work/strace.log" "$@" "$once" "$f" c "lost?" 2>&1)
	rc=$?
	problems=""
	[ "$rc" -eq 1 ] || problems="$problems exit=$rc"
	case $out in *"$want"*"kept in memory"*) ;; *) problems="$problems message='$out'" ;; esac
	cmp -s "$f" "$work/orig" || problems="$problems original-changed"
	[ "$(temps)" -eq 0 ] || problems="$problems temp-file-left"
	grep -q INJECTED "$work/strace.log" || problems="$problems nothing-injected"
	if [ -z "$problems" ]; then
		echo "ok - $name: original byte-identical, reported \"$want\", exit 1, no temp file"
	else
		notok "$name:$problems"
		sed 's/^/# /' "$work/strace.log" | tail -5
	fi
}

if ! command -v strace >/dev/null 2>&1; then
	notok "strace is not installed (scripts/deps.sh test installs it)"
elif ! strace -f -o /dev/null true 2>/dev/null; then
	notok "strace cannot trace here (ptrace refused)"
else
	fault "fsync fails (EIO)" "fsync: Input/output error" \
		-e trace=fsync -e inject=fsync:error=EIO
	# the first write(2) the program makes is the temporary file's content:
	# saveonce prints nothing before saving
	fault "write of the temporary file fails (ENOSPC)" "write: No space left on device" \
		-e trace=write -e inject=write:error=ENOSPC:when=1
	fault "rename fails (EXDEV)" "rename: Invalid cross-device link" \
		-e trace=rename,renameat,renameat2 -e inject=rename,renameat,renameat2:error=EXDEV
	# an interrupted write is retried, not a failure
	out=$(ASAN_OPTIONS=$traced_asan strace -f -o "$work/strace.log" -e trace=write -e inject=write:error=EINTR:when=1 \
		"$once" "$f" c "after EINTR" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q INJECTED "$work/strace.log" && grep -q "after EINTR" "$f" &&
		[ "$(temps)" -eq 0 ]; then
		echo "ok - write interrupted (EINTR) is retried: saved"
	else
		notok "write interrupted (EINTR): $out"
	fi
	cp "$work/orig" "$f"
fi

# without faults the same program does save (so the cases above mean something)
out=$("$once" "$f" c "a clean save" 2>&1)
if [ $? -eq 0 ] && [ "$out" = "saved: saved" ] && grep -q "a clean save" "$f"; then
	echo "ok - without faults the note is saved"
else
	notok "without faults: $out"
fi

# another process changes the file between our load and our save
cp "$work/orig" "$f"
out=$("$once" "$f" c "note from us" "'$once' '$f' c 'note from them' >/dev/null" 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && case $out in merged*) true ;; *) false ;; esac &&
	grep -q "note from us" "$f" && grep -q "note from them" "$f" && grep -q "state 1 note 0" "$f"; then
	echo "ok - file changed on disk between load and save: merged, both notes present"
else
	notok "concurrent change: rc=$rc $out"
	sed 's/^/# /' "$f"
fi

# a file that does not parse is never saved over
printf 'version: 1\nnotes: [ {id: n1\n' >"$f"
cp "$f" "$work/broken"
out=$("$once" "$f" c "keep me" 2>&1)
rc=$?
side=$(ls "$work"/notes.conflict-*.yaml 2>/dev/null | head -1)
if [ "$rc" -eq 1 ] && cmp -s "$f" "$work/broken" && [ -n "$side" ] &&
	grep -q "keep me" "$side" && case $out in *"saved to side file"*) true ;; *) false ;; esac; then
	echo "ok - unparsable file left byte-identical, note saved to $(basename "$side")"
else
	notok "unparsable file: rc=$rc $out"
fi
[ "$failures" -eq 0 ]
