"""The linking tables: each surface form links to its expected entry, or stays unlinked."""

from __future__ import annotations

import pytest
from link_cases import LINKED, UNLINKED, regions
from link_helpers import link_one

from kg.link import Gazetteer, link
from kg.model import Document, Entity, Extraction, Span


@pytest.mark.parametrize("name, kind, context, expected", LINKED)
def test_links(gazetteer: Gazetteer, name: str, kind: str, context: str, expected: str) -> None:
    entity = link_one(gazetteer, name, kind, context)
    assert entity.key == expected
    assert entity.same_as or entity.label, "a linked entity carries its label"


@pytest.mark.parametrize("name, kind, context", UNLINKED)
def test_stays_unlinked(gazetteer: Gazetteer, name: str, kind: str, context: str) -> None:
    entity = link_one(gazetteer, name, kind, context)
    assert entity.same_as == ()
    assert entity.label is None
    assert entity.key  # still named, from its kind and text


@pytest.mark.parametrize("name_fr, geonames", regions())
def test_every_division_in_french(gazetteer: Gazetteer, name_fr: str, geonames: str) -> None:
    entity = link_one(gazetteer, name_fr, "Region")
    assert f"https://sws.geonames.org/{geonames}/" in entity.same_as


def test_city_is_located_in_region_then_country(gazetteer: Gazetteer) -> None:
    entity = link_one(gazetteer, "Kharkiv", "City")
    assert entity.located_in == ("region/kharkiv-oblast", "country/ukraine")
    assert entity.point == pytest.approx((36.25475, 49.98177))
    assert "http://www.wikidata.org/entity/Q42308" in entity.same_as
    assert ("Kharkiv", "en") in entity.labels and any(lang == "fr" for _, lang in entity.labels)


def test_moscow_idaho_needs_more_than_its_name(gazetteer: Gazetteer) -> None:
    entity = link_one(gazetteer, "Moscou", "City", "Aux États-Unis, dans l'Idaho, ")
    assert entity.key == "city/moscow"  # the Russian capital still wins on prominence
    assert "https://sws.geonames.org/524901/" in entity.same_as


@pytest.mark.parametrize("role, expected", [("maire", "city/kaluga"), ("gouverneur", "region/kaluga-oblast")])
def test_an_officials_title_says_what_the_place_is(gazetteer: Gazetteer, role: str, expected: str) -> None:
    # "Kalouga a été visée, a indiqué son maire": no noun before the name, the title says it
    text = f"Kalouga a été visée, a indiqué son {role}."
    place = Entity(id="e1", kind="City" if role == "gouverneur" else "Region", name="Kalouga",
                   mentions=(Span(0, 7, "Kalouga"),))
    official = Entity(id="e2", kind="Person", name=role, role=role, jurisdiction="e1")
    linked = link(Extraction(Document(id="t", text=text), (place, official)), gazetteer)
    assert linked.entities[0].key == expected
