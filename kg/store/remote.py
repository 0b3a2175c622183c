"""A store on any SPARQL 1.1 server, reached over the Query and Update protocols with httpx.

It has the interface of :class:`kg.store.local.Store`. The server must expose the union of its named
graphs as the default graph (``oxigraph serve --union-default-graph``; Fuseki/TDB2
``tdb2:unionDefaultGraph true``; GraphDB, RDF4J, Virtuoso, Neptune and Blazegraph do so out of
the box); the first query checks this and says so when it is not the case. What a kind of server
needs beyond the protocols (Virtuoso's, above all) is its dialect, in kg.store.dialects.
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
    is_update,
    syntax_problem,
)
from kg.store.dialects import Dialect, chosen, detect
from kg.store.params import bind, tokens

DEFAULT_TIMEOUT = 60.0
#: How many graphs one export request reads at most, when the server limits an answer's rows.
_GRAPHS_PER_PAGE = 500


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
                 timeout: float = DEFAULT_TIMEOUT, client: httpx.Client | None = None,
                 dialect: Dialect | None = None) -> None:
        self.location = url
        self.query_url, derived = endpoints(url)
        self.update_url = update_url or derived
        self.timeout = timeout
        self._client = client or httpx.Client(
            timeout=timeout, headers={"User-Agent": f"newskg/{__version__}"})
        self._union_checked = False
        self._dialect = dialect or chosen()
        self._settings: dict[str, str] | None = None

    def close(self) -> None:
        self._client.close()

    @property
    def dialect(self) -> Dialect:
        """The server's dialect: given, named by KG_SERVER, or found from its first answer
        (a GET, which every kind of server answers)."""
        if self._dialect is None:
            response = self._send("GET", self.query_url, params={"query": "ASK {}"},
                                  accept="application/sparql-results+json")
            self._dialect = detect(response.headers.get("server", ""))
        return self._dialect

    # -- protocol ----------------------------------------------------------------------------

    def _send(self, method: str, url: str, *, body: bytes | None = None, content_type: str | None = None,
              params: Mapping[str, str] | None = None, accept: str | None = None,
              refused: type[StoreError] | type[QueryError] = StoreError,
              timeout: float | None = None) -> httpx.Response:
        headers = {"Content-Type": content_type} if content_type else {}
        if accept:
            headers["Accept"] = accept
        limit = timeout if timeout is not None else self.timeout
        try:
            response = self._client.request(method, url, content=body, params=params,
                                            headers=headers, timeout=limit)
        except httpx.TimeoutException:
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

    def _post(self, url: str, body: str, content_type: str,
              refused: type[StoreError] | type[QueryError] = StoreError) -> httpx.Response:
        return self._send("POST", url, body=body.encode("utf-8"),
                          content_type=f"{content_type}; charset=utf-8", refused=refused)

    def _read(self, sparql: str, refused: type[StoreError] | type[QueryError] = StoreError,
              timeout: float | None = None) -> QueryResult:
        dialect = self.dialect
        text = _with_prefixes(sparql)
        body, content_type, http_limit = dialect.query_request(
            text, timeout if timeout is not None else self.timeout)
        response = self._send("POST", self.query_url, body=body, content_type=content_type,
                              accept=dialect.accept(text), refused=refused, timeout=http_limit)
        if (cut := dialect.cut_short(response.headers)) is not None:
            raise refused(f"the SPARQL server at {self.query_url} {cut}")
        media = response.headers.get("content-type", "").split(";")[0].strip()

        def unreadable(error: Exception) -> str:
            return (f"the SPARQL server at {self.query_url} sent unreadable {media}: "
                    f"{syntax_problem(str(error), limit=300)}")

        content = dialect.readable(response.content)
        try:
            if (results := ox.QueryResultsFormat.from_media_type(media)) is not None:
                answer = ox.parse_query_results(content, results)
                # rows are parsed as they are read: a bad one fails then, with the same message
                return Solutions(answer, unreadable) if isinstance(answer, ox.QuerySolutions) else answer
            if (rdf := ox.RdfFormat.from_media_type(media)) is not None:
                triples = list(ox.parse(content, rdf))
                self._check_size(len(triples), refused)
                return Triples(triples)
        except (SyntaxError, ValueError) as error:
            raise StoreError(unreadable(error)) from None
        raise StoreError(f"the SPARQL server at {self.query_url} answered with {media or 'no'} "
                         "content type; expected SPARQL results or RDF")

    def _check_size(self, triples: int, refused: type[StoreError] | type[QueryError]) -> None:
        """Refuse an RDF answer as big as the server's row limit: a server that cuts one there
        (Virtuoso) sends no sign of it, so it may be cut."""
        if (limit := self._limit()) is not None and triples >= limit:
            raise refused(f"the SPARQL server at {self.query_url} sent {triples} triples, its row "
                          "limit (ResultSetMaxRows), and may have cut the answer there; none of it "
                          "is shown: narrow the query or raise the server's limit")

    def _limit(self) -> int | None:
        """The server's row limit (None if it has none)."""
        return self.dialect.row_limit(self._server_settings())

    def _server_settings(self) -> dict[str, str]:
        """The settings the dialect asks the server for, once."""
        if self._settings is None:
            self._settings = {}
            if (ask := self.dialect.settings_query) is not None:
                try:
                    answer = self._read(ask)
                except StoreError:  # a server that hides them: the dialect's cautious defaults
                    return self._settings
                assert isinstance(answer, Solutions)
                for row in answer:
                    self._settings = {v.value: row[v].value for v in answer.variables
                                      if row[v] is not None}
        return self._settings

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
        servers that make requests atomic, as Oxigraph, Fuseki and GraphDB do; on Virtuoso, a
        graph of over 2,000 quads takes several requests)."""
        self._replace(article, quads)

    def _replace(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        first, *more = self.dialect.insert(quads)
        self._update(f"DROP SILENT GRAPH {graph} ;\n{first}")
        for update in more:
            self._update(update)

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
        self._update(f"{self.dialect.drop_graph} {article}")
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
            self._replace(ONTOLOGY_GRAPH, wanted)

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
        """Serialise one graph, or everything, exactly as the embedded store does (the server's
        own graphs left out), read in pages that stay under the server's row limit."""
        sizes = self._graph_sizes()
        if graph is not None:
            node = given_iri(graph, GRAPH_HINT)
            if node.value not in sizes:
                raise StoreError(f"graph <{graph}> is not in store {self.location}; "
                                 "see `kg stats`")
            sizes = {node.value: sizes[node.value]}
        copy = ox.Store()
        for page in self._pages(sizes, everything=graph is None):
            copy.extend(ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in self._rows(page))
        dump(copy, output, format, graph, self.location)

    def _pages(self, sizes: dict[str, int], everything: bool) -> list[str]:
        """Queries reading the quads of the graphs ``sizes`` counts (``everything``: all the
        server's graphs but its own), none answering more rows than the server's limit."""
        limit = self._limit()
        quads = "SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}"
        if limit is None and everything and not self.dialect.keeps_own_graphs:
            return [quads.format(values="")]
        pages, batch, rows = [], [], 0

        def flush() -> None:
            if batch:
                pages.append(quads.format(values="VALUES ?g { " + " ".join(f"<{g}>" for g in batch) + " }"))
                batch.clear()

        for name, size in sorted(sizes.items()):
            if limit is not None and size >= limit:  # one graph bigger than a page: in slices
                step = limit - 1
                pages += [f"SELECT ?s ?p ?o ?g WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> "
                          f"{{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o }} BIND(<{name}> AS ?g) }} "
                          f"LIMIT {step} OFFSET {start}" for start in range(0, size, step)]
                continue
            if len(batch) >= _GRAPHS_PER_PAGE or (limit is not None and rows + size >= limit):
                flush()
                rows = 0
            batch.append(name)
            rows += size
        flush()
        return pages

    def _graph_sizes(self) -> dict[str, int]:
        """Quads per named graph, the server's own graphs left out."""
        rows = self._rows("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"].value: int(r["n"].value) for r in rows
                if not self.dialect.is_system_graph(r["g"].value)}

    def __len__(self) -> int:
        return sum(self._graph_sizes().values())

    def named_graphs(self) -> list[str]:
        return sorted(self._graph_sizes())


def _with_prefixes(sparql: str) -> str:
    """Prepend the predeclared prefixes (as ``kg query`` promises) that the text does not declare."""
    toks = [text for _kind, text, _at in tokens(sparql)]
    declared = {toks[i + 1].rstrip(":") for i, t in enumerate(toks[:-1]) if t.upper() == "PREFIX"}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return "\n".join([*lines, sparql])
