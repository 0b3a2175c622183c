"""Link one surface form in a one-line article, as the pipeline would."""

from __future__ import annotations

from kg.link import Gazetteer, link
from kg.model import Document, Entity, Extraction, Span


def link_one(gazetteer: Gazetteer, name: str, kind: str, context: str = "") -> Entity:
    text = context + name
    mention = Span(len(context), len(text), name)
    entity = Entity(id="e1", kind=kind, name=name, mentions=(mention,))
    linked = link(Extraction(Document(id="t", text=text), (entity,)), gazetteer)
    return linked.entities[0]


def link_sentence(nlp, gazetteer: Gazetteer, text: str, mention: str, at: int | None = None) -> Entity | None:
    """Extract and link a sentence with the real model; the entity one of whose mentions covers
    ``mention`` (its first occurrence, or the one at ``at``)."""
    from kg.extract import extract

    begin = text.index(mention) if at is None else at
    end = begin + len(mention)
    linked = link(extract(nlp(text), Document(id="t", text=text)), gazetteer)
    for entity in linked.entities:
        if any(span.begin < end and begin < span.end for span in entity.mentions):
            return entity
    return None
