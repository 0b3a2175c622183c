"""Records passed between stages: documents in, extraction records out. No spaCy or RDF objects here.

Offsets are character offsets into ``Document.text`` (Python string indices), half-open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

EntityKind = Literal[
    "Country", "Region", "City", "Place",
    "Organization", "Authority", "NewsAgency", "Person", "AnonymousSource",
    "Weapon",
]
EventType = Literal[
    "Attack", "DroneStrike", "MissileStrike", "AirStrike", "Shelling", "Interception"
]
Quantity = Literal["killed", "injured", "launched", "downed"]
Qualifier = Literal["exact", "moreThan", "atLeast", "approximately", "atMost", "lessThan"]

PLACE_KINDS = frozenset({"Country", "Region", "City", "Place"})
ACTOR_KINDS = frozenset(
    {"Country", "Organization", "Authority", "NewsAgency", "Person", "AnonymousSource"}
)


@dataclass(frozen=True)
class Document:
    """One article: its text and what is known about it."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    lang: str | None = None
    origin: str = "<unknown>"  # where it was read from, for messages: "a.jsonl:12", "dir/x.txt"
    notes: tuple[str, ...] = ()  # what reading had to repair ("HTML reduced to its text")
    author: str | None = None  # as a web page names it ("Claire Dupont")
    modified: dt.date | None = None  # the day a web page says it was last updated


@dataclass(frozen=True)
class Span:
    """A stretch of the article text that a fact was read from."""

    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """Something the article names: an actor, a place or a weapon.

    ``id`` is local to one extraction (``"ent3"``). Linking fills ``key`` (the stable, global name
    the IRI is minted from), ``same_as`` (external IRIs), ``located_in`` (keys of every enclosing
    place, nearest first) and ``point`` (longitude, latitude).
    """

    id: str
    kind: EntityKind
    name: str  # normalised name used for linking ("Russie" for "Moscou" as an actor)
    mentions: tuple[Span, ...] = ()
    role: str | None = None  # for people: "gouverneur", "maire", "président"
    affiliation: str | None = None  # local id of the country or organisation it belongs to
    jurisdiction: str | None = None  # local id of the place an official or authority serves
    key: str | None = None
    label: str | None = None  # display label once linked ("Kaluga Oblast")
    labels: tuple[tuple[str, str], ...] = ()  # (text, language tag) pairs from the gazetteer
    same_as: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()
    point: tuple[float, float] | None = None
    shared: bool = True  # False: exists only within its article (an anonymous source)


@dataclass(frozen=True)
class Figure:
    """A number the text reports about an event, with its qualifier ("plus de dix")."""

    quantity: Quantity
    value: int
    qualifier: Qualifier = "exact"
    span: Span | None = None
    statement: str | None = None  # local id of the statement that reports it


@dataclass(frozen=True)
class TimeRef:
    """When an event happened, resolved against the article date; the expression is kept."""

    expression: str
    begin: dt.date | None = None
    end: dt.date | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Event:
    """An attack or an interception, with its slots as read from the text."""

    id: str
    type: EventType
    mentions: tuple[Span, ...]
    actor: str | None = None  # local entity id
    target: str | None = None  # free-text label of what was hit
    target_entity: str | None = None  # local entity id when the target is a named place
    place: str | None = None  # local entity id
    weapon: str | None = None  # local entity id
    figures: tuple[Figure, ...] = ()
    time: TimeRef | None = None
    means: str | None = None  # how an interception was made ("contre-mesures électroniques")

    def figure(self, quantity: Quantity) -> Figure | None:
        """The figure reported for ``quantity``: an exact figure beats a bound, then the highest."""
        candidates = [f for f in self.figures if f.quantity == quantity]
        if not candidates:
            return None
        return max(candidates, key=lambda f: (f.qualifier == "exact", f.value))


@dataclass(frozen=True)
class Statement:
    """An attributed speech act and the events it asserts."""

    id: str
    speaker: str | None  # local entity id
    cue: str  # lemma of the reporting verb, or "selon"
    mentions: tuple[Span, ...]
    reports: tuple[str, ...] = ()  # local event ids
    quote: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()

    def entity(self, local_id: str | None) -> Entity | None:
        if local_id is None:
            return None
        for entity in self.entities:
            if entity.id == local_id:
                return entity
        return None
