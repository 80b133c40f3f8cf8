#!/bin/sh
# bench/match.sh: the matching section of `make bench` (called by bench/run.sh
# with BUILD set). Quality against the curated links of the bundled
# annotations (with Snowball stemming and without, to show what it is worth),
# then full rankings (bench/match_dev.py: crossread, TF-IDF, a plain BM25,
# bench/match_bm25.py) on the bundled pair and the dev corpus of real news
# (../shared/dev-corpus; skipped with a message when it is absent),
# and speed on two generated articles of 10k, 20k, 50k and 100k sentences
# each (time, CPU, peak memory, growth slope between sizes),
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

# MATCH_SPEED_ONLY=1: the speed rows alone (to time two builds side by side)
if [ -z "${MATCH_SPEED_ONLY:-}" ]; then
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

fi

echo
echo "== matching: speed (2 generated articles, bench/gen_articles.py)"
# CPU seconds (user + sys) and peak KiB of one run
cpu_peak() { # command...
	/usr/bin/time -f '%U %S %M' -o "$tmp/cp" "$@" >/dev/null 2>&1 &&
		awk '{printf "%.2f %d\n", $1 + $2, $3}' "$tmp/cp"
}
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

gen() { # sentences: writes $tmp/nN/gen-a.txt, gen-b.txt
	mkdir -p "$tmp/n$1" && python3 "$ROOT/bench/gen_articles.py" "$tmp/n$1" "$1" >/dev/null
}
SIZES=${MATCH_SIZES:-10000 20000 50000 100000}
for n in $SIZES; do
	gen "$n" || exit 1
done
A=$tmp/n10000/gen-a.txt
B=$tmp/n10000/gen-b.txt
"$BIN" match --sentences "$A" "$B" >"$tmp/sent.tsv" || exit 1
echo "sentences at 10k: A $(grep -c '^A' "$tmp/sent.tsv"), B $(grep -c '^B' "$tmp/sent.tsv")"
# growth slope between two sizes: log(t2 / t1) / log(n2 / n1), 1 = linear
slope() { awk -v a="$1" -v b="$2" -v n="$3" -v m="$4" \
	'BEGIN{ if (a > 0 && b > 0) printf "%.2f", log(b / a) / log(m / n); else print "-" }'; }
echo "| sentences a side | wall, median of $RUNS (s) | CPU (s) | peak RSS (MiB) | slope of wall from the size before (target <= 1.15) | target |"
echo "|---|---|---|---|---|---|"
prev_n= prev_t=
for n in $SIZES; do
	runs=$RUNS
	[ "$n" -ge 50000 ] && runs=3
	t=$(median "$runs" "$BIN" match --format tsv "$tmp/n$n/gen-a.txt" "$tmp/n$n/gen-b.txt")
	set -- $(cpu_peak "$BIN" match --format tsv "$tmp/n$n/gen-a.txt" "$tmp/n$n/gen-b.txt")
	c=$1 m=$2
	sl=-
	[ -n "$prev_n" ] && sl=$(slope "$prev_t" "$t" "$prev_n" "$n")
	target=
	[ "$n" = 20000 ] && target="< 1 s: $(awk -v t="$t" 'BEGIN{print (t < 1.0) ? "ok" : "MISSED"}')"
	[ "$n" = 100000 ] && target="< 3 s: $(awk -v t="$t" 'BEGIN{print (t < 3.0) ? "ok" : "MISSED"}')"
	echo "| $n | $t | $c | $((m / 1024)) | $sl | $target |"
	prev_n=$n prev_t=$t
done
if [ "$have_sklearn" = yes ]; then
	sk_t=$(median 3 "$PY" "$ROOT/bench/match_sklearn.py" "$tmp/sent.tsv" 20)
	sk_m=$(peak_kb "$PY" "$ROOT/bench/match_sklearn.py" "$tmp/sent.tsv" 20)
	cr_t=$(median "$RUNS" "$BIN" match --format tsv "$A" "$B")
	echo "| 10000, scikit-learn TF-IDF + cosine (sentences given, not split; python start-up included) | $sk_t | | $((sk_m / 1024)) | | crossread $("$PY" -c 'import sys; print("%.0fx faster" % (float(sys.argv[2]) / float(sys.argv[1])))' "$cr_t" "$sk_t") |"
else
	echo "sklearn    skipped: /usr/bin/python3 has no sklearn (apt-get install python3-sklearn)"
fi
