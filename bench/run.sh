#!/bin/sh
# run.sh: `make bench`. Generates the bench articles (deterministic, once),
# prints the reader's speed table (bench/crbench.c), then the matching bench
# (bench/match.sh) and the story bench (bench/story.sh) when they exist.
# A table to read, never a pass/fail test.
set -eu
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
data=$BUILD/bench/data
big=$((20 * 1024 * 1024))
stamp="gen small 10240 8; gen big $big 300"
mkdir -p "$data"
if [ "$(cat "$data/stamp" 2>/dev/null)" != "$stamp" ] ||
	[ "$data/stamp" -ot "$BUILD/bench/gen" ]; then
	echo "bench: generating articles in $data" >&2
	"$BUILD/bench/gen" "$data" small 10240 8
	"$BUILD/bench/gen" "$data" big "$big" 300
	echo "$stamp" >"$data/stamp"
fi
# stories of 1k, 10k and 100k entries (claims + links + notes)
for n in 1000 10000 100000; do
	if [ ! -f "$data/story$n.yaml" ] || [ "$data/story$n.yaml" -ot "$BUILD/tools/genstory" ]; then
		"$BUILD/tools/genstory" "$data" "story$n" "$n"
	fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "crossread bench $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d)," \
	"${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') CPUs, $(uname -sr)," \
	"screen ${ROWS:-50}x${COLS:-160}"
echo
"$BUILD/bench/crbench" "$data" "$BUILD/crossread" annotations/microsoft-exchange-hack.yaml
# the story rows again in instructions (callgrind), where growth is judged
# without the caches: a 100k-entry story's maps and trees outgrow them, so
# its times above grow faster than the work does
if command -v valgrind >/dev/null 2>&1; then
	echo
	echo "Stories in instructions (callgrind), 1k / 10k / 100k entries:"
	echo
	echo "| measure | instructions | growth |"
	echo "|---|---|---|"
	cg() { # toggle, command...: instructions of one run
		t=$1
		shift
		valgrind --tool=callgrind ${t:+--toggle-collect=$t} --callgrind-out-file=/dev/null \
			"$@" 2>&1 >/dev/null | sed -n 's/.*Collected : *//p; s/.*I *refs: *//p' |
			tr -d , | head -n 1
	}
	for m in check frame sugg; do
		v=
		for n in 1000 10000 100000; do
			case $m in
			check) x=$(cg "" "$BUILD/crossread" check "$data/story$n.yaml") ;;
			frame) x=$(cg "" "$BUILD/bench/crbench" frame "$data/story$n.yaml") ;;
			sugg) x=$(cg reader_sugg_toggle "$BUILD/bench/crbench" sugg "$data/story$n.yaml") ;;
			esac
			v="$v ${x:-0}"
		done
		echo "$m $v"
	done | awk '{
		name = $1 == "check" ? "`crossread check` (process)" : \
		       $1 == "frame" ? "open to first frame (process)" : "`s`, first press"
		g1 = $2 > 0 ? $3 / $2 : 0; g2 = $3 > 0 ? $4 / $3 : 0
		printf "| %s | %.1f / %.1f / %.1f M | %.1fx, %.1fx for 10x each (%s) |\n", name, \
			$2 / 1e6, $3 / 1e6, $4 / 1e6, g1, g2, (g1 <= 10.5 && g2 <= 10.5) ? "linear" : "MISSED"
	}'
fi
# a key end to end through tmux, beside vim -O on the same two files
BUILD=$BUILD sh bench/keys_vs_vim.sh
if [ -f bench/match.sh ]; then
	echo
	BUILD=$BUILD sh bench/match.sh
fi
if [ -f bench/story.sh ]; then
	echo
	BUILD=$BUILD sh bench/story.sh
fi
