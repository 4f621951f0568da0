"""One bearer, however a provision introduces it: the actor a norm is stored under."""
from __future__ import annotations

import pytest

from govkg.kg.actors import identify


@pytest.mark.parametrize("written", ["Each controller", "The controller", "every controller", "controller"])
def test_a_distributive_or_an_article_before_a_bearer_names_the_same_actor(written):
    assert identify(written, "en").label == identify("the controller", "en").label == "controller"


def test_a_qualifier_that_narrows_the_bearer_is_kept():
    assert identify("Each controller's representative", "en").label == "controller's representative"
    assert identify("any person", "en").label != identify("person", "en").label
