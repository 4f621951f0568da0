"""Few bearers of the bundled corpus fall back to the generic Actor class."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("govkg.ingest.extract") is None,
                                reason="govkg.ingest.extract is not importable yet")
CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "corpus"


@pytest.mark.slow
def test_share_of_bearers_typed_only_as_actor_is_low(capsys):
    from tests.ontology.actor_coverage import coverage  # noqa: PLC0415
    rows = coverage(CORPUS)
    bearers = sum(c["bearers"] for c in rows.values())
    fallback = sum(c["classify_fallback"] for c in rows.values())
    with capsys.disabled():
        print(f"\nbearers {bearers}, typed only as gov:Actor by classify_actor: {fallback} ({fallback / bearers:.2%})")
    assert bearers > 300
    assert fallback / bearers < 0.03
