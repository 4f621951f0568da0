"""Split a cleaned text into provisions: 编/章/节/条/款/项 and Part/Chapter/Section/Article/
paragraph/point. A text without articles splits into numbered paragraphs (article 0).

Besides the provisions themselves, the splitter yields *units*: the pieces norms are read
from, in reading order — a paragraph's own text (without its items) and each item, with the
key of the smallest provision holding it.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from govkg.ingest import dotted
from govkg.ingest.records import Document, Provision, unique_path

ZH_NUM = "零〇一二两三四五六七八九十百千"
_ZH_ARTICLE = re.compile(rf"^第([{ZH_NUM}\d]+)条(?:之[{ZH_NUM}]+)?(?:\*\*|__)?[\s\u3000]*")
_ZH_DIVISION = re.compile(rf"^#*\s*(第[{ZH_NUM}\d]+(?:分编|编|章|节))[\s\u3000]*(.*)$")
_ZH_ITEM = re.compile(rf"^([（(][{ZH_NUM}]+[）)])\s*")
_EN_ARTICLE = re.compile(r"^#*\s*(?:Article|Art\.)\s+(\d+)(?P<suffix>[a-z]{0,2})(?:\*\*|__)?\s*$", re.I)
_EN_SECTION = re.compile(r"^#*\s*(?:Section|SECTION|Sec\.|§)\s*(\d{1,4})[A-Z]?\.?(?:\s*[-–—:.]?\s+([^.;:]{1,120}))?\s*$")
_EN_SUBSECTION = re.compile(r"^\((\d{1,3}[A-Z]?)\)\s*")
_EN_DIVISION = re.compile(r"^#*\s*(CHAPTER|PART|TITLE|SECTION)\s+([IVXLC\d]+)\s*(.*)$", re.I)
_EN_PARA = re.compile(r"^(\d{1,3})\.\s+")
_EN_POINT = re.compile(r"^(\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\))\s*")
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class Unit:
    """A piece of text norms are read from: a paragraph's own text or one item."""

    key: str            # Provision.key of the smallest provision holding it
    article: int | None
    start: int
    end: int
    kind: str           # "para" | "item"
    label: str = ""     # the item's own label, "（一）" or "(a)"


def zh_number(text: str) -> int | None:
    """第二百七十一条 -> 271 (digits in Chinese or Arabic)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            total += (current or 1) * _ZH_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


_ZH_MARKUP = re.compile(r"(?:#{1,6}\s*)?(?:\*\*|__)?")
_BLANK = "\u200b\u200c\u200d\u2060\ufeff"
_HARD_BREAK = re.compile(r"(?:\s*(?:\\|<br\s*/?>|&nbsp;|&#160;))+\s*$", re.I)
_EMPHASIS = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$")
_NUMBERED_LINE = re.compile(r"^#*\s*(?:\*\*|__)?\s*(?:Article|Art\.|Section|Sec\.|§|Regulation|Rule|Clause)\s*\d+"
                            r"|^#*\s*(?:\*\*)?第[零〇一二两三四五六七八九十百千\d]+条", re.I)


def blocks(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) offsets, surrounding blanks trimmed. Markdown hard breaks
    (a trailing backslash or ``<br>``) and lines of only spaces, zero-width characters or
    ``&nbsp;`` are layout, not text: they neither make a block nor join two."""
    spans, pos = [], 0
    for line in text.split("\n"):
        body = _HARD_BREAK.sub("", line).rstrip() if ("\\" in line or "<" in line or "&" in line) else line.rstrip()
        stripped = body.strip()
        if stripped[:1] in _BLANK or stripped[-1:] in _BLANK:
            stripped = stripped.strip(_BLANK).strip()
        if stripped and not stripped.startswith("<!--"):
            lead = body.find(stripped)
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def published_structure(document: Document, parts) -> None:
    """Provisions and units from a structure the source publishes (``govkg.ingest.akn.Part``s)."""
    provisions, units = [], []
    for part in parts:
        text = document.text[part.start:part.end]
        provisions.append(Provision(document.doc, part.path, part.article, part.label, text, part.start,
                                    part.end, part.heading, part.eid))
        key = "/".join(part.path)
        label = part.path[-1] if part.kind == "item" else ""
        units += [Unit(key, part.article, s, e, kind, label) for s, e, kind in part.own]
    document.provisions = provisions
    document.units = sorted(units, key=lambda u: u.start)
    document.title = next((p.text for p in provisions if p.article is None), document.text[:200])[:200]


def _zh_prefix(line: str) -> int:
    """Length of the Markdown before 第…条: "## ", "**"."""
    return _ZH_MARKUP.match(line).end()


def _plain(line: str) -> str:
    """A line as a heading matcher sees it: ``**Article 5**`` is ``Article 5``."""
    m = _EMPHASIS.match(line)
    return m.group(1).strip() if m else line


def split_document(document: Document) -> list[Unit]:
    """Split ``document`` into its provisions (set on it) and return the units to read norms from.
    A text whose lines are plainly numbered articles or sections but that is split as a paper
    with numbered paragraphs says so on stderr and in ``document.metadata["warnings"]``."""
    if document.units:
        return document.units          # the reader gave the structure as published
    provisions, units, warnings = _split(document.doc, document.text, document.lang)
    document.provisions = provisions
    for warning in warnings:
        document.metadata.setdefault("warnings", []).append(warning)
        print(f"govkg: {document.source or document.doc}: {warning}", file=sys.stderr)
    return units


def split_provisions(doc: str, text: str, lang: str) -> tuple[list[Provision], list[Unit]]:
    """Provisions of ``text`` (articles, paragraphs, items) and the units to read norms from."""
    provisions, units, _ = _split(doc, text, lang)
    return provisions, units


def _split(doc: str, text: str, lang: str) -> tuple[list[Provision], list[Unit], list[str]]:
    builder = _Builder(doc, text, lang)
    spans = blocks(text)
    lines = [text[s:e] for s, e in spans]
    if not any(builder.article_match(line) for line in lines):
        if lang == "en" and dotted.is_dotted_layout(lines):
            provisions, units = dotted.DottedBuilder(doc, text).build(spans)
            return provisions, units, []
        if lang == "en" and sum(1 for line in lines if _EN_SECTION.match(_plain(line))) >= 2:
            builder.sections = True          # "Section 5. Duties": sections are the articles
            for start, end in spans:
                builder.add_block(start, end)
            builder.close_article()
            return builder.provisions, builder.units, []
        numbered = sum(1 for line in lines if _NUMBERED_LINE.match(line))
        warnings = []
        if numbered >= 2:
            warnings.append(f"{numbered} lines look like numbered articles or sections, but no article "
                            "structure was recognised: read as a text with numbered paragraphs (article 0)")
        provisions, units = builder.numbered_paragraphs(spans)
        return provisions, units, warnings
    for start, end in spans:
        builder.add_block(start, end)
    builder.close_article()
    return builder.provisions, builder.units, []


class _Builder:
    def __init__(self, doc: str, text: str, lang: str) -> None:
        self.doc, self.text, self.lang = doc, text, lang
        self.provisions: list[Provision] = []
        self.units: list[Unit] = []
        self.division = ""
        self.heading = ""
        self.article: dict | None = None
        self.preamble = 0
        self.seen_paths: set[tuple[str, ...]] = set()
        self.sections = False        # an Act whose "Section N" headings are its articles

    def article_match(self, line: str):
        if self.lang == "zh":
            return _ZH_ARTICLE.match(line[_zh_prefix(line):])
        return (_EN_SECTION if self.sections else _EN_ARTICLE).match(_plain(line))

    def numbered_paragraphs(self, spans):
        for n, (start, end) in enumerate(spans, 1):
            label = f"¶{n}"
            self.provisions.append(Provision(self.doc, (label,), 0, label, self.text[start:end], start, end))
            self.units.append(Unit(label, 0, start, end, "para"))
        return self.provisions, self.units

    def add_block(self, start: int, end: int) -> None:
        line = self.text[start:end]
        division = (_ZH_DIVISION if self.lang == "zh" else _EN_DIVISION).match(line)
        if division and len(line) < 80 and not (self.sections and _EN_SECTION.match(_plain(line))):
            self.close_article()
            self.division = division.group(1) if self.lang == "zh" else f"{division.group(1).title()} {division.group(2)}"
            self.heading = division.group(division.lastindex).strip() if self.lang == "zh" else ""
            self.expect_title = self.lang == "en"
            return
        article = self.article_match(line)
        if article:
            self.close_article()
            self.open_article(article, start, end)
            return
        if self.article is None:
            self.add_preamble(line, start, end)
        else:
            self.add_to_article(line, start, end)

    def add_preamble(self, line: str, start: int, end: int) -> None:
        if getattr(self, "expect_title", False) and len(line) < 120:
            self.heading, self.expect_title = line, False
            return
        self.preamble += 1
        label = f"¶{self.preamble}"
        self.provisions.append(Provision(self.doc, ("preamble", label), None, label, line, start, end, self.heading))
        self.units.append(Unit(f"preamble/{label}", None, start, end, "para"))

    def open_article(self, match, start: int, end: int) -> None:
        number = zh_number(match.group(1)) if self.lang == "zh" else int(match.group(1))
        suffix = (match.groupdict().get("suffix") or "") if self.lang == "en" else ""
        label = f"第{match.group(1)}条" if self.lang == "zh" else f"{'Section' if self.sections else 'Article'} {number}{suffix}"
        prefix = (self.division,) if self.lang == "zh" and "章" in self.division else ()
        path = unique_path(prefix + (label,), self.seen_paths)
        self.article = {"number": number, "label": label, "path": path, "start": start,
                        "end": end, "paras": [], "title": "", "heading": self.heading}
        if self.sections and match.lastindex and match.group(2):
            self.article["title"] = match.group(2).strip()
        body = start + match.end() + (_zh_prefix(self.text[start:end]) if self.lang == "zh" else 0)
        if self.lang == "zh" and self.text[body:end].strip():
            self.article["paras"].append({"start": body, "end": end, "own_end": end,
                                          "items": [], "tail": [], "number": None})

    def add_to_article(self, line: str, start: int, end: int) -> None:
        art = self.article
        art["end"] = end
        paras = art["paras"]
        subsection = _EN_SUBSECTION.match(line) if self.sections else None
        if subsection:                   # "(2) The Minister must …": a subsection, not a point
            paras.append({"start": start, "end": end, "own_end": end, "items": [], "tail": [],
                          "number": subsection.group(1), "text_start": start + subsection.end()})
            return
        item = (_ZH_ITEM if self.lang == "zh" else _EN_POINT).match(line)
        if self.lang == "en" and not paras and not art["title"] and not _EN_PARA.match(line) and not item \
                and len(line) < 150 and not line.endswith((".", ":", ";")):
            art["title"] = line
            return
        if item and paras:
            label = item.group(1)
            paras[-1]["items"].append({"label": label, "start": start, "end": end, "text_start": start + item.end()})
            return
        if self.lang == "en" and paras and paras[-1]["items"] and paras[-1]["items"][-1]["text_start"] >= paras[-1]["items"][-1]["end"]:
            paras[-1]["items"][-1]["end"] = end          # "(a)" alone on its line, its text follows
            return
        if self.lang == "en" and paras and not _EN_PARA.match(line):
            paras[-1]["tail"].append((start, end))       # a subparagraph of the numbered paragraph
            paras[-1]["end"] = end
            return
        number = _EN_PARA.match(line) if self.lang == "en" else None
        paras.append({"start": start, "end": end, "own_end": end, "items": [], "tail": [],
                      "number": number.group(1) if number else None})

    def close_article(self) -> None:
        art, self.article = self.article, None
        if art is None:
            return
        path, number = art["path"], art["number"]
        self.provisions.append(Provision(self.doc, path, number, art["label"], self.text[art["start"]:art["end"]],
                                         art["start"], art["end"], art["title"] or art["heading"]))
        several = len(art["paras"]) > 1
        for n, para in enumerate(art["paras"], 1):
            self._close_paragraph(art, para, n, several)

    def _close_paragraph(self, art: dict, para: dict, n: int, several: bool) -> None:
        path = art["path"]
        several = several or bool(para.get("number"))
        if several:
            own = para.get("number") or (f"第{n}款" if self.lang == "zh" else f"¶{n}")
            path = path + (own,)
            label = f"{art['label']}{own}" if self.lang == "zh" else f"{art['label']}({own})"
            end = max([para["end"]] + [i["end"] for i in para["items"]])
            self.provisions.append(Provision(self.doc, path, art["number"], label, self.text[para["start"]:end],
                                             para["start"], end, art["title"] or art["heading"]))
        key = "/".join(path)
        first_item = para["items"][0]["start"] if para["items"] else para["end"]
        self.units.append(Unit(key, art["number"], para.get("text_start", para["start"]),
                               min(para["own_end"], first_item), "para"))
        for item in para["items"]:
            ipath = path + (item["label"],)
            self.provisions.append(Provision(self.doc, ipath, art["number"], "".join(ipath[-2:]) if several else art["label"] + item["label"],
                                             self.text[item["start"]:item["end"]], item["start"], item["end"]))
            self.units.append(Unit("/".join(ipath), art["number"], item["text_start"], item["end"], "item", item["label"]))
        for start, end in para["tail"]:
            if start >= (para["items"][-1]["end"] if para["items"] else 0):
                self.units.append(Unit(key, art["number"], start, end, "para"))
