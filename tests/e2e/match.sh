#!/bin/sh
# e2e: `crossread match` on the bundled articles: TSV has 7 columns with
# offsets inside each article's display text (`crossread dump`) that hold the
# printed sentence, the 30,000 pair is found, JSON parses, and bad options or
# unreadable files exit 2 with a clear message.
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

exit $((fails > 0))
