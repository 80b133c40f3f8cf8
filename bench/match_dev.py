#!/usr/bin/python3
"""match_dev: crossread match against the development corpus (real news
pairs with gold sentence pairs, ../shared/dev-corpus), next to scikit-learn
TF-IDF (match_sklearn.py) and a plain BM25 (match_bm25.py) on the very same
sentences.

usage: match_dev.py CROSSREAD DEV_CORPUS_DIR [EXTRA crossread options...]
       match_dev.py CROSSREAD --annotations FILE.yaml [EXTRA...]

With --annotations, the one "event" is the annotation file's two articles,
its gold pairs the curated links between them (the quotes as fragments;
every relation counts, `rebuts` as rebuttals), with no alt pairs.

For each event folder (two .txt files, A the accusing report first in
gold.tsv's header order, gold.tsv, alt.tsv) and each ranker, as a full
ranking: gold pairs in the top 10 and top 20, gold rebuttals in the top 20
(and, for crossread, how many of those it calls `rebuts`), precision of the
top 10 (a pair is right when it holds a gold or alt pair); for crossread's
default output (its default threshold) precision and recall. A gold pair is
found as score_match.py finds it. Prints one TSV line per event and ranker,
then the totals.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"


class Norm:
    """score_match.py's normalisation, for the annotation file (the dev
    corpus's own scorer is used when the corpus is there)."""

    @staticmethod
    def norm(s):
        import re
        import unicodedata
        s = unicodedata.normalize("NFKC", s).lower()
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = s.replace("\\", "").replace("*", "")
        for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
                     ("\u2013", "-"), ("\u2014", "-")):
            s = s.replace(a, b)
        s = s.replace('"', "")
        return re.sub(r"\s+", " ", s).strip()


def load(dev):
    sys.path.insert(0, dev)
    import score_match  # the corpus's own scorer: its normalisation
    return score_match


def annotation_event(path):
    """(name, A path, B path, gold, alt) from an annotation file."""
    sys.path.insert(0, HERE)
    from match_quality import load_links
    a, b, links = load_links(path, Norm.norm)
    gold = [(rel, qa, qb, "") for rel, qa, qb in links]
    return os.path.basename(path).split(".")[0], a, b, gold, []


def event_files(d):
    """A and B paths from gold.tsv's header (fragment in X (A) ... Y (B))."""
    head = open(os.path.join(d, "gold.tsv"), encoding="utf-8").readline()
    import re
    m = re.search(r"fragment in (\S+) \(A\).*fragment in (\S+) \(B\)", head)
    return os.path.join(d, m.group(1)), os.path.join(d, m.group(2))


def rows(out):
    res = []
    for line in out.splitlines():
        c = line.split("\t")
        if len(c) >= 7:
            res.append(c)
    return res


def measure(sm, gold, alt, pred):
    """pred: [(a_text, b_text, rel)] normalised, best first."""
    def found(k, kinds=None):
        n = 0
        for kind, fa, fb, _ in gold:
            if kinds and kind not in kinds:
                continue
            if any(fa in a and fb in b for a, b, _ in pred[:k]):
                n += 1
        return n

    def right(a, b):
        return any(fa in a and fb in b for _, fa, fb, _ in gold + alt)

    reb_rel = 0
    for kind, fa, fb, _ in gold:
        if kind == "rebuts" and any(fa in a and fb in b and r == "rebuts"
                                    for a, b, r in pred[:20]):
            reb_rel += 1
    p10 = sum(1 for a, b, _ in pred[:10] if right(a, b)) / 10.0
    return found(10), found(20), found(20, ("rebuts",)), reb_rel, p10


def main():
    bin_ = sys.argv[1]
    if sys.argv[2] == "--annotations":
        sm = Norm
        events = [annotation_event(sys.argv[3])]
        extra = sys.argv[4:]
    else:
        dev = sys.argv[2]
        extra = sys.argv[3:]
        sm = load(dev)
        events = []
        for ev in sorted(e for e in os.listdir(dev)
                         if os.path.exists(os.path.join(dev, e, "gold.tsv"))):
            d = os.path.join(dev, ev)
            a, b = event_files(d)
            altp = os.path.join(d, "alt.tsv")
            events.append((ev, a, b, sm.load_gold(os.path.join(d, "gold.tsv")),
                           sm.load_gold(altp) if os.path.exists(altp) else []))
    tot = {}
    have_sk = subprocess.run([PY, "-c", "import sklearn"], capture_output=True).returncode == 0
    for ev, a, b, gold, alt in events:
        nreb = sum(1 for g in gold if g[0] == "rebuts")
        rankers = {}
        full = subprocess.run([bin_, "match", "--format", "json", "--min-score", "0"] + extra
                              + [a, b], capture_output=True, text=True, check=True).stdout
        import json
        pj = json.loads(full)["pairs"]
        rankers["crossread"] = [(sm.norm(p["a"]["text"]), sm.norm(p["b"]["text"]), p["relation"])
                                for p in pj]
        with tempfile.NamedTemporaryFile("w+", suffix=".tsv") as st:
            subprocess.run([bin_, "match", "--sentences", a, b], stdout=st, check=True)
            st.flush()
            for name, script, arg in (("sklearn tf-idf", "match_sklearn.py", "100000"),
                                      ("bm25 baseline", "match_bm25.py", "0")):
                if (name.startswith("sklearn") and not have_sk) or os.environ.get("MATCH_DEV_ONLY"):
                    continue
                if True:
                    o = subprocess.run([PY, os.path.join(HERE, script), st.name, arg],
                                       capture_output=True, text=True, check=True).stdout
                    rankers[name] = [(sm.norm(c[-2]), sm.norm(c[-1]), None) for c in rows(o)]
        dj = json.loads(subprocess.run([bin_, "match", "--format", "json"] + extra + [a, b],
                                       capture_output=True, text=True, check=True).stdout)["pairs"]
        dp = [(sm.norm(p["a"]["text"]), sm.norm(p["b"]["text"])) for p in dj]
        dright = sum(1 for x, y in dp if any(fa in x and fb in y for _, fa, fb, _ in gold + alt))
        drec = sum(1 for _, fa, fb, _ in gold if any(fa in x and fb in y for x, y in dp))
        for name, pred in rankers.items():
            t10, t20, r20, rrel, p10 = measure(sm, gold, alt, pred)
            line = [ev, name, f"{t10}/{len(gold)}", f"{t20}/{len(gold)}", f"{r20}/{nreb}",
                    f"{rrel}/{nreb}" if name == "crossread" else "-", f"{p10:.2f}"]
            if name == "crossread":
                line += [f"{dright}/{len(dp)}", f"{drec}/{len(gold)}"]
            else:
                line += ["-", "-"]
            print("\t".join(line))
            t = tot.setdefault(name, [0] * 9)
            vals = [t10, len(gold), t20, r20, nreb, rrel, p10 * 10, 10]
            for k, v in enumerate(vals):
                t[k] += v
            if name == "crossread":
                t[8] = (t[8] or (0, 0, 0))
                t[8] = (t[8][0] + dright, t[8][1] + len(dp), t[8][2] + drec)
    if len(events) < 2:
        return
    for name, t in tot.items():
        line = ["all", name, f"{t[0]}/{t[1]}", f"{t[2]}/{t[1]}", f"{t[3]}/{t[4]}",
                f"{t[5]}/{t[4]}" if name == "crossread" else "-", f"{t[6] / t[7]:.2f}"]
        if name == "crossread":
            dr, dn, drec = t[8]
            line += [f"{dr}/{dn}" + (f" ({dr / dn:.2f})" if dn else ""),
                     f"{drec}/{t[1]} ({drec / t[1]:.2f})"]
        else:
            line += ["-", "-"]
        print("\t".join(line))


if __name__ == "__main__":
    main()
