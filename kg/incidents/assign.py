"""Which incident each report joins: its best match among the reports before it, one link per report.

The rule (pure: the same reports give the same memberships, whatever order they were stored in):

- **Dated reports** (a window from the text or the publication day) are taken in a fixed order,
  by the end of their window, then its beginning, then IRI. Each is compared
  (:func:`kg.incidents.matching.compare`) with the reports before it whose window overlaps its own
  and whose place could agree (looked up by place, target word and figure, not pair by pair). It
  joins the incident of the best match reaching the threshold (highest score, then the latest
  window, then IRI), provided the incident's first report ended at most ``span_days`` before it
  (``span_days_dated`` for a window read from the text: two nights in a row share a day but are
  two strikes; :data:`kg.incidents.matching.RULES`); otherwise it starts an incident of its own. One link per
  report: cost and storage grow with the reports, not with their pairs, and a bounded span keeps
  daily strikes on one city apart.
- **Reports without any date** come after. They are compared by content
  (:func:`kg.incidents.matching.compare_undated`) with one another and with the dated reports whose
  place agrees; a clear match scores at least the threshold plus ``undated_margin`` with an
  agreeing target or figure. Undated reports joined by clear matches are one group, which joins
  the incident of its best clear match with a dated report, or starts its own; their links say
  the date was unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.incidents.matching import (
    MAX_WINDOW,
    RULES,
    Match,
    Place,
    Report,
    compare,
    compare_undated,
)
from kg.rdf.iris import digest
from kg.rdf.vocab import ID_BASE


@dataclass(frozen=True)
class Membership:
    """One report's place in an incident: the incident, and the earlier report it joined through."""

    event: str
    incident: str
    match: str | None = None  # None: the incident's first report
    why: Match | None = None
    dated: bool = True


@dataclass(frozen=True)
class Fixed:
    """A stored report that keeps its incident during an update (it comes before what changed)."""

    report: Report
    incident: str
    anchor: dt.date | None  # the end of the incident's first report's window (None: undated first)


def incident_of(event: str) -> str:
    """An incident's IRI: a hash of its first report's IRI."""
    return f"{ID_BASE}incident/{digest(event)}"


def order(r: Report) -> tuple[dt.date, dt.date, str]:
    """The order dated reports are grouped in: by the end of the window, its beginning, its IRI."""
    return (r.end, r.begin, r.event)


class _Index:
    """Reports by place (and the places they lie in), by target word and by figure: the reports a
    new one could match, without comparing it with every report of its days."""

    def __init__(self, places: dict[str, Place]) -> None:
        self.places = places
        self.at: dict[str | None, list[Report]] = {}
        self.within: dict[str, list[Report]] = {}
        self.by_detail: dict[object, list[Report]] = {}

    def add(self, r: Report) -> None:
        self.at.setdefault(r.place, []).append(r)
        if r.place is not None:
            for parent in self.places.get(r.place, Place("Place")).parents:
                self.within.setdefault(parent, []).append(r)
        for detail in (*r.targets, *r.counts):
            self.by_detail.setdefault(detail, []).append(r)

    def near(self, r: Report) -> Iterable[Report]:
        """Reports whose place could agree with ``r``'s (same, one inside the other, or unknown
        with a shared target word or figure); each at most once."""
        found: dict[str, Report] = {}
        details = [c for d in (*r.targets, *r.counts) for c in self.by_detail.get(d, ())]
        if r.place is None:
            found.update((c.event, c) for c in details)
        else:
            place = self.places.get(r.place, Place("Place"))
            found.update((c.event, c) for c in self.at.get(r.place, ()))
            if place.kind != "Country":
                found.update((c.event, c) for c in self.within.get(r.place, ()))
            for parent in place.parents:
                if self.places.get(parent, Place("Place")).kind != "Country":
                    found.update((c.event, c) for c in self.at.get(parent, ()))
            found.update((c.event, c) for c in details if c.place is None)
        return found.values()

    def drop_before(self, day: dt.date) -> None:
        """Forget the reports whose window ended before ``day``: no later report can overlap them."""
        for table in (self.at, self.within, self.by_detail):
            for key in list(table):
                kept = [c for c in table[key] if c.end >= day]
                if kept:
                    table[key] = kept
                else:
                    del table[key]


def assign_dated(reports: Sequence[Report], fixed: Sequence[Fixed], places: dict[str, Place],
                 threshold: float) -> dict[str, Membership]:
    """Memberships of the dated ``reports``, given the stored reports before them (``fixed``)."""
    index = _Index(places)
    incident: dict[str, str] = {}
    anchor: dict[str, dt.date] = {}
    for f in sorted(fixed, key=lambda f: order(f.report)):
        index.add(f.report)
        incident[f.report.event] = f.incident
        if f.anchor is not None:
            anchor[f.incident] = f.anchor
    found: dict[str, Membership] = {}
    last_purge: dt.date | None = None
    for r in sorted(reports, key=order):
        if last_purge is None or r.end - last_purge > MAX_WINDOW:
            index.drop_before(r.end - MAX_WINDOW)
            last_purge = r.end
        best: tuple[float, tuple, Report, Match] | None = None
        for c in index.near(r):
            if order(c) >= order(r) or c.end < r.begin:
                continue
            home = incident[c.event]
            if home not in anchor or r.end - anchor[home] > RULES.lag(r):
                continue  # an incident's span is bounded
            match = compare(r, c, places)
            if match is None or match.score < threshold:
                continue
            rank = (match.score, order(c))
            if best is None or rank > best[:2]:
                best = (match.score, order(c), c, match)
        if best is None:
            home = incident_of(r.event)
            anchor[home] = r.end
            found[r.event] = Membership(r.event, home)
        else:
            home = incident[best[2].event]
            found[r.event] = Membership(r.event, home, best[2].event, best[3])
        incident[r.event] = home
        index.add(r)
    return found


def _clear(r: Report, c: Report, places: dict[str, Place], threshold: float) -> Match | None:
    """The match of a report without a date with another, if clear enough to group them."""
    match = compare_undated(r, c, places)
    if (match is None or match.score < threshold + RULES.undated_margin
            or not RULES.undated_needs & set(match.features)):
        return None
    return match


def assign_undated(reports: Sequence[Report], pool: Sequence[tuple[Report, str]],
                   places: dict[str, Place], threshold: float) -> dict[str, Membership]:
    """Memberships of reports without any date, by content, given ``pool``: (report, incident) of
    the dated reports that could match them.

    Undated reports that clearly match one another form a group (connected by clear matches); the
    group joins the incident of the best clear match of one of its members with a dated report,
    else starts its own. Each member's link is its neighbour on the way from that member.
    """
    dated = _Index(places)
    incident: dict[str, str] = {}
    for report, home in pool:
        dated.add(report)
        incident[report.event] = home
    undated = _Index(places)
    by_event = {r.event: r for r in reports}
    for r in by_event.values():
        undated.add(r)
    edges: dict[str, list[tuple[float, str, Match]]] = {e: [] for e in by_event}
    for r in sorted(by_event.values(), key=lambda r: r.event):
        for c in undated.near(r):
            if c.event > r.event and (match := _clear(r, c, places, threshold)) is not None:
                edges[r.event].append((match.score, c.event, match))
                edges[c.event].append((match.score, r.event, match))
    found: dict[str, Membership] = {}
    for first in sorted(by_event):
        if first in found:
            continue
        group, todo = {first}, [first]
        while todo:
            for _, other, _ in edges[todo.pop()]:
                if other not in group:
                    group.add(other)
                    todo.append(other)
        best: tuple[float, tuple, str, Report, Match] | None = None
        for event in sorted(group):
            for c in dated.near(by_event[event]):
                match = _clear(by_event[event], c, places, threshold)
                if match is not None and (best is None or (match.score, order(c)) > best[:2]):
                    best = (match.score, order(c), event, c, match)
        if best is None:
            root, home = first, incident_of(first)
            found[root] = Membership(root, home, dated=False)
        else:
            root, home = best[2], incident[best[3].event]
            found[root] = Membership(root, home, best[3].event, best[4], dated=False)
        todo = [root]
        while todo:  # each member's link: the member it was reached from, best match first
            here = todo.pop(0)
            for score, other, match in sorted(edges[here], key=lambda e: (-e[0], e[1])):
                if other not in found:
                    found[other] = Membership(other, home, here, match, dated=False)
                    todo.append(other)
    return found
