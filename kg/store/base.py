"""What every store shares: the ``GraphStore`` protocol that the local and remote stores follow,
query results read back from elsewhere, export formats, and SPARQL text helpers."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Protocol

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf.vocab import PREFIXES

DEFAULT_LOCATION = "kg-store"

#: Export format names (as given to ``kg export --format``) → pyoxigraph formats.
FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}



class Triples:
    """The triples of a CONSTRUCT or DESCRIBE answer read back from elsewhere (a child process,
    a server), serialisable like pyoxigraph's ``QueryTriples``."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._triples = list(triples)

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def serialize(self, output: IO[bytes] | None = None,
                  format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes | None:
        return ox.serialize(self._triples, output, format)


QueryResult = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean | Triples


class GraphStore(Protocol):
    """A store of article graphs: the embedded Oxigraph one (kg.store.local) or a SPARQL server
    (kg.store.remote). The pipeline, the views and the API use only these methods."""

    location: str

    def article_hash(self, article: ox.NamedNode) -> str | None: ...
    def write_article(self, article: ox.NamedNode, quads: Iterable[ox.Quad]) -> None: ...
    def write_articles(self, articles: Iterable[tuple[ox.NamedNode, Iterable[ox.Quad]]]) -> list[str]: ...
    def remove_article(self, article: ox.NamedNode) -> bool: ...
    def ensure_ontology(self, quads: Iterable[ox.Quad]) -> None: ...
    def flush(self) -> None: ...
    def optimize(self) -> None: ...
    def close(self) -> None: ...
    def query(self, sparql: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              allow_update: bool = False, timeout: float | None = None) -> QueryResult | None: ...
    def export(self, output: IO[bytes], format: str, graph: str | None = None) -> None: ...
    def named_graphs(self) -> list[str]: ...
    def __len__(self) -> int: ...


def default_location() -> str:
    """``$KG_STORE`` if set, else ``./kg-store``."""
    return os.environ.get("KG_STORE") or DEFAULT_LOCATION


def dump(store: ox.Store, output: IO[bytes], format: str, graph: str | None, location: str) -> None:
    """Serialise one graph of ``store``, or all of it; triple formats get the union of all graphs."""
    rdf_format = FORMATS[format]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if graph is not None:
        node = ox.NamedNode(graph)
        if not store.contains_named_graph(node):
            raise StoreError(f"graph <{graph}> is not in store {location}; see `kg stats`")
        triples = (ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, node))
        if rdf_format.supports_datasets:
            ox.serialize((ox.Quad(t.subject, t.predicate, t.object, node) for t in triples),
                         output, rdf_format, prefixes=prefixes)
        else:
            ox.serialize(triples, output, rdf_format, prefixes=prefixes)
    elif rdf_format.supports_datasets:
        store.dump(output, rdf_format, prefixes=prefixes)
    else:
        # A triple format cannot hold named graphs: merge them, dropping duplicates.
        merged = ox.Store()
        merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
        merged.dump(output, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)


_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


def syntax_problem(message: str, limit: int = 160) -> str:
    """The parser's message on one line: where it stopped, and what it expected, shortened.

    >>> syntax_problem("error at 1:68:   expected one of '{', '%', '.', ':'", limit=30)
    'error at 1:68: expected one of…'
    """
    line = " ".join(message.split())
    return line if len(line) <= limit else line[:limit].rstrip(" ,") + "…"


def is_update(sparql: str) -> bool:
    """True if the first operation of ``sparql``, after its prologue, is an UPDATE keyword."""
    text = re.sub(r"<[^>\s]*>", " <> ", sparql)  # IRIs may hold '#'
    text = re.sub(r"#[^\n]*", " ", text)
    words = text.split()
    while len(words) >= 2 and words[0].upper() in ("PREFIX", "BASE"):
        words = words[3:] if words[0].upper() == "PREFIX" else words[2:]
    return bool(words) and words[0].upper() in _UPDATE_KEYWORDS


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """``INSERT DATA`` for quads, grouped by graph; terms in their N-Triples form.

    >>> insert_data([ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal('x"'), ox.NamedNode("http://g"))])
    'INSERT DATA {\\nGRAPH <http://g> {\\n<http://a> <http://p> "x\\\\"" .\\n}\\n}'
    """
    graphs: dict[str, list[str]] = {}
    for q in quads:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        graphs.setdefault(graph, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = [("\n".join(lines) if not g else f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}")
             for g, lines in graphs.items()]
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"
