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
