"""Records → quads: graph placement, type closure, retained figures, evidence spans, determinism."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from kg.model import (
    Document,
    Entity,
    Event,
    Extraction,
    Figure,
    Span,
    Statement,
    TimeRef,
)
from kg.rdf.iris import article_iri
from kg.rdf.quads import to_quads
from kg.rdf.vocab import ENTITY_GRAPH, NIF, NKG, OWL, RDF, RDFS

TEXT = "Le maire a déclaré qu'une frappe russe avait blessé plus de dix personnes à Kharkiv."


def span(part: str) -> Span:
    begin = TEXT.index(part)
    return Span(begin, begin + len(part), part)


EXTRACTION = Extraction(
    document=Document(id="t1", text=TEXT, date=dt.date(2024, 11, 25)),
    entities=(
        Entity("ent1", "City", "Kharkiv", (span("Kharkiv"),), key="city/kharkiv", label="Kharkiv",
               labels=(("Kharkiv", "en"), ("Kharkiv", "fr"), ("Kharkov", "fr")),
               same_as=("https://sws.geonames.org/706483/",), located_in=("country/ukraine",),
               point=(36.25, 49.98)),
        Entity("ent2", "Country", "Russie", (span("russe"),), key="country/russia", label="Russia"),
        Entity("ent3", "Person", "maire", (span("Le maire"),), role="maire", shared=False),
    ),
    events=(
        Event("ev1", "MissileStrike", (span("une frappe russe avait blessé plus de dix personnes"),),
              actor="ent2", place="ent1",
              figures=(Figure("injured", 10, "moreThan", span("plus de dix"), "st1"),
                       Figure("injured", 8, "exact", None, None)),
              time=TimeRef("lundi", dt.date(2024, 11, 25), dt.date(2024, 11, 25))),
    ),
    statements=(Statement("st1", "ent3", "déclarer", (span("Le maire a déclaré"),), ("ev1",)),),
)
ARTICLE = ox.NamedNode("https://w3id.org/newskg/id/article/t1")
EVENT = ox.NamedNode(ARTICLE.value + "/event/ev1")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.extend(to_quads(EXTRACTION, "hash", "test"))
    return s


def objects(store: ox.Store, s: ox.NamedNode, p: ox.NamedNode, g=None) -> set:
    return {q.object for q in store.quads_for_pattern(s, p, None, g)}


def test_shared_entities_are_described_in_the_entity_graph_only(store: ox.Store) -> None:
    kharkiv = ox.NamedNode("https://w3id.org/newskg/id/city/kharkiv")
    assert objects(store, kharkiv, RDF.type, ENTITY_GRAPH) == {NKG.City, NKG.Place}
    assert objects(store, kharkiv, RDF.type, ARTICLE) == set()
    assert objects(store, kharkiv, OWL.sameAs) == {ox.NamedNode("https://sws.geonames.org/706483/")}
    # one label per language, so label joins never multiply rows
    assert {(l.value, l.language) for l in objects(store, kharkiv, RDFS.label)} == {("Kharkiv", "en"), ("Kharkiv", "fr")}


def test_article_scoped_entity_lives_in_the_article_graph(store: ox.Store) -> None:
    mayor = ox.NamedNode(ARTICLE.value + "/entity/ent3")
    assert objects(store, mayor, RDF.type, ARTICLE) == {NKG.Person, NKG.Actor}


def test_an_exact_figure_beats_a_bound_and_every_figure_is_kept(store: ox.Store) -> None:
    assert [l.value for l in objects(store, EVENT, NKG.injured)] == ["8"]
    figures = objects(store, EVENT, NKG.figure)
    assert len(figures) == 2
    qualifiers = {next(iter(objects(store, f, NKG.qualifier))) for f in figures}
    assert qualifiers == {NKG.MoreThan, NKG.Exact}


def test_every_mention_anchors_its_exact_span(store: ox.Store) -> None:
    mentions = {q.subject for q in store.quads_for_pattern(None, RDF.type, NKG.Mention, None)}
    assert len(mentions) == 6
    for m in mentions:
        begin = int(next(iter(objects(store, m, NIF.beginIndex))).value)
        end = int(next(iter(objects(store, m, NIF.endIndex))).value)
        assert TEXT[begin:end] == next(iter(objects(store, m, NIF.anchorOf))).value
        assert m.value == f"{ARTICLE.value}#char={begin},{end}"


def test_statement_reports_the_event(store: ox.Store) -> None:
    statement = ox.NamedNode(ARTICLE.value + "/statement/st1")
    assert objects(store, statement, NKG.reports) == {EVENT}
    assert [l.value for l in objects(store, statement, NKG.cue)] == ["déclarer"]


def test_mapping_is_deterministic_and_has_no_blank_nodes() -> None:
    first, second = to_quads(EXTRACTION, "h", "v"), to_quads(EXTRACTION, "h", "v")
    assert first == second
    assert not any(isinstance(t, ox.BlankNode) for q in first for t in (q.subject, q.object))


# -- the type closure: each nkg: type with its nkg: superclasses, and one nkg:eventType per event --

def _event_of(kind: str) -> Extraction:
    return Extraction(
        document=Document(id=f"closure-{kind}", text=TEXT),
        entities=EXTRACTION.entities,
        events=(Event("ev1", kind, (span("une frappe russe"),), actor="ent2", place="ent1"),),
        statements=(Statement("st1", None, "selon", (span("Le maire a déclaré"),), ("ev1",)),),
    )


def _closure_store(kind: str) -> ox.Store:
    s = ox.Store()
    s.extend(to_quads(_event_of(kind), "hash", "test"))
    return s


@pytest.mark.parametrize("kind, types", [
    ("DroneStrike", {"DroneStrike", "Attack", "Event"}),
    ("MissileStrike", {"MissileStrike", "Attack", "Event"}),
    ("AirStrike", {"AirStrike", "Attack", "Event"}),
    ("Shelling", {"Shelling", "Attack", "Event"}),
    ("Attack", {"Attack", "Event"}),
    ("Interception", {"Interception", "Event"}),
])
def test_an_event_is_typed_with_its_class_and_every_nkg_superclass(kind: str, types: set[str]) -> None:
    s = _closure_store(kind)
    event = ox.NamedNode(article_iri(_event_of(kind).document).value + "/event/ev1")
    assert objects(s, event, RDF.type) == {NKG[t] for t in types}
    # the one type to report: the most specific class, never a superclass
    assert objects(s, event, NKG.eventType) == {NKG[kind]}


@pytest.mark.parametrize("query, expected", [
    ("SELECT ?e WHERE { ?e a nkg:Attack }", {"DroneStrike"}),
    ("SELECT ?e WHERE { ?e a nkg:Event }", {"DroneStrike"}),
    ("SELECT ?e WHERE { ?e a nkg:Interception }", set()),
    ("SELECT ?e WHERE { ?e nkg:eventType nkg:DroneStrike }", {"DroneStrike"}),
    ("SELECT ?e WHERE { ?e nkg:eventType nkg:Attack }", set()),
])
def test_queries_find_a_drone_strike_by_any_of_its_classes(query: str, expected: set[str]) -> None:
    s = _closure_store("DroneStrike")
    rows = s.query(query, prefixes={"nkg": NKG.base}, use_default_graph_as_union=True)
    found = {r["e"].value for r in rows}
    assert found == {article_iri(_event_of(k).document).value + "/event/ev1" for k in expected}


@pytest.mark.parametrize("iri, graph, types", [
    ("https://w3id.org/newskg/id/city/kharkiv", ENTITY_GRAPH, {"City", "Place"}),
    ("https://w3id.org/newskg/id/country/russia", ENTITY_GRAPH, {"Country", "Actor", "Place"}),
    (ARTICLE.value + "/entity/ent3", ARTICLE, {"Person", "Actor"}),
    (ARTICLE.value + "/statement/st1", ARTICLE, {"Statement"}),
    (EVENT.value + "/figure/injured-52", ARTICLE, {"Figure"}),
    (ARTICLE.value, ARTICLE, {"Article"}),
])
def test_entities_and_records_carry_the_type_closure_in_their_graph(
        store: ox.Store, iri: str, graph: ox.NamedNode, types: set[str]) -> None:
    found = {t for t in objects(store, ox.NamedNode(iri), RDF.type, graph) if t.value.startswith(NKG.base)}
    assert found == {NKG[t] for t in types}


def test_an_unnamed_speaker_is_an_anonymous_source_and_an_actor() -> None:
    s = _closure_store("Attack")
    speaker = ox.NamedNode(article_iri(_event_of("Attack").document).value + "/entity/unnamed-st1")
    assert objects(s, speaker, RDF.type) == {NKG.AnonymousSource, NKG.Actor}


def test_every_event_has_exactly_one_event_type_among_its_types(store: ox.Store) -> None:
    events = {q.subject for q in store.quads_for_pattern(None, RDF.type, NKG.Event, None)}
    assert events == {EVENT}
    for event in events:
        (event_type,) = objects(store, event, NKG.eventType)
        assert event_type in objects(store, event, RDF.type)
