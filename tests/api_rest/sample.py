"""A small hand-written document in the shape extraction produces, with a hostile label."""
from __future__ import annotations

from govkg.ingest.records import Document, Norm, Provision

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

ZH_TEXT = ("第一条 居民委员会应当协助人民政府做好物业管理工作。\n"
           "第二条 有关部门应当及时处理居民的投诉。\n"
           "第三条 街道办事处和居民委员会应当共同开展安全检查。街道办事处对居民委员会的工作进行监督。\n"
           "第四条 " + EVIL + "应当报告物业管理情况。\n"
           "第五条 应当公开物业管理费用。\n")


def _prov(doc: str, text: str, label: str, article: int) -> Provision:
    start = text.index(label)
    end = text.find("\n", start)
    return Provision(doc=doc, path=(label,), article=article, label=label, text=text[start:end], start=start, end=end)


def _norm(doc: str, text: str, article: int, label: str, actor: str, clause: str, action: str, **kw) -> Norm:
    start = text.index(clause)
    return Norm(doc=doc, article=article, actor=actor, modality=kw.pop("modality", "obligation"), action=action,
                start=start, end=start + len(clause), provision=label, sentence=clause, **kw)


def zh_document(doc: str = "sample_zh") -> Document:
    t = ZH_TEXT
    labels = ["第一条", "第二条", "第三条", "第四条", "第五条"]
    provisions = [_prov(doc, t, label, i + 1) for i, label in enumerate(labels)]
    norms = [
        _norm(doc, t, 1, "第一条", "居民委员会", "居民委员会应当协助人民政府做好物业管理工作", "协助人民政府做好物业管理工作",
              actor_type="ResidentsCommittee"),
        _norm(doc, t, 2, "第二条", "有关部门", "有关部门应当及时处理居民的投诉", "及时处理居民的投诉", vague_actor=True),
        _norm(doc, t, 3, "第三条", "街道办事处", "街道办事处和居民委员会应当共同开展安全检查", "共同开展安全检查",
              role="joint", actor_type="StreetOffice"),
        _norm(doc, t, 3, "第三条", "居民委员会", "街道办事处和居民委员会应当共同开展安全检查", "共同开展安全检查",
              role="joint", actor_type="ResidentsCommittee"),
        _norm(doc, t, 3, "第三条", "街道办事处", "街道办事处对居民委员会的工作进行监督", "对居民委员会的工作进行监督",
              modality="permission", tags=("oversight", "power"), actor_type="StreetOffice"),
        _norm(doc, t, 4, "第四条", EVIL, EVIL + "应当报告物业管理情况", "报告物业管理情况", tags=("information",)),
        _norm(doc, t, 5, "第五条", "", "应当公开物业管理费用", "公开物业管理费用", tags=("information",)),
    ]
    return Document(doc=doc, text=t, lang="zh", title="样例条例 " + EVIL, source=doc + ".txt",
                    provisions=provisions, norms=norms)
