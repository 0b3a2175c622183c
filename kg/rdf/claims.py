"""Who claims each reported event: its article's statements counted by side, and the balance they give.

queries/one-sided-reports.rq asks, for every event a statement reports, how many of its statements
come from the actor's side, from the other side and from a third party. Counted at query time that
joins every statement to its speaker, the speaker's side, the event's actor and the country of its
place (seconds over a large store); counted here, from the article's own records, it is written
with the article (kg/rdf/quads.py) and replaced or removed with it: an event and the statements
that report it are always read from the same article.

The rules are the query's (its header says them in words):

* the actor's side is the event's actor; the other side is the country its place is, or lies in,
  when that country is not the actor;
* a speaker's side is its affiliation, else itself when it is a country; a news agency, or a
  speaker whose side is neither the actor nor the other side, is a third party;
* the balance is "independent" when a third party reports the event, else "both sides", "actor's
  side only", "other side only", or "unattributed" when no side is known.

A place lying in two countries (no gazetteer row does) counts each statement once per country, as
the query's join did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg.model import Entity, Event, Extraction, Statement
from kg.rdf.iris import entity_iri

#: A key names its kind first (gazetteer rows, and ``entity_key`` for unlinked entities): a
#: country's key starts with this, so an enclosing place that is a country is known from its key.
COUNTRY_KEY = "country/"


@dataclass(frozen=True)
class Claims:
    """The statements reporting one event, counted by side (a statement may count on no side)."""

    event: str  # the event's local id
    actor_side: int
    other_side: int
    third_party: int

    @property
    def balance(self) -> str:
        """The local name of the event's nkg:ClaimBalance individual."""
        if self.third_party:
            return "Independent"
        if self.actor_side and self.other_side:
            return "BothSides"
        if self.actor_side:
            return "ActorSideOnly"
        return "OtherSideOnly" if self.other_side else "Unattributed"


def side(speaker: Entity, iris: Mapping[str, NamedNode]) -> NamedNode | None:
    """The side a speaker speaks for: its affiliation, else itself when a country, else none."""
    if speaker.affiliation in iris:
        return iris[speaker.affiliation]
    return iris[speaker.id] if speaker.kind == "Country" else None


def _place_countries(event: Event, extraction: Extraction, iris: Mapping[str, NamedNode]) -> list[NamedNode]:
    """The countries an event's place is, or lies in (one per enclosing country key)."""
    place = extraction.entity(event.place) if event.place in iris else None
    if place is None:
        return []
    enclosing = [entity_iri(k) for k in dict.fromkeys(place.located_in) if k.startswith(COUNTRY_KEY)]
    if place.kind == "Country":  # the place itself, on each of the rows its enclosing countries make
        return [iris[place.id]] * max(1, len(enclosing))
    return enclosing


def claims(extraction: Extraction, iris: Mapping[str, NamedNode]) -> list[Claims]:
    """The claims on each event that at least one statement reports, in the events' order.

    ``iris`` maps the extraction's entity ids to their IRIs: sides are compared as resources, so
    two mentions linked to one country are one side.
    """
    reporting: dict[str, list[Statement]] = {}
    for statement in extraction.statements:
        for event_id in dict.fromkeys(statement.reports):
            reporting.setdefault(event_id, []).append(statement)
    found = []
    for event in extraction.events:
        if event.id not in reporting:
            continue
        actor = iris.get(event.actor) if event.actor else None
        by_actor = by_other = by_third = 0
        for country in _place_countries(event, extraction, iris) or [None]:
            other = country if country is not None and country != actor else None
            for statement in reporting[event.id]:
                speaker = extraction.entity(statement.speaker)
                their = side(speaker, iris) if speaker is not None else None
                agency = speaker is not None and speaker.kind == "NewsAgency"
                foreign = their is not None and their != actor
                by_actor += their is not None and their == actor
                by_other += foreign and not agency and (other is None or their == other)
                by_third += agency or (foreign and other is not None and their != other)
        found.append(Claims(event.id, by_actor, by_other, by_third))
    return found
