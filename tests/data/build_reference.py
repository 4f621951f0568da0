#!/usr/bin/env python3
"""Turn a compact annotation sheet into reference JSONL.

Sheet lines: article|actor|modality|action[|flags]   modality: o obligation, p prohibition, m permission
flags (comma-separated): v (vague actor), lead, support, sole
A line `@doc stem first last` sets the document and the scope. `@doc stem` alone sets a document scored
whole, without articles (a policy text: every norm is article 0), and writes no scope line.
Lines starting with # are comments.
usage: build.py SHEET OUT.jsonl
"""
import json, sys
MOD = {"o": "obligation", "p": "prohibition", "m": "permission"}
out, doc, scope = [], None, None
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    if line.startswith("@doc"):
        fields = line.split()
        if len(fields) not in (2, 4):
            sys.exit(f"line {n}: @doc takes a stem and optionally a first and last article")
        doc = fields[1]
        scope = (int(fields[2]), int(fields[3])) if len(fields) == 4 else (0, 0)
        if len(fields) == 4:
            out.append({"doc": doc, "articles": list(scope)})
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
    if scope is None:
        sys.exit(f"line {n}: no @doc line before the first norm")
    lo, hi = scope
    if not lo <= rec["article"] <= hi:
        sys.exit(f"line {n}: article {art} outside scope")
    out.append(rec)
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    for r in out:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(sys.argv[2], sum("actor" in r for r in out), "norms")
