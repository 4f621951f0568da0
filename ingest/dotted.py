"""Acts laid out as legislation.gov.uk renders them to text: each provision's number alone on a
line, dotted down the hierarchy ("13" section, "13.1" subsection, "13.4.a" paragraph,
"13.4.a.i" sub-paragraph), headings as ``#####`` lines, and text inserted into other Acts
numbered inside the amending section ("18.3.10A.3"). The section number is the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from govkg.ingest.records import Provision, unique_path

LABEL = re.compile(r"^(\d{1,4}[A-Z]{0,3})((?:\.[0-9]{1,3}[A-Z]{0,3}|\.[A-Z]{1,3}[0-9]{0,3}|\.[a-z]{1,6})*)$")
_HEADING = re.compile(r"^#{1,12}\s+(.*)$")
_SCHEDULE = re.compile(r"^#*\s*SCHEDULE\s*(\d*)\s*$|^#+\s*Schedule\s+(\d+[A-Z]*)\s*$")
_ROMAN = re.compile(r"^[ivxlc]+$")


def looks_dotted(text: str) -> bool:
    """Whether a whole text is in the dotted layout (its lines are wrapped, but it is typed
    text, not a PDF text layer to be re-joined)."""
    return is_dotted_layout([line.strip() for line in text.split("\n") if line.strip()])


def is_dotted_layout(lines: list[str]) -> bool:
    """Whether the numbered lines are a dotted hierarchy: several "N.M" labels, and a bare
    section number followed by its own first subsection ("13" then "13.1")."""
    labels = [(i, m) for i, line in enumerate(lines) if (m := LABEL.match(line))]
    dotted = sum(1 for _, m in labels if m.group(2))
    if dotted < 3:
        return False
    opened = 0
    for (i, m), (j, nxt) in zip(labels, labels[1:]):
        if not m.group(2) and nxt.group(1) == m.group(1) and nxt.group(2) and j - i <= 3:
            opened += 1
    return opened >= 1 and dotted >= 0.5 * len(labels)


@dataclass
class _Entry:
    parts: tuple[str, ...]      # ("13", "4", "a")
    start: int                  # the label line
    text_start: int             # first character of its own text
    end: int
    own_end: int = 0            # end of its own text (before its children)


@dataclass
class _Section:
    number: str
    article: int
    title: str
    start: int
    end: int
    prefix: tuple[str, ...]
    entries: list[_Entry] = field(default_factory=list)


class DottedBuilder:
    """Provisions and units of a dotted-layout Act (see module docstring)."""

    def __init__(self, doc: str, text: str) -> None:
        self.doc, self.text = doc, text
        self.provisions: list[Provision] = []
        self.units: list = []
        self.section: _Section | None = None
        self.pending_title = ""
        self.prefix: tuple[str, ...] = ()
        self.preamble = 0
        self.seen: set[tuple[str, ...]] = set()

    def build(self, spans: list[tuple[int, int]]):
        from govkg.ingest.structure import Unit
        self._unit = Unit
        for start, end in spans:
            self.add_line(start, end)
        self.close()
        return self.provisions, self.units

    def add_line(self, start: int, end: int) -> None:
        line = self.text[start:end]
        label = LABEL.match(line)
        if label and self._in_sequence(label.group(1)):
            self.add_label(label, start, end)
            return
        schedule = _SCHEDULE.match(line)
        if schedule:
            self.close()
            self.prefix = (f"Schedule {schedule.group(1) or schedule.group(2) or ''}".strip(),)
            return
        heading = _HEADING.match(line)
        if heading:
            self.pending_title = heading.group(1).strip()
            return
        if self.section is None:
            self.add_preamble(line, start, end)
            return
        self.section.end = end
        entry = self.section.entries[-1]
        entry.end = entry.own_end = end

    def _in_sequence(self, number: str) -> bool:
        """A label opens a new section only a little after the current one: "2024" alone on a
        line inside section 12 is text (a year, a table cell), not section 2024."""
        if self.section is None or number == self.section.number:
            return True
        current, new = self.section.article, int(re.match(r"\d+", number).group())
        return current <= new <= current + 10 or new == 1

    def add_label(self, match: re.Match, start: int, end: int) -> None:
        number = match.group(1)
        parts = (number,) + tuple(p for p in match.group(2).split(".") if p)
        if self.section is None or number != self.section.number:
            self.close()
            article = int(re.match(r"\d+", number).group())
            self.section = _Section(number, article, self.pending_title, start, end, self.prefix)
            self.pending_title = ""
        self.section.end = end
        self.section.entries.append(_Entry(parts, start, end, end, end))

    def add_preamble(self, line: str, start: int, end: int) -> None:
        self.preamble += 1
        label = f"¶{self.preamble}"
        self.provisions.append(Provision(self.doc, ("preamble", label), None, label, line, start, end, self.pending_title))
        self.units.append(self._unit(f"preamble/{label}", None, start, end, "para"))

    def close(self) -> None:
        section, self.section = self.section, None
        if section is None:
            return
        top = unique_path(section.prefix + (f"section {section.number}",), self.seen)
        self.provisions.append(Provision(self.doc, top, section.article, f"section {section.number}",
                                         self.text[section.start:section.end], section.start, section.end,
                                         section.title))
        entries = section.entries
        for i, entry in enumerate(entries):
            entry.end = max([entry.end] + [e.end for e in _descendants(entries, i)])
        for entry in entries:
            self._add_entry(section, top, entry)

    def _add_entry(self, section: _Section, top: tuple[str, ...], entry: _Entry) -> None:
        rest = entry.parts[1:]
        has_text = entry.own_end > entry.text_start
        if rest:
            path = top + rest
            label = f"section {'.'.join(entry.parts)}"
            self.provisions.append(Provision(self.doc, path, section.article, label, self.text[entry.start:entry.end],
                                             entry.start, entry.end, section.title))
        else:
            path = top
        if not has_text:
            return
        last = rest[-1] if rest else ""
        point = bool(last) and last.islower() and (len(last) <= 2 or _ROMAN.match(last) is not None)
        kind, item_label = ("item", f"({last})") if point else ("para", "")
        text_start = self._skip_blank(entry.text_start, entry.own_end)
        self.units.append(self._unit("/".join(path), section.article, text_start, entry.own_end, kind, item_label))

    def _skip_blank(self, start: int, end: int) -> int:
        while start < end and self.text[start].isspace():
            start += 1
        return start


def _descendants(entries: list[_Entry], i: int):
    parts = entries[i].parts
    for entry in entries[i + 1:]:
        if entry.parts[:len(parts)] != parts:
            break
        yield entry
