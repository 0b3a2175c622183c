"""The extraction of a republished article, made from its original's without parsing it again.

Every fact keeps the original's reading; its evidence moves to where the same words stand in
the copy. The original is cut into sentences and lines; each span moves with the piece that holds
it, when that piece appears word for word in the copy. A mention whose piece the copy lacks is
dropped, and so is an event or a statement left with no evidence in the copy (the copy does not
tell it), with the references to it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Document, Entity, Event, Extraction, Span, Statement

#: Where the original is cut: after a sentence end followed by a space, and at line breaks.
_PIECE = re.compile(r"[^\n]+?(?:[.!?…»](?=\s)|$)", re.MULTILINE)


class _Shift:
    """Maps offsets of the original into the copy, piece by piece."""

    def __init__(self, original: str, copy: str) -> None:
        self.pieces: list[tuple[int, int, int]] = []  # (begin, end) in the original, begin in the copy
        searched_from = 0
        for found in _PIECE.finditer(original):
            text = found.group().strip()
            if len(text) < 2:
                continue
            begin = found.start() + found.group().index(text)
            where = copy.find(text, searched_from)
            if where < 0:
                where = copy.find(text)
            if where >= 0:
                self.pieces.append((begin, begin + len(text), where))
                searched_from = where + len(text)

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        for begin, end, there in self.pieces:
            if begin <= span.begin and span.end <= end:
                return Span(there + span.begin - begin, there + span.end - begin, span.text)
        return None

    def spans(self, spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(s for s in map(self.span, spans) if s is not None)


def reuse(original: Extraction, copy: Document) -> Extraction:
    """``original``'s facts for the document ``copy``, with evidence offsets into the copy's text."""
    shift = _Shift(original.document.text, copy.text)
    events: list[Event] = []
    for event in original.events:
        mentions = shift.spans(event.mentions)
        if not mentions:
            continue
        figures = tuple(replace(f, span=shift.span(f.span)) for f in event.figures)
        time = replace(event.time, span=shift.span(event.time.span)) if event.time else None
        events.append(replace(event, mentions=mentions, figures=figures, time=time))
    kept = {e.id for e in events}
    statements: list[Statement] = []
    for statement in original.statements:
        mentions = shift.spans(statement.mentions)
        reports = tuple(r for r in statement.reports if r in kept)
        if mentions and (reports or not statement.reports):
            statements.append(replace(statement, mentions=mentions, reports=reports))
    said = {s.id for s in statements}
    events = [replace(e, figures=tuple(f for f in e.figures if f.statement in (None, *said)))
              for e in events]
    used = {ref for e in events for ref in (e.actor, e.place, e.weapon, e.target_entity) if ref}
    used |= {s.speaker for s in statements if s.speaker}
    entities: list[Entity] = []
    for entity in original.entities:
        mentions = shift.spans(entity.mentions)
        if mentions or entity.id in used:
            entities.append(replace(entity, mentions=mentions))
    present = {e.id for e in entities}
    entities = [replace(e, affiliation=e.affiliation if e.affiliation in present else None,
                        jurisdiction=e.jurisdiction if e.jurisdiction in present else None)
                for e in entities]
    return Extraction(copy, tuple(entities), tuple(events), tuple(statements))
