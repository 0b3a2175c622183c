"""A store on any SPARQL 1.1 server, reached over the Query and Update protocols with httpx.

It has the interface of :class:`kg.store.local.Store`. The server must expose the union of its named
graphs as the default graph (``oxigraph serve --union-default-graph``; Fuseki/TDB2
``tdb2:unionDefaultGraph true``; GraphDB, RDF4J, Virtuoso, Neptune and Blazegraph do so out of
the box); the first query checks this and says so when it is not the case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import IO

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.errors import QueryError, StoreError
from kg.rdf.iris import given_iri
from kg.rdf.vocab import NKG, ONTOLOGY_GRAPH, PREFIXES
from kg.store.base import (
    GRAPH_HINT,
    QueryResult,
    Solutions,
    Triples,
    dump,
    insert_data,
    is_update,
    syntax_problem,
)
from kg.store.params import bind, tokens

DEFAULT_TIMEOUT = 60.0
_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
           "application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5")


def is_url(location: str | None) -> bool:
    return bool(location) and re.match(r"https?://", location, re.IGNORECASE) is not None


def endpoints(url: str) -> tuple[str, str]:
    """The query and update endpoints for a ``--store`` URL.

    >>> endpoints("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> endpoints("http://fuseki:3030/news/query")
    ('http://fuseki:3030/news/query', 'http://fuseki:3030/news/update')
    >>> endpoints("http://graphdb:7200/repositories/news")
    ('http://graphdb:7200/repositories/news', 'http://graphdb:7200/repositories/news/statements')
    >>> endpoints("https://neptune:8182/sparql")
    ('https://neptune:8182/sparql', 'https://neptune:8182/sparql')
    """
    base = url.rstrip("/")
    if base.endswith("/query"):  # Oxigraph, Fuseki, Stardog
        return base, base.removesuffix("/query") + "/update"
    if base.endswith("/sparql"):  # Virtuoso, Neptune, Blazegraph: one endpoint for both
        return base, base
    if re.search(r"/repositories/[^/]+$", base):  # GraphDB, RDF4J
        return base, base + "/statements"
    return base + "/query", base + "/update"  # a bare Oxigraph server


RemoteTriples = Triples  # the name this module used before Triples moved to kg.store.local


class RemoteStore:
    """A newskg graph on a SPARQL 1.1 server: one named graph per article, as locally."""

    def __init__(self, url: str, *, update_url: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT, client: httpx.Client | None = None) -> None:
        self.location = url
        self.query_url, derived = endpoints(url)
        self.update_url = update_url or derived
        self.timeout = timeout
        self._client = client or httpx.Client(
            timeout=timeout, headers={"User-Agent": f"newskg/{__version__}"})
        self._union_checked = False

    def close(self) -> None:
        self._client.close()

    # -- protocol ----------------------------------------------------------------------------

    def _post(self, url: str, body: str, content_type: str, *, accept: str | None = None,
              refused: type[StoreError] | type[QueryError] = StoreError,
              timeout: float | None = None) -> httpx.Response:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        try:
            response = self._client.post(url, content=body.encode("utf-8"), headers=headers,
                                         timeout=timeout if timeout is not None else self.timeout)
        except httpx.TimeoutException:
            limit = timeout if timeout is not None else self.timeout
            raise refused(f"the SPARQL server at {url} did not answer within {limit:g} s"
                          ) from None
        except httpx.HTTPError as error:
            reason = str(error) or type(error).__name__
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}; is it running?"
                             ) from None
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300] or response.reason_phrase
            if response.status_code == 400:
                raise refused(f"the SPARQL server at {url} refused the request: {detail}")
            if response.status_code in (401, 403):
                raise StoreError(f"the SPARQL server at {url} denied access (HTTP "
                                 f"{response.status_code}); put credentials in the URL")
            if response.status_code == 404:
                raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404); check the --store URL")
            raise StoreError(f"the SPARQL server at {url} failed (HTTP {response.status_code}): "
                             f"{detail}")
        return response

    def _read(self, sparql: str, refused: type[StoreError] | type[QueryError] = StoreError,
              timeout: float | None = None) -> QueryResult:
        response = self._post(self.query_url, _with_prefixes(sparql), "application/sparql-query",
                              accept=_ACCEPT, refused=refused, timeout=timeout)
        media = response.headers.get("content-type", "").split(";")[0].strip()

        def unreadable(error: Exception) -> str:
            return (f"the SPARQL server at {self.query_url} sent unreadable {media}: "
                    f"{syntax_problem(str(error), limit=300)}")

        try:
            if (results := ox.QueryResultsFormat.from_media_type(media)) is not None:
                answer = ox.parse_query_results(response.content, results)
                # rows are parsed as they are read: a bad one fails then, with the same message
                return Solutions(answer, unreadable) if isinstance(answer, ox.QuerySolutions) else answer
            if (rdf := ox.RdfFormat.from_media_type(media)) is not None:
                return Triples(ox.parse(response.content, rdf))
        except (SyntaxError, ValueError) as error:
            raise StoreError(unreadable(error)) from None
        raise StoreError(f"the SPARQL server at {self.query_url} answered with {media or 'no'} "
                         "content type; expected SPARQL results or RDF")

    def _update(self, sparql: str) -> None:
        self._post(self.update_url, _with_prefixes(sparql), "application/sparql-update")

    def _rows(self, sparql: str) -> list[ox.QuerySolution]:
        result = self._read(sparql)
        assert isinstance(result, Solutions)
        return list(result)

    def _ask(self, sparql: str) -> bool:
        return bool(self._read(sparql))

    # -- writing -----------------------------------------------------------------------------

    def article_hash(self, article: ox.NamedNode) -> str | None:
        """The content hash stored with an article, or None if the article is not stored."""
        rows = self._rows(f"SELECT ?h WHERE {{ GRAPH {article} {{ {article} {NKG.contentHash} ?h }} }}")
        return rows[0]["h"].value if rows else None

    def write_article(self, article: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace the article's graph by ``quads`` in one update request (one transaction on
        servers that make requests atomic, as Oxigraph, Fuseki and GraphDB do)."""
        self._update(f"DROP SILENT GRAPH {article} ;\n{insert_data(quads)}")

    def write_articles(self, articles: Iterable[tuple[ox.NamedNode, Iterable[ox.Quad]]]) -> list[str]:
        """Write several articles, one update request each (a server has no bulk path here).

        Returns no IRI: whether an article was new is not asked of the server (it would cost one
        more request per article), so incident updates look up every article's old events.
        """
        for article, quads in articles:
            self.write_article(article, quads)
        return []

    def remove_article(self, article: ox.NamedNode) -> bool:
        """Drop one article's graph; returns False if it was not stored."""
        if not self._ask(f"ASK {{ GRAPH {article} {{ ?s ?p ?o }} }}"):
            return False
        self._update(f"DROP GRAPH {article}")
        return True

    def ensure_ontology(self, quads: Iterable[ox.Quad]) -> None:
        """Load the ontology into its own graph, replacing an older version.

        Blank nodes get new names on a server, so versions are compared by their ground triples
        and their size.
        """
        wanted = list(quads)
        current = self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH {ONTOLOGY_GRAPH} {{ ?s ?p ?o }} }}")
        ground = {(r["s"], r["p"], r["o"]) for r in current
                  if not isinstance(r["s"], ox.BlankNode) and not isinstance(r["o"], ox.BlankNode)}
        same = len(current) == len(set(wanted)) and ground == {
            (q.subject, q.predicate, q.object) for q in wanted
            if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
        if not same:
            self._update(f"DROP SILENT GRAPH {ONTOLOGY_GRAPH} ;\n{insert_data(wanted)}")

    def flush(self) -> None:
        """Nothing to do: every update request is already committed by the server."""

    def optimize(self) -> None:
        """A SPARQL server compacts its storage itself: refused with a StoreError."""
        raise StoreError(f"{self.location} is a SPARQL server: compact it with its own tools "
                         "(kg optimize works on a store folder)")

    # -- reading -----------------------------------------------------------------------------

    def query(
        self, sparql: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        allow_update: bool = False, timeout: float | None = None,
    ) -> QueryResult | None:
        """Run a SPARQL query (or, with ``allow_update``, an update) over the union of all graphs.

        ``timeout`` (seconds) replaces the client's time limit for this query's HTTP request.
        """
        if is_update(sparql):
            if not allow_update:
                raise QueryError(
                    "this is a SPARQL UPDATE, which changes the store; pass --update to run it")
            self._post(self.update_url, _with_prefixes(sparql), "application/sparql-update",
                       refused=QueryError)
            return None
        if not self._union_checked:
            self._check_union()
        if timeout is not None and timeout <= 0:
            raise QueryError(f"the time limit must be a positive number of seconds, not {timeout:g}")
        return self._read(bind(sparql, substitutions or {}), refused=QueryError, timeout=timeout)

    def _check_union(self) -> None:
        if self._ask("ASK { GRAPH ?g { ?s ?p ?o } }") and not self._ask("ASK { ?s ?p ?o }"):
            raise StoreError(
                f"the SPARQL server at {self.query_url} does not show its named graphs in the "
                "default graph; start it with the union of all graphs as default graph "
                "(oxigraph serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true)")
        self._union_checked = True

    def export(self, output: IO[bytes], format: str, graph: str | None = None) -> None:
        """Serialise one graph, or everything, exactly as the embedded store does."""
        copy = ox.Store()
        if graph is not None:
            node = given_iri(graph, GRAPH_HINT)
            rows = self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
            if not rows:
                raise StoreError(f"graph <{graph}> is not in store {self.location}; "
                                 "see `kg stats`")
            copy.extend(ox.Quad(r["s"], r["p"], r["o"], node) for r in rows)
        else:
            rows = self._rows("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            copy.extend(ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
        dump(copy, output, format, graph, self.location)

    def __len__(self) -> int:
        rows = self._rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value)

    def named_graphs(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows)


def _with_prefixes(sparql: str) -> str:
    """Prepend the predeclared prefixes (as ``kg query`` promises) that the text does not declare."""
    toks = [text for _kind, text, _at in tokens(sparql)]
    declared = {toks[i + 1].rstrip(":") for i, t in enumerate(toks[:-1]) if t.upper() == "PREFIX"}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return "\n".join([*lines, sparql])
