"""Incidents: reported events of different articles grouped when they tell of one happening, kept in their own graph.

Events are compared pairwise by :mod:`kg.incidents.matching`; two events whose score reaches the threshold
are linked (an ``nkg:IncidentLink`` stores the features and the score), and an incident is a
connected group of links (single link). Everything lives in ``id:graph/incidents``: incidents,
links and each event's ``nkg:incident``; article graphs are never touched.

Updates are incremental and exact: the events of new, changed or removed articles are taken out
of their incidents, the remaining members of those incidents are re-grouped among themselves
(a removed bridge splits an incident), and the articles' current events are compared with the
candidates :mod:`kg.incidents.reports` finds around their days, of compatible types only. Because every
link above the threshold is found whichever article came first, an incremental update and a full
rebuild give the same graph; an incident's IRI is a hash of its earliest member's IRI.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.incidents.matching import (
    DEFAULT_THRESHOLD,
    Match,
    Place,
    Report,
    compare,
    compatible_types,
)
from kg.incidents.reports import (
    fetch_candidates,
    fetch_places,
    fetch_reports,
    iri_list,
    overlapping,
)
from kg.rdf.iris import digest
from kg.rdf.vocab import ID_BASE, INCIDENT_GRAPH, NKG, RDF, RDFS, XSD
from kg.store import queries
from kg.store.local import Store

SIDE_STATUSES = {"ClaimedByActor", "ClaimedByTarget", "ThirdPartyReport"}


@dataclass(frozen=True)
class UpdateSummary:
    """What an incident update did; the CLI prints it."""

    incidents: int  # incidents written (new or rewritten)
    removed: int  # incidents deleted
    links: int  # links written
    threshold: float


class _Groups:
    """Union-find over event IRIs."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for x in self.parent:
            found.setdefault(self.find(x), []).append(x)
        return list(found.values())


def link_iri(a: str, b: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}incident-link/{digest(' '.join(sorted((a, b))))}")


def incident_iri(members: Sequence[Report]) -> NamedNode:
    """The incident's IRI: a hash of its earliest member's IRI (by window, then IRI)."""
    earliest = min(members, key=lambda r: (r.begin, r.end, r.event))
    return NamedNode(f"{ID_BASE}incident/{digest(earliest.event)}")


def incident_statuses(members: Sequence[Report]) -> set[str]:
    """An incident's statuses across its reports.

    The incident's acting side is the attackers'; an interception's own acting side is the
    targeted side of the incident, so its ClaimedByActor counts as ClaimedByTarget here.
    """
    statuses: set[str] = set()
    for r in members:
        for status in r.statuses:
            if r.family == "interception" and status == "ClaimedByActor":
                status = "ClaimedByTarget"
            statuses.add(status)
    statuses.discard("ConfirmedByBothSides")
    if {"ClaimedByActor", "ClaimedByTarget"} <= statuses:
        statuses.add("ConfirmedByBothSides")
    return statuses


def _quads(groups: list[list[Report]], links: dict[tuple[str, str], Match],
           threshold: float) -> list[Quad]:
    g = INCIDENT_GRAPH
    quads: list[Quad] = []
    for members in groups:
        incident = incident_iri(members)
        earliest = min(members, key=lambda r: (r.begin, r.end, r.event))
        articles = len({r.article for r in members})
        quads += [Quad(incident, RDF.type, NKG.Incident, g),
                  Quad(incident, RDFS.label, Literal(
                      f"{earliest.label} ({articles} article{'s' * (articles > 1)})", language="en"), g),
                  Quad(incident, NKG.threshold, Literal(f"{threshold:.1f}", datatype=XSD.decimal), g)]
        quads += [Quad(incident, NKG.epistemicStatus, NKG[s], g)
                  for s in sorted(incident_statuses(members))]
        quads += [Quad(NamedNode(r.event), NKG.incident, incident, g) for r in members]
    for (a, b), match in sorted(links.items()):
        link = link_iri(a, b)
        quads += [Quad(link, RDF.type, NKG.IncidentLink, g),
                  Quad(link, NKG.linkedEvent, NamedNode(a), g),
                  Quad(link, NKG.linkedEvent, NamedNode(b), g),
                  Quad(link, NKG.score, Literal(f"{match.score:.1f}", datatype=XSD.decimal), g)]
        quads += [Quad(link, NKG.matchedFeature, Literal(f), g) for f in match.described()]
    return quads


def _link_all(reports: Sequence[Report], others: Sequence[Report], places: dict[str, Place],
              threshold: float) -> dict[tuple[str, str], Match]:
    """Every pair (one of ``reports``, one of ``others``) whose score reaches the threshold."""
    found: dict[tuple[str, str], Match] = {}
    for a, b in overlapping(reports, others):
        key = tuple(sorted((a.event, b.event)))
        if key in found or a.event == b.event:
            continue
        match = compare(a, b, places)
        if match is not None and match.score >= threshold:
            found[key] = match  # type: ignore[index]
    return found


def stored_threshold(store: Store) -> float | None:
    for row in store.query(queries.load("incident-threshold.rq")):
        return float(row["t"].value)
    return None


def rebuild(store: Store, threshold: float = DEFAULT_THRESHOLD) -> UpdateSummary:
    """Group every event of the store from scratch and replace the incident graph."""
    reports = sorted(fetch_reports(store).values(), key=lambda r: (r.begin, r.event))
    places = fetch_places(store, reports)
    links: dict[tuple[str, str], Match] = {}
    for i, a in enumerate(reports):  # sorted by window start: stop once windows cannot overlap
        later = []
        for b in reports[i + 1:]:
            if b.begin > a.end:
                break
            later.append(b)
        links.update(_link_all([a], later, places, threshold))
    groups = _group(reports, links)
    quads = _quads(groups, links, threshold)
    before = _count_incidents(store)
    store.write_article(INCIDENT_GRAPH, quads)
    return UpdateSummary(len(groups), before, len(links), threshold)


def _group(reports: Sequence[Report], links: dict[tuple[str, str], Match],
           fixed: Iterable[Sequence[str]] = ()) -> list[list[Report]]:
    by_event = {r.event: r for r in reports}
    groups = _Groups()
    for r in reports:
        groups.find(r.event)
    for a, b in links:
        groups.union(a, b)
    for members in fixed:  # incidents left whole: their links are stored and still hold
        members = [e for e in members if e in by_event]
        for a, b in zip(members, members[1:]):
            groups.union(a, b)
    return [[by_event[e] for e in sorted(g)] for g in groups.groups()]


def _count_incidents(store: Store) -> int:
    rows = list(store.query(queries.load("incident-count.rq")))
    return int(rows[0]["n"].value) if rows else 0


def _members_of(store: Store, *, articles: Sequence[str] = (), incidents: Sequence[str] = ()
                ) -> dict[str, list[str]]:
    """Incident → member event IRIs, for incidents with a member in ``articles`` or named."""
    if articles:
        wanted = " ".join(str(Literal(a)) for a in sorted(set(articles)))
        # An event's article is its IRI before "/event/" (_article_of): joining that string with the
        # articles is one hash join over the memberships, where a STRSTARTS filter per article
        # compared every membership with every article.
        where = (f"GRAPH {INCIDENT_GRAPH} {{ ?x nkg:incident ?incident }} "
                 f'BIND(STRBEFORE(STR(?x), "/event/") AS ?a) VALUES ?a {{ {wanted} }}')
    else:
        where = f"VALUES ?incident {{ {iri_list(incidents)} }}"
    sparql = f"SELECT ?incident ?event WHERE {{ {where} GRAPH {INCIDENT_GRAPH} {{ ?event nkg:incident ?incident }} }}"
    found: dict[str, list[str]] = {}
    for row in store.query(sparql):
        found.setdefault(row["incident"].value, []).append(row["event"].value)
    return found


def pending_quad(article: NamedNode) -> Quad:
    """The mark a build writes with an article, in the same transaction: its events await grouping.

    The incident update that groups them removes it; a build killed in between leaves it, and the
    next build, which skips the article as unchanged, finds it with :func:`pending_articles`.
    """
    return Quad(article, NKG.incidentsPending, Literal(True), INCIDENT_GRAPH)


def pending_articles(store: Store) -> list[str]:
    """Articles written whose incidents were never updated (an index lookup, not a scan)."""
    return sorted(row["article"].value for row in store.query(queries.load("incidents-pending.rq")))


def update(store: Store, articles: Sequence[str], threshold: float | None = None, *,
           new_articles: Collection[str] = ()) -> UpdateSummary:
    """Bring the incidents up to date after ``articles`` (IRIs) were written, rewritten or removed.

    Those of them in ``new_articles`` were not stored before, so none of their events can be in
    an incident yet: looking up their old memberships (a scan of the incident graph) is skipped.
    A threshold different from the stored one regroups everything (:func:`rebuild`).
    """
    current = stored_threshold(store)
    if current is None or (threshold is not None and abs(threshold - current) > 1e-9):
        return rebuild(store, threshold if threshold is not None else DEFAULT_THRESHOLD)
    threshold = threshold if threshold is not None else (current or DEFAULT_THRESHOLD)
    dirty = set(articles)
    new = list(fetch_reports(store, articles=sorted(dirty)).values()) if dirty else []
    seen_before = sorted(dirty - set(new_articles))
    affected = _members_of(store, articles=seen_before) if seen_before else {}
    remaining_iris = {e for members in affected.values() for e in members if _article_of(e) not in dirty}
    remaining = list(fetch_reports(store, events=sorted(remaining_iris)).values()) if remaining_iris else []
    candidates: list[Report] = []
    if new:
        found = fetch_candidates(store, new, compatible_types(new))
        candidates = [r for r in found.values() if r.article not in dirty]
    places = fetch_places(store, [*new, *remaining, *candidates])
    links = _link_all(new, [*new, *candidates, *remaining], places, threshold)
    links.update(_link_all(remaining, remaining, places, threshold))
    linked = {event for pair in links for event in pair}
    touched = {c.incident for c in candidates if c.incident and c.incident not in affected and c.event in linked}
    kept = _members_of(store, incidents=sorted(touched)) if touched else {}
    kept_events = sorted({e for m in kept.values() for e in m})
    # The kept incidents' members are not compared again (their links are stored): only what
    # describes their incident is read.
    kept_reports = fetch_reports(store, events=kept_events, targets_and_figures=False) if kept_events else {}
    reports = {r.event: r for r in [*kept_reports.values(), *remaining, *new]}
    groups = _group(list(reports.values()), links, kept.values())
    gone = set(affected) | touched
    relinked = {e for members in affected.values() for e in members}
    _write(store, dirty, relinked, gone, _quads(groups, links, threshold))
    return UpdateSummary(len(groups), len(gone - {str(incident_iri(g).value) for g in groups}),
                         len(links), threshold)


def _article_of(event: str) -> str:
    """An event's article IRI: the event's IRI before "/event/" (kg.rdf.iris.local_iri)."""
    return event.split("/event/", 1)[0]


def _write(store: Store, dirty: set[str], relinked: set[str], gone: set[str], quads: list[Quad]) -> None:
    """One update request: drop the old incidents and every link of a re-compared event, insert anew.

    ``relinked`` holds every member of the incidents the dirty articles were in: their own old
    events (gone or rewritten) and the remaining members, whose links are all computed again.
    Both are found by index lookups on the events' IRIs, whatever the size of the graph.
    """
    g = INCIDENT_GRAPH
    parts = []
    if dirty:
        parts.append(f"DELETE {{ GRAPH {g} {{ ?a nkg:incidentsPending ?x }} }} WHERE {{ GRAPH {g} {{ "
                     f"VALUES ?a {{ {iri_list(dirty)} }} ?a nkg:incidentsPending ?x }} }}")
    if gone:
        parts.append(f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ VALUES ?s {{ {iri_list(gone)} }} ?s ?p ?o }} }}")
        parts.append(f"DELETE {{ GRAPH {g} {{ ?e nkg:incident ?i }} }} WHERE {{ GRAPH {g} {{ VALUES ?i {{ {iri_list(gone)} }} ?e nkg:incident ?i }} }}")
    if relinked:
        parts.append(f"DELETE {{ GRAPH {g} {{ ?l ?p ?o }} }} WHERE {{ GRAPH {g} {{ VALUES ?x {{ {iri_list(relinked)} }} "
                     "?l nkg:linkedEvent ?x . ?l ?p ?o } }")
    if quads:
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
    if parts:
        store.query(" ;\n".join(parts), allow_update=True)


@dataclass(frozen=True)
class Listed:
    """One incident as ``kg incidents`` shows it: its reports, most recent last."""

    incident: str
    label: str
    articles: int
    statuses: tuple[str, ...]
    reports: tuple[dict[str, str], ...]


def listing(store: Store) -> list[Listed]:
    """Every incident with its reports, most-reported first (queries/incidents.rq)."""
    found: dict[str, Listed] = {}
    for row in store.query(queries.load("incidents.rq")):
        values = {v: row[v].value for v in ("article", "source", "published", "event", "type", "place",
                                            "killed", "injured", "weaponCount", "eventStatuses")
                  if row[v] is not None}
        key = row["incident"].value
        if key not in found:
            found[key] = Listed(key, row["incidentLabel"].value if row["incidentLabel"] else "",
                                int(row["articles"].value),
                                tuple(sorted(row["statuses"].value.split())) if row["statuses"] else (), ())
        found[key] = Listed(**{**found[key].__dict__, "reports": (*found[key].reports, values)})
    return list(found.values())
