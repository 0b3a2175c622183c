"""Reported events read back from the store as :class:`kg.incidents.matching.Report`, with their places,
the stored reports whose time windows overlap a batch's or whose places agree, and the incidents'
anchors: what :mod:`kg.incidents.grouping` compares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import Literal, NamedNode

from kg.incidents.matching import MAX_WINDOW, Place, Report, event_types, target_words
from kg.rdf.vocab import INCIDENT_GRAPH, NKG, RDFS, XSD
from kg.store.local import Store

_DAY = dt.timedelta(days=1)

# One row per (event, feature): each event's own quads are read by one scan of its subject, and
# only those a report holds are kept. A row per event with an OPTIONAL per feature made Oxigraph
# look each one up, row after row: on a 2,000-article build, reading every event's report took
# 9.5 s that way and 7.1 s this way, a batch's 256 articles 1.41 s and 0.94 s.
_REPORTS = """
SELECT ?event ?article ?class ?p ?o WHERE {
  %(restrict)s
  GRAPH ?article { ?event nkg:eventType ?class }
  FILTER(?class IN (%(classes)s))
  ?event ?p ?o
  FILTER(?p IN (rdfs:label, nkg:beginDate, nkg:endDate, nkg:date, nkg:actor, nkg:place, nkg:weapon,
                nkg:incident, nkg:epistemicStatus, nkg:timeExpression))
}"""
# A republished copy (nkg:copyOf) tells of its original's day: its events without a time of their own
# take the original's publication day, not the day the copy was published.
_PUBLISHED = """SELECT ?article ?pub WHERE { VALUES ?article { %s }
  OPTIONAL { ?article nkg:copyOf/schema:datePublished ?first } OPTIONAL { ?article schema:datePublished ?own }
  BIND(COALESCE(?first, ?own) AS ?pub) FILTER(BOUND(?pub)) }"""
#: The feature each predicate of _REPORTS fills (the statuses are a set, the rest single values).
_FEATURE = {NKG.beginDate.value: "b", NKG.endDate.value: "e", NKG.date.value: "d",
            NKG.actor.value: "actor", NKG.place.value: "place", NKG.weapon.value: "weapon",
            NKG.incident.value: "incident", RDFS.label.value: "label", NKG.timeExpression.value: "expression"}
_DATES = {"b", "e", "d"}
# (A VALUES block joined after a pattern, or outside a UNION, is not pushed into it by Oxigraph:
# these shapes were measured 10 to 100 times faster than the alternatives on a 3,000-article store.)
_FEATURES = (
    "SELECT ?event ?target ?targetLabel WHERE { VALUES ?event { %s } ?event nkg:target ?target "
    "OPTIONAL { ?target rdfs:label ?targetLabel } }",
    "SELECT ?event ?quantity ?value WHERE { VALUES ?event { %s } ?event nkg:figure [ nkg:quantity ?quantity ; nkg:value ?value ] }",
)
# Candidates by day, through the store's (predicate, object) index rather than a scan of every
# event: a dated event by its nkg:date (the end of its window), an undated one by its article's
# publication day (its window is that day and the one before).
_CANDIDATES = """
SELECT DISTINCT ?event WHERE {
  { VALUES ?day { %(dated)s } ?event nkg:date ?day }
  UNION
  { VALUES ?pub { %(published)s } ?article schema:datePublished ?pub .
    GRAPH ?article { ?event nkg:eventType ?class } FILTER(?class IN (%(classes)s)) }
}"""
_PLACES = """
SELECT ?place ?class ?parent WHERE {
  VALUES ?place { %s }
  OPTIONAL { ?place a ?class FILTER(?class IN (nkg:Country, nkg:Region, nkg:City)) }
  OPTIONAL { ?place nkg:locatedIn ?parent }
}"""


def iri_list(values: Iterable[str]) -> str:
    return " ".join(str(NamedNode(v)) for v in sorted(set(values)))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def fetch_reports(store: Store, *, articles: Sequence[str] = (), events: Sequence[str] = (),
                  types: Iterable[str] | None = None, targets_and_figures: bool = True) -> dict[str, Report]:
    """The reports of some articles, some events, or (neither given) every event of the store, of
    ``types`` (default: every event type).

    With ``targets_and_figures`` False those two features, which only comparing reports needs,
    are left empty and the two queries that read them are not run: enough to describe an
    incident (window, label, statuses, articles).
    """
    restrict = ""
    if articles:
        restrict = f"VALUES ?article {{ {iri_list(articles)} }}"
    elif events:
        restrict = f"VALUES ?event {{ {iri_list(events)} }}"
    sparql = _REPORTS % {"restrict": restrict, "classes": _classes(event_types() if types is None else types)}
    status = NKG.epistemicStatus.value
    rows: dict[str, dict] = {}
    for event, article, kind, predicate, value in store.query(sparql):
        row = rows.get(event.value)
        if row is None:
            row = rows[event.value] = {
                "event": event.value, "article": article.value, "type": kind.value.rsplit("#", 1)[-1],
                "actor": None, "place": None, "weapon": None, "label": None, "incident": None,
                "b": None, "e": None, "d": None, "pub": None, "expression": None,
                "targets": set(), "counts": set(), "statuses": set()}
        if predicate.value == status:
            row["statuses"].add(value.value.rsplit("#", 1)[-1])
        else:
            feature = _FEATURE[predicate.value]
            if row[feature] is None:
                row[feature] = _date(value.value) if feature in _DATES else value.value
    rows = {event: row for event, row in rows.items() if row["label"] is not None}
    if not rows:
        return {}
    published: dict[str, str] = {}
    for article, pub in store.query(_PUBLISHED % iri_list({r["article"] for r in rows.values()})):
        published.setdefault(article.value, pub.value)
    for row in rows.values():
        row["pub"] = _date(published.get(row["article"]))
    targets, figures = (store.query(q % iri_list(rows)) for q in _FEATURES) if targets_and_figures else ((), ())
    for row in targets:
        label = row["targetLabel"]
        rows[row["event"].value]["targets"] |= target_words(label.value) if label else {row["target"].value}
    for row in figures:
        rows[row["event"].value]["counts"].add((row["quantity"].value, int(row["value"].value)))
    return {key: _report(r) for key, r in rows.items()}


def fetch_candidates(store: Store, reports: Sequence[Report], types: Iterable[str]) -> dict[str, Report]:
    """The stored reports of compatible types whose window overlaps the window of one of ``reports``.

    A dated candidate ends within [begin, end + MAX_WINDOW] of a report's window, an undated one
    was published within [begin, end + 1 day]; only those days are looked up, so the cost follows
    how many events were reported around those days, not the size of the store.
    """
    if not reports:
        return {}
    dated: set[dt.date] = set()
    published: set[dt.date] = set()
    for r in reports:
        dated.update(_days(r.begin, r.end + MAX_WINDOW))
        published.update(_days(r.begin, r.end + _DAY))
    days = lambda values: " ".join(str(Literal(d.isoformat(), datatype=XSD.date)) for d in sorted(values))  # noqa: E731
    sparql = _CANDIDATES % {"dated": days(dated), "published": days(published), "classes": _classes(types)}
    found = sorted(row["event"].value for row in store.query(sparql))
    if not found:
        return {}
    candidates = fetch_reports(store, events=found, types=types)
    return {key: c for key, c in candidates.items() if not c.timeless and overlapping([c], reports)}


def _classes(types: Iterable[str]) -> str:
    return ", ".join(str(NKG[t]) for t in sorted(set(types)))


def _days(begin: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = begin
    while day <= end:
        yield day
        day += _DAY


def overlapping(reports: Sequence[Report], others: Sequence[Report]) -> Iterator[tuple[Report, Report]]:
    """The pairs (one of ``reports``, one of ``others``) whose windows overlap, found by day
    buckets instead of comparing every pair: a batch is compared with what was reported around
    its days only."""
    by_day: dict[dt.date, list[Report]] = {}
    for b in others:
        for day in _days(b.begin, b.end):
            by_day.setdefault(day, []).append(b)
    for a in reports:
        seen: set[str] = set()
        for day in _days(a.begin, a.end):
            for b in by_day.get(day, ()):
                if b.event not in seen:
                    seen.add(b.event)
                    yield a, b


def _window(r: dict) -> tuple[dt.date, dt.date, bool] | None:
    begin, end = r["b"] or r["d"] or r["e"], r["e"] or r["d"] or r["b"]
    if begin and end:
        return begin, end, True
    if r["pub"]:  # no time in the text: the day it was published, or the night before
        return r["pub"] - _DAY, r["pub"], False
    return None


def _report(r: dict) -> Report:
    window = _window(r)
    begin, end, dated = window or (dt.date.min, dt.date.min, False)
    return Report(
        event=r["event"], article=r["article"], type=r["type"], begin=begin, end=end, dated=dated,
        timeless=window is None,
        actor=r["actor"], place=r["place"], weapon=r["weapon"], targets=frozenset(r["targets"]),
        counts=frozenset(r["counts"]), statuses=frozenset(r["statuses"]), label=r["label"] or "",
        incident=r["incident"], written=written_day(r["expression"]) if window is None and r["expression"] else None)


def written_day(expression: str) -> tuple[int | None, int, int] | None:
    """The (year or None, month, day) a time expression writes, read by the time rules' date
    patterns (kg/data/rules/time.json), when the extractor could not resolve it: its article has
    no date to tell the year from.

    >>> written_day("A l'aube du 4 septembre"), written_day("le 1er mars 2024"), written_day("hier")
    ((None, 9, 4), (2024, 3, 1), None)
    """
    from kg.extract.lexicon import fold, lexicon
    from kg.extract.time import _patterns  # the compiled rules, one copy

    months = lexicon().time["months"]
    for pattern, how in _patterns():
        found = pattern.search(fold(expression)) if how == "date" else None
        if found is not None:
            year, month, number = found.group("year"), found.group("month"), found.group("num")
            return (int(year) if year else None, months.index(month) + 1, 1 if number == "1er" else int(number))
    return None


def fetch_places(store: Store, reports: Iterable[Report]) -> dict[str, Place]:
    """Kind and enclosing places (the stored nkg:locatedIn closure) of the reports' places."""
    return fetch_place_set(store, {r.place for r in reports if r.place})


def fetch_place_set(store: Store, wanted: set[str]) -> dict[str, Place]:
    """Kind and enclosing places of the places ``wanted`` (IRIs)."""
    if not wanted:
        return {}
    kinds: dict[str, str] = {}
    parents: dict[str, set[str]] = {p: set() for p in wanted}
    for row in store.query(_PLACES % iri_list(wanted)):
        place = row["place"].value
        if row["class"] is not None:
            kinds[place] = row["class"].value.rsplit("#", 1)[-1]
        if row["parent"] is not None:
            parents[place].add(row["parent"].value)
    return {p: Place(kinds.get(p, "Place"), frozenset(parents[p])) for p in wanted}


def fetch_anchors(store: Store, incidents: Iterable[str]) -> dict[str, dt.date | None]:
    """Each incident's anchor (the end of its first report's window), None for an undated first report."""
    wanted = sorted(set(incidents))
    found: dict[str, dt.date | None] = dict.fromkeys(wanted)
    if wanted:
        sparql = (f"SELECT ?i ?a WHERE {{ VALUES ?i {{ {iri_list(wanted)} }} "
                  f"GRAPH {INCIDENT_GRAPH} {{ ?i nkg:anchorDate ?a }} }}")
        for row in store.query(sparql):
            found[row["i"].value] = _date(row["a"].value)
    return found


def incidents_since(store: Store, day: dt.date) -> dict[str, dt.date]:
    """Incidents whose anchor is ``day`` or later: they hold every report whose window ends after
    ``day`` plus the span (a scan of the anchors, one per incident)."""
    sparql = (f"SELECT ?i ?a WHERE {{ GRAPH {INCIDENT_GRAPH} {{ ?i nkg:anchorDate ?a }} "
              f"FILTER(?a >= {Literal(day.isoformat(), datatype=XSD.date)}) }}")
    return {row["i"].value: _date(row["a"].value) for row in store.query(sparql)}  # type: ignore[misc]


def events_at(store: Store, places: Iterable[str], within: Iterable[str], *, undated_only: bool = False) -> list[str]:
    """Events whose place is one of ``places`` or lies in one of ``within``; with ``undated_only``,
    only those with no date at all (none in the text, the article or its original), so that the
    reports read are those of undated events only."""
    at, inside = sorted(set(places)), sorted(set(within))
    parts = []
    if at:
        parts.append(f"{{ VALUES ?place {{ {iri_list(at)} }} ?event nkg:place ?place }}")
    if inside:
        parts.append(f"{{ VALUES ?outer {{ {iri_list(inside)} }} ?place nkg:locatedIn ?outer . ?event nkg:place ?place }}")
    if not parts:
        return []
    found = sorted({row["event"].value for row in store.query(f"SELECT DISTINCT ?event WHERE {{ {' UNION '.join(parts)} }}")})
    return _undated(store, found) if undated_only else found


# The events of a list that have a date of their own, then the rest whose article (or its original)
# has one. Asked of a list, not as FILTER NOT EXISTS after the places' pattern, which Oxigraph
# evaluated event by event: 0.5 s on 1,000 events at 33 places, 0.06 s so.
_DATED = "SELECT DISTINCT ?event WHERE { VALUES ?event { %s } ?event nkg:date|nkg:beginDate|nkg:endDate ?day }"
_PUBLISHED_EVENTS = """SELECT DISTINCT ?event WHERE { VALUES ?event { %s } GRAPH ?article { ?event nkg:eventType ?type }
  ?article schema:datePublished|(nkg:copyOf/schema:datePublished) ?published }"""


def _undated(store: Store, events: list[str]) -> list[str]:
    for sparql in (_DATED, _PUBLISHED_EVENTS):
        if not events:
            break
        dated = {row["event"].value for row in store.query(sparql % iri_list(events))}
        events = [e for e in events if e not in dated]
    return events
