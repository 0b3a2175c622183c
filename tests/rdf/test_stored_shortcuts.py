"""The shortcuts stored for the queries (nkg:day, nkg:dayUnknown, nkg:speakerType, nkg:speakerSide,
the claim counts and nkg:claimBalance): what each one holds, and that building articles one after another, or
removing one, leaves them as a build of exactly those articles would
(docs/graph-model.md#stored-shortcuts)."""

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
    x = extraction("a", published, time)
    assert objects(x, "event", NKG.day) == expected
    # an event of no known day says so, for the listings by day to find it by one lookup
    unknown = set() if expected else {ox.Literal("true", datatype=XSD.boolean)}
    assert objects(x, "event", NKG.dayUnknown) == unknown


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


UKRAINE = Entity("ua", "Country", "Ukraine", (SPAN,), key="country/ukraine", label="Ukraine")
KYIV = Entity("kyiv", "City", "Kyiv", (SPAN,), key="city/kyiv", located_in=("region/kyiv-oblast", "country/ukraine"))
GOVERNOR = Entity("gov", "Person", "gouverneur", (SPAN,), key="person/governor", affiliation="ua")
NEWS = Entity("news", "NewsAgency", "AFP", (SPAN,), key="newsagency/afp")
FRANCE = Entity("fr", "Country", "France", (SPAN,), key="country/france")
PLAIN = Entity("someone", "Person", "un témoin", (SPAN,), key="person/witness")
CLAIMS = (NKG.actorSideClaims, NKG.otherSideClaims, NKG.thirdPartyClaims)


def reported(actor: str | None, place: str | None, *speakers: str | None) -> Extraction:
    """One event, reported by one statement per speaker (None: a statement with no speaker)."""
    entities = (RUSSIA, MINISTRY, SOURCE, UKRAINE, KYIV, GOVERNOR, NEWS, FRANCE, PLAIN)
    event = Event("e1", "MissileStrike", (SPAN,), actor=actor, place=place)
    statements = tuple(Statement(f"s{n}", who, "déclarer", (SPAN,), ("e1",)) for n, who in enumerate(speakers))
    return Extraction(Document(id="c", text="text", date=NOV_25), entities, (event,), statements)


def claims_of(x: Extraction) -> tuple[int, ...] | None:
    found = {p: objects(x, "event", p) for p in (*CLAIMS, NKG.claimBalance)}
    if not any(found.values()):
        return None
    (balance,) = found[NKG.claimBalance]
    return (*(int(next(iter(found[p])).value) for p in CLAIMS), balance.value.rsplit("#", 1)[1])


@pytest.mark.parametrize("actor, place, speakers, expected", [
    ("ru", "kyiv", ("mod",), (1, 0, 0, "ActorSideOnly")),  # the actor's ministry
    ("ru", "kyiv", ("src",), (1, 0, 0, "ActorSideOnly")),  # an anonymous source of the actor's side
    ("ru", "kyiv", ("gov",), (0, 1, 0, "OtherSideOnly")),  # the country Kyiv lies in, by its key
    ("ru", "kyiv", ("mod", "ua"), (1, 1, 0, "BothSides")),  # a country speaks for itself
    ("ru", "kyiv", ("mod", "gov", "news"), (1, 1, 1, "Independent")),  # a news agency is a third party
    ("ru", "kyiv", ("fr",), (0, 0, 1, "Independent")),  # so is a third country
    ("ru", "kyiv", (None, "someone"), (0, 0, 0, "Unattributed")),  # no side: unnamed, unaffiliated
    ("ru", "ru", ("ua",), (0, 1, 0, "OtherSideOnly")),  # struck in the actor's own country: no other
    ("ru", None, ("fr",), (0, 1, 0, "OtherSideOnly")),  # no place: any side but the actor's
    (None, "kyiv", ("gov", "mod"), (0, 1, 1, "Independent")),  # no actor: the place's side, a third
    ("ru", "kyiv", ("mod", "mod"), (2, 0, 0, "ActorSideOnly")),  # each statement counts
    ("ru", "kyiv", (), None),  # an event no statement reports has no claims
])
def test_a_reported_event_carries_its_claims_by_side(actor, place, speakers, expected) -> None:
    assert claims_of(reported(actor, place, *speakers)) == expected


@pytest.mark.parametrize("x, events, statements", [
    (reported("ru", "kyiv", "mod", "ua"), 1, 2),
    (reported("ru", "kyiv"), 1, 0),
    (Extraction(Document(id="empty", text="text"), (RUSSIA,), (), ()), 0, 0),  # nothing read: zeros
])
def test_an_article_carries_its_event_and_statement_counts(x: Extraction, events: int, statements: int) -> None:
    quads = to_quads(x, "h", "v")
    article = article_iri(x.document)
    found = {q.predicate: int(q.object.value) for q in quads if q.subject == article
             and q.predicate in (NKG.eventCount, NKG.statementCount)}
    assert found == {NKG.eventCount: events, NKG.statementCount: statements}


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
