"""The side behind an attack whose sentence names none, read from the rest of the article."""

from __future__ import annotations

import dataclasses

import pytest

from kg.link.sides import fill_actors, fill_places
from kg.model import Document, Entity, Event, Extraction, Figure, Span, Statement

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
FORCES = Entity("e-forces", "Organization", "forces de la défense aérienne")
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
    # a force whose side the text leaves unsaid ("les forces de la défense aérienne du district de
    # Lioubertsy"): the side defending the place
    ([UA, RU, KURSK, FORCES], [attack(1, KURSK, FORCES, kind="Interception")], ["e-ru"]),
])
def test_interceptions_take_the_air_defence_over_their_place(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [e.actor for e in fill_actors(extraction).events] == expected


def told(number: int, at: int, place: Entity | None, actor: Entity | None = None, kind: str = "DroneStrike",
         launched: int | None = None) -> Event:
    figures = (Figure("launched", launched),) if launched else ()
    return Event(f"ev{number}", kind, (Span(at, at + 5, "texte"),), actor=actor.id if actor else None,
                 place=place.id if place else None, figures=figures)


@pytest.mark.parametrize(("entities", "events", "expected"), [
    # an unplaced attack by Russia in an article that names Ukraine: Ukraine ("six missiles ont été
    # lancés par les forces russes"); the unplaced interception that follows answers it
    ([UA, RU], [told(1, 0, None, RU, launched=11), told(2, 50, None, kind="Interception")],
     [("ev1", "e-ua"), ("ev2", "e-ua")]),
    # the interception answers the attack told last before it ("sept des dix ogives"), else the first after
    ([UA, RU, LVIV, KYIV], [told(1, 0, LVIV, RU), told(2, 40, None, kind="Interception"), told(3, 90, KYIV, RU)],
     [("ev1", "e-lviv"), ("ev2", "e-lviv"), ("ev3", "e-kyiv")]),
    ([UA, RU, LVIV], [told(1, 0, None, kind="Interception"), told(2, 40, LVIV, RU)],
     [("ev1", "e-lviv"), ("ev2", "e-lviv")]),
    # an attack by a side with no front, or whose enemy the article does not name: unplaced
    ([UA, US], [told(1, 0, None, US)], [("ev1", None)]),
    ([RU], [told(1, 0, None, RU)], [("ev1", None)]),
    # an unplaced attack that can only retell the one attack placed in that country is folded into it
    # ("l'attaque russe a touché une université" after the strike on Tcherniguiv)
    ([UA, RU, LVIV], [told(1, 0, LVIV, RU, kind="MissileStrike"), told(2, 60, None, RU, kind="Attack")],
     [("ev1", "e-lviv")]),
    # ... not when two attacks were placed there, nor a wave's launch count into one city's strike
    ([UA, RU, LVIV, KYIV], [told(1, 0, LVIV, RU), told(2, 30, KYIV, RU), told(3, 60, None, RU)],
     [("ev1", "e-lviv"), ("ev2", "e-kyiv"), ("ev3", "e-ua")]),
    ([UA, RU, LVIV], [told(1, 0, None, RU, kind="Attack", launched=11), told(2, 60, LVIV, RU, kind="MissileStrike")],
     [("ev1", "e-ua"), ("ev2", "e-lviv")]),
    # ... nor into another side's attack, or one of another weapon
    ([UA, RU, US, LVIV], [told(1, 0, LVIV, US), told(2, 60, None, RU)], [("ev1", "e-lviv"), ("ev2", "e-ua")]),
    ([UA, RU, LVIV], [told(1, 0, LVIV, RU, kind="MissileStrike"), told(2, 60, None, RU)],
     [("ev1", "e-lviv"), ("ev2", "e-ua")]),
])
def test_unplaced_events_take_the_place_the_article_implies(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [(e.id, e.place) for e in fill_places(extraction).events] == expected


def test_a_folded_attack_gives_its_mentions_figures_and_statements_to_the_one_it_retells() -> None:
    strike = told(1, 0, LVIV, None, kind="Attack")
    retold = dataclasses.replace(told(2, 60, None, RU, kind="MissileStrike"), figures=(Figure("killed", 3),))
    said = Statement("st1", None, "déclarer", (), reports=("ev2", "ev1"))
    extraction = Extraction(Document("a", "texte"), (UA, RU, LVIV), (strike, retold), (said,))
    result = fill_places(extraction)
    (event,) = result.events
    assert (event.id, event.type, event.actor, event.place) == ("ev1", "MissileStrike", "e-ru", "e-lviv")
    assert [m.begin for m in event.mentions] == [0, 60] and event.figures == (Figure("killed", 3),)
    assert result.statements[0].reports == ("ev1",)


def one_missile(event: Event) -> Event:
    """The event with one weapon counted by its article ("un missile frappe …")."""
    return dataclasses.replace(event, figures=(Figure("launched", 1, span=Span(0, 10, "un missile")),))


def downed(event: Event, count: int) -> Event:
    return dataclasses.replace(event, figures=(Figure("downed", count, span=Span(0, 2, str(count))),))


@pytest.mark.parametrize(("entities", "events", "expected"), [
    # "Ukraine : un missile frappe une aire de jeux" (d029's headline) before the strike on the city:
    # one missile is no nationwide wave, it retells the one strike placed in that country
    ([UA, RU, LVIV], [one_missile(told(1, 0, UA, RU, kind="MissileStrike")), told(2, 60, LVIV, RU, kind="MissileStrike")],
     [("ev2", "e-lviv")]),
    # a counted launch may be a wave of its own (a country-level attack with no figure at all is the one
    # strike placed there: below)
    ([UA, RU, LVIV], [told(1, 0, UA, RU, kind="MissileStrike", launched=1), told(2, 60, LVIV, RU, kind="MissileStrike")],
     [("ev1", "e-ua"), ("ev2", "e-lviv")]),
    # a country and no figure at all ("la Russie a attaqué l'Ukraine avec des missiles et des drones" beside
    # the strike on Ternopil that morning): the one strike placed there; a counted wave stays its own
    ([UA, RU, LVIV], [told(1, 0, UA, RU, kind="DroneStrike"), told(2, 60, LVIV, RU, kind="Attack")],
     [("ev2", "e-lviv")]),
    ([UA, RU, LVIV], [told(1, 0, UA, RU, kind="DroneStrike", launched=40), told(2, 60, LVIV, RU, kind="Attack")],
     [("ev1", "e-ua"), ("ev2", "e-lviv")]),
    # no side and no place ("Ukraine : un missile frappe une aire de jeux", d029): the article's one strike
    ([UA, RU, LVIV], [told(1, 0, None, kind="MissileStrike"), told(2, 60, LVIV, RU, kind="MissileStrike")],
     [("ev2", "e-lviv")]),
    ([UA, RU, LVIV, KYIV], [told(1, 0, None, kind="MissileStrike"), told(2, 60, LVIV, RU, kind="MissileStrike"),
                            told(3, 90, KYIV, RU, kind="MissileStrike")],
     [("ev1", None), ("ev2", "e-lviv"), ("ev3", "e-kyiv")]),
    # "après la destruction d'un drone ukrainien" (d055's headline): the one interception placed later
    ([RU, KURSK], [told(1, 0, None, kind="Interception"), downed(told(2, 60, KURSK, RU, kind="Interception"), 3)],
     [("ev2", "e-kursk")]),
    # ... not when two are placed, nor when their counts differ
    ([RU, KURSK, KYIV], [told(1, 0, None, kind="Interception"), told(2, 60, KURSK, RU, kind="Interception"),
                         told(3, 90, KYIV, kind="Interception")],
     [("ev1", None), ("ev2", "e-kursk"), ("ev3", "e-kyiv")]),
    ([RU, KURSK], [downed(told(1, 0, None, kind="Interception"), 5), downed(told(2, 60, KURSK, RU, kind="Interception"), 3)],
     [("ev1", None), ("ev2", "e-kursk")]),
])
def test_a_headline_without_its_place_is_folded_into_the_one_event_it_can_retell(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [(e.id, e.place) for e in fill_places(extraction).events] == expected


KRASNODAR = Entity("e-krasnodar", "Region", "Krasnodar", key="region/krasnodar-krai", located_in=("country/russia",))
KRASNODAR_CITY = Entity("e-krasnodar-city", "City", "Krasnodar", key="city/krasnodar",
                        located_in=("region/krasnodar-krai", "country/russia"))
SLAVIANSK = Entity("e-slaviansk", "City", "Slaviansk-sur-Kouban", key="city/slavyansk-na-kubani",
                   located_in=("region/krasnodar-krai", "country/russia"))


@pytest.mark.parametrize(("entities", "events", "expected"), [
    # "une attaque de six drones" on a refinery of the Krasnodar region, then "six drones sont tombés sur la
    # raffinerie à Slaviansk-sur-Kouban": one strike, at the town
    ([UA, RU, KRASNODAR, SLAVIANSK], [told(1, 0, KRASNODAR, UA, launched=6), told(2, 60, SLAVIANSK, launched=6)],
     [("ev2", "e-slaviansk")]),
    # not with another tally, another side, no tally at the town, or a town outside the region
    ([UA, RU, KRASNODAR, SLAVIANSK], [told(1, 0, KRASNODAR, UA, launched=6), told(2, 60, SLAVIANSK, launched=4)],
     [("ev1", "e-krasnodar"), ("ev2", "e-slaviansk")]),
    ([UA, RU, KRASNODAR, SLAVIANSK], [told(1, 0, KRASNODAR, UA, launched=6), told(2, 60, SLAVIANSK, RU, launched=6)],
     [("ev1", "e-krasnodar"), ("ev2", "e-slaviansk")]),
    ([UA, RU, KRASNODAR, SLAVIANSK], [told(1, 0, KRASNODAR, UA, launched=6), told(2, 60, SLAVIANSK)],
     [("ev1", "e-krasnodar"), ("ev2", "e-slaviansk")]),
    ([UA, RU, KURSK, SLAVIANSK], [told(1, 0, KURSK, UA, launched=6), told(2, 60, SLAVIANSK, launched=6)],
     [("ev1", "e-kursk"), ("ev2", "e-slaviansk")]),
    # no figure at all: the one event at a town of the region tells it ("des attaques de drones déjouées
    # dans la région de Moscou", then a drone destroyed over Lioubertsy by a force of unsaid side) ...
    ([UA, RU, KRASNODAR, SLAVIANSK, FORCES], [told(1, 0, KRASNODAR, RU, kind="Interception"),
                                              downed(told(2, 60, SLAVIANSK, FORCES, kind="Interception"), 1)],
     [("ev2", "e-slaviansk")]),
    # ... not when two towns of the region tell events of that kind
    ([UA, RU, KRASNODAR, SLAVIANSK, KRASNODAR_CITY], [told(1, 0, KRASNODAR, RU, kind="Interception"),
                                                      downed(told(2, 60, SLAVIANSK, kind="Interception"), 1),
                                                      downed(told(3, 90, KRASNODAR_CITY, kind="Interception"), 2)],
     [("ev1", "e-krasnodar"), ("ev2", "e-slaviansk"), ("ev3", "e-krasnodar-city")]),
])
def test_a_region_event_retold_at_a_town_inside_it_is_that_town_event(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [(e.id, e.place) for e in fill_places(extraction).events] == expected


def launched(event: Event, count: int) -> Event:
    return dataclasses.replace(event, figures=(Figure("launched", count, span=Span(0, 2, str(count))),))


@pytest.mark.parametrize(("entities", "events", "expected"), [
    # "La Russie a visé Lviv avec dix missiles … Cette dernière a affirmé avoir intercepté sept des dix
    # ogives": a shoot-down placed only at its side's country goes where the attack it is a part of struck
    ([UA, RU, LVIV], [launched(told(1, 0, LVIV, RU, kind="MissileStrike"), 10),
                      downed(told(2, 60, UA, UA, kind="Interception"), 7)],
     [("ev1", "e-lviv"), ("ev2", "e-lviv")]),
    # ... not when that attack counts no weapons (a nationwide tally after a strike on one city)
    ([UA, RU, LVIV], [told(1, 0, LVIV, RU, kind="MissileStrike"),
                      downed(told(2, 60, UA, UA, kind="Interception"), 43)],
     [("ev1", "e-lviv"), ("ev2", "e-ua")]),
])
def test_a_shoot_down_placed_at_its_own_country_goes_where_its_attack_struck(entities, events, expected) -> None:
    extraction = Extraction(Document("a", "texte"), tuple(entities), tuple(events))
    assert [(e.id, e.place) for e in fill_places(extraction).events] == expected
