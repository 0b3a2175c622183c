"""Towns the NER misses, recognised where French names a town and checked against the gazetteer."""

from __future__ import annotations

import pytest

from kg.extract.towns import is_town


@pytest.mark.parametrize(("name", "town"), [
    ("Novochakhtinski", True),  # Novoshakhtinsk, by its factory's adjective
    ("Zaporizhia", True),  # Zaporizhzhia in a rarer spelling
    ("Chostka", True),  # Shostka, French "ch"
    ("Kharkiv", True),
    ("Bouchonnerie", False),
    ("Reuters", False),
    ("Mir", False),  # too short to trust
    ("Khan Younès", True),  # Khan Yunis, a town of the other wars the press transliterates
    ("El Fasher", True),
])
def test_is_town(name: str, town: bool) -> None:
    assert is_town(name) is town


@pytest.mark.parametrize(("name", "any_size", "town"), [
    ("Velyka Pysarivka", False, False),  # 5,000 people: a bare name this small is left to the NER
    ("Velyka Pysarivka", True, True),  # "le village de Velyka Pysarivka": the noun announces a town
    ("Bouchonnerie", True, False),
])
def test_a_town_noun_admits_small_towns(name: str, any_size: bool, town: bool) -> None:
    assert is_town(name, any_size) is town
