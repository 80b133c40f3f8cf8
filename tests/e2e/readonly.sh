# readonly.sh: the personal file's directory cannot be written (the reader
# runs as an unprivileged user, since root writes anywhere): the change is
# shown as not saved, the file on disk is untouched, quitting asks first.
. "$ROOT/tests/e2e/lib.sh"

if [ "$(id -u)" != 0 ]; then
	RUN=""
	U=$(id -un)
else
	RUN="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	U=nobody
fi
# a directory the reader's user can enter and read but not write
RO=$(mktemp -d /tmp/crossread-ro.XXXXXX)
chmod 755 "$RO"
# the checkout may sit where that user cannot read (under /root): copy what
# the reader needs next to it
mkdir "$RO/tree"
cp -r "$ROOT/articles" "$ROOT/annotations" "$RO/tree/"
cp "$BIN" "$RO/tree/crossread"
chmod -R a+rX "$RO/tree"
mkdir "$RO/logs" && chmod 777 "$RO/logs"
NOTES="$RO/notes.yaml"
cat >"$NOTES" <<'YAML'
version: 1
notes: []
YAML
[ "$U" = nobody ] && chown nobody "$NOTES"
chmod 644 "$NOTES"
chmod 555 "$RO"
SUM=$(sha256sum "$NOTES" | cut -d' ' -f1)

# sanitizer logs (if any) go where this user can write them
tm_start 120 40 env ASAN_OPTIONS=detect_leaks=0:log_path="$RO/logs/asan" \
	UBSAN_OPTIONS=log_path="$RO/logs/ubsan" $RUN "$RO/tree/crossread" \
	"$RO/tree/annotations/microsoft-exchange-hack.yaml" --notes "$NOTES"
tm_wait 'China denies' 10 || not_ok "reader started as $U"
tm_keys v w m
tm_wait 'Make it a claim' 5
tm_keys c
tm_wait 'fail|side file' 5
check "read-only directory: the status line says the save failed" screen_has 'fail'
check "read-only directory: the personal file is untouched" [ "$(sha256sum "$NOTES" | cut -d' ' -f1)" = "$SUM" ]
check "read-only directory: no temporary file was left" [ "$(ls -A "$RO" | grep -Evc '^(logs|tree|notes.yaml)$')" -eq 0 ]
tm_keys q
tm_wait 'Not saved' 5
check "read-only directory: quitting asks first (the claim is still in memory)" screen_has 'Not saved'
tm_keys c
sleep 0.2
check "read-only directory: c keeps the reader open" screen_lacks '\[exited'
# make the directory writable again: retry succeeds and nothing was lost
chmod 755 "$RO"
[ "$U" = nobody ] && chown nobody "$RO"
tm_keys q
tm_wait 'Not saved' 5
tm_keys r
tm_wait '\[exited 0\]' 10
check "after the directory is writable again, r saves and quits" screen_has '\[exited 0\]'
check "the claim made while the directory was read-only reached the file" grep -Eq 'id: c-[0-9a-z]{6}$' "$NOTES"
check "no sanitizer report from the unprivileged run" [ -z "$(ls -A "$RO/logs")" ]
# an article the reader's user may not read: the reason, before the screen
if [ "$U" = nobody ]; then
	cp "$ROOT/articles/npr-china-accuses-us.md" "$RO/secret.md"
	chmod 600 "$RO/secret.md"
	$RUN "$RO/tree/crossread" "$RO/secret.md" "$RO/tree/articles/afp-china-denies-hack.md" \
		>"$RO/logs/out" 2>"$RO/logs/err" </dev/null
	rc=$?
	check "unreadable article: exit 2" [ $rc -eq 2 ]
	check "unreadable article: 'crossread: PATH: Permission denied' on stderr" \
		grep -qx "crossread: $RO/secret.md: Permission denied" "$RO/logs/err"
	check "unreadable article: nothing drawn on stdout" [ ! -s "$RO/logs/out" ]
	rm -f "$RO/logs/out" "$RO/logs/err"
fi
chmod -R u+w "$RO"
rm -rf "$RO"
finish
