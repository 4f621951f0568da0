"""Whether a text that is not Chinese reads as English: govkg's grammars are Chinese and English,
and a text in another language (French, German …) would be read with the English grammar, its
norms silently missed. Such a text is still extracted, with a warning that says so."""
from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")
_ENGLISH = frozenset("the of and to in shall be or a any by for is must may not with that on as are this "
                     "which from under their its an such other all where".split())
MIN_WORDS = 40
"""Fewer Latin words than this say too little to judge."""
MIN_SHARE = 0.08
"""English function words make up a fifth to a third of the words of English law; far fewer
means another language."""


def unread_language(text: str) -> str | None:
    """A warning when ``text`` (taken as not Chinese) does not read as English, else None."""
    words = _WORD.findall(text[:20000])
    if len(words) < MIN_WORDS:
        return None
    english = sum(1 for word in words if word.lower() in _ENGLISH)
    if english >= MIN_SHARE * len(words):
        return None
    return (f"the text does not read as English or Chinese ({english} of {len(words)} words are common English "
            "words): it was read with the English grammar, and its norms may be missed")
