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
