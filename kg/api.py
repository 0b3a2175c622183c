"""The Python API: one ``KnowledgeGraph`` over a local store folder or a remote SPARQL server.

>>> from kg import KnowledgeGraph
>>> graph = KnowledgeGraph(":memory:")  # or a store folder, or an http(s):// SPARQL server
>>> rows = graph.query("SELECT ?n WHERE { VALUES ?n { 1 2 } FILTER(?n > ?min) }", min=1)
>>> [row["n"].value for row in rows]
['2']
>>> bool(graph.query("ASK { ?s ?p ?o }"))
False
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from kg.errors import StoreError
from kg.store import FORMATS, Store, open_store
from kg.store.params import prepare


class KnowledgeGraph:
    """A newskg graph: build articles into it, query it with parameters, export it.

    ``location`` is a store folder (created if needed), an ``http(s)://`` SPARQL server (see
    :mod:`kg.store.remote`), or ``":memory:"`` for a throw-away in-memory store; by default the
    folder ``$KG_STORE`` or ``./kg-store``.
    """

    def __init__(self, location: str | Path | None = None) -> None:
        self.store = Store() if str(location) == ":memory:" else open_store(location)

    @property
    def location(self) -> str:
        return self.store.location

    def build(self, inputs: str | Path | Iterable[str | Path], **options: Any):  # -> BuildSummary
        """Read articles (files, folders, ``.jsonl``) into the graph; see ``kg build``.

        Options are those of :func:`kg.pipeline.build` (``model``, ``force``, ``strict`` …).
        Returns the :class:`~kg.pipeline.BuildSummary`.
        """
        from kg.pipeline import build

        if isinstance(inputs, str | Path):
            inputs = [inputs]
        return build(list(inputs), self.store, **options)

    def query(self, sparql: str, params: Mapping[str, object] | None = None,
              *, allow_update: bool = False, timeout: float | None = None, **kwargs: object):
        """Run SPARQL over the union of all graphs, binding ``?name`` for each keyword argument.

        Values are Python objects (str, int, float, bool, date, datetime) or pyoxigraph terms;
        strings are typed as in ``kg query --param`` and by the query's ``# Parameters:`` header.
        Returns ``kg.store.base.Solutions`` (SELECT: rows of pyoxigraph terms, ``.variables``,
        ``.serialize()``; what fails while they are read raises QueryError), a ``QueryBoolean``
        (ASK), ``Triples`` (CONSTRUCT/DESCRIBE) or None (an update, only with ``allow_update``).
        ``timeout`` stops the query after that many seconds with a QueryError (a parameter
        named ``timeout`` goes in ``params``).
        """
        given = {**(params or {}), **kwargs}
        return self.store.query(prepare(sparql, given), allow_update=allow_update, timeout=timeout)

    def query_file(self, path: str | Path, *, timeout: float | None = None, **params: object):
        """Run a ``.rq`` file from queries/ (or elsewhere) with its declared parameters;
        ``timeout`` as in :meth:`query`."""
        sparql = Path(path).read_text(encoding="utf-8")
        return self.store.query(prepare(sparql, params, source=str(path)), timeout=timeout)

    def export(self, output: str | Path | IO[bytes] | None = None, format: str = "turtle",
               graph: str | None = None) -> bytes | None:
        """Write the graph (or one article's graph) as RDF; returns the bytes if no output given.

        ``format`` is one of: turtle, trig, nquads, ntriples, jsonld, rdfxml, n3.
        """
        if format not in FORMATS:
            raise StoreError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        if output is None:
            buffer = io.BytesIO()
            self.store.export(buffer, format, graph)
            return buffer.getvalue()
        if isinstance(output, str | Path):
            with open(output, "wb") as stream:
                self.store.export(stream, format, graph)
        else:
            self.store.export(output, format, graph)
        return None

    def __len__(self) -> int:
        return len(self.store)

    def named_graphs(self) -> list[str]:
        return self.store.named_graphs()

    def close(self) -> None:
        """Release the store: the on-disk lock, or the HTTP connections of a remote one."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


