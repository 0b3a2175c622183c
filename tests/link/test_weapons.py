"""The one weapons table: every weapon the extractor recognises in text is the one the linker links."""

from __future__ import annotations

import csv

import pytest
from link_helpers import link_one

from kg.extract.lexicon import WEAPONS, fold, lexicon
from kg.link import Gazetteer


def _rows() -> list[dict[str, str]]:
    with WEAPONS.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# (key or "" for a word no entry has, word the extractor reads) for every word of the table
WORDS = [(row["key"], word) for row in _rows() for word in row["words"].split("|") if word]


@pytest.mark.parametrize("key, word", WORDS)
def test_the_extractor_names_a_word_after_the_weapon_the_linker_links_it_to(
        gazetteer: Gazetteer, key: str, word: str) -> None:
    weapon = lexicon().weapons[fold(word)]
    entity = link_one(gazetteer, weapon.name, "Weapon")  # the extracted entity carries that name
    if key:
        assert (entity.key, bool(entity.label)) == (key, True)
        assert link_one(gazetteer, word, "Weapon").key == key
    else:  # a word the gazetteer has no entry for
        assert entity.label is None


@pytest.mark.parametrize("row", [r for r in _rows() if r["words"]], ids=lambda r: r["name_fr"])
def test_every_weapon_the_extractor_reads_gives_an_event_type(row: dict[str, str]) -> None:
    assert row["class"] in lexicon().weapon_types
    assert bool(row["key"]) or not row["name_fr"][:1].isupper(), "a named system has an entry to link to"
