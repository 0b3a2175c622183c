"""The on-disk Oxigraph store: one named graph per article, plus the entity and ontology graphs.

Every read goes through SPARQL with the default graph as the union of all graphs, so the same
queries work on a remote SPARQL server configured the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import QueryError, StoreBusyError, StoreError
from kg.params import bind
from kg.vocab import ENTITY_GRAPH, NKG, ONTOLOGY_GRAPH, PREFIXES

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

QueryResult = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean

if TYPE_CHECKING:
    from kg.remote import RemoteStore


def default_location() -> str:
    """``$KG_STORE`` if set, else ``./kg-store``."""
    return os.environ.get("KG_STORE") or DEFAULT_LOCATION


class Store:
    """An Oxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.location = str(path) if path is not None else ":memory:"
        try:
            self._store = ox.Store(str(path)) if path is not None else ox.Store()
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreBusyError(
                    f"store {self.location} is busy: another kg process is writing it; "
                    "wait for it to finish and try again"
                ) from None
            raise StoreError(f"cannot open store {self.location}: {error}") from None

    # -- writing -----------------------------------------------------------------------------

    def article_hash(self, article: ox.NamedNode) -> str | None:
        """The content hash stored with an article, or None if the article is not stored."""
        for quad in self._store.quads_for_pattern(article, NKG.contentHash, None, article):
            return quad.object.value
        return None

    def write_article(self, article: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace the article's graph by ``quads`` (which may also add entity-graph quads).

        The new quads go in one transaction, so an interrupted build never leaves half an
        article; at worst a replaced article is missing until the next build writes it again.
        """
        try:
            if self._store.contains_named_graph(article):
                self._store.remove_graph(article)
            self._store.extend(quads)
        except OSError as error:
            raise StoreError(f"cannot write {article.value} to {self.location}: {error}") from None

    def remove_article(self, article: ox.NamedNode) -> bool:
        """Drop one article's graph; returns False if it was not stored."""
        if not self._store.contains_named_graph(article):
            return False
        self._store.remove_graph(article)
        return True

    def ensure_ontology(self, quads: Iterable[ox.Quad]) -> None:
        """Load the ontology into its own graph, replacing an older version."""
        wanted = set(quads)
        current = set(self._store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))
        if wanted != current:
            self._store.remove_graph(ONTOLOGY_GRAPH)
            self._store.extend(wanted)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        """Release the on-disk store (and its lock) once the last reference is gone."""
        self.flush()
        self._store = ox.Store()

    # -- reading -----------------------------------------------------------------------------

    def query(
        self, sparql: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        allow_update: bool = False,
    ) -> QueryResult | None:
        """Run a SPARQL query (or, with ``allow_update``, an update) over the union of all graphs."""
        if _is_update(sparql):
            if not allow_update:
                raise QueryError(
                    "this is a SPARQL UPDATE, which changes the store; pass --update to run it"
                )
            try:
                self._store.update(sparql, prefixes=PREFIXES)
            except (SyntaxError, OSError) as error:
                raise QueryError(f"the update failed: {error}") from None
            return None
        # Values are joined as VALUES blocks (kg.params), not pyoxigraph substitutions, which
        # 0.5 only accepts for projected variables; the remote store binds the same way.
        sparql = bind(sparql, substitutions or {})
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"the query is not valid SPARQL: {error}") from None
        except OSError as error:
            raise QueryError(f"the query failed on {self.location}: {error}") from None

    def export(self, output: IO[bytes], format: str, graph: str | None = None) -> None:
        """Serialise one graph, or everything; triple formats get the union of all graphs."""
        rdf_format = FORMATS[format]
        prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if graph is not None:
            node = ox.NamedNode(graph)
            if not self._store.contains_named_graph(node):
                raise StoreError(f"graph <{graph}> is not in store {self.location}; see `kg stats`")
            triples = (ox.Triple(q.subject, q.predicate, q.object)
                       for q in self._store.quads_for_pattern(None, None, None, node))
            if rdf_format.supports_datasets:
                ox.serialize((ox.Quad(t.subject, t.predicate, t.object, node) for t in triples),
                             output, rdf_format, prefixes=prefixes)
            else:
                ox.serialize(triples, output, rdf_format, prefixes=prefixes)
        elif rdf_format.supports_datasets:
            self._store.dump(output, rdf_format, prefixes=prefixes)
        else:
            # A triple format cannot hold named graphs: merge them, dropping duplicates.
            merged = ox.Store()
            merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._store)
            merged.dump(output, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    def __len__(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def is_shared_graph(self, graph: str) -> bool:
        return graph in (ENTITY_GRAPH.value, ONTOLOGY_GRAPH.value)


_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


def _is_update(sparql: str) -> bool:
    """True if the first operation of ``sparql``, after its prologue, is an UPDATE keyword."""
    text = re.sub(r"<[^>\s]*>", " <> ", sparql)  # IRIs may hold '#'
    text = re.sub(r"#[^\n]*", " ", text)
    words = text.split()
    while len(words) >= 2 and words[0].upper() in ("PREFIX", "BASE"):
        words = words[3:] if words[0].upper() == "PREFIX" else words[2:]
    return bool(words) and words[0].upper() in _UPDATE_KEYWORDS


def open_store(location: str | Path | None = None) -> Store | RemoteStore:
    """Open the store at ``location`` or the default one: an ``http(s)://`` URL is a SPARQL
    server (see kg.remote), anything else a folder, created if needed."""
    from kg.remote import RemoteStore, is_url

    where = str(location) if location is not None else default_location()
    if is_url(where):
        return RemoteStore(where, update_url=os.environ.get("KG_UPDATE_URL") or None)
    return Store(where)
