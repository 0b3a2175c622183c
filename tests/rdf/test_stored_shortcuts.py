"""The shortcuts stored for the queries (nkg:day, nkg:speakerType, nkg:speakerSide): what each one
holds, and that building articles one after another, or removing one, leaves them as a build of
exactly those articles would (docs/graph-model.md#stored-shortcuts)."""

from __future__ import annotations

import datetime as dt
import io

import pyoxigraph as ox
import pytest

from kg.model import Document, Entity, Event, Extraction, Span, Statement, TimeRef
from kg.rdf.iris import article_iri, entity_iri, local_iri
from kg.rdf.quads import to_quads
from kg.rdf.vocab import NKG, XSD
from kg.store.local import Store

NOV_25, NOV_24 = dt.date(2024, 11, 25), dt.date(2024, 11, 24)
SPAN = Span(0, 4, "text")
RUSSIA = Entity("ru", "Country", "Russie", (SPAN,), key="country/russia", label="Russia")
MINISTRY = Entity("mod", "Organization", "ministère", (SPAN,), key="organization/mod-ru", affiliation="ru")
AGENCY = Entity("afp", "Organization", "AFP", (SPAN,), key="organization/afp")
SOURCE = Entity("src", "AnonymousSource", "source", (SPAN,), affiliation="ru", shared=False)


def extraction(name: str, published: dt.date | None = None, time: TimeRef | None = None,
               speaker: Entity | None = None) -> Extraction:
    entities = (RUSSIA, MINISTRY, AGENCY, SOURCE)
    event = Event("e1", "DroneStrike", (SPAN,), actor="ru", time=time)
    statement = Statement("s1", speaker.id if speaker else None, "déclarer", (SPAN,), ("e1",))
    return Extraction(Document(id=name, text="text", date=published), entities, (event,), (statement,))


def objects(x: Extraction, kind: str, prop: ox.NamedNode) -> set[ox.NamedNode | ox.Literal]:
    subject = local_iri(article_iri(x.document), kind, "e1" if kind == "event" else "s1")
    return {q.object for q in to_quads(x, "h", "v") if q.subject == subject and q.predicate == prop}


def date(day: dt.date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=XSD.date)


@pytest.mark.parametrize("published, time, expected", [
    (NOV_25, TimeRef("la nuit dernière", NOV_24, NOV_24), {date(NOV_24)}),  # the event's own date
    (NOV_25, TimeRef("entre lundi et mardi", NOV_24, NOV_25), {date(NOV_25)}),  # a window: its end
    (NOV_25, TimeRef("récemment"), {date(NOV_25)}),  # a time with no day: the publication date
    (NOV_25, None, {date(NOV_25)}),  # no time at all: the publication date
    (None, TimeRef("dimanche", NOV_24, NOV_24), {date(NOV_24)}),
    (None, None, set()),  # neither: no day (map-events and timeline-figures list it first)
])
def test_an_events_day_is_its_date_else_its_articles(published, time, expected) -> None:
    assert objects(extraction("a", published, time), "event", NKG.day) == expected


@pytest.mark.parametrize("speaker, speaker_type, side", [
    (RUSSIA, NKG.Country, {entity_iri("country/russia")}),  # a country speaks for itself
    (MINISTRY, NKG.Organization, {entity_iri("country/russia")}),  # its affiliation
    (AGENCY, NKG.Organization, set()),  # no side
    (SOURCE, NKG.AnonymousSource, {entity_iri("country/russia")}),  # a named anonymous source
    (None, NKG.AnonymousSource, set()),  # a claim with no speaker in the text: an unnamed source
])
def test_a_statement_carries_its_speakers_type_and_side(speaker, speaker_type, side) -> None:
    x = extraction("a", NOV_25, speaker=speaker)
    assert objects(x, "statement", NKG.speakerType) == {speaker_type}
    assert objects(x, "statement", NKG.speakerSide) == side


A = extraction("a", NOV_25, TimeRef("hier", NOV_24, NOV_24), MINISTRY)
B = extraction("b", None, None, AGENCY)
B_AGAIN = extraction("b", NOV_25, None, RUSSIA)  # B republished with a date and another speaker


def graph(*steps: tuple[str, tuple[Extraction, ...]]) -> list[bytes]:
    """The store's N-Quads, sorted, after each step: "build" writes the articles as one build's
    batch does, "remove" drops them as `kg remove` does."""
    store = Store()
    for action, articles in steps:
        if action == "build":
            store.write_articles((article_iri(x.document), to_quads(x, "h", "v")) for x in articles)
        else:
            for x in articles:
                store.remove_article(article_iri(x.document))
    with io.BytesIO() as out:
        store.export(out, "nquads")
        store.close()
        return sorted(out.getvalue().splitlines())


@pytest.mark.parametrize("steps, same_as", [
    ((("build", (A,)), ("build", (B,))), (("build", (A, B)),)),
    ((("build", (B,)), ("build", (A,))), (("build", (A, B)),)),
    ((("build", (A, B)), ("remove", (B,))), (("build", (A,)),)),
    ((("build", (A, B)), ("build", (B_AGAIN,))), (("build", (A, B_AGAIN)),)),
])
def test_incremental_builds_and_removal_keep_the_shortcuts_right(steps, same_as) -> None:
    assert graph(*steps) == graph(*same_as)
