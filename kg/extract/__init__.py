"""Extraction of entities, events and statements from one parsed French article: ``extract(doc, document)``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kg.errors import ExtractionError
from kg.extract.article import (
    continued,
    furniture,
    headline,
    launch_places,
    no_casualties,
    on_the_incident,
    placed_in,
    told_before,
    without_totals,
)
from kg.extract.clauses import Mention
from kg.extract.entities import Entities
from kg.extract.events import Reader
from kg.extract.lexicon import lexicon
from kg.extract.merging import Incident, gather, most_specific_place
from kg.extract.people import one_speaker
from kg.extract.statements import Listener, Speech, for_place, innermost
from kg.extract.tolls import surface_tolls
from kg.model import Event, Extraction, Figure, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.model import Document

__all__ = ["extract"]

log = logging.getLogger(__name__)


def extract(doc: Doc, document: Document) -> Extraction:
    """Entities, events and statements read from ``doc``, the parse of ``document.text``.

    An empty, foreign or garbled text gives an empty Extraction; a rule that fails raises
    ExtractionError, so that a failure is never mistaken for an article without facts.
    """
    if not document.text.strip() or not _parse_of(doc, document.text):
        return Extraction(document=document)
    try:
        return _extract(doc, document)
    except Exception as error:  # a rule tripping on an unforeseen parse: this article only
        log.debug("extraction failed on %s", document.origin, exc_info=True)
        raise ExtractionError.during("extraction", document.origin, error) from error


def _parse_of(doc: Doc, text: str) -> bool:
    """Whether ``doc`` is the parse of ``text``: its tokens end where the text ends and its first and
    last tokens stand where the text has them (Doc.text would rebuild the whole text, 1% of the parse)."""
    if not len(doc):
        return not text
    first, last = doc[0], doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(first.text, first.idx) \
        and text.startswith(last.text, last.idx)


def _extract(doc: Doc, document: Document) -> Extraction:
    doc.user_data.pop("kg triggers", None)  # (kg.extract.clauses.triggers_of: read afresh for each extraction)
    lex = lexicon()
    entities = Entities(doc, lex, document.text)
    entities.register_names()
    # links to other stories ("• À lire aussi: …") tell other events
    aside = furniture(document.text)
    title = headline(document.text)
    mentions = [m for m in Reader(doc, entities, lex, document.date).mentions()
                if not any(b <= m.span.begin < e for b, e in aside)]
    speeches = [s for s in Listener(doc, entities, lex).speeches()
                if not any(b <= s.mention.begin < e for b, e in [*aside, *([title] if title else [])])]
    for speech in speeches:  # "Sinegoubov", "le gouverneur régional": the named person, when one is
        speech.speaker = one_speaker(entities, speech.speaker)
    # by mention: one trigger can tell events at several places, each told by its own official
    said_by = {id(m): for_place(innermost(speeches, doc[m.trigger].idx), m.place) for m in mentions}
    _own_side(mentions, said_by, entities)
    incidents = gather(mentions, entities)

    statements = _statements(speeches)
    statement_of = {id(s): statements[_speaker_key(s)][0] for s in speeches}
    events: list[Event] = []
    reports: dict[str, list[str]] = {}
    for number, incident in enumerate(incidents, start=1):
        event_id = f"ev{number}"
        sources = [said_by[id(m)] for m in incident.mentions]
        stated = [statement_of[id(s)] for s in sources if s is not None]
        # a figure told within a speech is asserted by it too ("a évoqué un bilan de trois morts")
        told = (for_place(innermost(speeches, span.begin), m.place) for m in incident.mentions
                for _quantity, _count, span in m.figures if span is not None)
        stated += [statement_of[id(s)] for s in told if s is not None]
        events.append(_event(event_id, incident, entities, sources, statement_of))
        for statement_id in dict.fromkeys(stated):
            reports.setdefault(statement_id, []).append(event_id)
    events = surface_tolls(no_casualties(launch_places(events), document.text), doc, lex, entities.place)
    events, parts_of = without_totals(events, entities)
    kept = {e.id for e in events}
    reports = {s: list(dict.fromkeys(p for e in ids for p in parts_of.get(e, [e]) if p in kept))
               for s, ids in reports.items()}
    reported = {e for ids in reports.values() for e in ids}
    for speech_id, ids in continued(events, speeches, doc, document.text, reported).items():
        said = reports.setdefault(statement_of[speech_id], [])
        said.extend(i for i in ids if i not in said)
    strikes = [e for e in events if e.type != "Interception"]
    if len(strikes) == 1:
        # an article about one strike (and maybe its shoot-downs): what its speakers say of victims
        # or damage is about that strike ("le gouverneur a ajouté que jusqu'à 18 personnes pourraient
        # se trouver sous les décombres")
        for statement_id, group in statements.values():
            if group[0].speaker is not None and any(on_the_incident(s, document.text) for s in group):
                reports[statement_id] = reports.get(statement_id) or [strikes[0].id]
    for statement_id, group in statements.values():
        if group[0].speaker is not None and not reports.get(statement_id):
            # a speaker whose words name no event speaks of the one told just before, in their
            # paragraph ("… deux morts. « Tous sont à l'hôpital », a informé le gouverneur")
            nearest = placed_in(events, group, entities) or told_before(events, group, document.text)
            if nearest is not None:
                reports[statement_id] = [nearest]
    records = []
    for statement_id, group in statements.values():
        if not reports.get(statement_id) or group[0].speaker is None:
            continue  # a statement that asserts no event, or whose speaker the text does not give
        records.append(Statement(
            id=statement_id, speaker=group[0].speaker, cue=group[0].cue,
            mentions=tuple(s.mention for s in group), reports=tuple(reports[statement_id]),
            quote=next((s.quote for s in group if s.quote), None),
        ))
    return Extraction(document=document, entities=entities.records(), events=tuple(events),
                      statements=tuple(records))


def _own_side(mentions: list[Mention], said_by: dict[int, Speech | None], entities: Entities) -> None:
    """ "ses forces", "son territoire": the side of the speaker who reports the clause."""
    for mention in mentions:
        speech = said_by[id(mention)]
        side = entities.side(speech.speaker) if speech is not None else None
        if side is None:
            continue
        if "actor" in mention.own:
            mention.actor = side
        if "place" in mention.own and mention.place is None:
            mention.place = side


def _speaker_key(speech: Speech) -> object:
    return speech.speaker if speech.speaker else id(speech)


def _statements(speeches: list[Speech]) -> dict[object, tuple[str, list[Speech]]]:
    """One statement per speaker per article: all that a speaker says, with every cue's mention."""
    groups: dict[object, tuple[str, list[Speech]]] = {}
    for speech in speeches:
        key = _speaker_key(speech)
        if key not in groups:
            groups[key] = (f"st{len(groups) + 1}", [])
        groups[key][1].append(speech)
    return groups


def _event(event_id: str, incident: Incident, entities: Entities, sources: list[Speech | None],
           statement_of: dict[int, str]) -> Event:
    first = incident.mentions
    actor = next((m.actor for m in first if m.actor), None)
    place = most_specific_place(incident, entities)
    speaker = next((s.speaker for s in sources if s is not None and s.speaker), None)
    if incident.family == "interception":
        # air defence shoots down over its own ground, for the side that reports it
        actor = actor or entities.side(speaker)
        if place is None and actor and entities.get(actor).kind == "Country":
            place = actor
        if actor is None and place is not None:
            country = entities.lex.country_of(entities.get(place).name)
            actor = entities.add("Country", country, None) if country else None
    weapons = [m.weapon for m in first if m.weapon]
    named = [w for w in weapons if entities.named_system(w)]
    figures: list[Figure] = []
    for mention, source in zip(first, sources, strict=True):
        statement = statement_of[id(source)] if source is not None else None
        for quantity, count, span in mention.figures:
            figure = Figure(quantity, count.value, count.qualifier, span, statement)  # type: ignore[arg-type]
            if figure not in figures:
                figures.append(figure)
    return Event(
        id=event_id, type=incident.type,  # type: ignore[arg-type]
        mentions=tuple(m.span for m in first),
        actor=actor, place=place,
        target=next((m.target for m in first if m.target), None),
        target_entity=next((m.target_entity for m in first if m.target_entity), None),
        weapon=(named or weapons or [None])[0],
        figures=tuple(figures),
        time=next((m.time for m in first if m.time), None),
        means=next((m.means for m in first if m.means), None),
    )

