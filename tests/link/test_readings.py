"""French transliterations read another way when the name itself finds no place: French "ch" is
English "sh", and a factory's adjective names its town."""

from __future__ import annotations

import pytest

from kg.link.gazetteer import load_gazetteer
from kg.link.names import french_readings


@pytest.mark.parametrize(("name", "readings"), [
    ("Chostka", ["shostka"]),
    ("Tchernihiv", []),  # "tch" is English "ch" already
    ("Novochakhtinski", ["novoshakhtinski", "novochakhtinsk", "novoshakhtinsk"]),
    ("Kramatorsk", []),
])
def test_readings(name: str, readings: list[str]) -> None:
    assert french_readings(name) == readings


@pytest.mark.parametrize(("name", "keys"), [
    ("Chostka", {"city/shostka"}),  # Sumy oblast, in the French press
    ("Chebekino", {"city/shebekino"}),  # Belgorod oblast
    ("Kachira", {"city/kashira"}),
    # the adjective ending: the Rostov oblast town, and a homonym that context tells apart
    ("Novochakhtinski", {"city/novoshakhtinsk", "city/novoshakhtinskiy"}),
    ("Lioubertsy", {"city/lyubertsy"}),  # found by the skeleton itself
])
def test_loose_lookup_tries_the_french_readings(name: str, keys: set[str]) -> None:
    assert {e.key for e in load_gazetteer().lookup(name, loose=True)} == keys
