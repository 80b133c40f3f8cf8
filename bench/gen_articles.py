#!/usr/bin/env python3
"""gen_articles: two long, deterministic synthetic news articles for the
matching speed bench.

usage: gen_articles.py OUTDIR [SENTENCES [ARTICLES]]

Writes OUTDIR/gen-a.txt and OUTDIR/gen-b.txt, each with SENTENCES sentences
(default 22000) in paragraphs of 3 to 6. With ARTICLES (3 to 10; default 2)
also gen-c.txt ... (each like B: a fifth restating A), and a story of them
all, OUTDIR/story.yaml, with STORY_CLAIMS restated sentences per article
claimed and linked `same` to A's sentence, plus OUTDIR/story2.yaml, the
same story cut to A and B: the bench's story of ten against two. Words follow a Zipf law over a
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
    narts = int(sys.argv[3]) if len(sys.argv) > 3 else 2
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
    restated = []  # per article after A: (its sentence, A's sentence)

    def like_b():
        sents, pairs = [], []
        for _ in range(count):
            if rng.random() < 0.2:
                orig = rng.choice(a)
                sents.append(restate(orig))
                pairs.append((sents[-1], orig))
            else:
                sents.append(sentence())
        restated.append(pairs)
        return sents

    b = like_b()

    def write(name, sents):
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(3, 6)
            paras.append(" ".join(sents[i:i + k]))
            i += k
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(f"Synthetic article {name}\n\n" + "\n\n".join(paras) + "\n")

    for name, sents in (("gen-a.txt", a), ("gen-b.txt", b)):
        write(name, sents)
    if narts <= 2:
        return
    names = ["gen-a.txt", "gen-b.txt"]
    for k in range(2, min(narts, 10)):
        names.append(f"gen-{chr(ord('a') + k)}.txt")
        write(names[-1], like_b())
    story(out, names, restated)


STORY_CLAIMS = 40


def story(out, names, restated):
    """story.yaml over all the articles, story2.yaml over A and B only"""
    import json
    for fname, arts in (("story.yaml", names), ("story2.yaml", names[:2])):
        lines = ["version: 1", "articles:"]
        lines += [f"  - id: {chr(ord('a') + i)}\n    path: {n}" for i, n in enumerate(arts)]
        claims, links, a_ids = [], [], {}
        for j, pairs in enumerate(restated[:len(arts) - 1], start=1):
            art = chr(ord('a') + j)
            for k, (mine, orig) in enumerate(pairs[:STORY_CLAIMS]):
                if orig not in a_ids:
                    a_ids[orig] = f"a{len(a_ids)}"
                    claims.append((a_ids[orig], "a", orig))
                cid = f"{art}{k}"
                claims.append((cid, art, mine))
                links.append((cid, a_ids[orig]))
        lines.append("claims:")
        for cid, art, quote in claims:
            lines.append(f"  - {{id: {cid}, article: {art}, kind: claim, "
                         f"quote: {json.dumps(quote.rstrip('.'))}}}")
        lines.append("links:")
        lines += [f"  - {{from: {x}, to: {y}, rel: same}}" for x, y in links]
        with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
