"""Every norm-level gap finding says how sure the norm's extraction is; actor-level ones do not."""
from __future__ import annotations

import dataclasses

from govkg.kg.documents import ingest_document
from govkg.kg.gaps import find_gaps, findings_csv

from .conftest import residents_law


def test_findings_carry_the_confidence_of_their_norm(store):
    document = residents_law()
    document.norms[1] = dataclasses.replace(document.norms[1], confidence=0.61)    # 有关部门 予以指导
    ingest_document(store, document)
    findings = find_gaps(store)
    vague = [f for f in findings if f.kind == "vague-actor"]
    assert vague and all(f.confidence == 0.61 for f in vague)
    others = [f for f in findings if f.norm and f.kind != "vague-actor" and "予以指导" not in f.explanation]
    assert others and all(f.confidence == 1.0 for f in others)
    assert all(f.confidence is None for f in findings if not f.norm)
    assert "confidence" in findings_csv(findings).splitlines()[0].split(",")
