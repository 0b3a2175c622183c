"""Grouping cost and shape on a big news day: one link per report that joins an incident, a bounded
span, and the same graph whatever order the reports come in (stored extractions, no parsing)."""

from __future__ import annotations

import datetime as dt
import random

import pyoxigraph as ox
import pytest

from kg.incidents.grouping import rebuild, update
from kg.model import Document, Entity, Event, Extraction, Figure, Span, TimeRef
from kg.rdf.iris import article_iri
from kg.rdf.quads import to_quads
from kg.rdf.vocab import INCIDENT_GRAPH
from kg.store.local import Store

CITIES = ["Kharkiv", "Dnipro", "Odesa"]


def article(key: str, city: str, day: dt.date, kind: str = "MissileStrike", killed: int | None = None,
            dated: bool = True) -> tuple[str, list[ox.Quad]]:
    text = f"{city} " + "x" * 40
    place = Entity("p", "City", city, (Span(0, len(city), city),), key=f"city/{city.lower()}", label=city)
    figures = (Figure("killed", killed),) if killed is not None else ()
    time = TimeRef("la nuit dernière", day - dt.timedelta(days=1), day) if dated else None
    event = Event("ev1", kind, (Span(len(city) + 1, len(city) + 13, "x" * 12),), place="p", figures=figures, time=time)
    document = Document(id=key, text=text, date=day)
    return article_iri(document).value, to_quads(Extraction(document, (place,), (event,), ()), "h", "v")


def write(store: Store, articles: list[tuple[str, list[ox.Quad]]], batch: int) -> None:
    for start in range(0, len(articles), batch):
        chunk = articles[start:start + batch]
        for iri, quads in chunk:
            store.write_article(ox.NamedNode(iri), quads)
        update(store, [iri for iri, _ in chunk])


def incident_graph(store: Store) -> set[ox.Quad]:
    return set(store._store.quads_for_pattern(None, None, None, INCIDENT_GRAPH))


def count(store: Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


DAY = dt.date(2025, 3, 10)
BIG_DAY = [article(f"r{n:03d}", CITIES[n % 3], DAY, killed=3 + n % 3) for n in range(90)]


@pytest.mark.parametrize("order, batch", [("forward", 90), ("forward", 16), ("reverse", 7), ("shuffled", 1)])
def test_a_big_day_gives_one_incident_per_happening_and_one_link_per_joining_report(order: str, batch: int) -> None:
    articles = {"forward": BIG_DAY, "reverse": BIG_DAY[::-1],
                "shuffled": random.Random(3).sample(BIG_DAY, len(BIG_DAY))}[order]
    store = Store()
    write(store, articles, batch)
    incidents = count(store, "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?e nkg:incident ?i }")
    links = count(store, "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l a nkg:IncidentLink }")
    assert incidents == 3
    assert links == len(BIG_DAY) - incidents  # linear: not the 1,335 pairs of single-link grouping
    reference = Store()
    write(reference, BIG_DAY, len(BIG_DAY))
    assert incident_graph(store) == incident_graph(reference)
    before = incident_graph(store)
    rebuild(store)
    assert incident_graph(store) == before


def test_daily_strikes_on_one_city_do_not_chain_into_one_long_incident() -> None:
    # each report's window is its publication day and the night before, so consecutive days
    # overlap: single-link grouping chained them all into one incident
    store = Store()
    days = [DAY + dt.timedelta(days=n) for n in range(6)]
    write(store, [article(f"daily-{n}", "Kharkiv", day, dated=False) for n, day in enumerate(days)], 1)
    spans = [(row["first"].value, row["last"].value) for row in store.query(
        """SELECT ?i (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
             ?e nkg:incident ?i . GRAPH ?a { ?e nkg:eventType ?t } ?a schema:datePublished ?d } GROUP BY ?i""")]
    assert len(spans) >= 3
    assert all((dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days <= 1 for first, last in spans)


def test_an_undated_report_joins_by_content_and_says_its_date_was_unknown() -> None:
    store = Store()
    dated = [article("dated-kharkiv", "Kharkiv", DAY, killed=7), article("dated-dnipro", "Dnipro", DAY, killed=7)]
    undated = [article("undated-kharkiv", "Kharkiv", DAY, killed=7, dated=False),
               article("undated-other", "Kharkiv", DAY, killed=2, dated=False)]  # no figure in common
    # an article without any date: its quads without schema:datePublished
    undated = [(iri, [q for q in quads if "datePublished" not in q.predicate.value]) for iri, quads in undated]
    write(store, [*undated, *dated], 1)
    found = {row["e"].value.split("/article/")[1]: row["i"].value for row in store.query(
        "SELECT ?e ?i WHERE { ?e nkg:incident ?i }")}
    assert found["undated-kharkiv/event/ev1"] == found["dated-kharkiv/event/ev1"]
    assert found["undated-other/event/ev1"] not in (found["dated-kharkiv/event/ev1"], found["dated-dnipro/event/ev1"])
    unknown = {row["m"].value.split("/article/")[1] for row in store.query(
        "SELECT ?m WHERE { ?l nkg:member ?m ; nkg:dateKnown false }")}
    assert unknown == {"undated-kharkiv/event/ev1"}
    before = incident_graph(store)
    rebuild(store)
    assert incident_graph(store) == before


def test_pairwise_links_of_a_store_grouped_before_are_cleared_when_their_events_are_regrouped() -> None:
    store = Store()
    articles = BIG_DAY[:6]
    write(store, articles, 6)
    a, b = (f"{iri}/event/ev1" for iri, _ in articles[:2])
    store.query(f"""INSERT DATA {{ GRAPH <{INCIDENT_GRAPH.value}> {{ <https://w3id.org/newskg/id/incident-link/0123456789abcdef>
                   a nkg:IncidentLink ; nkg:linkedEvent <{a}> , <{b}> ; nkg:score 5.0 }} }}""", allow_update=True)
    update(store, [iri for iri, _ in articles])  # as after a new extractor version rewrote them all
    reference = Store()
    write(reference, articles, 6)
    assert incident_graph(store) == incident_graph(reference)
