"""Training examples for the bearer model: the sentences of annotated articles, with each reference
bearer located where it bears its norm.

A reference record names its bearer as written (``actor``) but not where it stands. In the
article's text a bearer is looked for sentence by sentence (a sentence ends at 。；：or a line
break) and marked where it stands before a modal cue or 由 stands before it, or where the first
characters of its action follow it: the same words as the recipient of another duty
(向县级人民政府报告) are not a bearer there. A bearer made from a list under one head
(卫生健康、公安等有关部门 gives 卫生健康部门 and 公安部门, each with the shared qualifiers) is no
substring of the text: the whole list is marked, from the first characters of the bearer to the
end of its head, since the rules' list splitter makes one bearer of each unit. Bearers that only a coordinator parts are one span too (任何组织和个人 gives 任何组织 and
任何个人; 有关地方人民政府及其部门 gives 有关地方人民政府 and 有关地方人民政府部门): the span is the
coordinated subject, and the rules' splitter (``split_coordinated``) makes the bearers of it. A
bearer found nowhere leaves its sentence as it is; every other sentence of the article is a sentence
without that bearer.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govkg.ingest import patterns
from govkg.ingest.structure import split_provisions

SENTENCE = re.compile(r"[^。；：\n]+[。；：]?")
_HEAD_CHARS = 2            # a list's head is matched on the bearer's last two characters (部门, 单位)
_LIST_REACH = 40           # characters a list under one head may span
_LISTED = re.compile(r"[、和及或]")
_COORDINATOR = re.compile(r"、|和|及其|及|或者|或|以及|与")


@dataclass
class Example:
    """One sentence and the character ranges of the bearers in it."""

    doc: str
    article: int
    text: str
    bearers: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class ReferenceSet:
    """A folder of reference files and the folders that hold their source texts."""

    name: str
    gold: Path
    texts: tuple[Path, ...]

    def files(self) -> list[Path]:
        return sorted(self.gold.glob("*.jsonl"))


def read_reference(path: Path) -> tuple[list[dict], tuple[int, int] | None]:
    """The records of a reference file and its scope (first and last article), if it has one."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scope = next((tuple(r["articles"]) for r in rows if "articles" in r), None)
    return [r for r in rows if "articles" not in r], scope


def source_text(doc: str, folders: Sequence[Path]) -> Path | None:
    """The source file of ``doc`` in one of ``folders``."""
    for folder in folders:
        for path in sorted(folder.glob(f"{doc}.*")):
            if path.suffix in (".md", ".txt"):
                return path
    return None


def article_texts(doc: str, text: str) -> dict[int, str]:
    """Each article's text (number -> text); a text without articles is one article, 0."""
    _, units = split_provisions(doc, text, "zh")
    spans: dict[int, list[int]] = {}
    for unit in units:
        number = unit.article or 0
        bounds = spans.setdefault(number, [unit.start, unit.end])
        bounds[0], bounds[1] = min(bounds[0], unit.start), max(bounds[1], unit.end)
    if set(spans) == {0} or not spans:
        return {0: text}
    return {n: text[s:e] for n, (s, e) in spans.items() if n}


def examples_of_set(reference: ReferenceSet) -> Iterator[Example]:
    """The Chinese examples of every reference file of ``reference`` whose source text is found."""
    for path in reference.files():
        if not path.stem.startswith("zh_"):
            continue
        source = source_text(path.stem, reference.texts)
        if source is None:
            raise FileNotFoundError(f"no source text for {path.stem} in {', '.join(map(str, reference.texts))}")
        rows, scope = read_reference(path)
        text = source.read_text(encoding="utf-8").replace("\r\n", "\n")
        yield from examples_of_document(path.stem, text, rows, scope)


def examples_of_document(doc: str, text: str, rows: list[dict], scope: tuple[int, int] | None) -> Iterator[Example]:
    """The sentences of the annotated articles of one document, with their bearers marked."""
    articles = article_texts(doc, text)
    by_article: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_article[int(row.get("article") or 0)].append(row)
    whole = set(by_article) == {0}
    for number, body in sorted(articles.items()):
        if not whole and (scope and not scope[0] <= number <= scope[1] or not scope and number not in by_article):
            continue
        norms = by_article.get(0 if whole else number, [])
        yield from sentence_examples(doc, number, body, norms)


def sentence_examples(doc: str, article: int, body: str, norms: list[dict]) -> Iterator[Example]:
    sentences = [Example(doc, article, m.group()) for m in SENTENCE.finditer(body) if m.group().strip()]
    for norm in norms:
        bearer = (norm.get("actor") or "").strip()
        if not bearer:
            continue
        for example in sentences:
            found = locate(example.text, bearer, norm.get("action") or "")
            if found:
                example.bearers.append(found)
    for example in sentences:
        example.bearers = coordinated(example.text, example.bearers)
        yield example


def coordinated(sentence: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One span per coordinated subject: bearers that overlap, or that only a coordinator parts
    (任何组织和个人, 有关地方人民政府及其部门), are one span, as the rules' splitter reads them."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(found)):
        if merged and (start < merged[-1][1] or _COORDINATOR.fullmatch(sentence, merged[-1][1], start)):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def locate(sentence: str, bearer: str, action: str) -> tuple[int, int] | None:
    """Where ``bearer`` bears a norm in ``sentence``: the text itself or the list it is one unit of."""
    for start, end in _occurrences(sentence, bearer):
        if _bears(sentence, start, end, action):
            return start, end
    return None


def _occurrences(sentence: str, bearer: str) -> Iterator[tuple[int, int]]:
    at = sentence.find(bearer)
    while at >= 0:
        yield at, at + len(bearer)
        at = sentence.find(bearer, at + 1)
    if bearer in sentence or len(bearer) < 2 * _HEAD_CHARS:
        return
    head = bearer[-_HEAD_CHARS:]
    for size in range(len(bearer) - _HEAD_CHARS, 1, -1):        # the longest start of the bearer in the text
        start = sentence.find(bearer[:size])
        if start < 0:
            continue
        end = sentence.find(head, start + size)
        if end >= 0 and end + _HEAD_CHARS - start <= _LIST_REACH and _LISTED.search(sentence, start, end):
            yield start, end + _HEAD_CHARS
        return


def _bears(sentence: str, start: int, end: int, action: str) -> bool:
    """A modal cue or the action's first characters after the bearer, or 由 right before it."""
    after = sentence[end:]
    if sentence[max(0, start - 1):start] == "由":
        return True
    if action[:4] and action[:4] in after:
        return True
    return bool(patterns.cue_regex("zh").search(after[:30]))
