"""The side behind an attack the sentence does not name, read from the rest of the article.

One side per front: when every attack of the article whose actor is known and that struck a
given country was carried out by one and the same side, an attack on that country whose sentence
names no actor ("une attaque de drones a visé Kiev", "l'ennemi a frappé") is taken to be that
side's too. Failing that, the country's enemy on a front of kg/data/rules/fronts.tsv is taken when
the article names it (as a country, or by its capital or army) and names no other side attacking
that country. Otherwise, or with two sides striking that country, the actor stays unknown.
An interception whose sentence names no actor is the work of the air defence over its place: the
country the place lies in, or the side that defends it (kg/data/rules/defenders.tsv: Crimea's sky
is defended by Russia's air defence).
Places need their enclosing country, so this runs once entities are linked.
"""

from __future__ import annotations

import dataclasses
import functools

from kg.extract.lexicon import rows
from kg.model import Entity, Extraction
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
                and (event.actor is None or _country(by_id.get(event.actor)) == country != defender):
            # no actor named, or the one guessed from the place's country where another side defends it;
            # the enclosing country is among the entities (linking adds it), a defender named elsewhere
            event = dataclasses.replace(event, actor=named[defender])
        events.append(event)
    return dataclasses.replace(extraction, events=tuple(events))
