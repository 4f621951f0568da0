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

from ingest.records import Document

NATIONAL_LAW = "national-law"
ADMINISTRATIVE_REGULATION = "administrative-regulation"
LOCAL_REGULATION = "local-regulation"
LOCAL_RULE = "local-government-rule"
LEVELS = (NATIONAL_LAW, ADMINISTRATIVE_REGULATION, LOCAL_REGULATION, LOCAL_RULE)

_HEAD_LINES = 12
_OPENING_CHARS = 3000          # the purpose article (第一条) stands within them
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_STEM_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)$")
_ADOPTION = re.compile(r"(?P<body>[^\s《》]*?(?:人民代表大会常务委员会|人民代表大会|国务院|人民政府))"
                       r"[^。]*?(?:通过|公布|发布|修正|修订|批准)")
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
    return Standing(work=title, date=_date(head, document.doc), level=_level(title, issuer, place),
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
    """The body that adopted or issued the text first (the earliest line), and its place."""
    for line in head[1:]:
        m = _ADOPTION.search(_DATE.sub("", line))
        if not m:
            continue
        body = _MEETING.sub("", _SESSION.sub("", m.group("body")))
        body = body.removeprefix("中华人民共和国")
        place = _PLACE.match(body)
        local = place and not body.startswith(("全国", "国务院"))
        return body, place.group("place") if local else ""
    return "", ""


def _level(title: str, issuer: str, place: str) -> str:
    if issuer.startswith("全国人民代表大会"):
        return NATIONAL_LAW
    if issuer == "国务院":
        return ADMINISTRATIVE_REGULATION
    if place and "人民代表大会" in issuer:
        return LOCAL_REGULATION
    if place and issuer.endswith("人民政府"):
        return LOCAL_RULE
    if title.startswith("中华人民共和国") and title.endswith("法"):
        return NATIONAL_LAW
    return ""


def _implemented(title: str, document: Document) -> list[str]:
    """Works named in the title (实施《X》办法) or in a purpose clause (根据《X》…制定本条例)."""
    found = [m.group(1) for m in _IMPLEMENTS_TITLE.finditer(title)]
    found += [m.group(1) for m in _BASIS.finditer(document.text[:_OPENING_CHARS])]
    return list(dict.fromkeys(work_title(t) for t in found if not same_work(t, title)))
