"""Akoma Ntoso (OASIS LegalDocML) documents: the published structure becomes the provisions.

``<article>`` (or ``<section>`` where a document has no articles, as UK Acts do) is the
article; ``<paragraph>``/``<subsection>`` its paragraphs; ``<point>``/``<indent>``/``<item>``
its items, nested as published; ``<num>`` gives labels and ``<heading>`` titles; each element's
``eId`` (or ``xml:id``, as AKN4EU writes it) stays on its provision. The text is rendered one
block per paragraph so that offsets and the norm reader work as for any text; authorial notes
(footnotes) are left out of it. The parser never expands entities, loads a DTD or reaches the
network.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from govkg.ontology.errors import ExtractionError

NAMESPACES = ("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "http://www.akomantoso.org/2.0",
              "http://www.akomantoso.org/3.0")
MEDIA_TYPE = "application/akn+xml"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_SKIP = {"meta", "authorialNote", "num", "heading", "subheading", "attachments", "components", "noteRef"}
_PARAGRAPHS = {"paragraph", "subsection"}
_POINTS = {"point", "indent", "item", "alinea", "subpoint", "clause", "subclause"}
_BLOCKS = {"p", "block", "citation", "recital", "formula", "longTitle", "blockList", "tblock", "heading"}
_FRONT = {"preface", "preamble", "conclusions"}


@dataclass
class Part:
    """One provision as published: its path of labels, offsets into the rendered text, kind."""

    path: tuple[str, ...]
    label: str
    article: int | None
    start: int
    end: int
    heading: str = ""
    eid: str = ""
    kind: str = ""                                  # "article" | "para" | "item" | "front"
    own: list[tuple[int, int, str]] = field(default_factory=list)   # (start, end, unit kind) of its own text
    pending: str = ""                               # its <num>, until its first text block carries it


@dataclass
class AknText:
    text: str
    parts: list[Part]


def looks_like_akn(data: bytes) -> bool:
    """An XML document in an Akoma Ntoso namespace (checked on its first bytes)."""
    head = data[:4096].decode("utf-8", "ignore")
    return "<" in head and any(ns in head for ns in NAMESPACES)


def parse(data: bytes) -> AknText:
    """The rendered text and provision parts of an Akoma Ntoso document; ExtractionError if the
    XML is not well-formed or not Akoma Ntoso."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(f"not well-formed XML ({exc})") from exc
    if _local(root.tag) != "akomaNtoso" or etree.QName(root).namespace not in NAMESPACES:
        raise ExtractionError(f"XML root <{_local(root.tag)}> is not an Akoma Ntoso document")
    renderer = _Renderer(article_tag="article" if root.find(".//{*}article") is not None else "section")
    for doc in root:
        renderer.document(doc)
    if not renderer.pieces:
        raise ExtractionError("Akoma Ntoso document with no text")
    return AknText("".join(renderer.pieces), renderer.parts)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _eid(el) -> str:
    return el.get("eId") or el.get(_XML_ID) or el.get("id") or ""


def _inline(el) -> str:
    """Text of an element without its num, heading and authorial notes, spaces collapsed."""
    out: list[str] = []

    def walk(node, top: bool) -> None:
        name = _local(node.tag)
        if not top and name in ("authorialNote", "noteRef", "quotedStructure") \
                or (not top and name in ("num", "heading") and node.getparent() is el):
            if node.tail:
                out.append(node.tail)
            return
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child, False)
        if not top and node.tail:
            out.append(node.tail)
    walk(el, True)
    text = " ".join("".join(out).split())
    return re.sub(r"\s+([,.;:)])", r"\1", text)


class _Renderer:
    def __init__(self, article_tag: str) -> None:
        self.article_tag = article_tag
        self.pieces: list[str] = []
        self.starts: list[int] = []        # where each text block starts
        self.pos = 0
        self.parts: list[Part] = []
        self.front = 0

    def emit(self, text: str) -> tuple[int, int]:
        if self.pieces:
            self.pieces.append("\n\n")
            self.pos += 2
        start = self.pos
        self.starts.append(start)
        self.pieces.append(text)
        self.pos += len(text)
        return start, self.pos

    def document(self, doc) -> None:
        for child in doc:
            name = _local(child.tag)
            if name in _FRONT:
                self.front_matter(child)
            elif name in ("body", "mainBody", "judgmentBody"):
                self.container(child, "")

    def front_matter(self, el) -> None:
        for block in el.iter():
            if _local(block.tag) in ("p", "longTitle", "citation", "recital", "formula") and not _inside_block(block, el):
                text = _inline(block)
                num = block.find("{*}num")
                if num is not None and _local(block.tag) == "recital":
                    text = f"{' '.join(''.join(num.itertext()).split())} {text}"
                if text:
                    self.front += 1
                    start, end = self.emit(text)
                    self.parts.append(Part(("preamble", f"¶{self.front}"), f"¶{self.front}", None, start, end,
                                           eid=_eid(block), kind="front", own=[(start, end, "para")]))

    def container(self, el, heading: str) -> None:
        for child in el:
            name = _local(child.tag)
            if name == self.article_tag:
                self.article(child, heading)
            elif name not in _SKIP and len(child):       # chapter, part, hcontainer, crossheading, …
                title = _title(child)
                if title:
                    self.emit(title)
                self.container(child, _heading_text(child) or heading)

    def article(self, el, heading: str) -> None:
        num = _num(el)
        digits = re.search(r"\d+", num)
        number = int(digits.group()) if digits else None
        label = num if num.lower().startswith(("article", "section", "art")) else (
            f"section {num}" if self.article_tag == "section" else f"Article {num}")
        title = _heading_text(el)
        start, _ = self.emit(label)
        if title:
            self.emit(title)
        part = Part((label,), label, number, start, start, title or heading, _eid(el), "article")
        self.parts.append(part)
        self.body(el, part, part.path, label, number, title or heading)
        part.end = self.pos

    def body(self, el, owner: Part, path: tuple[str, ...], label: str, number: int | None, heading: str) -> None:
        """The content of an article, paragraph or point: its own text blocks and its children."""
        unnumbered = 0
        for child in el:
            name = _local(child.tag)
            if name in _SKIP:
                continue
            if name in _PARAGRAPHS or name in _POINTS:
                point = name in _POINTS or owner.kind != "article"    # a UK <paragraph> inside a <subsection>
                num = _num(child).rstrip(".")
                if not point:
                    num = num.strip("()")
                if not num:
                    unnumbered += 1
                    num = f"¶{unnumbered}"
                shown = num if point or num.startswith("¶") else f"({num})"
                part = Part(path + (shown if point else num,), f"{label}{shown}", number, 0, 0,
                            heading, _eid(child), "item" if point else "para", pending=_num(child))
                self.parts.append(part)
                mark = len(self.starts)
                self.body(child, part, part.path, part.label, number, heading)
                part.start = self.starts[mark] if len(self.starts) > mark else self.pos
                part.end = self.pos
            elif name in ("list", "blockList", "intro", "wrapUp", "wrap", "content", "subparagraph", "blockContainer"):
                self.body(child, owner, path, label, number, heading)
            else:
                self.text_block(child, owner, path, label, number, heading)

    def text_block(self, child, owner: Part, path: tuple[str, ...], label: str, number: int | None, heading: str) -> None:
        """A block of text; provisions it inserts into another Act (``<quotedStructure>``) follow it
        as provisions of their own under the owner ("section 18(3)" then "section 18(3)[10A](1)")."""
        text = _inline(child)
        if text:
            skip = 0
            if owner.pending:
                text, skip, owner.pending = f"{owner.pending} {text}", len(owner.pending) + 1, ""
            start, end = self.emit(text)
            start += skip              # the norm reader reads the text after the label
            owner.own.append((start, end, "item" if owner.kind == "item" else "para"))
        for quoted in _outer_quoted(child):
            self.quoted(quoted, owner, path, label, number, heading)

    def quoted(self, quoted, owner: Part, path: tuple[str, ...], label: str, number: int | None, heading: str) -> None:
        for el in quoted:
            name = _local(el.tag)
            if name in ("section", "article", "regulation", "rule"):
                num = _num(el)
                part = Part(path + (num,), f"{label}[{num}]", number, self.pos, self.pos, _heading_text(el) or heading,
                            _eid(el), "article")          # its subsections are paragraphs, as in any section
                self.parts.append(part)
                mark = len(self.starts)
                self.body(el, part, part.path, part.label, number, heading)
                part.start = self.starts[mark] if len(self.starts) > mark else self.pos
                part.end = self.pos
            elif name not in _SKIP:
                self.body(quoted, owner, path, label, number, heading)
                return


def _outer_quoted(el) -> list:
    """The ``<quotedStructure>``s inside ``el`` that are not inside another one."""
    found = []
    for quoted in el.iter("{*}quotedStructure"):
        parent = quoted.getparent()
        while parent is not None and parent is not el and _local(parent.tag) != "quotedStructure":
            parent = parent.getparent()
        if parent is el or parent is None:
            found.append(quoted)
    return found


def _inside_block(block, root) -> bool:
    parent = block.getparent()
    while parent is not None and parent is not root:
        if _local(parent.tag) in ("p", "recital", "citation", "authorialNote", "longTitle", "formula"):
            return True
        parent = parent.getparent()
    return False


def _num(el) -> str:
    num = el.find("{*}num")
    return " ".join("".join(num.itertext()).split()) if num is not None else ""


def _heading_text(el) -> str:
    heading = el.find("{*}heading")
    return " ".join("".join(heading.itertext()).split()) if heading is not None else ""


def _title(el) -> str:
    return " ".join(x for x in (_num(el), _heading_text(el)) if x)
