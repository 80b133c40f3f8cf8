#!/usr/bin/python3
"""match_bm25: the project's own plain BM25 baseline for `crossread match`.

Reads the sentences crossread found (`crossread match --sentences A B`), so
that every ranker sees the same candidates, and ranks every (A sentence,
B sentence) pair by Okapi BM25 with each A sentence as the query and the
sentences of both articles as the collection (idf over both; k1 = 1.2,
b = 0.75). Tokens: lower-cased runs of letters and digits, English stop
words (a common function-word list) left out, no stemming. The score is made
symmetric by averaging both directions.

Prints the TOP best pairs (0: all) in crossread's TSV layout.
usage: match_bm25.py SENTENCES.tsv [TOP]
"""
import math
import re
import sys
from collections import Counter

# a common English function-word list (no reporting verbs, no names)
ENGLISH_STOP_WORDS = set("""a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves""".split())

K1, B = 1.2, 0.75


def toks(s):
    return [w for w in re.findall(r"\w+", s.lower()) if w not in ENGLISH_STOP_WORDS]


def main():
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    sents = {"A": [], "B": []}
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for line in f:
            side, start, end, text = line.rstrip("\n").split("\t", 3)
            sents[side].append((int(start), int(end), text))
    docs = {k: [Counter(toks(s[2])) for s in v] for k, v in sents.items()}
    alld = docs["A"] + docs["B"]
    n = len(alld)
    avg = sum(sum(d.values()) for d in alld) / max(1, n)
    df = Counter(t for d in alld for t in d)
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def bm25(q, d):
        dl = sum(d.values())
        s = 0.0
        for t in q:
            tf = d.get(t, 0)
            if tf:
                s += idf[t] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avg))
        return s

    pairs = []
    for i, qa in enumerate(docs["A"]):
        for j, qb in enumerate(docs["B"]):
            s = (bm25(qa, qb) + bm25(qb, qa)) / 2
            if s > 0:
                pairs.append((s, -i, -j))
    pairs.sort(reverse=True)
    if top:
        pairs = pairs[:top]
    for s, ni, nj in pairs:
        a, b = sents["A"][-ni], sents["B"][-nj]
        print(f"{s:.4f}\t{a[0]}\t{a[1]}\t{b[0]}\t{b[1]}\t{a[2]}\t{b[2]}")


if __name__ == "__main__":
    main()
