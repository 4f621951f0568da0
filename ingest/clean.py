"""Clean PDF text layers: join broken lines, drop page headers/footers, close spaced-out titles.

Every character of the cleaned text keeps the offset it had in the original text, so a norm
found in the cleaned text can be shown in the source (``Document.offsets``).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter

_END = "。！？：；.!?:;"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HEADING = re.compile(r"^(第[一二三四五六七八九十百]+[章节编条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)"
                      r"|\d+(\.\d+)*\s|\[(摘\s*要|Abstract|关键词)|\[Abstract\])")
_PAGE_NOISE = re.compile(r"^(\d{1,4}|第\s*\d+\s*页.*|-\s*\d+\s*-|page \d+( of \d+)?)$|ISSN|Copyright|©|doi:\s*10\.", re.I)
_CITATION = re.compile(r"^\[\d+(?:[-–,，]\d+)*\]$")
_SPACED = re.compile(r"^(?:[\u3400-\u9fff]\s+){4,}[\u3400-\u9fff]\s*$")


def looks_like_pdf_layer(text: str) -> bool:
    """Most long lines end in the middle of a sentence: a PDF text layer, not a typed text."""
    lines = [line.strip() for line in text.split("\n") if len(line.strip()) >= 15]
    if len(lines) < 8:
        return False
    # a policy paper's task ends with its responsible-units note, "…。（财政部负责）": a closed line
    open_ended = sum(1 for line in lines if line[-1] not in _END + "）" and not _HEADING.match(line))
    return open_ended >= 0.4 * len(lines)


def clean_pdf_layer(text: str) -> tuple[str, list[int]]:
    """Return the cleaned text and, for each of its characters, the offset in ``text``."""
    lines = _lines(text)
    repeated = _repeated_lines(lines)
    kept = [(start, line) for start, line in lines
            if line.strip() and line.strip() not in repeated and not _PAGE_NOISE.search(line.strip())]
    width = statistics.median([len(line.strip()) for _, line in kept] or [1])
    out: list[str] = []
    offsets: list[int] = []
    previous, after_title = "", False
    for start, line in kept:
        body, body_start = _strip_with_offset(line, start)
        title = bool(_SPACED.match(body))
        if title:
            body, positions = _close_spaces(body, body_start)
        else:
            positions = list(range(body_start, body_start + len(body)))
        # a spaced-out title (多 元 主 体 …) stands on its own, whatever the widths around it
        sep = ("\n\n" if title or after_title else _separator(previous, body, width)) if out else ""
        after_title = title
        out.append(sep)
        offsets.extend([positions[0]] * len(sep))
        out.append(body)
        offsets.extend(positions)
        glued = sep == "" and (_CITATION.match(body) or previous.endswith("]") or body[0] in "。，；：、）)")
        previous = previous + body if glued else body
    return "".join(out) + "\n", offsets + [len(text)]


def spaced_title(text: str) -> str:
    """The first spaced-out line of a PDF text layer (how typeset titles come out), closed up;
    "" when there is none."""
    for line in text.split("\n")[:80]:
        if _SPACED.match(line.strip()):
            return re.sub(r"\s+", "", line)
    return ""


def _lines(text: str) -> list[tuple[int, str]]:
    result, pos = [], 0
    for line in text.split("\n"):
        result.append((pos, line))
        pos += len(line) + 1
    return result


def _repeated_lines(lines: list[tuple[int, str]]) -> set[str]:
    """Short lines seen three times or more are running heads or footers."""
    counts = Counter(line.strip() for _, line in lines
                     if 1 < len(line.strip()) < 60 and re.search(r"[\w\u3400-\u9fff]", line))
    return {line for line, n in counts.items() if n >= 3 and not _CITATION.match(line)}


def _strip_with_offset(line: str, start: int) -> tuple[str, int]:
    lead = len(line) - len(line.lstrip())
    return line.strip(), start + lead


def _close_spaces(body: str, start: int) -> tuple[str, list[int]]:
    chars, positions = [], []
    for i, ch in enumerate(body):
        if ch.isspace():
            continue
        chars.append(ch)
        positions.append(start + i)
    return "".join(chars), positions


def _separator(previous: str, body: str, width: float) -> str:
    """Join a wrapped line to the one before, or start a new paragraph."""
    if _HEADING.match(body) or (_HEADING.match(previous) and len(previous) < 0.8 * width):
        return "\n\n"      # a heading line; a full line that starts like one ([摘 要] …) wraps on
    if _CITATION.match(body) or previous.endswith("]") or body[0] in "。，；：、）)":
        return ""
    full = len(previous) >= 0.8 * width
    if not full:
        return "\n\n"
    if _CJK.match(previous[-1]) or _CJK.match(body[0]) or previous[-1] in "，、：；（“":
        return ""
    return "" if previous.endswith("-") else " "
