"""Small texts built by hand: two versions of a regulation (no extractor involved) for the diff tests,
and a national law that delegates with a provincial regulation implementing it."""
from __future__ import annotations

from govkg.ingest.records import Document, Norm, Provision

A = "居民委员会应当向街道办事处报告工作，并接受街道办事处的指导。"
B = "业主委员会应当执行业主大会的决定，维护业主的合法权益。"
E = "街道办事处应当建立协调机制，组织有关单位处理物业管理中的矛盾纠纷。"
EVIL = "<script>window.__pwned = 1</script>业主应当遵守管理规约。"


def law(doc: str, arts: list[tuple[str, str, list[tuple]]]) -> Document:
    """A document of articles (label, text, norms as (actor, modality, action, vague))."""
    text, provisions, norms = "", [], []
    for number, (label, body, specs) in enumerate(arts, start=1):
        start = len(text)
        text += f"{label} {body}\n"
        provisions.append(Provision(doc, (label,), number, label, f"{label} {body}", start, len(text) - 1))
        norms += [Norm(doc, number, actor, modality, action, vague_actor=vague, start=start, end=len(text) - 1,
                       provision=label) for actor, modality, action, vague in specs]
    return Document(doc=doc, text=text, lang="zh", title=doc, source=f"{doc}.md", provisions=provisions, norms=norms)


OLD = law("old", [
    ("第一条", A, [("居民委员会", "obligation", "向街道办事处报告工作", False)]),
    ("第二条", "有关部门应当对物业管理活动进行监督检查，并及时处理投诉。", [("有关部门", "obligation", "对物业管理活动进行监督检查", True)]),
    ("第三条", B, [("业主委员会", "obligation", "执行业主大会的决定", False)]),
])
NEW = law("new", [
    ("第一条", A, [("居民委员会", "obligation", "向街道办事处报告工作", False)]),
    ("第二条", E, [("街道办事处", "obligation", "建立协调机制", False)]),
    ("第三条", "住房和城乡建设主管部门应当对物业管理活动进行监督检查，并及时处理投诉。",
     [("住房和城乡建设主管部门", "obligation", "对物业管理活动进行监督检查", False)]),
    ("第四条", B, [("业主委员会", "permission", "执行业主大会的决定", False)]),
    ("第五条", EVIL, [("业主", "obligation", "遵守管理规约", False)]),       # a page must show it as text
])


NATIONAL = """# 中华人民共和国社区服务法

2020年1月1日 第十三届全国人民代表大会常务委员会第十五次会议通过

第一条 为了规范社区服务，制定本法。

第二条 居民委员会应当组织开展社区服务。社区服务的具体办法由省、自治区、直辖市制定。

第三条 社区服务设施的建设标准，由国务院住房和城乡建设主管部门会同民政部门制定。
"""
LOCAL = """# 某省实施《中华人民共和国社区服务法》办法

2021年5月20日 某省第十三届人民代表大会常务委员会第二十次会议通过

第一条 根据《中华人民共和国社区服务法》，结合本省实际，制定本办法。

第二条 街道办事处应当指导居民委员会开展社区服务。
"""


VAGUE_NATIONAL = """# 中华人民共和国社区服务法

2020年1月1日 第十三届全国人民代表大会常务委员会第十五次会议通过

第一条 为了规范社区服务，制定本法。

第二条 有关部门应当加强社区服务设施建设。
"""
NAMING_LOCAL = """# 某省实施《中华人民共和国社区服务法》办法

2021年5月20日 某省第十三届人民代表大会常务委员会第二十次会议通过

第一条 根据《中华人民共和国社区服务法》，结合本省实际，制定本办法。

第二条 县级以上人民政府民政部门应当加强社区服务设施建设。
"""
