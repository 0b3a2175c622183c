"""The Wikidata QID coverage table of README.md is what the gazetteer holds (tests/link/qid_coverage.py)."""

from __future__ import annotations

import pytest
from qid_coverage import big_towns, coverage, feature_codes, table
from testpaths import ROOT

from kg.link import Gazetteer


def test_readme_table_is_measured(gazetteer: Gazetteer) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for row in table(gazetteer):
        assert row in readme, f"README.md should have the row: {row}"


def test_countries_and_divisions_floor(gazetteer: Gazetteer) -> None:
    found = coverage(gazetteer)
    n, total = found["countries (ISO 3166-1)"]
    assert n == total
    n, total = found["first-level divisions of UA, RU, BY"]
    assert total == 117 and n >= 115  # Kyiv Oblast and Altai Krai: the two sources disagree (SOURCES.md)


def test_every_qid_has_its_origin(gazetteer: Gazetteer) -> None:
    missing = [e.key for e in gazetteer if e.wikidata and "wikidata" not in e.source.lower()
               and "conzept" not in e.source and "countries-states-cities" not in e.source]
    assert not missing


@pytest.mark.parametrize("what, floor", [
    # what each count reached when last measured (README); a QID lost from a source fails here
    ("towns of UA, RU, BY with 10,000 people or more", 1716),
    ("… of them with a GeoNames feature code here", 1697),
    ("people the corpus names as speakers", 1),
    ("armed forces, ministries, services and news agencies", 6),
])
def test_coverage_floor(gazetteer: Gazetteer, what: str, floor: int) -> None:
    assert coverage(gazetteer)[what][0] >= floor


@pytest.mark.parametrize("name, geonames, town", [
    # a town is a GeoNames populated place that is no section of one (PPLX), nor historical (PPLH) ...
    ("Lyublino", "532535", False),   # P.PPLX: a district of Moscow with 172,000 people
    ("Kupchino", "539061", False),   # P.PPLX: a district of Saint Petersburg
    ("Pokrovsk", "704422", True),    # P.PPLA2
    ("Engels", "563464", True),      # P.PPLA2
    # ... and a place the 2023 GeoNames list lacks counts as a town: the count is a floor
    ("Obolon", "8519916", True),
])
def test_what_a_town_is(gazetteer: Gazetteer, name: str, geonames: str, town: bool) -> None:
    towns, not_towns = big_towns(gazetteer)
    [entry] = [e for e in towns + not_towns if e.geonames == geonames]
    assert entry.name_en == name
    assert (entry in towns) is town
    assert (geonames in feature_codes()) is (name != "Obolon")
