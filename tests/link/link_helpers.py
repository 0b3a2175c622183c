"""Link one surface form in a one-line article, as the pipeline would."""

from __future__ import annotations

from kg.extract.entities import PLACE_RANK
from kg.link import Gazetteer, link
from kg.model import Document, Entity, Extraction, Span


def link_one(gazetteer: Gazetteer, name: str, kind: str, context: str = "") -> Entity:
    text = context + name
    mention = Span(len(context), len(text), name)
    entity = Entity(id="e1", kind=kind, name=name, mentions=(mention,))
    linked = link(Extraction(Document(id="t", text=text), (entity,)), gazetteer)
    return linked.entities[0]


#: The kinds of place entities: what a generated sentence about a division must link.
PLACES = frozenset(PLACE_RANK)


def link_sentence(nlp, gazetteer: Gazetteer, text: str, mention: str, at: int | None = None,
                  kinds: frozenset[str] | None = None) -> Entity | None:
    """Extract and link a sentence with the real model; the entity one of whose mentions covers
    ``mention`` (its first occurrence, or the one at ``at``), of one of ``kinds`` if given (a
    speaker "le gouverneur de l'oblast de l'Amour" covers the region's name too)."""
    from kg.extract import extract

    begin = text.index(mention) if at is None else at
    end = begin + len(mention)
    linked = link(extract(nlp(text), Document(id="t", text=text)), gazetteer)
    for entity in linked.entities:
        if (kinds is None or entity.kind in kinds) and any(span.begin < end and begin < span.end for span in entity.mentions):
            return entity
    return None
