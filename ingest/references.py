"""Provisions of the same document that a clause cites, with lists and ranges spelled out.

    违反本法第十条、第十二条第二款规定的   -> 第十条, 第十二条第2款
    违反本法第二十条至第二十三条规定的     -> 第二十条, 第二十一条, 第二十二条, 第二十三条
    infringements of Articles 8, 11, 25 to 39 -> Article 8, Article 11, Article 25 … Article 39
    Article 83(4)                           -> Article 83(4)
    违反前款规定的 (in 第十条第2款)          -> 第十条第1款; 前两款 -> 第1款, 第2款 of a 第3款
    违反本条第一款规定的                     -> the citing article's 第1款
    违反本条例第八、九、十条规定的           -> 第八条, 第九条, 第十条
    违反本法第二章有关规定的                 -> 第二章 (every provision in it)

A citation of another act (《刑法》第二十条, "Article 5 of Regulation (EU) 2018/1725") is not
one of this document's provisions and is left out.
"""
from __future__ import annotations

import functools
import re

from govkg.ingest.records import Document, Provision
from govkg.ingest.structure import ZH_NUM, zh_number

_N = rf"[{ZH_NUM}\d]+"
_ZH_CITE = re.compile(rf"第({_N})条(?:之[一二三四五六七八九十]+)?((?:第{_N}款)?(?:第?[（(]?{_N}[）)]?项)?)"
                      rf"|第({_N})款((?:第?[（(]?{_N}[）)]?项)?)")
_ZH_RANGE = re.compile(rf"第({_N})条\s*(?:至|到|－|—|-)\s*第({_N})条")
_ZH_PARTS = re.compile(rf"第({_N})款|第?[（(]?({_N})[）)]?项")
_ZH_RELATIVE = re.compile(rf"前([两二三四五六七八九十]?)款|本条第({_N})款((?:第?[（(]?{_N}[）)]?项)?)")
_ZH_SHORT_LIST = re.compile(rf"第((?:{_N}、)+{_N})条")
_ZH_CHAPTER = re.compile(rf"第({_N})章")
_ZH_PARAGRAPH = re.compile(r"第(\d+)款")
_EN_LIST = re.compile(r"\bArticles?\s+(\d+(?:\(\d+\))?(?:\([a-z]\))?(?:\s*(?:,|and|or|to)\s*\d+(?:\(\d+\))?(?:\([a-z]\))?)*)", re.I)
_EN_ONE = re.compile(r"(\d+)((?:\(\d+\))?)((?:\([a-z]\))?)")
_OTHER_ACT = re.compile(r"》\s*$|(?:of|in)\s+(?:Regulation|Directive|Decision)\b", re.I)


def cited_provisions(document: Document, text: str, index: "_Index | None" = None,
                     at: str = "") -> tuple[str, ...]:
    """Keys of the provisions of ``document`` that ``text`` cites, in order, once each.
    ``index``: ``provision_index(document)``, when many texts of one document are asked about;
    ``at``: the key of the provision ``text`` stands in, which 前款 and 本条 are relative to."""
    index = index or _Index(document)
    if document.lang == "zh":
        keys = _zh_cited(index, text) + (_zh_relative(index, text, at) if at else [])
    else:
        keys = _en_cited(index, text)
    return tuple(dict.fromkeys(k for k in keys if k))


def provision_index(document: Document) -> "_Index":
    """What ``cited_provisions`` looks citations up in, built once for a document."""
    return _Index(document)


class _Index:
    """Articles by number and by chapter, and each provision's children by their last path segment."""

    def __init__(self, document: Document) -> None:
        self.articles: dict[int, str] = {}
        self.chapters: dict[str, list[str]] = {}
        self.children: dict[tuple[str, str], str] = {}
        for p in document.provisions:
            parent = "/".join(p.path[:-1])
            self.children[(parent, p.path[-1] if p.path else "")] = p.key
            if p.article is not None and _is_article(p):
                self.articles.setdefault(p.article, p.key)
                if len(p.path) > 1 and p.path[0].endswith("章"):
                    self.chapters.setdefault(p.path[0], []).append(p.key)

    def child(self, key: str | None, segment: str) -> str | None:
        return self.children.get((key, segment)) if key else None


_ARTICLE = re.compile(rf"第{_N}条(?:之.+)?|Article\s*\d+\w*")


def _is_article(p: Provision) -> bool:
    return _is_article_label(p.path[-1] if p.path else "")


@functools.lru_cache(maxsize=4096)
def _is_article_label(last: str) -> bool:
    """第十条, Article 5: the last path segments of a law's provisions are few (第1款, （一）)."""
    return bool(_ARTICLE.fullmatch(last))


def _zh_cited(index: _Index, text: str) -> list[str | None]:
    text = _ZH_SHORT_LIST.sub(lambda m: "、".join(f"第{n}条" for n in m.group(1).split("、")), text)
    keys: list[str | None] = [k for m in _ZH_CHAPTER.finditer(text)
                              if not _OTHER_ACT.search(text[max(0, m.start() - 3):m.start()])
                              for k in index.chapters.get(m.group(0), ())]
    for m in _ZH_RANGE.finditer(text):
        low, high = zh_number(m.group(1)), zh_number(m.group(2))
        if low is not None and high is not None and 0 < high - low < 200:
            keys += [index.articles.get(n) for n in range(low, high + 1)]
    article: str | None = None
    for m in _ZH_CITE.finditer(text):
        if _OTHER_ACT.search(text[max(0, m.start() - 3):m.start()]):
            article = None
            continue
        if m.group(1):
            number = zh_number(m.group(1))
            article = index.articles.get(number) if number is not None else None
            keys.append(_zh_parts(index, article, m.group(2)))
        elif article:           # 第十条第一款、第二款: a bare 款 after an article continues it
            keys.append(_zh_parts(index, article, "第" + m.group(3) + "款" + m.group(4)))
    return keys


def _zh_relative(index: _Index, text: str, at: str) -> list[str | None]:
    """前款, 前两款, 本条第一款: paragraphs of the article ``at`` stands in."""
    path = at.split("/")
    ends = [i for i, segment in enumerate(path) if segment.endswith("条") or "条之" in segment]
    if not ends:
        return []
    article = "/".join(path[:ends[-1] + 1])
    here = next((int(m.group(1)) for seg in path[ends[-1] + 1:] if (m := _ZH_PARAGRAPH.fullmatch(seg))), None)
    keys: list[str | None] = []
    for m in _ZH_RELATIVE.finditer(text):
        if m.group(2):
            number = zh_number(m.group(2))
            keys.append(_zh_parts(index, article, f"第{number}款{m.group(3)}") if number else None)
        elif here is not None:
            back = zh_number(m.group(1)) if m.group(1) else 1
            keys += [index.child(article, f"第{n}款") for n in range(max(1, here - (back or 1)), here)]
    return keys


def _zh_parts(index: _Index, article: str | None, parts: str) -> str | None:
    key = article
    for m in _ZH_PARTS.finditer(parts):
        if m.group(1):
            n = zh_number(m.group(1))
            key = index.child(key, f"第{n}款") or key
        else:
            item = m.group(2)
            key = index.child(key, f"（{item}）") or index.child(key, f"({item})") or key
    return key


def _en_cited(index: _Index, text: str) -> list[str | None]:
    keys: list[str | None] = []
    for m in _EN_LIST.finditer(text):
        if _OTHER_ACT.match(text[m.end():m.end() + 20].lstrip()):
            continue
        previous: int | None = None
        for part in re.split(r"\s*(,|and|or|to)\s*", m.group(1)):
            one = _EN_ONE.fullmatch(part.strip())
            if part == "to":
                previous = -abs(previous) if previous else None
                continue
            if not one:
                continue
            number = int(one.group(1))
            if previous is not None and previous < 0 and 0 < number + previous < 200:
                keys += [index.articles.get(n) for n in range(-previous + 1, number)]
            keys.append(_en_parts(index, index.articles.get(number), one.group(2), one.group(3)))
            previous = number
    return keys


def _en_parts(index: _Index, article: str | None, paragraph: str, point: str) -> str | None:
    key = article
    if paragraph:
        key = index.child(key, paragraph.strip("()")) or key
    if point:
        key = index.child(key, point) or key
    return key
