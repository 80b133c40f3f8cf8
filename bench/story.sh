#!/bin/sh
# bench/story.sh: the story section of `make bench` (called by bench/run.sh
# with BUILD set; issue 15). On ten generated articles of 2,000 sentences
# each (bench/gen_articles.py, with a story file linking them): `crossread
# match` over 2, 5 and 10 of them (time, CPU and peak memory side by side;
# memory against the input, 10 x 1,000 sentences beside 10 x 2,000), then
# the per-key frame with the ten articles open against two (crbench narts).
# A table to read, never a pass/fail test.
set -u
BUILD=${BUILD:-build}
BIN=${BIN:-$BUILD/crossread}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${STORY_RUNS:-3}
data=$BUILD/bench/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossread-story.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$BIN" "$tmp/crossread" || exit 1
BIN=$tmp/crossread

for n in 1000 2000; do
	d=$data/story10x$n
	if [ ! -f "$d/story.yaml" ] || [ "$d/story.yaml" -ot "$ROOT/bench/gen_articles.py" ]; then
		mkdir -p "$d" && python3 "$ROOT/bench/gen_articles.py" "$d" "$n" 10 || exit 1
	fi
done
D=$data/story10x2000

# median wall seconds, CPU seconds (user + sys) and peak KiB of RUNS runs
measure() {
	i=0
	: >"$tmp/runs"
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || return 1
		cat "$tmp/t" >>"$tmp/runs"
		i=$((i + 1))
	done
	mid='{v[NR]=$1} END{print v[int((NR+1)/2)]}'
	echo "$(awk '{print $1}' "$tmp/runs" | sort -n | awk "$mid")" \
		"$(awk '{printf "%.2f\n", $2 + $3}' "$tmp/runs" | sort -n | awk "$mid")" \
		"$(awk '{print $4}' "$tmp/runs" | sort -n | tail -n 1)"
}
arts() { # N [DIR]: the first N articles
	dir=${2:-$D}
	for f in a b c d e f g h i j; do echo "$dir/gen-$f.txt"; done | head -n "$1"
}

echo "== story: ten generated articles of 2,000 sentences each (bench/gen_articles.py)"
echo "| measure | result | target | |"
echo "|---|---|---|---|"
set -- $(measure "$BIN" match --format tsv $(arts 2))
w2=$1 c2=$2 m2=$3
set -- $(measure "$BIN" match --format tsv $(arts 5))
w5=$1 c5=$2 m5=$3
set -- $(measure "$BIN" match --format tsv $(arts 10))
w10=$1 c10=$2 m10=$3
set -- $(measure "$BIN" match --format tsv $(arts 10 "$data/story10x1000"))
m10h=$3
in10=$(cat $(arts 10) | wc -c)
in10h=$(cat $(arts 10 "$data/story10x1000") | wc -c)
groups=$("$BIN" match --format json $(arts 10) | python3 -c 'import json,sys
d = json.load(sys.stdin); g = d["groups"]
print("%d groups (%d of 3+ articles), %d rebuttals" % (len(g), sum(x["articles"] >= 3 for x in g), len(d["rebuttals"])))')
verdict=$(awk -v w="$w10" 'BEGIN{print (w < 1.0) ? "ok" : "MISSED"}')
echo "| \`crossread match\` of 2 / 5 / 10 articles (1 / 10 / 45 pairs): wall, median of $RUNS | $w2 / $w5 / $w10 s | 10 articles < 1 s | $verdict |"
echo "| the same: CPU (user + sys) | $c2 / $c5 / $c10 s | | $(awk -v a="$c2" -v b="$c10" 'BEGIN{printf "%.1fx for 45x the pairs", b / a}') |"
echo "| the same: peak resident memory | $((m2 / 1024)) / $((m5 / 1024)) / $((m10 / 1024)) MiB | linear in the input | |"
echo "| match of 10 articles x 1,000 / x 2,000 sentences: peak memory (input $((in10h / 1024)) / $((in10 / 1024)) KiB) | $((m10h / 1024)) / $((m10 / 1024)) MiB | linear | growth $(awk -v a="$m10h" -v b="$m10" 'BEGIN{printf "%.2fx", b / a}') for $(awk -v a="$in10h" -v b="$in10" 'BEGIN{printf "%.2fx", b / a}') input |"
echo "| what the ten give | $groups | | |"
echo
echo "== story: the per-key frame, ten articles open against two (crbench narts)"
"$BUILD/bench/crbench" narts "$D"
