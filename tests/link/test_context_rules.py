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
                     "conflict_area", "alternate_penalty", "own_name", "attacker", "margin",
                     "air_defence_region"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.rule}:{e.mention}")
def test_rule_example(nlp, gazetteer: Gazetteer, example) -> None:
    entity = link_sentence(nlp, gazetteer, example.sentence, example.mention)
    if example.expected:
        assert entity is not None and entity.key == example.expected
        assert entity.same_as
    else:  # too close a call stays unlinked
        assert entity is None or not entity.same_as


@pytest.mark.parametrize("sentence, mention, expected", [
    # a former name of one town never takes the current name of another (Engels was Pokrovsk until 1931),
    # and the attacker's nationality says nothing of where the place struck is
    ("une frappe russe sur Pokrovsk", "Pokrovsk", "city/pokrovsk"),
    ("L'armée russe a frappé Pokrovsk dans la nuit.", "Pokrovsk", "city/pokrovsk"),
    ("Une attaque de drones russes a visé Pokrovsk, a indiqué le gouverneur.", "Pokrovsk", "city/pokrovsk"),
    ("Les forces russes avancent vers Pokrovsk.", "Pokrovsk", "city/pokrovsk"),
    # the town whose own name it is still links, and a nationality next to a place still counts
    ("Des drones ukrainiens ont visé Engels, dans la région de Saratov.", "Engels", "city/engels"),
    ("Des drones ont visé la ville russe de Koursk.", "Koursk", "city/kursk"),
    # Russian tallies count interceptions by region: a bare name shot over is the region ...
    ("Seize drones ont été abattus au-dessus de Nijni Novgorod, selon le ministère russe de la Défense.",
     "Nijni Novgorod", "region/nizhny-novgorod-oblast"),
    ("La défense aérienne a intercepté 14 drones au-dessus de Rostov.", "Rostov", "region/rostov-oblast"),
    # ... but not when a city word announces it, nor where drones also struck, nor Moscow (a city that
    # is a division of its own, outside the oblast of its name), nor outside the countries counted so
    ("Deux drones ont été abattus au-dessus de la ville de Koursk.", "Koursk", "city/kursk"),
    ("Un drone a frappé un immeuble de Koursk avant que deux autres soient abattus au-dessus de Koursk.",
     "Koursk", "city/kursk"),
    ("Trois drones qui se dirigeaient vers Moscou ont été abattus au-dessus de Moscou.", "Moscou", "city/moscow"),
    ("La défense aérienne ukrainienne a abattu six drones au-dessus de Kharkiv.", "Kharkiv", "city/kharkiv"),
])
def test_context_in_sentences(nlp, gazetteer: Gazetteer, sentence: str, mention: str, expected: str) -> None:
    entity = link_sentence(nlp, gazetteer, sentence, mention)
    assert entity is not None and entity.key == expected and entity.same_as


@pytest.mark.parametrize("sentence, mention, expected", [
    ("Soixante-deux drones ont été abattus au-dessus de la mer Noire.", "mer Noire", "sea/black-sea"),
    ("Cinq drones ont été détruits au-dessus de la mer d’Azov, selon Moscou.", "mer d’Azov", "sea/sea-of-azov"),
    ("Des missiles ont été tirés depuis la mer Caspienne.", "mer Caspienne", "sea/caspian-sea"),
])
def test_seas(nlp, gazetteer: Gazetteer, sentence: str, mention: str, expected: str) -> None:
    entity = link_sentence(nlp, gazetteer, sentence, mention)
    assert entity is not None and entity.key == expected and entity.kind == "Sea" and entity.point
