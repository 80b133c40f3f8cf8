#!/bin/sh
# e2e: `crossread import`: a Hypothesis JSON export (written for this test)
# anchors into the story's articles by URL, quotes that do not anchor are
# listed as orphans and not placed; the JSON-LD export has every required
# field of the W3C model and its positions count code points; export then
# import into a story naming only the articles gives back the same claims,
# links, notes and tags; importing twice adds nothing; bad JSON is
# FILE:LINE:COL, exit 2.
. "$ROOT/tests/e2e/lib.sh"
D="$ROOT/tests/data/export"
I="$ROOT/tests/data/import"
W="$TMPDIR/w"
mkdir -p "$W"
cp "$D/fire-a.md" "$D/fire-b.md" "$W/"
bare() { printf 'version: 1\narticles:\n  - {id: times, path: fire-a.md}\n  - {id: wire, path: fire-b.md}\n' >"$W/$1"; }

# Hypothesis
bare hyp.yaml
"$BIN" import "$I/hypothesis.json" --into "$W/hyp.yaml" >"$TMPDIR/hyp.out" 2>"$TMPDIR/hyp.err"
st=$?
cat "$TMPDIR/hyp.out"
check "hypothesis: orphans found: exit 1" test $st -eq 1
check "hypothesis: two claims and two notes (one on the page) added" grep -q "^import: 2 claims, 0 links, 2 notes added" "$TMPDIR/hyp.out"
check "hypothesis: a quote edited away is an orphan" grep -q '^orphan: https://example.org/harbour/fire?id=1&src=feed: "the fire was started deliberately' "$TMPDIR/hyp.out"
check "hypothesis: a page of another site is an orphan" grep -q '^orphan: https://elsewhere.example/news/1: ' "$TMPDIR/hyp.out"
"$BIN" check "$W/hyp.notes.yaml" >"$TMPDIR/hypcheck.out"
check "hypothesis: the personal file checks clean" test $? -eq 0
check "hypothesis: 0 orphans placed" grep -q "2 claims, 0 links, 2 notes, 2 tags, 0 orphans" "$TMPDIR/hypcheck.out"
"$BIN" export "$W/hyp.yaml" --format csv >"$TMPDIR/hyp.csv"
check "hypothesis: the quote placed where TextPosition says (code points 77-124)" grep -q '^claim,hyp-Hq2vX1aAEe-abc,personal,times,Harbour Times,claim,,,800 people were evacuated from nearby buildings,77,124,,,,,,company;numbers,,' "$TMPDIR/hyp.csv"
check "hypothesis: a quote without position anchors by its words" grep -q '^claim,hyp-Kz9-noPosition,.*,Residents said the smoke could be seen from the bridge,' "$TMPDIR/hyp.csv"
check "hypothesis: the row's text is a note on its claim" grep -q "^note,hyp-Hq2vX1aAEe-abc-note,personal,.*,hyp-Hq2vX1aAEe-abc,The company's own figure; compare the fire chief's.,,2026-12-01T11:00:00.000000+00:00,2026-12-01T11:05:00.000000+00:00" "$TMPDIR/hyp.csv"
check "hypothesis: a page note is a note on the article" grep -q "^note,hyp-Page-note,personal,.*,times,A page note without a quote.," "$TMPDIR/hyp.csv"
check "hypothesis: nothing placed from the orphans" sh -c "! grep -q 'arsonist\|elsewhere' '$W/hyp.notes.yaml'"
"$BIN" import "$I/hypothesis.json" --into "$W/hyp.yaml" >"$TMPDIR/hyp2.out" 2>&1
check "hypothesis: importing again adds nothing" grep -q "^import: 0 claims, 0 links, 0 notes added" "$TMPDIR/hyp2.out"

# JSON-LD: required fields, code point positions
"$BIN" export "$D/story.yaml" --format jsonld >"$TMPDIR/story.jsonld"
for a in fire-a fire-b; do "$BIN" dump "$D/$a.md" >"$TMPDIR/$a.txt"; done
python3 - "$TMPDIR/story.jsonld" "$TMPDIR" "$D" >"$TMPDIR/fields.out" 2>&1 <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
bad = []
def need(obj, key, where):
    if key not in obj:
        bad.append("%s: no %s" % (where, key))
        return None
    return obj[key]
if doc.get("@context") != "http://www.w3.org/ns/anno.jsonld": bad.append("@context")
need(doc, "id", "collection")
if doc.get("type") != "AnnotationCollection": bad.append("collection type")
page = need(doc, "first", "collection") or {}
need(page, "id", "page")
if page.get("type") != "AnnotationPage": bad.append("page type")
items = need(page, "items", "page") or []
if doc.get("total") != len(items): bad.append("total")
texts = {}
for name in ("fire-a", "fire-b"):
    t = open("%s/%s.txt" % (sys.argv[2], name), encoding="utf-8").read()
    texts[name] = t[:-1]  # dump ends with a newline of its own
sources = {"https://example.org/harbour/fire?id=1&src=feed": "fire-a"}
mot = {}
for i, a in enumerate(items):
    w = "item %d" % i
    need(a, "id", w)
    if a.get("type") != "Annotation": bad.append(w + ": type")
    t = need(a, "target", w)
    m = a.get("motivation")
    mot[m] = mot.get(m, 0) + 1
    if m == "highlighting":
        if t.get("type") != "SpecificResource": bad.append(w + ": target type")
        src = need(t, "source", w)
        sels = {s["type"]: s for s in need(t, "selector", w) or []}
        q = sels.get("TextQuoteSelector")
        if not q: bad.append(w + ": no TextQuoteSelector"); continue
        for k in ("exact", "prefix", "suffix"): need(q, k, w + " quote")
        bodies = a.get("body", [])
        if not any(b.get("purpose") == "tagging" and b["value"].startswith("kind:") for b in bodies):
            bad.append(w + ": no kind tag")
        p = sels.get("TextPositionSelector")
        if p is None:
            continue  # an orphan: a quote only
        name = sources.get(src) or ("fire-b" if src.endswith("/fire-b.md") else None)
        if not name: bad.append(w + ": source " + src); continue
        if texts[name][p["start"]:p["end"]] != q["exact"]:
            bad.append(w + ": positions %d-%d do not give %r" % (p["start"], p["end"], q["exact"]))
    elif m == "linking":
        if not (isinstance(t, list) and len(t) == 2): bad.append(w + ": two targets")
        if not any(b.get("value", "").startswith("rel:") for b in a.get("body", [])): bad.append(w + ": rel")
    elif m == "commenting":
        b = a.get("body", [])
        if not any(x.get("type") == "TextualBody" and x.get("purpose") == "commenting" and x.get("value") for x in b):
            bad.append(w + ": no TextualBody")
    else:
        bad.append(w + ": motivation %r" % m)
if mot != {"highlighting": 8, "linking": 3, "commenting": 3}: bad.append("motivations %r" % mot)
print("\n".join(bad) if bad else "all fields present")
PY
cat "$TMPDIR/fields.out"
check "JSON-LD: every required field, positions in code points give the exact text" grep -qx "all fields present" "$TMPDIR/fields.out"

# a text with multi-byte characters: positions count characters, not bytes
mkdir -p "$W/u"
printf -- '---\ntitle: "Ünïcode"\n---\nÀ côté: “quoted” — naïve café 😀 and the claim here.\n' >"$W/u/u.md"
printf 'version: 1\narticles:\n  - {id: u, path: u.md}\nclaims:\n  - {id: c, article: u, kind: claim, quote: the claim here}\n' >"$W/u/u.yaml"
"$BIN" export "$W/u/u.yaml" --format jsonld -n "$W/u/none.yaml" >"$TMPDIR/u.jsonld"
check "JSON-LD: positions count code points (36-50; bytes would be 50-64)" python3 -c "
import json,sys; a=json.load(open('$TMPDIR/u.jsonld'))['first']['items'][0]
p=[s for s in a['target']['selector'] if s['type']=='TextPositionSelector'][0]
sys.exit(0 if (p['start'],p['end'])==(36,50) else 1)"

# round trip: export everything, import into a story naming only the articles
bare rt.yaml
"$BIN" import "$TMPDIR/story.jsonld" --into "$W/rt.yaml" >"$TMPDIR/rt.out" 2>&1
cat "$TMPDIR/rt.out"
check "round trip: the one orphan of the story is listed, not placed" grep -q '^orphan: .*"this sentence is in neither article"' "$TMPDIR/rt.out"
"$BIN" export "$D/story.yaml" --format csv >"$TMPDIR/a.csv"
"$BIN" export "$W/rt.yaml" --format csv >"$TMPDIR/b.csv"
python3 - "$TMPDIR/a.csv" "$TMPDIR/b.csv" >"$TMPDIR/rt.cmp" <<'PY'
import csv, sys
def rows(p):
    out = set()
    for r in csv.DictReader(open(p, newline="", encoding="utf-8")):
        if r["type"] == "claim" and r["start"] == "":
            continue  # orphans are not placed
        r.pop("layer")
        r.pop("quote")  # the display text's words; where they are is start/end
        out.add(tuple(sorted(r.items())))
    return out
a, b = rows(sys.argv[1]), rows(sys.argv[2])
print("same" if a == b and a else "differ: %r / %r" % (a - b, b - a))
PY
cat "$TMPDIR/rt.cmp"
check "round trip: the same claims, links, notes and tags" grep -qx same "$TMPDIR/rt.cmp"
"$BIN" import "$TMPDIR/story.jsonld" --into "$W/rt.yaml" >"$TMPDIR/rt2.out" 2>&1
check "round trip: importing again adds nothing" grep -q "^import: 0 claims, 0 links, 0 notes added" "$TMPDIR/rt2.out"

# unusable input
bare e.yaml
"$BIN" import "$I/bad.json" --into "$W/e.yaml" >"$TMPDIR/bad.out" 2>&1
check "bad JSON: exit 2" test $? -eq 2
check "bad JSON: FILE:LINE:COL" grep -q "^$I/bad.json:2:26: error: " "$TMPDIR/bad.out"
"$BIN" import "$I/notannot.json" --into "$W/e.yaml" >"$TMPDIR/na.out" 2>&1
check "JSON that is not annotations: exit 2" test $? -eq 2
check "nothing written for unusable input" test ! -e "$W/e.notes.yaml"
"$BIN" import "$I/hypothesis.json" >/dev/null 2>&1
check "no --into: exit 2" test $? -eq 2
"$BIN" import "$TMPDIR/nope.json" --into "$W/e.yaml" >/dev/null 2>&1
check "missing file: exit 2" test $? -eq 2
finish
