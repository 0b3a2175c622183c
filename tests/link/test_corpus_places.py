"""Every place a French noun or title announces in the real corpus ("la région de X", "le maire de X"),
linked through the real extractor: what it links to is of that kind and bears that name.

An independent sample: the rows are found by a pattern at test time, not chosen by hand. The texts stay
in ../shared/corpus (third parties' copyright); nothing of them is copied here.
"""

from __future__ import annotations

import re

import pytest
from link_helpers import link_sentence
from testpaths import CORPUS

from kg.link import Gazetteer
from kg.link.names import skeleton

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
ANNOUNCED = re.compile(
    r"\b(?P<noun>régions?|oblast|kraï|république|gouverneur|maire|district)(?: (?:russe|ukrainienne|frontalière))?"
    r" (?:de |d'|d’|du )(?P<name>[A-ZÉ][\w’'-]+)")
# The kinds a noun allows: a district with no raion of that name is its town ("le district de Lioubertsy");
# "les régions de Russie" are a country's.
KINDS = {"maire": {"City"}, "district": {"Region", "City"}}
# Share of these places that must link (measured 96 of 98, 0.980: a Mali region in a spelling GeoNames lacks, a city's district).
FLOOR = 0.95


def mentions() -> list[tuple[str, str, int, str]]:
    """(sentence, name, where, noun) for every announced place of the corpus."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
                found += [(sentence, m["name"], m.start("name"), m["noun"]) for m in ANNOUNCED.finditer(sentence)]
    return found


@needs_corpus
def test_announced_places_link_to_their_kind(nlp, gazetteer: Gazetteer) -> None:
    rows = mentions()
    linked, wrong = 0, []
    for sentence, name, where, noun in rows:
        entity = link_sentence(nlp, gazetteer, sentence, name, at=where)
        if entity is None or not entity.same_as:
            continue
        linked += 1
        entry = gazetteer.get(entity.key or "")
        names = {skeleton(n) for n in (entry.name_en, entry.name_fr, *entry.names)} if entry else set()
        kinds = KINDS.get(noun, {"Region", "Country"})
        if entry is None or entry.kind not in kinds or not any(n.endswith(skeleton(name)) for n in names):
            wrong.append((name, entity.key, sentence[:80]))
    assert not wrong
    assert len(rows) >= 90 and linked / len(rows) >= FLOOR
