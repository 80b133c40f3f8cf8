#!/usr/bin/python3
"""match_quality: how well `crossread match` finds the curated links, next to
the scikit-learn baseline (bench/match_sklearn.py) on the same sentences.

usage: match_quality.py CROSSREAD ANNOTATIONS.yaml [EXTRA crossread options...]

Ground truth: the links of the annotation file whose two claims lie in
different articles. A link is FOUND when one of the top 20 suggested pairs
has a sentence of each article containing that article's quote (compared
after folding curly quotes and collapsing white space). Figures:
  recall same    found `same` links / cross-article `same` links
  recall rebuts  found `rebuts` links / cross-article `rebuts` links
  precision@10   of the 10 best pairs, those that hold both quotes of some
                 cross-article link (any relation), divided by 10
  relation       of the found links, those for which crossread suggests
                 the curated relation (crossread only)
Both rankers score every candidate (--min-score 0), so the figures compare
rankings, not thresholds. Prints one TSV line per ranker:
  name recall_same recall_rebuts precision@10 relation_ok
With EXTRA options (e.g. --no-stem) only crossread's line is printed, named
"crossread EXTRA...": the baseline does not depend on them.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

TOP = 20
HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip()


def load_links(path, fold=None):
    """A path, B path and the cross-article links (rel, A quote, B quote) of
    an annotation file of two articles, the quotes folded by fold (norm)."""
    import yaml  # python3-yaml

    fold = fold or norm

    with open(path, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    base = os.path.dirname(os.path.abspath(path))
    arts = {a["id"]: os.path.normpath(os.path.join(base, a["path"])) for a in d["articles"]}
    claims = {c["id"]: c for c in d["claims"]}
    ids = list(arts)
    if len(ids) != 2:
        sys.exit("match_quality: the annotation file must name exactly two articles")
    links = []
    for ln in d.get("links", []):
        a, b = claims.get(ln["from"]), claims.get(ln["to"])
        if not a or not b or a["article"] == b["article"]:
            continue
        if a["article"] != ids[0]:
            a, b = b, a
        links.append((ln["rel"], fold(a["quote"]), fold(b["quote"])))
    return arts[ids[0]], arts[ids[1]], links


def score(pairs, links):
    """pairs: [(a_text, b_text, rel or None)] best first."""
    found = {}
    for k, (rel, qa, qb) in enumerate(links):
        for sa, sb, prel in pairs[:TOP]:
            if qa in sa and qb in sb:
                found[k] = prel
                break
    res = {}
    for want in ("same", "rebuts"):
        total = [k for k, ln in enumerate(links) if ln[0] == want]
        res[want] = (sum(1 for k in total if k in found), len(total))
    good = 0
    for sa, sb, _ in pairs[:10]:
        if any(qa in sa and qb in sb for _, qa, qb in links):
            good += 1
    rel_total = [k for k in found if links[k][0] in ("same", "rebuts")]
    rel_ok = sum(1 for k in rel_total if found[k] == links[k][0])
    return res, good / 10.0, (rel_ok, len(rel_total), found)


def fmt(name, res, p10, rel):
    s, r = res["same"], res["rebuts"]
    relf = "-" if rel is None else f"{rel[0]}/{rel[1]}"
    return f"{name}\t{s[0]}/{s[1]}\t{r[0]}/{r[1]}\t{p10:.2f}\t{relf}"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, annot = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    try:
        a, b, links = load_links(annot)
    except ImportError:
        print("match_quality: python3-yaml is missing; quality skipped", file=sys.stderr)
        return 0
    out = subprocess.run([binary, "match", a, b, "--format", "json", "--top", str(TOP),
                          "--min-score", "0"] + extra, check=True, capture_output=True,
                         text=True).stdout
    pairs = [(norm(p["a"]["text"]), norm(p["b"]["text"]), p["relation"])
             for p in json.loads(out)["pairs"]]
    res, p10, rel = score(pairs, links)
    print(fmt(" ".join(["crossread"] + extra), res, p10, rel[:2]))
    if os.environ.get("MATCH_VERBOSE"):
        for k, ln in enumerate(links):
            print(f"  {'FOUND' if k in rel[2] else 'missed'} {ln[0]}: {ln[1][:50]} || "
                  f"{ln[2][:50]}", file=sys.stderr)
    if extra:
        return 0

    try:
        subprocess.run(["/usr/bin/python3", "-c", "import sklearn"], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        print("sklearn\tskipped: /usr/bin/python3 has no sklearn (apt-get install "
              "python3-sklearn)")
        return 0
    with tempfile.NamedTemporaryFile("w+", suffix=".tsv") as tf:
        subprocess.run([binary, "match", "--sentences", a, b], check=True, stdout=tf)
        tf.flush()
        out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "match_sklearn.py"),
                              tf.name, str(TOP)], check=True, capture_output=True,
                             text=True).stdout
    pairs = []
    for line in out.splitlines():
        f = line.split("\t")
        pairs.append((norm(f[5]), norm(f[6]), None))
    res, p10, _ = score(pairs, links)
    print(fmt("sklearn", res, p10, None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
