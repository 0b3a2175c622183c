"""The side behind an attack whose sentence names none, read from the rest of the article."""

from __future__ import annotations

import pytest

from kg.link.sides import fill_actors
from kg.model import Document, Entity, Event, Extraction

UA = Entity("e-ua", "Country", "Ukraine", key="country/ukraine")
RU = Entity("e-ru", "Country", "Russie", key="country/russia")
US = Entity("e-us", "Country", "États-Unis", key="country/united-states")
KYIV = Entity("e-kyiv", "City", "Kyiv", key="city/kyiv", located_in=("region/kyiv-city", "country/ukraine"))
LVIV = Entity("e-lviv", "City", "Lviv", key="city/lviv", located_in=("country/ukraine",))
KURSK = Entity("e-kursk", "Region", "Koursk", key="region/kursk-oblast", located_in=("country/russia",))


def attack(number: int, place: Entity | None, actor: Entity | None = None, kind: str = "DroneStrike") -> Event:
    return Event(f"ev{number}", kind, (), actor=actor.id if actor else None, place=place.id if place else None)


@pytest.mark.parametrize(("entities", "events", "expected"), [
    # another attack on the same country names its side: that side
    ([UA, RU, KYIV, LVIV], [attack(1, KYIV, RU), attack(2, LVIV)], ["e-ru", "e-ru"]),
    # no attack names a side, but the article names the country's enemy on a front
    ([UA, RU, LVIV], [attack(1, LVIV)], ["e-ru"]),
    ([UA, RU, KURSK], [attack(1, KURSK)], ["e-ua"]),
    # the enemy is not named in the article: unknown
    ([UA, LVIV], [attack(1, LVIV)], [None]),
    # two sides strike that country: unknown
    ([UA, RU, US, KYIV, LVIV], [attack(1, KYIV, RU), attack(2, KYIV, US), attack(3, LVIV)],
     ["e-ru", "e-us", None]),
    # placeless attacks are left alone
    ([UA, RU, KYIV], [attack(2, None)], [None]),
])
def test_unattributed_attacks_take_the_one_side_striking_their_country(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [e.actor for e in fill_actors(extraction).events] == expected


CRIMEA = Entity("e-crimea", "Region", "Crimée", key="region/crimea", located_in=("country/ukraine",))
SIMFEROPOL = Entity("e-simf", "City", "Simferopol", key="city/simferopol",
                    located_in=("region/crimea", "country/ukraine"))


@pytest.mark.parametrize(("entities", "events", "expected"), [
    # an interception that names no actor: the air defence of the country it happened over
    ([UA, RU, KYIV], [attack(1, KYIV, kind="Interception")], ["e-ua"]),
    ([UA, RU, KURSK], [attack(1, KURSK, kind="Interception")], ["e-ru"]),
    # over Crimea, and any place in it, Russia's air defence (defenders.tsv), even where the place's
    # country had been guessed
    ([UA, RU, CRIMEA, SIMFEROPOL], [attack(1, CRIMEA, kind="Interception"),
                                    attack(2, SIMFEROPOL, UA, kind="Interception")], ["e-ru", "e-ru"]),
    # a named actor stands when it is not just the place's country
    ([UA, RU, KYIV], [attack(1, KYIV, RU, kind="Interception")], ["e-ru"]),
    # the defender is not among the article's entities: unknown
    ([UA, CRIMEA], [attack(1, CRIMEA, kind="Interception")], [None]),
])
def test_interceptions_take_the_air_defence_over_their_place(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [e.actor for e in fill_actors(extraction).events] == expected
