"""The feeds ``kg feed`` follows and what it has seen of them, kept in the store's own graph
``id:graph/feeds`` (nkg:Feed, nkg:etag, nkg:lastModified, nkg:lastFetched, nkg:seenPage).

Everything is read and written by SPARQL, so a remote store keeps its feeds the same way.
A page is marked seen only once its article is stored (or it is refused for good), and a feed's
ETag and Last-Modified only once every new entry of that answer is: a fetch stopped at any point
loses nothing, and the next one fetches what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.rdf.iris import digest
from kg.rdf.vocab import FEED_GRAPH, ID_BASE, NKG, RDF, RDFS, SCHEMA, XSD
from kg.store.base import GraphStore, insert_data

G = FEED_GRAPH


@dataclass(frozen=True)
class Feed:
    url: str
    iri: NamedNode
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: str | None = None
    seen: int = 0  # pages seen


def feed_iri(url: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}feed/{digest(url)}")


def feeds(store: GraphStore) -> list[Feed]:
    """Every feed followed, in the order of their addresses."""
    rows = store.query(f"""
        SELECT ?feed ?url ?title ?etag ?modified ?fetched (COUNT(?page) AS ?seen) WHERE {{
          GRAPH {G} {{ ?feed a {NKG.Feed} ; {SCHEMA.url} ?url .
            OPTIONAL {{ ?feed {RDFS.label} ?title }} OPTIONAL {{ ?feed {NKG.etag} ?etag }}
            OPTIONAL {{ ?feed {NKG.lastModified} ?modified }} OPTIONAL {{ ?feed {NKG.lastFetched} ?fetched }}
            OPTIONAL {{ ?feed {NKG.seenPage} ?page }} }}
        }} GROUP BY ?feed ?url ?title ?etag ?modified ?fetched ORDER BY ?url""")

    def value(row: object, name: str) -> str | None:
        term = row[name]  # type: ignore[index]
        return term.value if term is not None else None

    return [Feed(url=row["url"].value, iri=row["feed"], title=value(row, "title"), etag=value(row, "etag"),
                 last_modified=value(row, "modified"), last_fetched=value(row, "fetched"),
                 seen=int(row["seen"].value))
            for row in rows]  # type: ignore[union-attr]


def add_feed(store: GraphStore, url: str) -> bool:
    """Follow the feed at ``url``; False if it was followed already."""
    if any(feed.url == url for feed in feeds(store)):
        return False
    iri = feed_iri(url)
    _update(store, insert_data([Quad(iri, RDF.type, NKG.Feed, G),
                                Quad(iri, SCHEMA.url, Literal(url, datatype=XSD.string), G)]))
    return True


def remove_feed(store: GraphStore, url: str) -> bool:
    """Stop following a feed (its articles stay); False if it was not followed."""
    if not any(feed.url == url for feed in feeds(store)):
        return False
    _update(store, f"DELETE WHERE {{ GRAPH {G} {{ {feed_iri(url)} ?p ?o }} }}")
    return True


def seen_pages(store: GraphStore) -> set[str]:
    """The addresses of every page seen through any feed."""
    rows = store.query(f"SELECT DISTINCT ?page WHERE {{ GRAPH {G} {{ ?feed {NKG.seenPage} ?page }} }}")
    return {row["page"].value for row in rows}  # type: ignore[union-attr]


def mark_seen(store: GraphStore, pages: Iterable[tuple[NamedNode, str]]) -> None:
    """Remember (feed, page address) pairs as seen."""
    quads = [Quad(feed, NKG.seenPage, Literal(page, datatype=XSD.string), G) for feed, page in pages]
    if quads:
        _update(store, insert_data(quads))


def save_answer(store: GraphStore, feed: NamedNode, *, etag: str | None, last_modified: str | None,
                title: str | None, when: dt.datetime) -> None:
    """Replace a feed's ETag, Last-Modified, title and time of last answer."""
    values = [(NKG.etag, etag and Literal(etag)), (NKG.lastModified, last_modified and Literal(last_modified)),
              (RDFS.label, title and Literal(title)),
              (NKG.lastFetched, Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime))]
    drops = " ".join(f"OPTIONAL {{ {feed} {p} ?o{i} }}" for i, (p, _) in enumerate(values))
    deletes = " ".join(f"{feed} {p} ?o{i} ." for i, (p, _) in enumerate(values))
    inserts = [Quad(feed, p, o, G) for p, o in values if o]
    _update(store, f"DELETE {{ GRAPH {G} {{ {deletes} }} }} WHERE {{ GRAPH {G} {{ {drops} }} }} ;\n"
                   + insert_data(inserts))


def _update(store: GraphStore, sparql: str) -> None:
    store.query(sparql, allow_update=True)
