"""The linking stage: give every shared entity a stable key, and link it to Wikidata and GeoNames."""

from __future__ import annotations

import dataclasses
import re

from kg.link.gazetteer import Entry, Gazetteer, load_gazetteer
from kg.link.names import hint_before
from kg.link.resolve import (
    WINDOW_BEFORE,
    Context,
    nationalities,
    resolve_actor,
    resolve_place,
)
from kg.link.rules import context_rules
from kg.link.sides import fill_actors, fill_places
from kg.model import Entity, Extraction
from kg.rdf.iris import slug
from kg.text import fold

# Places are linked in this order, so that regions give context to the towns named after them.
PLACE_ORDER = ("Country", "Region", "City", "Sea", "Place")
WINDOW = 40  # characters around a mention read for nationality words


def _begins(entity: Entity) -> list[int]:
    return [span.begin for span in entity.mentions]


def _local_nationalities(entity: Entity, text: str, place: bool = False) -> set[str]:
    """Nationality words next to the entity's mentions; for a place, not the attacker's ("une frappe
    russe sur Pokrovsk" says nothing of where Pokrovsk is)."""
    found = nationalities(entity.name)
    for span in entity.mentions:
        # before the mention, and after it up to the clause's end: "Koursk (Russie)" but not
        # "Pokrovsk, a déclaré l'armée russe", where the nationality is the source's
        after = re.split(r"[,.;:!?]", text[span.end:span.end + WINDOW], maxsplit=1)[0]
        found |= nationalities(text[_word_before(text, span.begin - WINDOW):span.end] + " " + after,
                               attackers=not place)
    return found


def _word_before(text: str, at: int) -> int:
    """Where the word before the one at ``at`` begins: a window read for nationalities starts there, so
    that the noun a nationality word qualifies is read with it ("bombardements russes")."""
    at = max(0, at)
    for blank in (False, True, False):  # back over this word, the blanks before it, the word before
        while at > 0 and text[at - 1].isspace() == blank:
            at -= 1
    return at


def _linked(entity: Entity, entry: Entry) -> Entity:
    # a place takes the kind of what it links to: "la région de Kyiv" is a Region whatever the parse said
    kind = entry.kind if entity.kind in PLACE_ORDER and entry.kind in PLACE_ORDER else entity.kind
    return dataclasses.replace(
        entity, kind=kind, key=entry.key, label=entry.name_en, labels=entry.labels, same_as=entry.same_as,
        located_in=entry.located_in, point=entry.point,
    )


def _unlinked_key(entity: Entity, by_id: dict[str, Entity]) -> str:
    if entity.kind == "Authority":
        for local_id in (entity.jurisdiction, entity.affiliation):
            owner = by_id.get(local_id or "")
            if owner is not None:
                return "authority/" + slug(owner.label or owner.name)
    return f"{entity.kind.lower()}/{slug(entity.name)}"


def _actor_countries(entity: Entity, by_id: dict[str, Entity], gazetteer: Gazetteer,
                     text: str, context: Context) -> list[str]:
    countries: list[str] = []
    for local_id in (entity.affiliation, entity.jurisdiction):
        owner = by_id.get(local_id or "")
        entry = gazetteer.get(owner.key) if owner is not None and owner.key else None
        if entry is not None and entry.country:
            countries.append(entry.country)
    countries += sorted(_local_nationalities(entity, text))
    countries += sorted(context.countries)
    return countries


def _role_hints(extraction: Extraction) -> dict[str, str]:
    """Place id → the kind an official's title says it is: a governor's region, a mayor's city."""
    kinds = context_rules().kinds
    hints: dict[str, str] = {}
    for entity in extraction.entities:
        kind = kinds.get(fold(entity.role or ""))
        if kind and entity.jurisdiction:
            hints.setdefault(entity.jurisdiction, kind)
    return hints


def _air_defence_hints(extraction: Extraction, gazetteer: Gazetteer, text: str) -> dict[str, str]:
    """Place id → "Region" for a name that only interceptions happened over, when a region of a
    country that counts its kills by region and the capital inside it share the name ("quatre drones
    abattus au-dessus de Belgorod, d'Orel et de la République de Crimée"), and no city word announces it."""
    countries = context_rules().air_defence_regions
    over = {e.place for e in extraction.events if e.place and e.type == "Interception"}
    struck = {e.place for e in extraction.events if e.type != "Interception"}
    hints: dict[str, str] = {}
    for entity in extraction.entities:
        if entity.id not in over or entity.id in struck or entity.kind not in {"City", "Place"}:
            continue
        if any(hint_before(text[max(0, b - WINDOW_BEFORE):b]) == "City" for b in _begins(entity)):
            continue
        found = gazetteer.lookup(entity.name)
        regions = {e.key for e in found if e.kind == "Region" and e.country in countries}
        if any(e.kind == "City" and regions.intersection(e.located_in) for e in found):
            hints[entity.id] = "Region"
    return hints


def _place_not_state(gazetteer: Gazetteer, entity: Entity, context: Context, text: str,
                     local: set[str], struck: bool) -> Entry | None:
    """A capital the extractor read as its state, but that was struck or that a place noun
    announces ("le gouverneur de l'oblast de Kiev"): the place its mention names. Not when the article
    also names the state itself ("l'Ukraine", "ukrainiens"): then the capital stood for it."""
    surfaces = [text[span.begin:span.end] for span in entity.mentions]
    if any(nationalities(s) or any(e.kind == "Country" for e in gazetteer.lookup(s)) for s in surfaces):
        return None
    for span in entity.mentions:
        surface = text[span.begin:span.end]
        if fold(surface) == fold(entity.name):
            continue  # "l'Ukraine a été frappée": the country itself
        hint = hint_before(text[max(0, span.begin - WINDOW_BEFORE):span.begin])
        if not (struck or hint):
            continue
        entry = resolve_place(gazetteer, surface, "Place" if hint else "City", context, [span.begin], local)
        if entry is not None:
            return entry
    return None


def _enclosing(linked: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """Entities for the enclosing places that ``located_in`` names but the article does not."""
    present = {e.key for e in linked}
    added: list[Entity] = []
    for entity in linked:
        for key in entity.located_in:
            entry = gazetteer.get(key)
            if key in present or entry is None:
                continue
            present.add(key)
            bare = Entity(id=f"link{len(added) + 1}", kind=entry.kind, name=entry.name_fr,
                          shared=True)
            added.append(_linked(bare, entry))
    return added


def link(extraction: Extraction, gazetteer: Gazetteer | None = None) -> Extraction:
    """A copy of ``extraction`` whose shared entities carry keys, links and enclosing places.

    Entities that name the same thing get the same key; an entity that cannot be linked safely
    gets a key from its kind and name; anonymous sources (``shared=False``) keep no key.
    """
    gazetteer = gazetteer or load_gazetteer()
    text = extraction.document.text
    context = Context(text=text, countries=nationalities(text))
    result: dict[str, Entity] = {}
    hints = _air_defence_hints(extraction, gazetteer, text) | _role_hints(extraction)
    struck = {e.place for e in extraction.events if e.place} if context_rules().no_metonymy_when_struck \
        else set()
    for kind in PLACE_ORDER:
        for entity in extraction.entities:
            if entity.kind != kind or not entity.shared:
                continue
            local = _local_nationalities(entity, text, place=True)
            entry = None
            if kind == "Country":  # a struck place is a place, no metonymy
                entry = _place_not_state(gazetteer, entity, context, text, local, entity.id in struck)
            entry = entry or resolve_place(gazetteer, entity.name, kind, context, _begins(entity),
                                           local, hints.get(entity.id))
            if entry is not None:
                context.add_place(entry)
                result[entity.id] = _linked(entity, entry)
    # every entity as linked so far, kept up to date rather than rebuilt for each actor
    by_id = {e.id: result.get(e.id, e) for e in extraction.entities}
    for entity in extraction.entities:
        if entity.id in result or not entity.shared or entity.kind in PLACE_ORDER:
            continue
        countries = _actor_countries(entity, by_id, gazetteer, text, context)
        entry = resolve_actor(gazetteer, entity.name, entity.kind, countries)
        if entry is not None:
            result[entity.id] = by_id[entity.id] = _linked(entity, entry)
    entities = []
    for entity in extraction.entities:
        if entity.id in result:
            entities.append(result[entity.id])
        elif entity.shared:
            entities.append(dataclasses.replace(entity, key=_unlinked_key(entity, by_id)))
        else:
            entities.append(dataclasses.replace(entity, key=None))
    entities += _enclosing(entities, gazetteer)
    return fill_actors(fill_places(dataclasses.replace(extraction, entities=tuple(entities))))

