"""Extraction records → pyoxigraph quads, following docs/graph-model.md; pure, no I/O.

Shared entities (places, countries, named people, weapons) are described in the entity graph,
once for the whole store; everything read from one article goes into the article's own graph.

Types are stored with their nkg: closure: a resource typed with an nkg: class is also typed with
each nkg: superclass the ontology gives it (a DroneStrike is also an Attack and an Event, a
Country an Actor and a Place), so queries match ``?e a nkg:Attack`` instead of walking
``rdfs:subClassOf*``. The alignments to other vocabularies (sem:, prov:, schema:) are not
materialised, to keep the quads few. Each event also carries its most specific class as
``nkg:eventType``, the one type to report.

A few facts the queries would otherwise join for on every row are stored where they are read
(docs/graph-model.md#stored-shortcuts), each computed from the article's own records only, so
that replacing or removing an article replaces or removes them with it: an event's ``nkg:day``
(its date, else the article's publication date; ``nkg:dayUnknown true`` when neither is
known), and a statement's ``nkg:speakerType`` (its speaker's most specific class) and
``nkg:speakerSide`` (the speaker's affiliation, else the speaker itself when it is a country),
and on each event a statement reports, the statements
counted by side (``nkg:actorSideClaims``, ``nkg:otherSideClaims``, ``nkg:thirdPartyClaims``) and
the balance they give (``nkg:claimBalance``, kg/rdf/claims.py); on the article, how many
events and statements its graph holds (``nkg:eventCount``, ``nkg:statementCount``); and its
statements counted per side and speaker type (``nkg:StatementTally``, kg/rdf/tallies.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.epistemics import Assessment
from kg.model import Entity, Event, Extraction, Figure, Span, Statement
from kg.rdf.claims import claims, side
from kg.rdf.iris import article_iri, entity_iri, local_iri, mention_iri, slug
from kg.rdf.ontology import nkg_superclasses
from kg.rdf.tallies import tallies
from kg.rdf.vocab import ENTITY_GRAPH, GEO, NIF, NKG, OWL, RDF, RDFS, SCHEMA, XSD

QUANTITIES = {
    "killed": NKG.Killed, "injured": NKG.Injured, "launched": NKG.Launched, "downed": NKG.Downed,
}
QUALIFIERS = {
    "exact": NKG.Exact, "moreThan": NKG.MoreThan, "atLeast": NKG.AtLeast,
    "approximately": NKG.Approximately, "atMost": NKG.AtMost, "lessThan": NKG.LessThan,
}
#: The event property that carries the retained figure of each quantity.
COUNT_PROPERTY = {"killed": NKG.killed, "injured": NKG.injured}
EVENT_LABELS = {
    "Attack": "attack", "DroneStrike": "drone strike", "MissileStrike": "missile strike",
    "AirStrike": "air strike", "Shelling": "shelling", "Interception": "interception",
}


def entity_key(entity: Entity) -> str:
    """The linking key of a shared entity, or a name-based one if it was never linked."""
    return entity.key or f"{entity.kind.lower()}/{slug(entity.name)}"


class _Mapper:
    def __init__(self, extraction: Extraction, content_hash: str, extractor_version: str) -> None:
        self.x = extraction
        self.article = article_iri(extraction.document)
        self.content_hash = content_hash
        self.extractor_version = extractor_version
        self.entity_iris = {e.id: self._entity_iri(e) for e in extraction.entities}
        self.event_iris = {e.id: local_iri(self.article, "event", e.id) for e in extraction.events}
        self.statement_iris = {
            s.id: local_iri(self.article, "statement", s.id) for s in extraction.statements
        }
        self.mentioned: set[Span] = set()
        self.superclasses = nkg_superclasses()

    def _entity_iri(self, entity: Entity) -> NamedNode:
        if entity.shared:
            return entity_iri(entity_key(entity))
        return local_iri(self.article, "entity", entity.id)

    def quad(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal,
             graph: NamedNode | None = None) -> Quad:
        return Quad(s, p, o, graph or self.article)

    def typed(self, s: NamedNode, cls: NamedNode, graph: NamedNode | None = None) -> Iterator[Quad]:
        """``s a cls``, and ``s a`` each nkg: superclass of ``cls``: the stored type closure."""
        for each in (cls, *self.superclasses.get(cls, ())):
            yield self.quad(s, RDF.type, each, graph)

    def quads(self) -> Iterator[Quad]:
        yield from self.article_quads()
        for entity in self.x.entities:
            yield from self.entity_quads(entity)
        for event in self.x.events:
            yield from self.event_quads(event)
        for statement in self.x.statements:
            yield from self.statement_quads(statement)
        yield from self.claim_quads()
        yield from self.tally_quads()

    def article_quads(self) -> Iterator[Quad]:
        doc, a = self.x.document, self.article
        yield from self.typed(a, NKG.Article)
        yield self.quad(a, RDF.type, NIF.Context)
        yield self.quad(a, NIF.isString, Literal(doc.text))
        yield self.quad(a, RDFS.label, Literal(doc.title or doc.id or a.value.rsplit("/", 1)[-1]))
        yield self.quad(a, NKG.contentHash, Literal(self.content_hash))
        yield self.quad(a, NKG.extractorVersion, Literal(self.extractor_version))
        yield self.quad(a, NKG.eventCount, Literal(str(len(self.event_iris)), datatype=XSD.integer))
        yield self.quad(a, NKG.statementCount, Literal(str(len(self.statement_iris)), datatype=XSD.integer))
        if doc.url:
            yield self.quad(a, SCHEMA.url, Literal(doc.url, datatype=XSD.string))
        if doc.title:
            yield self.quad(a, SCHEMA.headline, Literal(doc.title, language=doc.lang or "fr"))
        if doc.date:
            yield self.quad(a, SCHEMA.datePublished, Literal(doc.date.isoformat(), datatype=XSD.date))
        if doc.modified:
            yield self.quad(a, SCHEMA.dateModified, Literal(doc.modified.isoformat(), datatype=XSD.date))
        if doc.source:
            yield self.quad(a, SCHEMA.publisher, Literal(doc.source))
        if doc.author:
            yield self.quad(a, SCHEMA.author, Literal(doc.author))
        yield self.quad(a, SCHEMA.inLanguage, Literal(doc.lang or "fr"))

    def mention_quads(self, subject: NamedNode, spans: tuple[Span, ...]) -> Iterator[Quad]:
        for span in spans:
            m = mention_iri(self.article, span)
            yield self.quad(subject, NKG.mention, m)
            if span in self.mentioned:
                continue
            self.mentioned.add(span)
            yield from self.typed(m, NKG.Mention)
            yield self.quad(m, RDF.type, NIF.RFC5147String)
            yield self.quad(m, NIF.referenceContext, self.article)
            yield self.quad(m, NIF.beginIndex, Literal(str(span.begin), datatype=XSD.integer))
            yield self.quad(m, NIF.endIndex, Literal(str(span.end), datatype=XSD.integer))
            yield self.quad(m, NIF.anchorOf, Literal(span.text))

    def entity_quads(self, entity: Entity) -> Iterator[Quad]:
        iri = self.entity_iris[entity.id]
        graph = ENTITY_GRAPH if entity.shared else self.article
        yield from self.typed(iri, NKG[entity.kind], graph)
        labels = entity.labels or ((entity.label or entity.name, "fr" if not entity.label else "en"),)
        languages: set[str] = set()
        for text, language in labels:
            if language not in languages:  # one label per language, so label joins never fan out
                languages.add(language)
                yield self.quad(iri, RDFS.label, Literal(text, language=language), graph)
        for external in entity.same_as:
            yield self.quad(iri, OWL.sameAs, NamedNode(external), graph)
        for parent in entity.located_in:
            yield self.quad(iri, NKG.locatedIn, entity_iri(parent), graph)
        if entity.point is not None:
            geometry = NamedNode(iri.value + "/geometry")
            lon, lat = entity.point
            yield self.quad(iri, GEO.hasGeometry, geometry, graph)
            yield self.quad(geometry, RDF.type, GEO.Geometry, graph)
            yield self.quad(geometry, GEO.asWKT, Literal(f"POINT({lon} {lat})", datatype=GEO.wktLiteral), graph)
        if entity.role:
            yield self.quad(iri, NKG.role, Literal(entity.role, language="fr"), graph)
        if entity.affiliation in self.entity_iris:
            yield self.quad(iri, NKG.affiliation, self.entity_iris[entity.affiliation], graph)
        yield from self.mention_quads(iri, entity.mentions)

    def event_quads(self, event: Event) -> Iterator[Quad]:
        iri = self.event_iris[event.id]
        yield from self.typed(iri, NKG[event.type])
        yield self.quad(iri, NKG.eventType, NKG[event.type])
        yield self.quad(iri, RDFS.label, Literal(self._event_label(event), language="en"))
        for slot, prop in ((event.actor, NKG.actor), (event.place, NKG.place), (event.weapon, NKG.weapon)):
            if slot in self.entity_iris:
                yield self.quad(iri, prop, self.entity_iris[slot])
        if event.target_entity in self.entity_iris:
            yield self.quad(iri, NKG.target, self.entity_iris[event.target_entity])
        elif event.target:
            target = local_iri(self.article, "target", event.id)
            yield self.quad(iri, NKG.target, target)
            yield from self.typed(target, NKG.Target)
            yield self.quad(target, RDFS.label, Literal(event.target, language="fr"))
        weapon_quantity = "downed" if event.type == "Interception" else "launched"
        retained = {q: event.figure(q) for q in ("killed", "injured", weapon_quantity)}
        for quantity, figure in retained.items():
            if figure is not None:
                prop = COUNT_PROPERTY.get(quantity, NKG.weaponCount)
                yield self.quad(iri, prop, Literal(str(figure.value), datatype=XSD.integer))
        for index, figure in enumerate(event.figures):
            yield from self.figure_quads(iri, figure, index)
        if event.time is not None:
            yield from self.time_quads(iri, event)
        day = event.time and (event.time.end or event.time.begin) or self.x.document.date
        if day is not None:
            yield self.quad(iri, NKG.day, Literal(day.isoformat(), datatype=XSD.date))
        else:  # so that listings by day find the events of no known day without testing every event
            yield self.quad(iri, NKG.dayUnknown, Literal("true", datatype=XSD.boolean))
        if event.means:
            yield self.quad(iri, NKG.means, Literal(event.means, language="fr"))
        yield from self.mention_quads(iri, event.mentions)

    def figure_quads(self, event: NamedNode, figure: Figure, index: int) -> Iterator[Quad]:
        where = figure.span.begin if figure.span else index
        iri = NamedNode(f"{event.value}/figure/{figure.quantity}-{where}")
        yield self.quad(event, NKG.figure, iri)
        yield from self.typed(iri, NKG.Figure)
        yield self.quad(iri, NKG.quantity, QUANTITIES[figure.quantity])
        yield self.quad(iri, NKG.value, Literal(str(figure.value), datatype=XSD.integer))
        yield self.quad(iri, NKG.qualifier, QUALIFIERS[figure.qualifier])
        if figure.statement in self.statement_iris:
            yield self.quad(iri, NKG.reportedBy, self.statement_iris[figure.statement])
        if figure.span is not None:
            yield from self.mention_quads(iri, (figure.span,))

    def time_quads(self, iri: NamedNode, event: Event) -> Iterator[Quad]:
        time = event.time
        assert time is not None
        yield self.quad(iri, NKG.timeExpression, Literal(time.expression, language="fr"))
        day = time.end or time.begin
        if day is not None:
            yield self.quad(iri, NKG.date, Literal(day.isoformat(), datatype=XSD.date))
        if time.begin is not None:
            yield self.quad(iri, NKG.beginDate, Literal(time.begin.isoformat(), datatype=XSD.date))
        if time.end is not None:
            yield self.quad(iri, NKG.endDate, Literal(time.end.isoformat(), datatype=XSD.date))

    def statement_quads(self, statement: Statement) -> Iterator[Quad]:
        iri = self.statement_iris[statement.id]
        yield from self.typed(iri, NKG.Statement)
        yield self.quad(iri, NKG.cue, Literal(statement.cue))
        speaker = self.x.entity(statement.speaker)
        if speaker is not None:
            yield self.quad(iri, NKG.speaker, self.entity_iris[speaker.id])
            yield self.quad(iri, NKG.speakerType, NKG[speaker.kind])
            their = side(speaker, self.entity_iris)
            if their is not None:
                yield self.quad(iri, NKG.speakerSide, their)
            who = speaker.label or speaker.name
        else:  # a claim the text does not attribute still has a source: an unnamed one
            who = "source non précisée"
            unnamed = local_iri(self.article, "entity", f"unnamed-{statement.id}")
            yield self.quad(iri, NKG.speaker, unnamed)
            yield from self.typed(unnamed, NKG.AnonymousSource)
            yield self.quad(iri, NKG.speakerType, NKG.AnonymousSource)
            yield self.quad(unnamed, RDFS.label, Literal(who, language="fr"))
        yield self.quad(iri, RDFS.label, Literal(f"{who}: {statement.cue}", language="fr"))
        for event_id in statement.reports:
            if event_id in self.event_iris:
                yield self.quad(iri, NKG.reports, self.event_iris[event_id])
        if statement.quote:
            yield self.quad(iri, NKG.quote, Literal(statement.quote, language="fr"))
        yield from self.mention_quads(iri, statement.mentions)

    def claim_quads(self) -> Iterator[Quad]:
        """Each reported event's statements counted by side, and the balance they give."""
        for counted in claims(self.x, self.entity_iris):
            event = self.event_iris[counted.event]
            for prop, count in ((NKG.actorSideClaims, counted.actor_side), (NKG.otherSideClaims, counted.other_side),
                                (NKG.thirdPartyClaims, counted.third_party)):
                yield self.quad(event, prop, Literal(str(count), datatype=XSD.integer))
            yield self.quad(event, NKG.claimBalance, NKG[counted.balance])

    def tally_quads(self) -> Iterator[Quad]:
        """The article's statements counted per side and speaker type (kg/rdf/tallies.py)."""
        for index, tally in enumerate(tallies(self.x, self.entity_iris)):
            iri = local_iri(self.article, "tally", str(index))
            yield from self.typed(iri, NKG.StatementTally)
            yield self.quad(iri, NKG.tallyOf, self.article)
            if tally.side is not None:
                yield self.quad(iri, NKG.tallySide, tally.side)
            yield self.quad(iri, NKG.tallySpeakerType, NKG[tally.speaker_kind])
            yield self.quad(iri, NKG.tallyStatements, Literal(str(tally.statements), datatype=XSD.integer))
            yield self.quad(iri, NKG.tallyEvents, Literal(str(tally.events), datatype=XSD.integer))
            for cue in tally.cues:
                yield self.quad(iri, NKG.tallyCue, Literal(cue))

    def _event_label(self, event: Event) -> str:
        label = EVENT_LABELS[event.type]
        place = self.x.entity(event.place)
        if place is not None:
            label += f" in {place.label or place.name}"
        if event.time is not None and (event.time.end or event.time.begin):
            label += f" on {(event.time.end or event.time.begin).isoformat()}"
        return label


def to_quads(extraction: Extraction, content_hash: str, extractor_version: str) -> list[Quad]:
    """Every quad of one extraction: the article graph plus entity-graph descriptions."""
    return list(_Mapper(extraction, content_hash, extractor_version).quads())


def status_quads(extraction: Extraction, assessments: tuple[Assessment, ...]) -> list[Quad]:
    """The events' epistemic statuses and the words that gave them, in the article's graph."""
    article = article_iri(extraction.document)
    quads = []
    for assessment in assessments:
        event = local_iri(article, "event", assessment.event)
        quads.extend(Quad(event, NKG.epistemicStatus, NKG[s], article) for s in assessment.statuses)
        quads.extend(Quad(event, NKG.statusCue, Literal(words, language="fr"), article)
                     for words in assessment.cues)
    return quads


def copy_quads(article: NamedNode, original: str, similarity: float) -> list[Quad]:
    """That ``article`` republishes ``original`` (an article IRI), in the copy's own graph."""
    return [Quad(article, NKG.copyOf, NamedNode(original), article),
            Quad(article, NKG.copySimilarity, Literal(f"{similarity:.2f}", datatype=XSD.decimal), article)]
