"""Incidents: reported events of different articles grouped when they tell of one happening, kept in their own graph.

Which incident each report joins is the rule of :mod:`kg.incidents.assign`: its best match among
the reports before it (one ``nkg:IncidentLink`` per report, with the features and the score), in
an incident whose span is bounded. Everything lives in ``id:graph/incidents``: incidents, links
and each event's ``nkg:incident``; article graphs are never touched.

Updates are incremental and exact. The dated reports are grouped in a fixed order (by the end of
their window), so an update regroups only the reports from the earliest day it changes onwards
(for a news feed, the last days): the new ones, the stored ones whose window ends on or after that
day (all in the incidents anchored since that day minus the span), compared with the stored
reports before them, which keep their incidents. Reports without any date are regrouped when a
report at their place changed or their incident did. An incremental update and a full rebuild
give the same graph; an incident's IRI is a hash of its first report's IRI.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from pyoxigraph import Literal, NamedNode, Quad

from kg.incidents.assign import Fixed, Membership, assign_dated, assign_undated, incident_of
from kg.incidents.matching import DEFAULT_THRESHOLD, RULES, Place, Report, compatible_types
from kg.incidents.reports import (
    events_at,
    fetch_anchors,
    fetch_candidates,
    fetch_place_set,
    fetch_places,
    fetch_reports,
    incidents_since,
    iri_list,
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
    articles: int = 0  # with update_pending: the articles whose marks it found and grouped


def link_iri(a: str, b: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}incident-link/{digest(' '.join(sorted((a, b))))}")


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


def _describe(incident: str, members: Sequence[Report], threshold: float) -> list[Quad]:
    """An incident's own quads and its members' nkg:incident: label, threshold, anchor, statuses."""
    g, node = INCIDENT_GRAPH, NamedNode(incident)
    first = next((r for r in members if incident_of(r.event) == incident),
                 min(members, key=lambda r: (r.timeless, r.end, r.begin, r.event)))
    articles = len({r.article for r in members})
    quads = [Quad(node, RDF.type, NKG.Incident, g),
             Quad(node, RDFS.label, Literal(
                 f"{first.label} ({articles} article{'s' * (articles > 1)})", language="en"), g),
             Quad(node, NKG.threshold, Literal(f"{threshold:.1f}", datatype=XSD.decimal), g)]
    if not first.timeless:
        quads.append(Quad(node, NKG.anchorDate, Literal(first.end.isoformat(), datatype=XSD.date), g))
    quads += [Quad(node, NKG.epistemicStatus, NKG[s], g) for s in sorted(incident_statuses(members))]
    quads += [Quad(NamedNode(r.event), NKG.incident, node, g) for r in members]
    return quads


def _link(m: Membership) -> list[Quad]:
    """The one link that explains a membership: the report, its best match, features and score."""
    if m.match is None or m.why is None:
        return []
    g, link = INCIDENT_GRAPH, link_iri(m.event, m.match)
    quads = [Quad(link, RDF.type, NKG.IncidentLink, g),
             Quad(link, NKG.linkedEvent, NamedNode(m.event), g),
             Quad(link, NKG.linkedEvent, NamedNode(m.match), g),
             Quad(link, NKG.member, NamedNode(m.event), g),
             Quad(link, NKG.score, Literal(f"{m.why.score:.1f}", datatype=XSD.decimal), g)]
    quads += [Quad(link, NKG.matchedFeature, Literal(f), g) for f in m.why.described()]
    if not m.dated:
        quads.append(Quad(link, NKG.dateKnown, Literal(False), g))
    return quads


def _quads(incidents: dict[str, list[Report]], memberships: Iterable[Membership], threshold: float) -> list[Quad]:
    quads: list[Quad] = []
    for incident in sorted(incidents):
        quads += _describe(incident, incidents[incident], threshold)
    for m in sorted(memberships, key=lambda m: m.event):
        quads += _link(m)
    return quads


def stored_threshold(store: Store) -> float | None:
    for row in store.query(queries.load("incident-threshold.rq")):
        return float(row["t"].value)
    return None


def rebuild(store: Store, threshold: float = DEFAULT_THRESHOLD, *,
            should_stop: Callable[[], bool] = lambda: False) -> UpdateSummary | None:
    """Group every event of the store from scratch and replace the incident graph (None, and
    nothing changed, if ``should_stop`` answered True before the graph was written)."""
    reports = fetch_reports(store)
    if should_stop():
        return None
    places = fetch_places(store, reports.values())
    memberships = _assign(list(reports.values()), [], [], places, threshold)
    if should_stop():
        return None
    incidents: dict[str, list[Report]] = {}
    for m in memberships.values():
        incidents.setdefault(m.incident, []).append(reports[m.event])
    before = _count_incidents(store)
    store.write_article(INCIDENT_GRAPH, _quads(incidents, memberships.values(), threshold))
    links = sum(m.match is not None for m in memberships.values())
    return UpdateSummary(len(incidents), before, links, threshold)


def _assign(reports: Sequence[Report], fixed: Sequence[Fixed], pool: Sequence[tuple[Report, str]],
            places: dict[str, Place], threshold: float) -> dict[str, Membership]:
    """Dated reports first, then those without a date against the dated ones (new and ``pool``)."""
    dated = [r for r in reports if not r.timeless]
    found = assign_dated(dated, fixed, places, threshold)
    grouped = [(r, found[r.event].incident) for r in dated]
    found.update(assign_undated([r for r in reports if r.timeless], [*grouped, *pool], places, threshold))
    return found


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


def update_pending(store: Store, threshold: float | None = None) -> UpdateSummary:
    """Group every article written with its ``nkg:incidentsPending`` mark still on: what the shards
    of a sharded build (kg.shards) left to group, or what a killed build did not group.

    One update over them all gives the incidents one build would have (updates are exact, in
    any order); it must not run beside another update, nor while shards still write.
    """
    articles = pending_articles(store)
    done = update(store, articles, threshold)
    assert done is not None  # (only a should_stop answering True stops an update)
    return replace(done, articles=len(articles))


def update(store: Store, articles: Sequence[str], threshold: float | None = None, *,
           new_articles: Collection[str] = (),
           should_stop: Callable[[], bool] = lambda: False) -> UpdateSummary | None:
    """Bring the incidents up to date after ``articles`` (IRIs) were written, rewritten or removed.

    Those of them in ``new_articles`` were not stored before, so none of their events can be in
    an incident yet: looking up their old memberships (a scan of the incident graph) is skipped.
    A threshold different from the stored one regroups everything (:func:`rebuild`).

    ``should_stop`` is asked between the update's steps; when it answers True the update returns
    None at once, having changed nothing: ``articles`` keep their ``nkg:incidentsPending`` marks,
    and a later update (:func:`update_pending`) groups them as this one would have.
    """
    current = stored_threshold(store)
    if current is None or (threshold is not None and abs(threshold - current) > 1e-9):
        return rebuild(store, threshold if threshold is not None else DEFAULT_THRESHOLD, should_stop=should_stop)
    threshold = threshold if threshold is not None else current
    dirty = set(articles)
    new = fetch_reports(store, articles=sorted(dirty)) if dirty else {}
    if should_stop():
        return None
    seen_before = sorted(dirty - set(new_articles))
    stored = _members_of(store, articles=seen_before) if seen_before else {}
    removed = {e for members in stored.values() for e in members if _article_of(e) in dirty}
    # The earliest window end this update changes: of the new reports, and of the incidents the
    # old events leave (an incident's anchor is its earliest end). Every report ending on or after
    # it is regrouped; they all lie in the incidents anchored since that day minus the span.
    ends = [r.end for r in new.values() if not r.timeless]
    ends += [a for a in fetch_anchors(store, stored).values() if a is not None]
    start = min(ends) if ends else None
    touched = set(stored) | (set(incidents_since(store, start - RULES.span)) if start else set())
    stored.update(_members_of(store, incidents=sorted(touched - set(stored))) if touched - set(stored) else {})
    known = _fetch(store, {e for i in touched for e in stored[i]}, dirty)
    regroup = {k: r for k, r in known.items() if not r.timeless and start is not None and r.end >= start}
    regroup.update({k: r for k, r in new.items() if not r.timeless})
    fixed_reports = {k: r for k, r in known.items() if not r.timeless and k not in regroup}
    if regroup:
        found = fetch_candidates(store, list(regroup.values()), compatible_types(list(regroup.values())))
        fixed_reports.update({k: c for k, c in found.items() if k not in regroup and _article_of(k) not in dirty})
    anchors = fetch_anchors(store, {r.incident for r in fixed_reports.values() if r.incident})
    fixed = [Fixed(r, r.incident, anchors.get(r.incident)) for r in fixed_reports.values() if r.incident]
    # Reports without a date: the new ones, those of the incidents touched, and those whose place
    # agrees with a report that changed; and every undated member of an incident one of them leaves.
    undated = {k: r for k, r in [*known.items(), *new.items()] if r.timeless}
    frontier = [*regroup.values(), *undated.values()]
    if should_stop():
        return None
    while frontier:  # every undated report a changed one could reach through places and incidents
        nearby = _near(store, frontier, dirty, undated_only=True)
        added = {k: r for k, r in nearby.items() if r.timeless and k not in undated}
        more = {r.incident for r in [*added.values(), *undated.values()] if r.incident} - touched
        if more:
            touched |= more
            stored.update(_members_of(store, incidents=sorted(more)))
            members = _fetch(store, {e for i in more for e in stored[i]} - set(known), dirty)
            known.update(members)
            added.update({k: r for k, r in members.items() if r.timeless and k not in undated})
        undated.update(added)
        frontier = list(added.values())
    # the dated reports the undated ones could match (every one at their places: undated reports are few)
    pool = {k: r for k, r in _near(store, undated.values(), dirty).items()
            if not r.timeless and k not in regroup and r.incident}
    reports = {**known, **fixed_reports, **pool, **regroup, **undated}
    places = fetch_places(store, reports.values())
    if should_stop():
        return None
    memberships = _assign([*regroup.values(), *undated.values()], fixed,
                          [(r, r.incident) for r in pool.values() if r.incident], places, threshold)
    touched |= {m.incident for m in memberships.values()}
    if touched - set(stored):
        stored.update(_members_of(store, incidents=sorted(touched - set(stored))))
    keep = {e for i in touched for e in stored.get(i, ()) if e not in memberships and _article_of(e) not in dirty}
    reports.update(_fetch(store, keep - set(reports), dirty, targets_and_figures=False))
    incidents: dict[str, list[Report]] = {}
    for i in touched:
        members = [reports[e] for e in stored.get(i, ()) if e in keep and e in reports]
        if members:
            incidents[i] = members
    for m in memberships.values():
        incidents.setdefault(m.incident, []).append(reports[m.event])
    if should_stop():  # the last moment: the write below is one atomic request, all or nothing
        return None
    _write(store, dirty, set(memberships) | removed, touched, _quads(incidents, memberships.values(), threshold))
    links = sum(m.match is not None for m in memberships.values())
    return UpdateSummary(len(incidents), len(touched - set(incidents)), links, threshold)


def _fetch(store: Store, events: Iterable[str], dirty: set[str], **options: bool) -> dict[str, Report]:
    """The reports of stored events, leaving out those of the articles being updated."""
    wanted = sorted(e for e in set(events) if _article_of(e) not in dirty)
    return fetch_reports(store, events=wanted, **options) if wanted else {}


def _near(store: Store, reports: Iterable[Report], dirty: set[str], *, undated_only: bool = False) -> dict[str, Report]:
    """Stored reports whose place could agree with one of ``reports``' (same, or one inside the
    other below the country level): what a report without a date is compared with."""
    reports = [r for r in reports if r.place]
    if not reports:
        return {}
    places = fetch_places(store, reports)
    inside = {r.place for r in reports if places[r.place].kind != "Country"}  # type: ignore[index]
    at = inside | {p for r in reports if r.place in inside for p in places[r.place].parents}  # type: ignore[index]
    kinds = fetch_place_set(store, at)
    at = {p for p in at if kinds[p].kind != "Country"}
    return _fetch(store, events_at(store, at, inside, undated_only=undated_only), dirty)


def _article_of(event: str) -> str:
    """An event's article IRI: the event's IRI before "/event/" (kg.rdf.iris.local_iri)."""
    return event.split("/event/", 1)[0]


def _write(store: Store, dirty: set[str], regrouped: set[str], touched: set[str], quads: list[Quad]) -> None:
    """One update request: drop the pending marks, the touched incidents with their memberships and
    the links of every regrouped or removed event, and insert anew (atomic: all or nothing).

    Each deletion is an index lookup on IRIs (incidents, events), whatever the size of the graph.
    """
    g = INCIDENT_GRAPH
    parts = []
    if dirty:
        parts.append(f"DELETE {{ GRAPH {g} {{ ?a nkg:incidentsPending ?x }} }} WHERE {{ GRAPH {g} {{ "
                     f"VALUES ?a {{ {iri_list(dirty)} }} ?a nkg:incidentsPending ?x }} }}")
    if touched:
        parts.append(f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ VALUES ?s {{ {iri_list(touched)} }} ?s ?p ?o }} }}")
        parts.append(f"DELETE {{ GRAPH {g} {{ ?e nkg:incident ?i }} }} WHERE {{ GRAPH {g} {{ VALUES ?i {{ {iri_list(touched)} }} ?e nkg:incident ?i }} }}")
    if regrouped:
        # every link naming a regrouped or removed event belongs to a regrouped report (a report
        # joins through an earlier one); this also clears the pairwise links of stores grouped
        # before one link per report
        parts.append(f"DELETE {{ GRAPH {g} {{ ?l ?p ?o }} }} WHERE {{ GRAPH {g} {{ VALUES ?x {{ {iri_list(regrouped)} }} "
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
