#!/usr/bin/env python3
"""gen_articles: two long, deterministic synthetic news articles for the
matching speed bench.

usage: gen_articles.py OUTDIR [SENTENCES]

Writes OUTDIR/gen-a.txt and OUTDIR/gen-b.txt, each with SENTENCES sentences
(default 22000) in paragraphs of 3 to 6. Words follow a Zipf law over a
30,000-word invented vocabulary mixed with real English function words, so
that postings lists are as skewed as in real text; there are capitalised
names, numbers with thousands separators and decimals, quotes and
abbreviations. A fifth of B's sentences restate one of A's (words dropped,
reordered, a number kept), so matching has real work to do. The same
arguments always give the same bytes.
"""
import itertools
import os
import random
import sys

FUNCTION = ("the of and to a in that for on with as by at from was is said it "
            "its were has had have be not but this which their after over about").split()
SYLLABLES = ("ka to ri mo sa ne lu vi da pe ro chi an el ur os im ba de fi go "
             "ha ju ko la me ni pa qua re si te vo wa xe yo za").split()


def vocabulary(rng, n):
    seen, words = set(), []
    while len(words) < n:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 22000
    rng = random.Random(20210720)
    vocab = vocabulary(rng, 30000)
    names = [w.capitalize() for w in vocabulary(rng, 2000)]
    cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(vocab))))

    def number():
        k = rng.random()
        if k < 0.4:
            return f"{rng.randint(1000, 999999):,}"
        if k < 0.7:
            return f"{rng.randint(1, 99)}.{rng.randint(0, 9)}"
        return str(rng.randint(1990, 2030))

    def sentence():
        n = rng.randint(8, 30)
        content = rng.choices(vocab, cum_weights=cum, k=n)
        words = []
        for w in content:
            if rng.random() < 0.45:
                words.append(rng.choice(FUNCTION))
            r = rng.random()
            if r < 0.08:
                words.append(rng.choice(names))
            elif r < 0.11:
                words.append(number())
            else:
                words.append(w)
        if rng.random() < 0.05:
            words.insert(rng.randint(1, len(words)), "U.S.")
        if rng.random() < 0.05:
            words.insert(rng.randint(1, len(words)), "Mr. " + rng.choice(names))
        s = " ".join(words)
        s = s[0].upper() + s[1:]
        if rng.random() < 0.1:
            return f'"{s}," {rng.choice(names)} said.'
        return s + "."

    def restate(s):
        words = s.rstrip(".").split()
        keep = [w for w in words if rng.random() < 0.75] or words[:3]
        if len(keep) > 4:
            i = rng.randint(0, len(keep) - 3)
            keep[i:i + 3] = reversed(keep[i:i + 3])
        t = " ".join(keep)
        return t[0].upper() + t[1:] + "."

    a = [sentence() for _ in range(count)]
    b = [restate(rng.choice(a)) if rng.random() < 0.2 else sentence() for _ in range(count)]

    for name, sents in (("gen-a.txt", a), ("gen-b.txt", b)):
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(3, 6)
            paras.append(" ".join(sents[i:i + k]))
            i += k
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(f"Synthetic article {name}\n\n" + "\n\n".join(paras) + "\n")


if __name__ == "__main__":
    main()
