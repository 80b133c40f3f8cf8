#!/bin/sh
# e2e: `crossread match` on the bundled articles: TSV has 7 columns with
# offsets inside each article's display text (`crossread dump`) that hold the
# printed sentence, the 30,000 pair is found, JSON parses, and bad options or
# unreadable files exit 2 with a clear message; three and five articles give
# groups across outlets in text, TSV and JSON.
: "${BIN:?}" "${ROOT:?}" "${TMPDIR:=/tmp}"
fails=0
ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; fails=$((fails + 1)); }

cd "$ROOT" || exit 1
A=articles/npr-china-accuses-us.md
B=articles/afp-china-denies-hack.md
T=$TMPDIR/match.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT

if "$BIN" match "$A" "$B" --format tsv >"$T/out.tsv" 2>"$T/err"; then
	ok "match --format tsv exits 0"
else
	notok "match --format tsv failed: $(cat "$T/err")"
fi
[ -s "$T/out.tsv" ] && ok "default output has pairs" || notok "no pairs by default"
"$BIN" dump "$A" >"$T/a.txt" && "$BIN" dump "$B" >"$T/b.txt" || notok "dump failed"

# Every line: 7 fields, numeric score descending, offsets inside the
# display text, and the sentence printed is the text at those offsets.
python3 - "$T/out.tsv" "$T/a.txt" "$T/b.txt" <<'PY' >"$T/check" 2>&1
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
# dump adds one newline at the end of the display text
ta = open(sys.argv[2], encoding="utf-8").read()[:-1].encode()
tb = open(sys.argv[3], encoding="utf-8").read()[:-1].encode()
bad = []
prev = None
for i, r in enumerate(rows):
    if len(r) != 7:
        bad.append(f"line {i + 1}: {len(r)} fields")
        continue
    score = float(r[0])
    a0, a1, b0, b1 = map(int, r[1:5])
    if prev is not None and score > prev:
        bad.append(f"line {i + 1}: not best first")
    prev = score
    if not (0 <= a0 < a1 <= len(ta) and 0 <= b0 < b1 <= len(tb)):
        bad.append(f"line {i + 1}: offsets outside the text")
        continue
    flat = lambda s: s.decode().replace("\t", " ").replace("\n", " ")
    if flat(ta[a0:a1]) != r[5] or flat(tb[b0:b1]) != r[6]:
        bad.append(f"line {i + 1}: sentence is not the text at its offsets")
print("\n".join(bad) if bad else "fine")
PY
[ "$(cat "$T/check")" = fine ] && ok "TSV: 7 columns, best first, offsets hold the sentences" ||
	notok "TSV: $(head -3 "$T/check")"

awk -F '\t' '$6 ~ /at least 30,000 customers/ && $7 ~ /at least 30,000 US organizations/' \
	"$T/out.tsv" | grep -q . && ok "the 30,000 pair is found" || notok "30,000 pair missing"

if "$BIN" match "$A" "$B" --format json >"$T/out.json" && python3 -m json.tool "$T/out.json" >/dev/null; then
	ok "--format json parses"
else
	notok "--format json does not parse"
fi
grep -q '"relation": "same"' "$T/out.json" && grep -q '"stance": "' "$T/out.json" &&
	ok "JSON has relation and stance" || notok "JSON lacks relation or stance"
# an accusation answered by a denial is suggested as rebuts, with the stances
# that make it so
if python3 - "$T/out.json" <<'EOF'; then
import json, sys
pairs = json.load(open(sys.argv[1], encoding="utf-8"))["pairs"]
r = [p for p in pairs if p["relation"] == "rebuts"]
ok = r and all("rebuttal" in (p["a"]["stance"], p["b"]["stance"]) for p in r)
sys.exit(0 if ok else 1)
EOF
	ok "JSON suggests rebuts where one side denies"
else
	notok "JSON: no rebuts pair with a rebuttal stance"
fi

n=$("$BIN" match "$A" "$B" --format tsv --top 2 --min-score 0 | wc -l)
[ "$n" -eq 2 ] && ok "--top 2 gives 2 pairs" || notok "--top 2 gave $n"
"$BIN" match "$A" "$B" >"$T/out.txt" && grep -q '^1\. score' "$T/out.txt" &&
	ok "text format" || notok "text format"

"$BIN" match "$A" "$B" --bogus >/dev/null 2>"$T/err"
st=$?
[ "$st" -eq 2 ] && grep -q usage "$T/err" && ok "bad option: usage, exit 2" ||
	notok "bad option: exit $st"
"$BIN" match "$A" "$B" --format xml >/dev/null 2>&1
st=$?
[ "$st" -eq 2 ] && ok "bad format: exit 2" || notok "bad format: exit $st"
"$BIN" match "$A" >/dev/null 2>&1
st=$?
[ "$st" -eq 2 ] && ok "one article: exit 2" || notok "one article: exit $st"
"$BIN" match "$A" "$T/missing.md" >/dev/null 2>"$T/err"
st=$?
if [ "$st" -eq 2 ] && grep -q "^crossread: $T/missing.md: " "$T/err"; then
	ok "unreadable file: 'crossread: PATH: reason', exit 2"
else
	notok "unreadable file: exit $st, $(cat "$T/err")"
fi

# Control characters in an article never reach the output raw.
printf 'The hack \033[31mhit\033[0m at least 30,000 firms.\n' >"$T/esc.txt"
printf 'At least 30,000 firms were hit by the hack.\n' >"$T/esc2.txt"
"$BIN" match "$T/esc.txt" "$T/esc2.txt" --format text --min-score 0 >"$T/esc.out"
"$BIN" match "$T/esc.txt" "$T/esc2.txt" --format json --min-score 0 >"$T/esc.json"
if grep -q "$(printf '\033')" "$T/esc.out" "$T/esc.json"; then
	notok "escape characters reach the output"
else
	ok "escape characters are sanitised (text) and escaped (json)"
fi
grep -q '\\u001b' "$T/esc.json" && ok "JSON escapes ESC as \\u001b" || notok "JSON ESC escape"

# A story of three to five articles (issue 15): groups of sentences across
# outlets, one per article; TSV keeps the seven columns of two-article
# output and adds group, A article, B article after them.
S3=tests/data/story3 S5=tests/data/story5
"$BIN" match "$S5/authority.md" "$S5/blog.md" "$S5/courier.md" "$S5/radio.md" "$S5/wire.md" \
	--format tsv >"$T/s5.tsv" 2>"$T/err"
st=$?
[ "$st" -eq 0 ] && [ -s "$T/s5.tsv" ] && ok "match of five articles: exit 0, rows" ||
	notok "match of five: exit $st, $(cat "$T/err")"
"$BIN" match "$S3/herald.md" "$S3/union.md" "$S3/wire.md" --format tsv >"$T/s3.tsv"
: >"$T/pairs.tsv"
for ab in "1 2 herald union" "1 3 herald wire" "2 3 union wire"; do
	set -- $ab
	"$BIN" match "$S3/$3.md" "$S3/$4.md" --format tsv | sed "s/\$/	$1	$2/" >>"$T/pairs.tsv"
done
python3 - "$T/s5.tsv" "$T/s3.tsv" "$T/pairs.tsv" <<'PY' >"$T/check" 2>&1
import sys
from collections import defaultdict
bad = []
def rows(f):
    return [l.rstrip("\n").split("\t") for l in open(f, encoding="utf-8")]
for f, narts in ((sys.argv[1], 5), (sys.argv[2], 3)):
    arts = defaultdict(set)   # group -> articles
    sents = defaultdict(dict) # group -> article -> sentence start
    for i, r in enumerate(rows(f)):
        if len(r) != 10:
            bad.append(f"{f}:{i + 1}: {len(r)} fields")
            continue
        g, a, b = int(r[7]), int(r[8]), int(r[9])
        if not (1 <= a < b <= narts):
            bad.append(f"{f}:{i + 1}: articles {a} {b}")
        if g == 0:
            continue
        for art, start in ((a, r[1]), (b, r[3])):
            if sents[g].setdefault(art, start) != start:
                bad.append(f"{f}: group {g} has two sentences of article {art}")
        arts[g] |= {a, b}
    if not any(len(v) >= 3 for v in arts.values()):
        bad.append(f"{f}: no group spans three articles")
    if f == sys.argv[1] and not any(len(v) == 5 for v in arts.values()):
        bad.append(f"{f}: no group spans all five")
# every story3 row is a row of the two articles' own output, plus the
# group column: the seven columns are the same, the ids come after
pairs = {tuple(r[:7] + r[7:]) for r in rows(sys.argv[3])}
for r in rows(sys.argv[2]):
    if (tuple(r[:7]) + tuple(r[8:])) not in pairs:
        bad.append("story3 row not in its pair's output: " + "\t".join(r[:5]))
print("\n".join(bad[:5]) if bad else "fine")
PY
[ "$(cat "$T/check")" = fine ] &&
	ok "TSV of 3 and 5 articles: 10 columns, one sentence per article a group, groups span 3+ (and 5), the pair columns as two-article output" ||
	notok "story TSV: $(head -3 "$T/check")"

"$BIN" match "$S5/authority.md" "$S5/blog.md" "$S5/courier.md" "$S5/radio.md" "$S5/wire.md" \
	--format json >"$T/s5.json"
if python3 -m json.tool "$T/s5.json" >/dev/null && python3 - "$T/s5.json" <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(d["articles"]) == 5
g = d["groups"]
assert g and max(x["articles"] for x in g) == 5
for x in g:
    arts = [s["article"] for s in x["sentences"]]
    assert len(arts) == x["articles"] == len(set(arts)) >= 2
    assert abs(sum(p["score"] for p in x["pairs"]) - x["score"]) < 0.01
assert all(g[i]["score"] >= g[i + 1]["score"] for i in range(len(g) - 1))
assert isinstance(d["rebuttals"], list)
PY
	ok "JSON of five articles parses: groups best first, one sentence per article"
else
	notok "JSON of five articles"
fi
"$BIN" match "$S5/authority.md" "$S5/blog.md" "$S5/courier.md" "$S5/radio.md" "$S5/wire.md" \
	>"$T/s5.txt"
grep -q '^1\. 5 of 5 articles, score' "$T/s5.txt" && grep -q '^   5: \[' "$T/s5.txt" &&
	ok "text of five articles: the best group is carried by all five" ||
	notok "text of five: $(sed -n 8,9p "$T/s5.txt")"
n=$("$BIN" match "$S5/authority.md" "$S5/blog.md" "$S5/wire.md" --format json --top 1 |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["groups"]))')
[ "$n" = 1 ] && ok "--top 1 keeps one group" || notok "--top 1 gave $n groups"
# rebuttal pairs across a story: group 0, the accusing and the denying article
"$BIN" match "$A" "$B" "$S3/wire.md" --format tsv >"$T/r.tsv"
awk -F '\t' '$8 == 0 && $9 == 1 && $10 == 2' "$T/r.tsv" | grep -q . &&
	ok "rebuttal pairs of three articles: group 0, articles 1 and 2" ||
	notok "no rebuttal row in $(wc -l <"$T/r.tsv") rows"
set --
i=0
while [ $i -lt 17 ]; do
	set -- "$@" "$S3/wire.md"
	i=$((i + 1))
done
"$BIN" match "$@" >/dev/null 2>"$T/err"
st=$?
[ "$st" -eq 2 ] && grep -q "at most 16" "$T/err" && ok "17 articles: usage, exit 2" ||
	notok "17 articles: exit $st"
"$BIN" match "$S3/wire.md" "$S3/union.md" "$T/missing.md" >/dev/null 2>"$T/err"
st=$?
[ "$st" -eq 2 ] && grep -q "missing.md: " "$T/err" && ok "story with an unreadable file: exit 2" ||
	notok "story unreadable: exit $st"

# a contradiction: the same evacuation counted differently, named with its
# numbers in text and JSON (written for this test)
printf 'Fire at the Ostwerk plant\n\nA fire broke out at the Ostwerk chemical plant on Monday. The company said 800 workers were evacuated from the plant. The cause is not yet known.\n' >"$T/ca.txt"
printf 'Chemical plant blaze\n\nFlames engulfed a storage hall of the Ostwerk chemical plant. The fire chief said 2,400 workers were evacuated from the plant. Investigators are on site.\n' >"$T/cb.txt"
"$BIN" match --min-score 0 "$T/ca.txt" "$T/cb.txt" >"$T/con.txt" 2>"$T/err"
grep -q 'contradicts (A: 800, B: 2400)' "$T/con.txt" && ok "match suggests contradicts, naming 800 and 2400" ||
	notok "no contradiction: $(head -3 "$T/con.txt")"
"$BIN" match --min-score 0 --format json "$T/ca.txt" "$T/cb.txt" >"$T/con.json" 2>"$T/err"
python3 - "$T/con.json" <<'PY' && ok "JSON: the contradiction's numbers" || notok "JSON contradiction"
import json, sys
p = json.load(open(sys.argv[1]))["pairs"]
c = [x for x in p if x["relation"] == "contradicts"]
sys.exit(0 if c and c[0]["a"]["number"] == "800" and c[0]["b"]["number"] == "2400"
         and "evacuated" in c[0]["a"]["text"] else 1)
PY

# files of a megabyte or more in all load in two threads: pairs found, and
# a missing file among big ones named alone (the first of them), exit 2
mkdir -p "$T/big" && python3 bench/gen_articles.py "$T/big" 6000 >/dev/null ||
	notok "bench/gen_articles.py failed"
mv "$T/big/gen-a.txt" "$T/bigA.txt" && mv "$T/big/gen-b.txt" "$T/bigB.txt"
"$BIN" match --format tsv "$T/bigA.txt" "$T/bigB.txt" >"$T/big.tsv" 2>"$T/err"
st=$?
[ "$st" -eq 0 ] && [ "$(wc -l <"$T/big.tsv")" -gt 100 ] &&
	ok "two big files: exit 0, pairs" || notok "two big files: exit $st $(head -2 "$T/err")"
"$BIN" match "$T/bigA.txt" "$T/missing-b.txt" >/dev/null 2>"$T/err"
st=$?
[ "$st" -eq 2 ] && grep -q "missing-b.txt: " "$T/err" && [ "$(wc -l <"$T/err")" -eq 1 ] &&
	ok "big file and a missing one: the missing one named once, exit 2" ||
	notok "big + missing: exit $st: $(cat "$T/err")"
"$BIN" match "$T/missing-a.txt" "$T/bigB.txt" "$T/missing-c.txt" >/dev/null 2>"$T/err"
st=$?
[ "$st" -eq 2 ] && grep -q "missing-a.txt: " "$T/err" && ! grep -q "missing-c" "$T/err" &&
	ok "missing files among big ones: the first named, exit 2" ||
	notok "missing among big: exit $st: $(cat "$T/err")"

exit $((fails > 0))
