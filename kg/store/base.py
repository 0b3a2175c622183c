"""What every store shares: the ``GraphStore`` protocol that the local and remote stores follow,
query results read back from elsewhere, export formats, and SPARQL text helpers."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Protocol

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.rdf.iris import given_iri
from kg.rdf.vocab import PREFIXES
from kg.store.params import tokens

DEFAULT_LOCATION = "kg-store"
#: What a graph to export must be, for the message that refuses a malformed one.
GRAPH_HINT = "a named graph's full IRI, such as https://w3id.org/newskg/id/article/kaluga-2024-11-25"

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

#: What pyoxigraph raises while it evaluates a query whose answer was already returned, as the
#: answer is read (it evaluates lazily): OSError (the store's files; a SERVICE endpoint out of
#: reach), SyntaxError (unreadable results from a SERVICE endpoint or a server), RuntimeError
#: (any other evaluation error), ValueError (a term or a format it refuses).
READ_ERRORS = (OSError, SyntaxError, RuntimeError, ValueError)

#: Answers bigger than this are spooled to a temporary file, not memory, before they are written.
_SPOOL_BYTES = 16 * 1024 * 1024


def reading_failed(sparql: str, when: str = "while its results were read") -> Callable[[Exception], str]:
    """The one-line message for an error that pyoxigraph raises while it answers ``sparql``.

    >>> reading_failed("SELECT * { SERVICE <http://x> { ?s ?p ?o } }")(OSError("no route"))
    'the query failed while its results were read: no route (a SERVICE clause needs the network and its endpoint up)'
    """

    def describe(error: Exception) -> str:
        problem = syntax_problem(str(error) or type(error).__name__, limit=300)
        federated = isinstance(error, OSError) and any(
            kind == "word" and text.upper() == "SERVICE" for kind, text, _at in tokens(sparql))
        hint = " (a SERVICE clause needs the network and its endpoint up)" if federated else ""
        return f"the query failed {when}: {problem}{hint}"

    return describe


class _Guarded:
    """An answer read once, row by row, whose read errors become one-line QueryErrors."""

    def __init__(self, rows: Iterable, describe: Callable[[Exception], str]) -> None:
        self._rows = iter(rows)
        self._describe = describe

    def __iter__(self) -> Iterator:
        return self

    def __next__(self) -> ox.QuerySolution | ox.Triple:
        try:
            return next(self._rows)
        except READ_ERRORS as error:
            raise QueryError(self._describe(error)) from None

    def _write(self, write: Callable[[IO[bytes]], None], output: IO[bytes] | None) -> bytes | None:
        """Serialise the whole answer before the first byte reaches ``output``: an error while it
        is read leaves ``output`` untouched rather than half a document."""
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
            try:
                write(spool)
            except READ_ERRORS as error:
                raise QueryError(self._describe(error)) from None
            spool.seek(0)
            if output is None:
                return spool.read()
            shutil.copyfileobj(spool, output)
        return None


class Solutions(_Guarded):
    """The rows of a SELECT answer, read once as pyoxigraph's ``QuerySolutions`` are, whose errors
    while they are read (a SERVICE endpoint out of reach, unreadable results) are QueryErrors.

    >>> store = ox.Store()
    >>> answer = Solutions(store.query("SELECT ?x { VALUES ?x { 1 } }"), reading_failed(""))
    >>> [v.value for v in answer.variables], [row["x"].value for row in answer]
    (['x'], ['1'])
    """

    def __init__(self, solutions: ox.QuerySolutions, describe: Callable[[Exception], str]) -> None:
        super().__init__(solutions, describe)
        self._solutions = solutions

    @property
    def variables(self) -> list[ox.Variable]:
        return self._solutions.variables

    def serialize(self, output: IO[bytes] | None = None,
                  format: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON) -> bytes | None:
        """Write the rows not read yet in ``format`` to ``output``, or return them as bytes."""
        return self._write(lambda spool: self._solutions.serialize(spool, format), output)


class Triples(_Guarded):
    """The triples of a CONSTRUCT or DESCRIBE answer: pyoxigraph's, read once with their read
    errors as QueryErrors, or a list read back from elsewhere (a child process, a server), which
    each loop reads again."""

    def __init__(self, triples: Iterable[ox.Triple],
                 describe: Callable[[Exception], str] = reading_failed("")) -> None:
        self._list = None if isinstance(triples, ox.QueryTriples) else list(triples)
        super().__init__(triples if self._list is None else self._list, describe)

    def __iter__(self) -> Iterator[ox.Triple]:
        return self if self._list is None else iter(self._list)

    def __len__(self) -> int:
        """How many triples are left to read: pyoxigraph's are read into a list to count them."""
        if self._list is None:
            self._list = [triple for triple in self]  # not list(self), which would ask len(self)
            self._rows = iter(self._list)  # a loop already begun goes on over the list
        return len(self._list)

    def serialize(self, output: IO[bytes] | None = None,
                  format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes | None:
        return self._write(lambda spool: ox.serialize(iter(self), spool, format), output)


QueryResult = Solutions | Triples | ox.QueryBoolean


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
        node = given_iri(graph, GRAPH_HINT)
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
