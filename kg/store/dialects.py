"""What each SPARQL server needs beyond the SPARQL 1.1 protocols, in one place: a ``Dialect`` per
kind of server, found from the ``Server`` header of its first answer or named by ``KG_SERVER``.

The standard dialect is the protocols as written (Oxigraph, Fuseki, GraphDB and others follow
it). Virtuoso 7.2 departs from them in ways measured in ../shared/design/virtuoso-probe.md:

- a query POSTed as ``application/sparql-query`` is never answered (openlink/virtuoso-opensource
  #842), so queries go as the form field ``query``;
- its results name blank nodes ``nodeID://b10003``, which no SPARQL results reader accepts;
- ``INSERT DATA`` refuses blank nodes (the ontology has some), an ``INSERT {…} WHERE {}``
  template takes them; and it runs out of memory compiling one of some 10,000 triples, so a big
  graph is written in several requests (not one transaction);
- ``DROP GRAPH`` fails on a graph that was never made with ``CREATE GRAPH``;
- its own graphs (``virtrdf#``, ``owl#``, ``ldp#``, ``/DAV/``, its endpoint's) sit beside ours,
  in the default graph too (its ``DEFINE input:default-graph-exclude`` would leave them out, but
  then ``GRAPH <iri> { … }`` finds one triple at most: kg leaves them out of stats and export);
- it stores ``geo:wktLiteral`` as its own ``virtrdf:Geometry`` type;
- it cuts an answer at its ``ResultSetMaxRows`` or its time limit and still answers HTTP 200:
  only the headers ``X-SPARQL-MaxRows`` and ``X-SQL-State: S1TAT`` say so on a SELECT, and
  nothing at all on a CONSTRUCT, whose size is then compared with the server's row limit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.base import insert_data
from kg.store.params import tokens

#: The environment variable that names a dialect instead of detecting it.
DIALECT_VARIABLE = "KG_SERVER"

_RESULTS = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
            "application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5")
_RDF = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them in the query, upper-cased.

    >>> query_form("PREFIX x: <http://x#> construct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    for kind, text, _at in tokens(sparql):
        if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return text.upper()
    return "SELECT"


@dataclass(frozen=True)
class Dialect:
    """The SPARQL 1.1 protocols as written."""

    name: str = "standard"
    #: how a graph known to exist is dropped
    drop_graph: str = "DROP GRAPH"
    #: a SELECT asked once, whose one row gives the server settings the dialect needs
    settings_query: str | None = None
    #: whether the server keeps graphs of its own beside ours (is_system_graph tells them)
    keeps_own_graphs: bool = False

    def query_request(self, sparql: str, time_limit: float) -> tuple[bytes, str, float]:
        """The body, content type and HTTP time limit of a query request."""
        return sparql.encode("utf-8"), "application/sparql-query; charset=utf-8", time_limit

    def row_limit(self, settings: Mapping[str, str]) -> int | None:
        """The most rows (or triples) the server sends in one answer; None: no limit."""
        return None

    def accept(self, sparql: str) -> str:
        """The Accept header for a query: RDF first for CONSTRUCT and DESCRIBE."""
        return _RDF + ", " + _RESULTS if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else _RESULTS

    def readable(self, content: bytes) -> bytes:
        """An answer's bytes as a SPARQL results or RDF reader takes them."""
        return content

    def insert(self, quads: Iterable[ox.Quad]) -> list[str]:
        """The updates that add ``quads``, sent one request each: one here."""
        return [insert_data(quads)]

    def is_system_graph(self, iri: str) -> bool:
        """True for a graph the server keeps for itself, left out of stats and export."""
        return False

    def cut_short(self, headers: Mapping[str, str]) -> str | None:
        """Why an HTTP 200 answer is incomplete, from its headers (None if nothing says so).

        Virtuoso's headers are read whatever the dialect: a proxy may hide its Server header.
        """
        if headers.get("x-sql-state", "").strip().upper() == "S1TAT":
            return ("stopped the query at its time limit and sent part of an answer; none of it is "
                    "shown: give the query more time (kg query --timeout) or narrow it")
        if (rows := headers.get("x-sparql-maxrows")) is not None:
            return (f"cut the answer at {rows.strip()} rows (its ResultSetMaxRows limit); none of it "
                    "is shown: ask for fewer rows (LIMIT and OFFSET) or raise the server's limit")
        return None


_VIRTUOSO_GRAPHS = frozenset({
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/ns/ldp#",
})
#: The graphs Virtuoso names after its DefaultHost: its WebDAV folder and its SPARQL endpoint.
_VIRTUOSO_HOST_GRAPH = re.compile(r"^https?://[^/]+/(?:DAV/|sparql)$")
_NODE_ID = re.compile(rb'("type":\s*"bnode",\s*"value":\s*")nodeID://|(<bnode>)nodeID://')
_GEOMETRY = (b"http://www.openlinksw.com/schemas/virtrdf#Geometry",
             b"http://www.opengis.net/ont/geosparql#wktLiteral")
#: Virtuoso cuts an answer at 2^20 rows whatever its ResultSetMaxRows says (virtuoso-probe.md, 4h).
_HARD_ROW_LIMIT = 1_048_576
#: Quads per INSERT DATA request to Virtuoso (an article has a few hundred).
_INSERT_QUADS = 2_000
#: Extra seconds the HTTP request waits past the server's own time limit, for its answer to arrive.
_GRACE = 5.0


@dataclass(frozen=True)
class VirtuosoDialect(Dialect):
    """Virtuoso 7.2 (Debian's ``virtuoso-opensource``)."""

    name: str = "virtuoso"
    drop_graph: str = "DROP SILENT GRAPH"  # after kg's own ASK, so a missing graph is still told
    keeps_own_graphs: bool = True
    settings_query: str | None = (
        "SELECT (bif:cfg_item_value(bif:virtuoso_ini_path(), 'SPARQL', 'ResultSetMaxRows') AS ?rows)"
        " WHERE {}")

    def row_limit(self, settings: Mapping[str, str]) -> int | None:
        # the packaged ini's 10,000 when the server does not say; past 2^20 rows it cuts anyway
        rows = settings.get("rows", "")
        return min(int(rows) if rows.isdigit() else 10_000, _HARD_ROW_LIMIT)

    def query_request(self, sparql: str, time_limit: float) -> tuple[bytes, str, float]:
        # the server's own limit (ms) stops the query there, rather than running on after we
        # gave up; its partial answer then carries X-SQL-State: S1TAT, which cut_short reads
        form = urlencode({"query": sparql, "timeout": str(max(1, round(time_limit * 1000)))})
        return form.encode("ascii"), "application/x-www-form-urlencoded", time_limit + _GRACE

    def readable(self, content: bytes) -> bytes:
        content = _NODE_ID.sub(lambda m: m.group(1) or m.group(2), content)
        return content.replace(*_GEOMETRY)

    def insert(self, quads: Iterable[ox.Quad]) -> list[str]:
        quads = list(quads)
        if any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
            # a template's blank nodes are new ones, shared within the one solution of WHERE {}
            # (kept in one request, or they would not be shared: only the ontology has them)
            return ["INSERT {" + insert_data(quads).removeprefix("INSERT DATA {") + " WHERE {}"]
        # its SPARQL compiler runs out of memory on some 10,000 triples in one request
        return [insert_data(quads[i:i + _INSERT_QUADS]) for i in range(0, max(len(quads), 1), _INSERT_QUADS)]

    def is_system_graph(self, iri: str) -> bool:
        return iri in _VIRTUOSO_GRAPHS or _VIRTUOSO_HOST_GRAPH.match(iri) is not None


STANDARD = Dialect()
VIRTUOSO = VirtuosoDialect()
#: Dialects by the names KG_SERVER takes.
DIALECTS: dict[str, Dialect] = {"standard": STANDARD, "oxigraph": STANDARD, "virtuoso": VIRTUOSO}


def chosen() -> Dialect | None:
    """The dialect ``KG_SERVER`` names, None if it is not set; an unknown name is a StoreError."""
    name = os.environ.get(DIALECT_VARIABLE, "").strip().lower()
    if not name:
        return None
    if name not in DIALECTS:
        raise StoreError(f"{DIALECT_VARIABLE}={name} names no SPARQL server kind; use one of "
                         f"{', '.join(sorted(DIALECTS))}, or unset it to detect the server")
    return DIALECTS[name]


def detect(server_header: str) -> Dialect:
    """The dialect for a server from its ``Server`` response header.

    >>> detect("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu").name
    'virtuoso'
    >>> detect("Oxigraph/0.5.2").name
    'standard'
    """
    return VIRTUOSO if server_header.lower().startswith("virtuoso") else STANDARD
