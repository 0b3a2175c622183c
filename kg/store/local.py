"""The on-disk Oxigraph store: one named graph per article, plus the entity and ontology graphs.

Every read goes through SPARQL with the default graph as the union of all graphs, so the same
queries work on a remote SPARQL server configured the same way.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import QueryError, StoreBusyError, StoreError
from kg.rdf.vocab import NKG, ONTOLOGY_GRAPH, PREFIXES
from kg.store.base import (
    READ_ERRORS,
    QueryResult,
    Solutions,
    Triples,
    dump,
    insert_data,
    is_update,
    reading_failed,
    syntax_problem,
)
from kg.store.params import bind


class Store:
    """An Oxigraph store on disk (or in memory when ``path`` is None).

    With ``read_only`` the store on disk is only read: writes fail with StoreError, the folder
    is not locked (a build may be writing it; this view sees the store as it was when opened),
    and opening it does not start RocksDB's compactions, which a freshly loaded store runs for
    minutes on every core.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.location = str(path) if path is not None else ":memory:"
        self.path = str(path) if path is not None else None
        self.read_only = read_only and path is not None
        self._unflushed = False  # a write made since the last flush
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = _open_read_only(str(path))
            else:
                self._store = ox.Store(str(path))
        except OSError as error:
            # RocksDB's words for a LOCK file held by another process (the path may say "lock" too)
            if "while lock file" in str(error).lower() or "temporarily unavailable" in str(error):
                raise StoreBusyError(
                    f"store {self.location} is busy: another kg process is writing it; "
                    "wait for it to finish and try again"
                ) from None
            raise StoreError(f"cannot open store {self.location}: {error}") from None
        if path is not None and not read_only:
            _remove_unfinished_bulk_files(Path(path))

    # -- writing -----------------------------------------------------------------------------

    def _will_write(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} was opened read-only; open it without read_only to change it")
        self._unflushed = True

    def article_hash(self, article: ox.NamedNode) -> str | None:
        """The content hash stored with an article, or None if the article is not stored."""
        for quad in self._store.quads_for_pattern(article, NKG.contentHash, None, article):
            return quad.object.value
        return None

    def write_article(self, article: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace the article's graph by ``quads`` (which may also add entity-graph quads).

        The replacement is one transaction: a new article is added with ``extend``, a stored one
        is dropped and rewritten by a single SPARQL update. A build killed at any moment leaves
        every article either as it was or as it is now, never half written.
        """
        self._will_write()
        try:
            if self._store.contains_named_graph(article):
                self._store.update(f"DROP SILENT GRAPH {article} ;\n{insert_data(quads)}")
            else:
                self._store.extend(quads)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"cannot write {article.value} to {self.location}: {error}") from None

    def write_articles(self, articles: Iterable[tuple[ox.NamedNode, Iterable[ox.Quad]]]) -> list[str]:
        """Write several articles, as ``write_article`` would one after the other, but faster.

        The articles not stored yet are added together by ``bulk_extend``: Oxigraph builds sorted
        files of the whole batch beside the store, then adds them all in one RocksDB ingestion,
        which is atomic (pyoxigraph 0.5 commits its bulk loader once, at the end). A build killed
        while they are written leaves none of them or all of them; the half-made files left
        beside the store are deleted when it is next opened. Stored articles are replaced one
        transaction each, by ``write_article``, so a replacement is never seen half done.
        An article given twice is written once, in its last version. Returns the IRIs of the
        articles that were not stored before.
        """
        latest = dict(articles)
        new: list[ox.Quad] = []
        added: list[str] = []
        self._will_write()
        try:
            for article, quads in latest.items():
                if self._store.contains_named_graph(article):
                    self.write_article(article, quads)
                else:
                    new.extend(quads)
                    added.append(article.value)
            if new:
                self._store.bulk_extend(new)
        except OSError as error:
            raise StoreError(f"cannot write {len(latest)} articles to {self.location}: {error}") from None
        return added

    def remove_article(self, article: ox.NamedNode) -> bool:
        """Drop one article's graph; returns False if it was not stored."""
        if not self._store.contains_named_graph(article):
            return False
        self._will_write()
        self._store.remove_graph(article)
        return True

    def ensure_ontology(self, quads: Iterable[ox.Quad]) -> None:
        """Load the ontology into its own graph, replacing an older version.

        New quads are added before stale ones are removed (a SPARQL update would rename the
        ontology's blank nodes), so a build killed in between leaves the ontology whole, with at
        most stale extra quads that the next build removes.
        """
        wanted = set(quads)
        current = set(self._store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))
        if wanted != current:
            self._will_write()
            self._store.extend(wanted - current)
            for quad in current - wanted:
                self._store.remove(quad)

    def flush(self) -> None:
        """Write what this store object changed to disk, if anything.

        A store with nothing to write is not asked to flush: RocksDB's flush first waits until it
        would not stall writes, which after a large load means waiting for compactions (measured:
        over two minutes on a freshly bulk-loaded store of 25 million quads).
        """
        if self._unflushed:
            self._store.flush()
            self._unflushed = False

    def optimize(self) -> None:
        """Compact the store on disk (RocksDB's full compaction): reads get faster and the folder
        smaller after large builds and removals. It takes the write lock and may take minutes."""
        self._will_write()
        try:
            self._store.optimize()
        except OSError as error:
            raise StoreError(f"cannot optimize {self.location}: {error}") from None
        self._unflushed = False

    def close(self) -> None:
        """Release the on-disk store (and its lock) once the last reference is gone."""
        self.flush()
        self._store = ox.Store()

    # -- reading -----------------------------------------------------------------------------

    def query(
        self, sparql: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        allow_update: bool = False, timeout: float | None = None,
    ) -> QueryResult | None:
        """Run a SPARQL query (or, with ``allow_update``, an update) over the union of all graphs.

        With ``timeout`` (seconds) the query runs in a child process that reads the store, and is
        killed at the deadline with a QueryError; pyoxigraph itself cannot stop a running query.
        Without it the query runs here, with no extra cost. Updates take no time limit.
        """
        if is_update(sparql):
            if not allow_update:
                raise QueryError(
                    "this is a SPARQL UPDATE, which changes the store; pass --update to run it"
                )
            self._will_write()
            try:
                self._store.update(sparql, prefixes=PREFIXES)
            except (SyntaxError, OSError) as error:
                raise QueryError(f"the update failed: {error}") from None
            return None
        # Values are joined as VALUES blocks (kg.store.params), not pyoxigraph substitutions, which
        # 0.5 only accepts for projected variables; the remote store binds the same way.
        sparql = bind(sparql, substitutions or {})
        if timeout is not None:
            return self._query_with_deadline(sparql, timeout)
        try:
            result = self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"the query is not valid SPARQL: {syntax_problem(str(error))}") from None
        except READ_ERRORS as error:  # an ASK is answered at once, so it fails here
            raise QueryError(reading_failed(sparql, f"on {self.location}")(error)) from None
        # SELECT and CONSTRUCT answers are computed as they are read, so they may fail later
        if isinstance(result, ox.QuerySolutions):
            return Solutions(result, reading_failed(sparql))
        if isinstance(result, ox.QueryTriples):
            return Triples(result, reading_failed(sparql))
        return result

    def _query_with_deadline(self, sparql: str, timeout: float) -> QueryResult:
        if timeout <= 0:
            raise QueryError(f"the time limit must be a positive number of seconds, not {timeout:g}")
        if self.path is None:
            raise QueryError("a query time limit needs a store on disk or a SPARQL server, "
                             "not an in-memory store")
        self.flush()  # the child opens the store read-only: it must see every write made here
        try:
            child = subprocess.run(
                [sys.executable, "-m", "kg.store.local", self.path], input=sparql.encode("utf-8"),
                capture_output=True, timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired:  # subprocess.run has killed the child
            raise QueryError(f"the query did not finish within {timeout:g} s and was stopped; "
                             "narrow it (more specific patterns, LIMIT) or raise --timeout") from None
        problem = child.stderr.decode("utf-8", "replace").strip()
        if child.returncode == _CHILD_SYNTAX:
            raise QueryError(f"the query is not valid SPARQL: {syntax_problem(problem)}")
        if child.returncode == _CHILD_FAILED:  # its message is the last line (warnings may precede it)
            raise QueryError(problem.splitlines()[-1])
        if child.returncode != 0:
            raise QueryError(f"the query failed on {self.location}: "
                             f"{syntax_problem(problem, limit=300) or f'exit code {child.returncode}'}")
        kind, body = child.stdout[:1], child.stdout[1:]
        if kind == b"T":
            return Triples(ox.parse(body, ox.RdfFormat.N_TRIPLES))
        result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QuerySolutions):
            return Solutions(result, reading_failed(sparql))
        return result

    def export(self, output: IO[bytes], format: str, graph: str | None = None) -> None:
        """Serialise one graph, or everything; triple formats get the union of all graphs."""
        dump(self._store, output, format, graph, self.location)

    def __len__(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())


def _remove_unfinished_bulk_files(folder: Path) -> None:
    """Delete the files of a ``bulk_extend`` that was killed before it added them to the store.

    Oxigraph names them ``bulk-<random>.sst`` in the store folder and deletes them itself once
    ingested (RocksDB keeps its own links to them); a process killed earlier leaves them behind,
    unused. The caller holds the store's lock, so no other writer can be making such files.
    """
    for leftover in folder.glob("bulk-*.sst"):
        leftover.unlink(missing_ok=True)


_CHILD_SYNTAX = 3
_CHILD_FAILED = 4  # the query failed as it was answered; stderr holds the one-line message


def _open_read_only(location: str, attempts: int = 5) -> ox.Store:
    """A read-only view of a store that its writer (the parent process) may be compacting: the
    view can list a file that a finished compaction deletes as it opens, so it tries again."""
    for attempt in range(1, attempts):
        try:
            return ox.Store.read_only(location)
        except RuntimeError:  # RocksDB's "Corruption: … No such file or directory" of that race
            time.sleep(0.05 * attempt)
    return ox.Store.read_only(location)


def _answer_one_query(location: str) -> int:
    """Child side of ``Store.query(timeout=…)``: read a query on stdin, write its answer on
    stdout (``R`` + SPARQL JSON results, or ``T`` + N-Triples)."""
    sparql = sys.stdin.buffer.read().decode("utf-8")
    try:
        store = _open_read_only(location)
    except (OSError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    try:
        result = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as error:
        print(error, file=sys.stderr)
        return _CHILD_SYNTAX
    except READ_ERRORS as error:
        print(reading_failed(sparql, f"on {location}")(error), file=sys.stderr)
        return _CHILD_FAILED
    try:
        out = sys.stdout.buffer
        # the answer is read whole before it is written, so a failure leaves no half answer
        if isinstance(result, ox.QueryTriples):
            out.write(b"T")
            Triples(result, reading_failed(sparql)).serialize(out, ox.RdfFormat.N_TRIPLES)
        elif isinstance(result, ox.QuerySolutions):
            out.write(b"R")
            Solutions(result, reading_failed(sparql)).serialize(out, ox.QueryResultsFormat.JSON)
        else:  # an ASK, answered already
            out.write(b"R")
            result.serialize(out, ox.QueryResultsFormat.JSON)
        out.flush()
    except QueryError as error:
        print(error, file=sys.stderr)
        return _CHILD_FAILED
    return 0


if __name__ == "__main__":  # python -m kg.store.local LOCATION: the child of a query with a time limit
    sys.exit(_answer_one_query(sys.argv[1]))
