#!/bin/sh
# run.sh: runs each libFuzzer harness given as argument for $FUZZ_SECONDS
# seconds, seeded from tests/fuzz/<name without fuzz_>/ when that exists
# (fuzz_html also from tests/data/html, the extraction test pages).
# New inputs and crash files go to a scratch directory, never into the repo.
# Prints a table (harness, executions, crashes) and exits non-zero if any
# harness crashed; a crash's input is kept and its path printed.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECS=${FUZZ_SECONDS:-10}
[ $# -gt 0 ] || {
	echo "usage: FUZZ_SECONDS=N sh tests/fuzz/run.sh build-fuzz/fuzz_*" >&2
	exit 2
}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/crossread-fuzz.XXXXXX")
keep=0
trap '[ $keep -eq 1 ] || rm -rf "$scratch"' EXIT INT TERM

rows=""
crashed=0
for h in "$@"; do
	base=$(basename "$h")
	name=${base#fuzz_}
	seeds="$ROOT/tests/fuzz/$name"
	# longer inputs where the format has room for structure
	case $name in
	article | annot | match | group | html) maxlen=16384 ;;
	*) maxlen=4096 ;;
	esac
	work="$scratch/$name"
	mkdir -p "$work/corpus" "$work/crash"
	set -- "$work/corpus"
	[ -d "$seeds" ] && set -- "$@" "$seeds"
	# the HTML harness also starts from the extraction test pages (one copy)
	[ "$name" = html ] && set -- "$@" "$ROOT/tests/data/html"
	log="$work/log"
	"$h" -max_total_time="$SECS" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$work/crash/" "$@" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p; s/^stat::number_of_executed_units: *\([0-9]*\)/\1/p' "$log" | tail -n 1)
	ncrash=$(find "$work/crash" -type f | wc -l)
	if [ $rc -ne 0 ] && [ "$ncrash" -eq 0 ]; then
		ncrash=1 # died without writing an input (e.g. out of memory in setup)
	fi
	if [ "$ncrash" -gt 0 ]; then
		crashed=1
		keep=1
		echo "== $base crashed (exit $rc); inputs in $work/crash/:"
		grep -E 'ERROR|SUMMARY|deadly|Test unit written|#[0-9]+ 0x' "$log" | head -30
	fi
	rows="$rows$(printf '%-22s %12s %8s' "$base" "${execs:-?}" "$ncrash")
"
done
printf '%-22s %12s %8s\n' harness executions crashes
printf '%s' "$rows"
[ $keep -eq 1 ] && echo "kept: $scratch"
exit $crashed
