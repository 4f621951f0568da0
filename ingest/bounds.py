"""What extraction would face, measured before it runs: a text too large for the limits is
refused while that is still cheap.

Extraction's cost grows with the number of provisions (each article, paragraph and item is a
line of its own, and each article a spaCy Doc) and with the longest of them (a Doc's memory);
a 6 MB text of 100,000 one-line articles took 258 s and 9.6 GB. Counting lines is one pass over
the text (milliseconds for a 50 MB file), so the check runs before the splitter and the pipeline.
"""
from __future__ import annotations

from govkg.ingest.records import Document
from govkg.ontology.errors import ReadError


def check_bounds(document: Document, *, max_provisions: int, max_provision_chars: int) -> None:
    """Refuse (ReadError, one line) a document with more non-blank lines than ``max_provisions``
    or a line longer than ``max_provision_chars``; the lines are what the splitter reads."""
    name = document.source or document.doc
    count, longest = _lines(document)
    if count > max_provisions:
        raise ReadError(f"{name}: {count} lines that may each start a provision, more than the {max_provisions} "
                        "one document may hold (GOVKG_MAX_PROVISIONS): split it, or raise the limit")
    if longest > max_provision_chars:
        raise ReadError(f"{name}: a provision of {longest} characters, longer than the {max_provision_chars} "
                        "one provision may be (GOVKG_MAX_PROVISION_CHARS)")


def _lines(document: Document) -> tuple[int, int]:
    """Non-blank lines and the longest line's length; a document whose reader gave its
    provisions as published (Akoma Ntoso) counts those instead."""
    if document.units:
        return len(document.units), max((unit.end - unit.start for unit in document.units), default=0)
    count = longest = 0
    for line in document.text.split("\n"):
        size = len(line)
        if size and not line.isspace():
            count += 1
            longest = max(longest, size)
    return count, longest
