#!/bin/sh
# run.sh: runs every test (cmocka unit binaries given as arguments, then the
# end-to-end scripts in tests/e2e/) and ends with "N passed, N failed".
# Environment: BUILD (build dir), SANITIZE (1 = sanitizer build).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
BIN="$ROOT/$BUILD/crossread"
passed=0
failed=0
failures=""
scratch=$(mktemp -d "${TMPDIR:-/tmp}/crossread-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$scratch/san"
if [ "${SANITIZE:-}" = 1 ]; then
	export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=$scratch/san/asan"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$scratch/san/ubsan"
fi
export ROOT BUILD BIN

for t in "$@"; do
	name=$(basename "$t")
	out="$scratch/$name.out"
	"$ROOT/$t" >"$out" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or aborted before cmocka could count
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failures="$failures $name"
		cat "$out"
	fi
	printf '%-28s %3d passed, %d failed\n' "$name" "$p" "$f"
done

for s in "$ROOT"/tests/e2e/*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	[ "$name" = lib ] && continue
	out="$scratch/e2e-$name.out"
	work="$scratch/e2e-$name"
	mkdir -p "$work"
	(cd "$work" && TMPDIR="$work" sh "$s") >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^not ok - ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$out"
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name ran no test case" >>"$out"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failures="$failures e2e/$name"
		cat "$out"
	fi
	printf 'e2e/%-24s %3d passed, %d failed\n' "$name" "$p" "$f"
done

if [ "${SANITIZE:-}" = 1 ]; then
	reports=$(ls "$scratch"/san 2>/dev/null | wc -l)
	if [ "$reports" -gt 0 ]; then
		for r in "$scratch"/san/*; do
			echo "== sanitizer report $r"
			head -60 "$r"
		done
		failed=$((failed + reports))
		failures="$failures sanitizer-reports($reports)"
	else
		passed=$((passed + 1))
		echo "sanitizer reports: none"
	fi
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
