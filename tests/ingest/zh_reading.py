"""What the Chinese extractor reads in a made-up provision, in the two shapes the rule tests compare."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def actors(text: str) -> set[str]:
    """The bearers of the norms of ``text``."""
    return {n.actor for n in extract_text(text, "t", "zh").norms}


def keys(text: str) -> set[tuple[str, str]]:
    """The (bearer, modality) pairs of the norms of ``text``."""
    return {(n.actor, n.modality) for n in extract_text(text, "t", "zh").norms}
