"""The side behind an attack the sentence does not name, read from the rest of the article.

One side per front: when every attack of the article whose actor is known and that struck a
given country was carried out by one and the same side, an attack on that country whose sentence
names no actor ("une attaque de drones a visé Kiev", "l'ennemi a frappé") is taken to be that
side's too. Failing that, the country's enemy on a front of kg/data/rules/fronts.tsv is taken when
the article names it (as a country, or by its capital or army) and names no other side attacking
that country. Otherwise, or with two sides striking that country, the actor stays unknown.
An event that no sentence places gets a place from the article first: an interception the place of
the attack it answers (the nearest one told before it, else after it), an attack by a side the
one country that side strikes on a front of fronts.tsv, when the article names that country
("six missiles ont été lancés par les forces russes" in an article about Ukraine: Ukraine).
An interception whose sentence names no actor is the work of the air defence over its place: the
country the place lies in, or the side that defends it (kg/data/rules/defenders.tsv: Crimea's sky
is defended by Russia's air defence).
Places need their enclosing country, so this runs once entities are linked.
"""

from __future__ import annotations

import dataclasses
import functools

from kg.extract.lexicon import rows
from kg.model import Entity, Event, Extraction, Figure
from kg.rdf.ontology import attack_types


def _country(entity: Entity | None) -> str | None:
    """The key of the country a linked place lies in (or is)."""
    if entity is None or entity.key is None:
        return None
    if entity.kind == "Country":
        return entity.key
    return next((k for k in entity.located_in if k.startswith("country/")), None)


@functools.cache
def fronts() -> dict[str, frozenset[str]]:
    """Country struck → the countries at war with it (gazetteer keys), from fronts.tsv."""
    found: dict[str, set[str]] = {}
    for struck, attacker, *_ in rows("fronts.tsv"):
        found.setdefault(struck, set()).add(attacker)
    return {k: frozenset(v) for k, v in found.items()}


@functools.cache
def defenders() -> dict[str, str]:
    """Place → the country whose air defence guards its sky, where not the one it lies in (defenders.tsv)."""
    return {place: country for place, country, *_ in rows("defenders.tsv")}


def _defender(entity: Entity | None) -> str | None:
    if entity is None or entity.key is None:
        return None
    for key in (entity.key, *entity.located_in):
        if key in defenders():
            return defenders()[key]
    return _country(entity)


def _struck(actor: Entity | None, named: dict[str, str]) -> str | None:
    """The local id of the one country the article names that ``actor``'s country strikes on a front."""
    country = _country(actor)
    struck = {named[k] for k, sides in fronts().items() if country in sides and k in named}
    return next(iter(struck)) if len(struck) == 1 else None


def _begin(event: Event) -> int:
    return min((m.begin for m in event.mentions), default=0)


def _retold(event: Event, country: str, attacks: list[Event], by_id: dict[str, Entity]) -> Event | None:
    """The one attack placed in ``country`` that an unplaced attack can only be a retelling of:
    same side (or none named), a compatible type ("l'attaque russe a touché une université" after
    "un bombardement russe a fait 7 morts à Tcherniguiv")."""
    actor = by_id.get(event.actor)
    found = [a for a in attacks if a.id != event.id and a.place is not None
             and _country(by_id.get(a.place)) == _country(by_id.get(country))
             and (a.actor is None or actor is None or by_id[a.actor].key == actor.key)
             and (a.type == event.type or "Attack" in {a.type, event.type})
             # a wave's count ("six missiles et cinq drones ont été lancés") is not one city's strike
             and (not _launched(event) or by_id[a.place].kind == "Country")]
    return found[0] if len(found) == 1 else None


def _unplaced(event: Event, by_id: dict[str, Entity]) -> bool:
    """No place, or a country and one weapon, which cannot be a nationwide wave: "Ukraine : un missile
    frappe une aire de jeux" heads an article about one strike on one city; or a country and no figure
    at all, "le matin du 19 novembre, la Russie a attaqué l'Ukraine avec des missiles et des drones" in
    an article about the strike on Ternopil that morning."""
    if event.place is None:
        return True
    if by_id[event.place].kind != "Country":
        return False
    return not event.figures or event.time is None and all(map(_one_by_article, event.figures))


def _one_by_article(figure: Figure) -> bool:
    """ "un missile a frappé": one weapon counted by its article, which says nothing of a tally."""
    return figure.value == 1 and figure.span is not None and figure.span.text.lower().startswith(("un ", "une "))


def _agree(event: Event, other: Event) -> bool:
    """Whether two events' figures and sides can be one happening's."""
    if event.actor and other.actor and event.actor != other.actor:
        return False
    theirs = {f.quantity: f.value for f in other.figures}
    return all(theirs.get(f.quantity, f.value) == f.value for f in event.figures)


def _launched(event: Event) -> bool:
    return any(f.quantity == "launched" and not _one_by_article(f) for f in event.figures)


def _fold(into: Event, event: Event) -> Event:
    quantities = {f.quantity for f in into.figures}
    return dataclasses.replace(
        into, mentions=into.mentions + event.mentions,
        type=event.type if into.type == "Attack" else into.type,
        actor=into.actor or event.actor, weapon=into.weapon or event.weapon, target=into.target or event.target,
        target_entity=into.target_entity or event.target_entity, time=into.time or event.time,
        means=into.means or event.means,
        figures=into.figures + tuple(f for f in event.figures if f.quantity not in quantities))


def _tally(event: Event) -> set[int]:
    quantity = "downed" if event.type == "Interception" else "launched"
    return {f.value for f in event.figures if f.quantity == quantity and not _one_by_article(f)}


def _other_sides(a: Event, b: Event, by_id: dict[str, Entity]) -> bool:
    """Whether two events name different countries as their actors (a force whose side is not yet
    known, "les forces de la défense aérienne du district de Lioubertsy", names none)."""
    sides = {getattr(by_id.get(e.actor or ""), "kind", None) == "Country" and e.actor for e in (a, b)}
    return len(sides - {False}) == 2


def _narrowed(events: tuple[Event, ...], by_id: dict[str, Entity]) -> dict[str, str]:
    """Events at a region that one at a town inside it tells again: with the same tally ("une attaque de
    six drones" on a refinery "dans la région de Krasnodar", then "six drones sont tombés sur la
    raffinerie à Slaviansk-sur-Kouban"), or with no figure at all when it is the only such event there
    ("la Russie a déjoué des attaques de drones dans les régions de Moscou et de Briansk", then "la
    défense aérienne du district de Lioubertsy a détruit un drone"). Linking knows the town lies in the
    region; the extractor does not."""
    found: dict[str, str] = {}
    for wide in events:
        place = by_id.get(wide.place or "")
        if place is None or place.kind != "Region" or not place.key or not (_tally(wide) or not wide.figures):
            continue
        narrow = [e for e in events if e.id != wide.id and (e.type == "Interception") == (wide.type == "Interception")
                  and (e.type == wide.type or "Attack" in {e.type, wide.type}) and _tally(wide) <= _tally(e)
                  and place.key in getattr(by_id.get(e.place or ""), "located_in", ())
                  and not _other_sides(e, wide, by_id)]
        if len(narrow) == 1:
            found[wide.id] = narrow[0].id
    return found


def fill_places(extraction: Extraction) -> Extraction:
    """A copy of ``extraction`` whose unplaced events get the place the article implies, if any; an
    unplaced attack that can only retell an attack placed in that country is folded into it, and so is
    an event at a region that one at a town inside it tells again with the same tally."""
    by_id = {e.id: e for e in extraction.entities}
    named = {e.key: e.id for e in extraction.entities if e.kind == "Country" and e.key}
    attacks = sorted((e for e in extraction.events if e.type in attack_types()), key=_begin)
    placed = {e.id: e.place or _struck(by_id.get(e.actor), named) for e in attacks}
    folded: dict[str, str] = {}  # retold event → the event it retells
    for event in attacks:
        if _unplaced(event, by_id) and placed[event.id] \
                and (into := _retold(event, placed[event.id], attacks, by_id)):
            folded[event.id] = into.id
        elif event.place is None and event.actor is None and not _launched(event):
            # "Ukraine : un missile frappe une aire de jeux", no side, no place: the article's one strike
            told = [a for a in attacks if a.place is not None and (a.type == event.type or "Attack" in {a.type, event.type})]
            if len(told) == 1 and len([a for a in attacks if a.place is not None]) == 1:
                folded[event.id] = told[0].id
    # "après la destruction d'un drone ukrainien" in a headline: the one interception the article places
    interceptions = [e for e in extraction.events if e.type == "Interception"]
    for event in interceptions:
        others = [e for e in interceptions if e.id != event.id and e.place is not None]
        if event.place is None and len(others) == 1 and _agree(event, others[0]):
            folded[event.id] = others[0].id
    folded.update(_narrowed(extraction.events, by_id))
    events: dict[str, Event] = {}
    for event in extraction.events:
        # (or placed only at its own side's country, where the attack it answers is placed more
        # precisely: "Cette dernière a affirmé avoir intercepté sept des dix ogives" after Lviv's strike
        # by the ten)
        own_land = event.place is not None and event.place == event.actor
        if event.type == "Interception" and (event.place is None or own_land):
            before = [a for a in attacks if _begin(a) <= _begin(event)]
            answered = before[-1] if before else (attacks[0] if attacks else None)
            target = placed[answered.id] if answered is not None else None
            # (own land: only when that attack counts the weapons this shoot-down is a part of)
            if target and (not own_land or target != event.place and _country(by_id.get(target)) == by_id[event.place].key
                           and _tally(answered) and max(_tally(answered)) >= max(_tally(event) or {0})):
                event = dataclasses.replace(event, place=target)
        elif event.place is None and event.id in placed:
            event = dataclasses.replace(event, place=placed[event.id])
        events[event.id] = event
    for retold, into in folded.items():
        events[into] = _fold(events[into], events.pop(retold))
    statements = tuple(dataclasses.replace(s, reports=tuple(dict.fromkeys(folded.get(r, r) for r in s.reports)))
                       for s in extraction.statements)
    return dataclasses.replace(extraction, events=tuple(events.values()), statements=statements)


def fill_actors(extraction: Extraction) -> Extraction:
    """A copy of ``extraction`` whose unattributed attacks get the one side that attacks their country."""
    by_id = {e.id: e for e in extraction.entities}
    sides: dict[str, dict[str, str]] = {}  # country struck → the sides striking it → a local id
    for event in extraction.events:
        country = _country(by_id.get(event.place))
        actor = by_id.get(event.actor)
        if event.type in attack_types() and actor is not None and country:
            sides.setdefault(country, {}).setdefault(actor.key or actor.id, actor.id)
    named = {e.key: e.id for e in extraction.entities if e.kind == "Country" and e.key}
    events = []
    for event in extraction.events:
        country = _country(by_id.get(event.place)) or ""
        known = sides.get(country) or {k: named[k] for k in fronts().get(country, ()) if k in named}
        if event.type in attack_types() and event.actor is None and len(known) == 1:
            event = dataclasses.replace(event, actor=next(iter(known.values())))
        elif event.type == "Interception" and (defender := _defender(by_id.get(event.place))) in named \
                and (event.actor is None or _country(by_id.get(event.actor)) == country != defender
                     or getattr(by_id.get(event.actor), "kind", "Country") != "Country"):
            # no actor named, or the one guessed from the place's country where another side defends it,
            # or a force whose side the text does not say ("les forces de la défense aérienne du district
            # de Lioubertsy"): the side is the one defending the place;
            # the enclosing country is among the entities (linking adds it), a defender named elsewhere
            event = dataclasses.replace(event, actor=named[defender])
        events.append(event)
    return dataclasses.replace(extraction, events=tuple(events))
