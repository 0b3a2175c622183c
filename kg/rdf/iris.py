"""Deterministic IRI minting: the same input always gives the same IRI, and no blank nodes.

>>> article_iri(Document(id="kaluga-2024-11-25", text="...")).value
'https://w3id.org/newskg/id/article/kaluga-2024-11-25'
>>> slug("Région de Kharkiv (Ukraine)")
'region-de-kharkiv-ukraine'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from kg.errors import InputError
from kg.model import Document, Span
from kg.rdf.vocab import ID_BASE

_NOT_SLUG = re.compile(r"[^\w]+", re.UNICODE)


def slug(text: str, limit: int = 80) -> str:
    """Lower-case, accents stripped from Latin letters, runs of other characters turned to '-'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = _NOT_SLUG.sub("-", stripped.lower()).replace("_", "-").strip("-")
    return re.sub("-+", "-", cleaned)[:limit].strip("-") or "x"


def digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def article_key(document: Document) -> str:
    """The article's stable key: its id if given, else a hash of its URL, else of its text.

    An article re-read with new text keeps its key when it has the same id or URL, so a rebuild
    replaces its graph instead of adding a second article.
    """
    if document.id:
        return slug(document.id, limit=120)
    if document.url:
        return "u-" + digest(document.url)
    return "t-" + digest(document.text)


def article_iri(document: Document) -> NamedNode:
    return NamedNode(f"{ID_BASE}article/{article_key(document)}")


def given_iri(text: str, what: str) -> NamedNode:
    """An IRI a user typed, or an InputError naming it and saying what ``what`` should be.

    >>> given_iri("http://x y", "an article's key (kaluga-2024-11-25) or its full IRI")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: 'http://x y': not a valid IRI (Invalid IRI code point ' '); give an article's key (kaluga-2024-11-25) or its full IRI
    """
    try:
        return NamedNode(text)
    except ValueError as error:
        raise InputError(repr(text), f"not a valid IRI ({error}); give {what}") from None


def article_iri_for_key(key_or_iri: str) -> NamedNode:
    """The article IRI named by a user: a full IRI as it is, else a key such as ``kaluga-2024-11-25``."""
    if key_or_iri.startswith(("http://", "https://")):
        return given_iri(key_or_iri, "an article's key (kaluga-2024-11-25) or its full IRI")
    return NamedNode(f"{ID_BASE}article/{slug(key_or_iri, limit=120)}")


def entity_iri(key: str) -> NamedNode:
    """IRI of a shared entity from its linking key, e.g. ``place/kharkiv`` or ``weapon/shahed``."""
    return NamedNode(ID_BASE + key)


def local_iri(article: NamedNode, kind: str, local_id: str) -> NamedNode:
    """IRI of a fact that lives only within one article (event, statement, anonymous source)."""
    return NamedNode(f"{article.value}/{kind}/{local_id}")


def mention_iri(article: NamedNode, span: Span) -> NamedNode:
    """A NIF RFC 5147 style IRI for a span: ``<article>#char=begin,end``."""
    return NamedNode(f"{article.value}#char={span.begin},{span.end}")
