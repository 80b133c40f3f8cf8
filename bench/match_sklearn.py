#!/usr/bin/python3
"""match_sklearn: the scikit-learn baseline for `crossread match`.

Reads the sentences crossread found (`crossread match --sentences A B`:
lines "A|B <TAB> start <TAB> end <TAB> text") so that both rank the very same
candidates, weights them with TfidfVectorizer(stop_words="english",
sublinear_tf=True) fitted on the sentences of both articles, and ranks every
(A sentence, B sentence) pair by cosine. The product X_A @ X_B.T is taken in
blocks of rows so that two long articles fit in memory.

Prints the TOP best pairs in crossread's TSV layout (score, A start, A end,
B start, B end, A sentence, B sentence) and, on stderr, the time spent
vectorising and scoring (import and file reading excluded).

usage: match_sklearn.py SENTENCES.tsv [TOP]
Run it with Debian's /usr/bin/python3 (python3-sklearn).
"""
import heapq
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

BLOCK = 2048


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    sents = {"A": [], "B": []}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            side, start, end, text = line.rstrip("\n").split("\t", 3)
            sents[side].append((int(start), int(end), text))
    t0 = time.perf_counter()
    texts_a = [s[2] for s in sents["A"]]
    texts_b = [s[2] for s in sents["B"]]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    x = vec.fit_transform(texts_a + texts_b)  # rows are L2-normalised
    xa, xb = x[: len(texts_a)], x[len(texts_a):].T.tocsc()
    heap = []  # (score, -i, -j): the TOP best pairs, ties to the earliest
    for lo in range(0, len(texts_a), BLOCK):
        sim = (xa[lo: lo + BLOCK] @ xb).toarray()
        k = min(top, sim.size)
        if k == 0:
            continue
        flat = np.argpartition(sim, -k, axis=None)[-k:]
        for f in flat:
            i, j = divmod(int(f), sim.shape[1])
            item = (float(sim[i, j]), -(lo + i), -j)
            if len(heap) < top:
                heapq.heappush(heap, item)
            else:
                heapq.heappushpop(heap, item)
    t1 = time.perf_counter()
    for score, ni, nj in sorted(heap, reverse=True):
        a, b = sents["A"][-ni], sents["B"][-nj]
        if score <= 0:
            continue
        print(f"{score:.4f}\t{a[0]}\t{a[1]}\t{b[0]}\t{b[1]}\t{a[2]}\t{b[2]}")
    print(f"sklearn: {len(texts_a)} x {len(texts_b)} sentences scored in {t1 - t0:.3f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
