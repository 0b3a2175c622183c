"""Every context rule of kg/data/gazetteer/context.tsv holds on its own example sentence (real model)."""

from __future__ import annotations

import pytest
from link_helpers import link_sentence

from kg.link import Gazetteer
from kg.link.rules import context_rules

EXAMPLES = context_rules().examples


def test_every_rule_has_an_example() -> None:
    rules = {e.rule for e in EXAMPLES}
    assert rules >= {"region_word", "city_word", "filler", "list", "anaphor", "struck", "conflict_bonus",
                     "conflict_area", "alternate_penalty", "margin"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.rule}:{e.mention}")
def test_rule_example(nlp, gazetteer: Gazetteer, example) -> None:
    entity = link_sentence(nlp, gazetteer, example.sentence, example.mention)
    if example.expected:
        assert entity is not None and entity.key == example.expected
        assert entity.same_as
    else:  # too close a call stays unlinked
        assert entity is None or not entity.same_as
