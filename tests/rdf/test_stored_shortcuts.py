"""The shortcuts stored for the queries (nkg:day, nkg:dayUnknown, nkg:speakerType, nkg:speakerSide,
the claim counts and nkg:claimBalance, the article's counts and its nkg:StatementTally): what each one holds, and that building articles one after another, or
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
from kg.rdf.vocab import NKG, RDF, XSD
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


def tallies_of(x: Extraction) -> list[tuple]:
    """The article's statement tallies as (side, speaker type, statements, events, cues), sorted."""
    quads = to_quads(x, "h", "v")
    iris = {q.subject for q in quads if q.predicate == RDF.type and q.object == NKG.StatementTally}
    found = []
    for iri in iris:
        values = {}
        for q in quads:
            if q.subject == iri:
                values.setdefault(q.predicate, []).append(q.object)
        assert values[NKG.tallyOf] == [article_iri(x.document)]
        side = values.get(NKG.tallySide, [None])[0]
        found.append((side and side.value.rsplit("/", 1)[1], values[NKG.tallySpeakerType][0].value.rsplit("#", 1)[1],
                      int(values[NKG.tallyStatements][0].value), int(values[NKG.tallyEvents][0].value),
                      tuple(sorted(c.value for c in values[NKG.tallyCue]))))
    return sorted(found, key=str)


def said(*statements: tuple[str | None, str, tuple[str, ...]]) -> Extraction:
    """Two events (e1, e2), and one statement per (speaker, cue, events reported)."""
    entities = (RUSSIA, MINISTRY, SOURCE, UKRAINE, GOVERNOR, NEWS)
    events = (Event("e1", "DroneStrike", (SPAN,), actor="ru"), Event("e2", "Shelling", (SPAN,), actor="ua"))
    return Extraction(Document(id="t", text="text", date=NOV_25), entities, events,
                      tuple(Statement(f"s{n}", who, cue, (SPAN,), reports)
                            for n, (who, cue, reports) in enumerate(statements)))


@pytest.mark.parametrize("statements, expected", [
    ((("mod", "déclarer", ("e1",)),), [("russia", "Organization", 1, 1, ("déclarer",))]),
    # one tally per side and speaker type
    ((("mod", "déclarer", ("e1",)), ("src", "selon", ("e1",))),
     [("russia", "AnonymousSource", 1, 1, ("selon",)), ("russia", "Organization", 1, 1, ("déclarer",))]),
    ((("mod", "déclarer", ("e1",)), ("ua", "affirmer", ("e1",))),
     [("russia", "Organization", 1, 1, ("déclarer",)), ("ukraine", "Country", 1, 1, ("affirmer",))]),
    # an event reported twice counts once; its statements twice; their cues once each, sorted
    ((("mod", "selon", ("e1",)), ("mod", "affirmer", ("e1", "e2")), ("mod", "selon", ())),
     [("russia", "Organization", 3, 2, ("affirmer", "selon"))]),
    # no side: a news agency, and a statement with no speaker (an unnamed source)
    (((None, "selon", ("e2",)), ("news", "annoncer", ("e1",))),
     [(None, "AnonymousSource", 1, 1, ("selon",)), (None, "NewsAgency", 1, 1, ("annoncer",))]),
    # an event the article does not hold is not stored, so not counted
    ((("gov", "déclarer", ("e9",)),), [("ukraine", "Person", 1, 0, ("déclarer",))]),
    ((), []),  # no statement, no tally
])
def test_an_article_carries_its_statements_tallied_by_side_and_speaker_type(statements, expected) -> None:
    assert tallies_of(said(*statements)) == expected


A = extraction("a", NOV_25, TimeRef("hier", NOV_24, NOV_24), MINISTRY)
B = extraction("b", None, None, AGENCY)
B_AGAIN = extraction("b", NOV_25, None, RUSSIA)  # B republished with a date and another speaker


def stored(*steps: tuple[str, tuple[Extraction, ...]]) -> Store:
    """A store after each step: "build" writes the articles as one build's batch does, "remove"
    drops them as `kg remove` does."""
    store = Store()
    for action, articles in steps:
        if action == "build":
            store.write_articles((article_iri(x.document), to_quads(x, "h", "v")) for x in articles)
        else:
            for x in articles:
                store.remove_article(article_iri(x.document))
    return store


def graph(*steps: tuple[str, tuple[Extraction, ...]]) -> list[bytes]:
    """The store's N-Quads, sorted, after ``steps`` (as in stored())."""
    store = stored(*steps)
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


def claims_by_side(*steps: tuple[str, tuple[Extraction, ...]]) -> list[tuple]:
    """queries/claims-by-side.rq's rows on the store left by ``steps`` (as in stored())."""
    from pathlib import Path

    store = stored(*steps)
    text = (Path(__file__).parents[2] / "queries" / "claims-by-side.rq").read_text(encoding="utf-8")
    rows = [tuple(v.value if v is not None else None for v in row) for row in store.query(text)]
    store.close()
    return rows


C = said(("mod", "selon", ("e1",)), ("mod", "affirmer", ("e1", "e2")), (None, "annoncer", ("e2",)))
C_AGAIN = said(("ua", "déclarer", ("e1",)))  # C republished: one statement, another side


@pytest.mark.parametrize("steps, expected", [
    ((("build", (A, B)),), [("(none)", "Organization", "1", "1", "déclarer"),
                            ("Russia", "Organization", "1", "1", "déclarer")]),
    ((("build", (A,)), ("build", (C,))), [("(none)", "AnonymousSource", "1", "1", "annoncer"),
                                          ("Russia", "Organization", "3", "3", "affirmer déclarer selon")]),
    ((("build", (A, C)), ("remove", (A,))), [("(none)", "AnonymousSource", "1", "1", "annoncer"),
                                             ("Russia", "Organization", "2", "2", "affirmer selon")]),
    ((("build", (A, C)), ("build", (C_AGAIN,))), [("Russia", "Organization", "1", "1", "déclarer"),
                                                  ("Ukraine", "Country", "1", "1", "déclarer")]),
])
def test_claims_by_side_sums_the_tallies_of_the_articles_in_the_store(steps, expected) -> None:
    """The sums follow building, replacing and removing articles (C's events are its own, so
    its three events add to A's one)."""
    assert claims_by_side(*steps) == expected
