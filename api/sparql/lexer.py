"""A small SPARQL tokenizer: enough to see keywords, IRIs and braces outside strings and comments.

The protocol layer needs to know a few facts about a request before the store sees it — the
query form (to pick a result format), whether it calls ``SERVICE`` or ``LOAD``, where an
update's ``WHERE`` stands (to add ``USING`` clauses) — and a keyword inside a string, an IRI,
a comment, a variable or a prefixed name must not count. Parsing itself stays with the store.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               | '''(?:[^'\\]|\\.|'(?!''))*'''
               | "(?:[^"\\\n\r]|\\.)*"
               | '(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<bnode>_:[\w.\-]*)
    | (?P<pname>[^\W\d_]?[\w.\-]*:(?:[\w.\-:%\\]|%[0-9A-Fa-f]{2})*)
    | (?P<word>[^\W\d][\w\-]*)
    | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
    | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str      # iri, string, var, bnode, pname, word, number, punct
    text: str
    start: int
    end: int

    def is_keyword(self, *words: str) -> bool:
        """Whether this token is one of ``words`` used as a keyword (case-insensitive)."""
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` in order, whitespace and comments left out.

    An unterminated string or IRI never raises here: the rest is read as punctuation and the
    store's parser reports the error with its own message.
    """
    pos, size = 0, len(text)
    while pos < size:
        match = _TOKEN.match(text, pos)
        if match is None:  # pragma: no cover - the last alternative matches any character
            break
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), pos, match.end())
        pos = match.end()


def lexemes(text: str) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` of each token, as ``tokens`` gives them, without building ``Token``
    objects: the scan every query goes through (twice as fast)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind != "ws" and kind != "comment":
            yield kind, match.group()
