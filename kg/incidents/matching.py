"""The match between two reported events: which features agree, with what weight, or why they cannot be one incident.

The rule, feature by feature (weights in ``WEIGHTS``; a veto means "never the same incident"):

- **time**: the events' windows must overlap (else veto). A window is [nkg:beginDate, nkg:endDate],
  else the day of nkg:date, else — the text gave no time — the article's publication day and the
  day before. Same resolved day +1, overlapping resolved windows +0.5, a publication fallback +0.
  A report with no date at all is compared only by a day its text writes without a year ("le 4
  septembre"): it must fall in the other's window (+0.5), else veto (:func:`compare_undated`).
- **type family**: two attacks, or two interceptions, must not be of two different specific
  types (a drone strike is not a missile strike: veto); the same specific type +1, one of them a
  plain Attack +0.5. An attack and an interception are one incident only when the attack could be
  shot down (drones, missiles, or unstated), their actors differ and their places agree (they are
  then the two sides' versions: "8 drones of 9 shot down" against "a refinery is on fire").
- **place** (nkg:locatedIn is stored with its closure): the same place +3; one inside the other,
  under a region or a city, +2; otherwise veto — also when one is the country the other lies in:
  a country-wide tally ("70 drones sur l'Ukraine") and a strike on one city are reported at two
  levels and would bridge every city of that night. With no place on one side, a target word or
  a count must agree (else veto).
- **actor**: the same +1; two different actors of two attacks or two interceptions: veto.
- **weapon**: the same +1. **target**: a shared content word of the targets' labels, or the same
  target place, +1. **counts**: one equal figure (quantity and value) +1. Differing figures never
  count against a match: competing figures are what incidents gather.
- Two events of one article and one family are never matched: the extractor already decided they
  are two events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from kg.data import DATA
from kg.rdf.ontology import nkg_subclass_names
from kg.rdf.vocab import NKG
from kg.text import fold

WEIGHTS = {
    "time=same-day": 1.0, "time=overlap": 0.5, "time=published": 0.0, "time=unknown": 0.0,
    "time=day-month": 0.5,
    "type=same": 1.0, "type=compatible": 0.5, "family=attack+interception": 0.0,
    "place=same": 3.0, "place=within": 2.0, "place=unknown": 0.0,
    "actor": 1.0, "weapon": 1.0, "target": 1.0, "counts": 1.0,
}
#: The attack types an interception can answer: what is shot down is drones and missiles (or unstated).
#: The ontology does not say what can be shot down, so this list is kept here; the rest of the type
#: rule follows the class tree (:func:`event_types`).
INTERCEPTABLE = frozenset({"Attack", "DroneStrike", "MissileStrike"})
DEFAULT_THRESHOLD = 3.0
#: The longest event window the extractor resolves ("le mois dernier": a whole month). Incident
#: updates look up candidates by day and rely on it (a test checks every time rule against it).
MAX_WINDOW = dt.timedelta(days=31)



@dataclass(frozen=True)
class Rules:
    """The grouping rule's numbers, read from kg/data/incidents.json."""

    span_days: int
    span_days_dated: int
    undated_margin: float
    undated_needs: frozenset[str]
    undated_places: frozenset[str]

    @property
    def span(self) -> dt.timedelta:
        """The longest span of an incident (the end of its first report's window to a member's)."""
        return dt.timedelta(days=max(self.span_days, self.span_days_dated))

    def lag(self, report: Report) -> dt.timedelta:
        """How long after an incident's anchor ``report``'s window may end for it to join."""
        return dt.timedelta(days=self.span_days_dated if report.dated else self.span_days)


def _rules() -> Rules:
    data = json.loads((DATA / "incidents.json").read_text(encoding="utf-8"))
    return Rules(int(data["span_days"]), int(data["span_days_dated"]), float(data["undated_margin"]), frozenset(data["undated_needs"]),
                 frozenset(data["undated_places"]))


RULES = _rules()
_TARGET_STOPWORDS = frozenset({"dans", "pour", "avec", "region", "ville", "quartier", "oblast",
                               "plusieurs", "autres", "site"})


@dataclass(frozen=True)
class Place:
    """A place as the incident rule sees it: its kind and every place it lies in."""

    kind: str  # "Country", "Region", "City" or "Place"
    parents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Report:
    """One reported event with the features the rule compares (IRIs as strings)."""

    event: str
    article: str
    type: str
    begin: dt.date
    end: dt.date
    dated: bool  # False: the window is the publication fallback
    actor: str | None = None
    place: str | None = None
    weapon: str | None = None
    targets: frozenset[str] = frozenset()  # content words of target labels, and target places
    counts: frozenset[tuple[str, int]] = frozenset()
    statuses: frozenset[str] = frozenset()
    label: str = ""
    incident: str | None = None
    timeless: bool = False  # no time in the text and no publication date: begin/end mean nothing
    #: a timeless report's day as its text writes it without a resolved date ("le 4 septembre"):
    #: (year or None, month, day)
    written: tuple[int | None, int, int] | None = None

    @property
    def family(self) -> str:
        return "interception" if self.type == "Interception" else "attack"


@dataclass(frozen=True)
class Match:
    """Why two reports are one incident: the features that agreed and their summed weight."""

    features: tuple[str, ...]

    @property
    def score(self) -> float:
        return sum(WEIGHTS[f] for f in self.features)

    def described(self) -> tuple[str, ...]:
        """The features with their weights, as stored in the graph: "place=same +3"."""
        return tuple(f"{f} +{WEIGHTS[f]:g}" for f in self.features)


def target_words(label: str) -> frozenset[str]:
    """Content words of a target label, folded: "raffinerie de Syzran" → {raffinerie, syzran}."""
    return frozenset(w for w in fold(label).split() if len(w) >= 4 and w not in _TARGET_STOPWORDS)


def _time(a: Report, b: Report) -> str | None:
    if a.begin > b.end or b.begin > a.end:
        return None
    if a.dated and b.dated:
        return "time=same-day" if a.end == b.end else "time=overlap"
    return "time=published"


def _type(a: Report, b: Report) -> str | None:
    if a.family != b.family:
        attack = a if a.family == "attack" else b
        return "family=attack+interception" if attack.type in INTERCEPTABLE else None
    if a.type == b.type and a.type != "Attack":
        return "type=same"
    if "Attack" in (a.type, b.type):
        return "type=compatible"
    return None


def _place(a: Report, b: Report, places: dict[str, Place]) -> str | None:
    if a.place is None or b.place is None:
        return "place=unknown"
    if a.place == b.place:
        return "place=same"
    for inner, outer in ((a.place, b.place), (b.place, a.place)):
        if outer in places.get(inner, Place("Place")).parents:
            return None if places.get(outer, Place("Place")).kind == "Country" else "place=within"
    return None


def compare(a: Report, b: Report, places: dict[str, Place]) -> Match | None:
    """The match between two reports, or None when the rule says they are two incidents."""
    if a.event == b.event or (a.article == b.article and a.family == b.family):
        return None
    time, kind, place = _time(a, b), _type(a, b), _place(a, b, places)
    if time is None or kind is None or place is None:
        return None
    features = [kind, place, time]
    cross = a.family != b.family
    if a.actor and b.actor:
        if (a.actor == b.actor) == cross:  # same actor across sides, or two actors on one side
            return None
        if not cross:
            features.append("actor")
    if cross and place == "place=unknown":
        return None
    features += _details(a, b)
    if place == "place=unknown" and not {"target", "counts"} & set(features):
        return None  # with no place to compare, a concrete detail must agree
    return Match(tuple(features))


def compare_undated(a: Report, b: Report, places: dict[str, Place]) -> Match | None:
    """The match of a report without any date (``a.timeless``) with another report, by content only.

    Time is compared only through a day the text writes without a year ("le 4 septembre",
    :func:`kg.incidents.reports.written_day`): it must fall in the other report's window, or be the other's written day
    (``time=day-month``; the link still says the date was not known), else veto; without one,
    ``time=unknown`` (weight 0). Both places must be known, below the country level, and agree as
    :data:`RULES` ``undated_places`` says, and the caller asks for more than the threshold and for
    an agreeing target or figure (``undated_margin``, ``undated_needs``): without a date, only a
    clear match groups.
    """
    if a.event == b.event or (a.article == b.article and a.family == b.family):
        return None
    kind, place, time = _type(a, b), _place(a, b, places), _written_time(a, b)
    if kind is None or place not in RULES.undated_places or time is None:
        return None
    if "Country" in (places.get(a.place or "", Place("Place")).kind, places.get(b.place or "", Place("Place")).kind):
        return None  # a whole country's tally, undated, matches any other
    features = [kind, place, time]
    cross = a.family != b.family
    if a.actor and b.actor:
        if (a.actor == b.actor) == cross:
            return None
        if not cross:
            features.append("actor")
    return Match(tuple(features + _details(a, b)))


def _written_time(a: Report, b: Report) -> str | None:
    """The time feature of two reports, one at least without a date: the day one of them writes
    against the other's window or written day; None when they disagree."""
    if a.written is None or not a.timeless:
        a, b = b, a
    if a.written is None or not a.timeless:
        return "time=unknown"  # neither writes a day of its own
    if b.timeless:
        if b.written is None:
            return "time=unknown"
        return "time=day-month" if _same_day(a.written, b.written) else None
    day = b.begin
    while day <= b.end:
        if _same_day(a.written, (day.year, day.month, day.day)):
            return "time=day-month"
        day += dt.timedelta(days=1)
    return None


def _same_day(one: tuple[int | None, int, int], other: tuple[int | None, int, int]) -> bool:
    """Whether two written days can be one day: the same day and month, and the same year if both give one."""
    return one[1:] == other[1:] and None in (one[0], other[0]) or one == other


def _details(a: Report, b: Report) -> list[str]:
    """The concrete details two reports agree on: the weapon, a target, a figure."""
    return [name for name, same in (("weapon", bool(a.weapon) and a.weapon == b.weapon),
                                     ("target", bool(a.targets & b.targets)),
                                     ("counts", bool(a.counts & b.counts))) if same]


def event_types() -> tuple[str, ...]:
    """Every event type an incident can group: the ontology's subclasses of nkg:Event (cached there)."""
    return nkg_subclass_names(NKG.Event)


def compatible_types(reports: Sequence[Report]) -> set[str]:
    """Event types a report of these types could be matched with (the type rule above)."""
    types: set[str] = set()
    for r in reports:
        if r.type == "Interception":
            types |= {"Interception"} | INTERCEPTABLE
        elif r.type == "Attack":
            types |= set(event_types())
        else:
            types |= {r.type, "Attack"} | ({"Interception"} if r.type in INTERCEPTABLE else set())
    return types
