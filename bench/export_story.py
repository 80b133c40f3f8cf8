#!/usr/bin/env python3
"""export_story.py: writes a story of N claims (default 300) over the two
bundled articles, for measuring `crossread export`: quotes are runs of
words of the display text (from `crossread dump`), every other claim
linked to one in the other article, a note on every tenth, tags on every
third. usage: export_story.py CROSSREAD OUTDIR [N]"""
import os
import subprocess
import sys

crossread, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 300
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
arts = [("npr", "articles/npr-china-accuses-us.md"), ("afp", "articles/afp-china-denies-hack.md")]
os.makedirs(out, exist_ok=True)
y = ["version: 1", "articles:"]
for aid, p in arts:
    y.append("  - {id: %s, path: %s}" % (aid, os.path.join(root, p)))
y.append("claims:")
claims = {aid: [] for aid, _ in arts}
kinds = ["claim", "accusation", "rebuttal"]
for k, (aid, p) in enumerate(arts):
    text = subprocess.run([crossread, "dump", os.path.join(root, p)], capture_output=True,
                          text=True, check=True).stdout[:-1]
    b = text.encode()
    # word starts (byte offsets), quotes of 5 words, as many as needed
    starts = [i for i in range(len(b)) if (i == 0 or b[i - 1:i].isspace()) and not b[i:i + 1].isspace()]
    want = n // 2 + (n % 2 if k == 0 else 0)
    step = max(1, (len(starts) - 6) // want)
    for j in range(want):
        s = starts[j * step]
        e = starts[j * step + 5] - 1
        q = b[s:e].decode()
        if "\n" in q or '"' in q or "\\" in q:
            q = b[s:e].decode().replace("\n", " ")
        cid = "%s-%d" % (aid, j)
        claims[aid].append(cid)
        tags = ", tags: [t%d, bench]" % (j % 7) if j % 3 == 0 else ""
        y.append("  - {id: %s, article: %s, kind: %s, at: %d, quote: %s%s}" % (
            cid, aid, kinds[j % 3], s, '"' + q.replace("\\", "\\\\").replace('"', '\\"') + '"', tags))
y.append("links:")
rels = ["rebuts", "same", "supports", "counters", "contradicts"]
for j, (a, b2) in enumerate(zip(claims["npr"], claims["afp"])):
    if j % 2 == 0:
        y.append("  - {id: l%d, from: %s, to: %s, rel: %s}" % (j, b2, a, rels[j % 5]))
y.append("notes:")
for j, a in enumerate(claims["npr"]):
    if j % 10 == 0:
        y.append("  - {id: n%d, on: %s, text: \"note %d <b>&</b>\", created: 2026-12-01T00:00:00Z}" % (j, a, j))
open(os.path.join(out, "story%d.yaml" % n), "w").write("\n".join(y) + "\n")
