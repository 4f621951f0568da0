#!/usr/bin/env python3
"""Turn a compact annotation sheet into reference JSONL.

Sheet lines: article|actor|modality|action[|flags]   modality: o obligation, p prohibition, m permission
flags (comma-separated): v (vague actor), lead, support, sole
A line `@doc stem first last` sets the document and the scope. Lines starting with # are comments.
usage: build.py SHEET OUT.jsonl
"""
import json, sys
MOD = {"o": "obligation", "p": "prohibition", "m": "permission"}
out, doc = [], None
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    if line.startswith("@doc"):
        _, doc, a, b = line.split()
        out.append({"doc": doc, "articles": [int(a), int(b)]})
        continue
    parts = line.split("|")
    if len(parts) < 4 or parts[2].strip() not in MOD:
        sys.exit(f"line {n}: {line}")
    art, actor, mod, action = parts[:4]
    flags = [f.strip() for f in parts[4].split(",")] if len(parts) > 4 and parts[4].strip() else []
    bad = set(flags) - {"v", "lead", "support", "sole"}
    if bad:
        sys.exit(f"line {n}: unknown flags {bad}")
    rec = {"doc": doc, "article": int(art), "actor": actor.strip(), "modality": MOD[mod.strip()],
           "action": action.strip(), "vague_actor": "v" in flags}
    for r in ("lead", "support", "sole"):
        if r in flags:
            rec["role"] = r
    lo, hi = out[0]["articles"]
    if not lo <= rec["article"] <= hi:
        sys.exit(f"line {n}: article {art} outside scope")
    out.append(rec)
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    for r in out:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(sys.argv[2], len(out) - 1, "norms")
