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

_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\"'\\]"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%]"       # PERCENT | PN_LOCAL_ESC

# The terminals of SPARQL 1.1 (§19.8) as far as a guard needs them. Escapes are exactly the
# grammar's: UCHAR in IRIs and strings, ECHAR in strings, PN_LOCAL_ESC in local names; a
# backslash anywhere else falls through to ``punct`` (and the guard refuses the text).
_TOKEN = re.compile(
    rf"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|{_ECHAR}|{_UCHAR}|"(?!""))*\"\"\"
               | '''(?:[^'\\]|{_ECHAR}|{_UCHAR}|'(?!''))*'''
               | "(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"
               | '(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*')
    | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
    | (?P<bnode>_:[\w.\-]*)
    | (?P<pname>[^\W\d_]?[\w.\-]*:(?:[\w.\-:]|{_PLX})*)
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


def lexemes(text: str, *, comments: bool = False) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` of each token, as ``tokens`` gives them, without building ``Token``
    objects: the scan every query goes through (twice as fast). With ``comments``, comments
    come too (kind ``comment``)."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind != "ws" and (kind != "comment" or comments):
            yield kind, match.group()


_CODEPOINT = re.compile(_UCHAR)


def has_codepoint_escapes(text: str) -> bool:
    return _CODEPOINT.search(text) is not None


def decode_codepoints(text: str) -> str | None:
    """``text`` with every \\uXXXX and \\UXXXXXXXX escape replaced by its character, as the
    SPARQL 1.1 grammar (§19.2) reads a text before tokenizing it; None when an escape names no
    character (a surrogate, or beyond U+10FFFF)."""
    bad = False

    def char(match: re.Match) -> str:
        nonlocal bad
        code = int(match.group()[2:], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            bad = True
            return ""
        return chr(code)
    decoded = _CODEPOINT.sub(char, text)
    return None if bad else decoded
