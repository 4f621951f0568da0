"""Where a document stands: its work and version, its level, who issued it and where, and what it implements.

    read_standing(document) -> Standing        (kept in document.metadata["standing"])

Read from what the text itself says: the title (中华人民共和国慈善法, 浙江省实施《中华人民共和国慈善法》办法),
the adoption lines under it ("2021年9月28日 上海市第十五届人民代表大会常务委员会第三十五次会议通过",
"中华人民共和国国务院令第656号公布") and the purpose article ("根据《中华人民共和国慈善法》…制定本条例").
Nothing is guessed from the file name except a version date the text does not give.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from govkg.ingest.records import Document

NATIONAL_LAW = "national-law"
ADMINISTRATIVE_REGULATION = "administrative-regulation"
LOCAL_REGULATION = "local-regulation"
LOCAL_RULE = "local-government-rule"
DEPARTMENTAL_RULE = "departmental-rule"
LEVELS = (NATIONAL_LAW, ADMINISTRATIVE_REGULATION, DEPARTMENTAL_RULE, LOCAL_REGULATION, LOCAL_RULE)

_HEAD_LINES = 12
_OPENING_CHARS = 3000          # the purpose article (第一条) stands within them
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_STEM_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)$")
# a ministry or commission is an issuer where its order or release follows it: 交通部令, 海关总署发布
_ADOPTION = re.compile(r"(?P<body>[^\s《》]*?(?:人民代表大会常务委员会|人民代表大会|国务院|人民政府"
                       r"|(?:部|总局|委员会|局|署|银行|办公厅)(?=令|发布|公布|联合)))"
                       r"[^。]*?(?:通过|公布|发布|修正|修订|批准)")
_DEPARTMENT = re.compile(r"(?:部|总局|委员会|局|署|银行|办公厅)$")
_STATE_COUNCIL_TITLE = re.compile(r"^(?:中华人民共和国)?国务院(?:办公厅)?(?:、[^关]{1,10})?关于")
_CONGRESS_TITLE = re.compile(r"^(?:中华人民共和国)?全国人民代表大会(?:常务委员会)?关于")
_RULE_TITLE = re.compile(r"(?:办法|规定|细则|规则|规范)(?:（试行）)?$")
_DEPARTMENT_NUMBER = re.compile(r"(?:部|委|局|署|行)发[\[〔(（]\d{4}[\]〕)）]\d+号$")   # 劳社部发[2008]3号
_BASIS_REGULATION = re.compile(r"根据《[^》]+条例》[^。]*?制定本(?:办法|规定|细则|规则)")
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
_MEETING = re.compile(r"第[一二三四五六七八九十百零〇\d]+次(?:全体)?会议.*$")
_PLACE = re.compile(r"^(?P<place>.+?(?:省|自治区|直辖市|特别行政区|市|自治州|州|盟|县|区|旗))(?=人民代表大会|人民政府)")
_BASIS = re.compile(r"根据《([^》]+)》[^。]*?制定本(?:条例|办法|规定|细则|法|决定)")
_IMPLEMENTS_TITLE = re.compile(r"实施《([^》]+)》(?:的)?(?:办法|细则|条例|若干规定|规定)")
_SHORT_NAME = re.compile(r"^(?:中华人民共和国)?")


@dataclass
class Standing:
    work: str = ""                 # the title of the work this document is a version of
    date: str = ""                 # the version's date, ISO (the latest adoption or amendment line)
    level: str = ""                # one of LEVELS, "" when the text does not say
    issuer: str = ""               # 全国人民代表大会常务委员会, 上海市人民代表大会常务委员会, 国务院
    place: str = ""                # 上海市, 浙江省; "" for a national document
    implements: list[str] = field(default_factory=list)   # titles of the works it implements

    def to_json(self) -> dict:
        return asdict(self)


def read_standing(document: Document) -> Standing:
    """The standing of an extracted (or at least cleaned) document."""
    head = _head(document.text)
    title = work_title(document.title or (head[0] if head else ""))
    issuer, place = _issuer(head)
    level = _level(title, issuer, place) or _level_by_title(title, document.text[:_OPENING_CHARS])
    if level == DEPARTMENTAL_RULE and any("国务院" in line for line in head[1:]):
        level = ADMINISTRATIVE_REGULATION      # a ministry's text the State Council later revised
    return Standing(work=title, date=_date(head, document.doc), level=level,
                    issuer=issuer, place=place, implements=_implemented(title, document))


def work_title(title: str) -> str:
    """A title as the name of its work: no markup or version in brackets, no spaces between
    Chinese characters (one space between words elsewhere)."""
    text = " ".join(title.strip("# \t").split())
    text = re.sub(r"(?<=[\u3400-\u9fff《》（）])\s+|\s+(?=[\u3400-\u9fff《》（）])", "", text)
    return re.sub(r"\s*[（(]\d{4}[^）)]*[）)]$", "", text)


def work_key(title: str) -> str:
    """What names one work whatever the title's form: 中华人民共和国慈善法 and 慈善法 give 慈善法."""
    return _SHORT_NAME.sub("", work_title(title))


def same_work(a: str, b: str) -> bool:
    """Whether two titles name one work (中华人民共和国慈善法 and 慈善法 do)."""
    return bool(a and b) and work_key(a) == work_key(b)


def _head(text: str) -> list[str]:
    """The title and adoption lines: the text before its first article or chapter."""
    lines = []
    for line in text.split("\n")[: _HEAD_LINES * 4]:
        stripped = line.strip()
        if re.match(r"^(##\s*)?第[一二三四五六七八九十百零〇\d]+[章条节]", stripped) or "INFO END" in stripped:
            break
        if stripped:
            lines.append(stripped)
    return lines[:_HEAD_LINES]


def _date(head: list[str], doc: str) -> str:
    dates = [f"{y}-{int(m):02d}-{int(d):02d}" for line in head[1:] for y, m, d in _DATE.findall(line)]
    if dates:
        return max(dates)
    m = _STEM_DATE.search(doc)
    return m.group(1) if m else ""


def _issuer(head: list[str]) -> tuple[str, str]:
    """The body that adopted, approved or issued the text first (the earliest line), and its place:
    a text the State Council approved and a ministry released (1999年5月12日 国务院批准, 民政部令第14号发布)
    is the State Council's."""
    found = next((m for m in (_ADOPTION.search(_DATE.sub("", line)) for line in head[1:]) if m), None)
    if not found:
        return "", ""
    body = _MEETING.sub("", _SESSION.sub("", found.group("body")))
    body = body.lstrip("（(").removeprefix("经").removeprefix("中华人民共和国")
    place = _PLACE.match(body)
    local = place and not body.startswith(("全国", "国务院"))
    return body, place.group("place") if local else ""


def _level(title: str, issuer: str, place: str) -> str:
    if issuer.startswith("全国人民代表大会"):
        return NATIONAL_LAW
    if issuer == "国务院" or issuer.endswith("、国务院") or issuer.startswith("国务院、"):
        return ADMINISTRATIVE_REGULATION
    if place and "人民代表大会" in issuer:
        return LOCAL_REGULATION
    if place and issuer.endswith("人民政府"):
        return LOCAL_RULE
    if not place and _DEPARTMENT.search(issuer) and not issuer.startswith("国务院"):
        return DEPARTMENTAL_RULE
    return ""


def _level_by_title(title: str, opening: str) -> str:
    """The level a title gives when no line says who issued the text: 中华人民共和国X法 a law,
    全国人民代表大会常务委员会关于…的决定 a law, 国务院关于…的规定/通知/决定 and a national 条例 an
    administrative regulation; a 办法 or 规定 made under a 条例, or a 通知 with a ministry's number
    (劳社部发[2008]3号), a ministry's rule."""
    national = not _PLACE.match(title.removeprefix("中华人民共和国")) or title.startswith("中华人民共和国")
    if title.startswith("中华人民共和国") and title.endswith("法") or _CONGRESS_TITLE.match(title):
        return NATIONAL_LAW
    if _STATE_COUNCIL_TITLE.match(title):
        return ADMINISTRATIVE_REGULATION
    if national and title.endswith("条例") and not title.startswith("中国人民解放军"):
        return ADMINISTRATIVE_REGULATION
    if _DEPARTMENT_NUMBER.search(title):
        return DEPARTMENTAL_RULE
    if national and _RULE_TITLE.search(title) and _BASIS_REGULATION.search(opening):
        return DEPARTMENTAL_RULE
    return ""


def _implemented(title: str, document: Document) -> list[str]:
    """Works named in the title (实施《X》办法) or in a purpose clause (根据《X》…制定本条例)."""
    found = [m.group(1) for m in _IMPLEMENTS_TITLE.finditer(title)]
    found += [m.group(1) for m in _BASIS.finditer(document.text[:_OPENING_CHARS])]
    return list(dict.fromkeys(work_title(t) for t in found if not same_work(t, title)))
