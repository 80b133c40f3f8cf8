#!/bin/sh
# bench/match.sh: the matching section of `make bench` (called by bench/run.sh
# with BUILD set). Quality against the curated links of the bundled
# annotations (with Snowball stemming and without, to show what it is worth),
# then full rankings (bench/match_dev.py: crossread, TF-IDF, a plain BM25,
# bench/match_bm25.py) on the bundled pair and the dev corpus of real news
# (../shared/dev-corpus; skipped with a message when it is absent),
# and speed on two generated articles of 22,000 sentences each,
# crossread next to scikit-learn's TfidfVectorizer + cosine on the very same
# sentences. scikit-learn is Debian's python3-sklearn, run with
# /usr/bin/python3; its rows are skipped with a message where it is missing.
set -u
BUILD=${BUILD:-build}
BIN=${BIN:-$BUILD/crossread}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${MATCH_RUNS:-10}
PY=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossread-match.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$BIN" ]; then
	echo "match bench: $BIN is not built" >&2
	exit 1
fi
# a private copy: a rebuild while the bench runs must not change what is timed
cp "$BIN" "$tmp/crossread" || exit 1
BIN=$tmp/crossread
have_sklearn=yes
"$PY" -c 'import sklearn' 2>/dev/null || have_sklearn=no

echo "== matching: quality (annotations/microsoft-exchange-hack.yaml, top 20 pairs)"
"$PY" "$ROOT/bench/match_quality.py" "$BIN" "$ROOT/annotations/microsoft-exchange-hack.yaml" \
	>"$tmp/quality" || echo "match bench: quality run failed" >&2
# the same without Snowball stemming: does the stemmer earn its place?
"$PY" "$ROOT/bench/match_quality.py" "$BIN" "$ROOT/annotations/microsoft-exchange-hack.yaml" \
	--no-stem >>"$tmp/quality" || echo "match bench: quality run (--no-stem) failed" >&2
printf '%-20s %-12s %-14s %-13s %s\n' ranker "recall same" "recall rebuts" precision@10 "relation ok"
while IFS="$(printf '\t')" read -r name rs rr p10 rel; do
	printf '%-20s %-12s %-14s %-13s %s\n' "$name" "$rs" "$rr" "$p10" "$rel"
done <"$tmp/quality"

# full rankings of crossread, TF-IDF and a plain BM25 on the bundled pair
# (its curated cross-article links) and on the dev corpus of real news pairs
dev_table() { # title, match_dev.py arguments...
	title=$1
	shift
	echo
	echo "== matching: $title"
	printf '%-24s %-15s %-8s %-8s %-10s %-9s %-6s %-14s %s\n' event ranker top10 top20 \
		"rebut@20" "as rebuts" P@10 "default prec" "default recall"
	"$PY" "$ROOT/bench/match_dev.py" "$BIN" "$@" >"$tmp/dev" ||
		echo "match bench: $title failed" >&2
	while IFS="$(printf '\t')" read -r ev name t10 t20 r20 rrel p10 dp dr; do
		printf '%-24s %-15s %-8s %-8s %-10s %-9s %-6s %-14s %s\n' "$ev" "$name" "$t10" "$t20" \
			"$r20" "$rrel" "$p10" "$dp" "$dr"
	done <"$tmp/dev"
}
dev_table "bundled pair, full rankings (top10/top20: curated links found)" \
	--annotations "$ROOT/annotations/microsoft-exchange-hack.yaml"
DEV=$ROOT/../shared/dev-corpus
if [ -f "$DEV/score_match.py" ]; then
	dev_table "dev corpus ($DEV), full rankings" "$DEV"
else
	echo
	echo "== matching: dev corpus skipped: $DEV is absent"
fi

echo
echo "== matching: speed (2 generated articles, bench/gen_articles.py)"
python3 "$ROOT/bench/gen_articles.py" "$tmp" 22000 || exit 1
A=$tmp/gen-a.txt
B=$tmp/gen-b.txt
"$BIN" match --sentences "$A" "$B" >"$tmp/sent.tsv" || exit 1
na=$(grep -c '^A' "$tmp/sent.tsv")
nb=$(grep -c '^B' "$tmp/sent.tsv")
echo "sentences: A $na, B $nb"

# median wall time of RUNS runs of a command (hyperfine when present)
median() { # runs, command...
	n=$1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N --style none --warmup 1 --runs "$n" --export-json "$tmp/h.json" \
			"$*" >/dev/null 2>&1 &&
			"$PY" -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$tmp/h.json" &&
			return 0
	fi
	"$PY" - "$n" "$@" <<'EOF'
import statistics, subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
ts = []
for _ in range(n):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    ts.append(time.perf_counter() - t)
print("%.3f" % statistics.median(ts))
EOF
}
peak_kb() { # command...
	/usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>&1 && cat "$tmp/rss"
}

cr_t=$(median "$RUNS" "$BIN" match --format tsv "$A" "$B")
cr_m=$(peak_kb "$BIN" match --format tsv "$A" "$B")
if [ "$have_sklearn" = yes ]; then
	sk_t=$(median 3 "$PY" "$ROOT/bench/match_sklearn.py" "$tmp/sent.tsv" 20)
	sk_m=$(peak_kb "$PY" "$ROOT/bench/match_sklearn.py" "$tmp/sent.tsv" 20)
fi
printf '%-10s %-12s %s\n' ranker "median (s)" "peak RSS (MiB)"
printf '%-10s %-12s %s\n' crossread "$cr_t" "$(($cr_m / 1024))"
if [ "$have_sklearn" = yes ]; then
	printf '%-10s %-12s %s\n' sklearn "$sk_t" "$(($sk_m / 1024))"
	"$PY" -c 'import sys; c, s = float(sys.argv[1]), float(sys.argv[2]); print("crossread is %.0fx faster (sklearn: sentences given, not split; python start-up included)" % (s / c))' "$cr_t" "$sk_t"
else
	echo "sklearn    skipped: /usr/bin/python3 has no sklearn (apt-get install python3-sklearn)"
fi
