"""Enrichment from a live SPARQL endpoint (Wikidata's by default): labels, coordinates,
population and parent regions of the entities the graph links to, in a graph of their own.

Everything is fetched before anything is written, and the enrichment graph is replaced in one
transaction, so a time-out or an error from the endpoint never leaves the local graph half-changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.errors import EndpointError
from kg.rdf.vocab import ID_BASE
from kg.store import queries

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
#: Named graph that holds what the endpoint said, replaced at each `kg link --endpoint` run.
ENRICHMENT_GRAPH = ox.NamedNode(ID_BASE + "graph/wikidata")
BATCH = 200

# The properties kept: label (en, fr), coordinate location, population, located in the
# administrative territorial entity, country.
_CONSTRUCT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
CONSTRUCT {
  ?item rdfs:label ?label ; wdt:P625 ?coordinates ; wdt:P1082 ?population ;
        wdt:P131 ?parent ; wdt:P17 ?country .
} WHERE {
  VALUES ?item { %s }
  OPTIONAL { ?item rdfs:label ?label FILTER(LANG(?label) = "en" || LANG(?label) = "fr") }
  OPTIONAL { ?item wdt:P625 ?coordinates }
  OPTIONAL { ?item wdt:P1082 ?population }
  OPTIONAL { ?item wdt:P131 ?parent }
  OPTIONAL { ?item wdt:P17 ?country }
}"""


@dataclass(frozen=True)
class Enrichment:
    """What one enrichment run fetched."""

    items: int
    triples: int
    graph: ox.NamedNode = ENRICHMENT_GRAPH


def linked_items(store: object) -> list[ox.NamedNode]:
    """Every Wikidata item the graph links to with owl:sameAs."""
    return [row["item"] for row in store.query(queries.load("wikidata-items.rq"))]  # type: ignore[attr-defined]


def fetch(items: list[ox.NamedNode], endpoint: str, client: httpx.Client) -> Iterator[ox.Triple]:
    """Ask ``endpoint`` about ``items`` in batches; raises EndpointError on any failure."""
    for start in range(0, len(items), BATCH):
        values = " ".join(str(item) for item in items[start:start + BATCH])
        try:
            response = client.post(endpoint, data={"query": _CONSTRUCT % values},
                                   headers={"Accept": "application/n-triples"})
        except httpx.TimeoutException:
            raise EndpointError(f"{endpoint} did not answer within {client.timeout.read} s; "
                                "try again later or raise --timeout") from None
        except httpx.HTTPError as error:
            raise EndpointError(f"cannot reach {endpoint} ({error}); check the URL and the network") from None
        if response.status_code != 200:
            raise EndpointError(f"{endpoint} answered HTTP {response.status_code}: "
                                f"{response.text.strip()[:200]}")
        media = response.headers.get("content-type", "application/n-triples").split(";")[0].strip()
        rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        try:
            yield from ox.parse(response.content, rdf_format)
        except SyntaxError as error:
            raise EndpointError(f"{endpoint} sent an answer that is not {media}: {error}") from None


def enrich(store: object, endpoint: str = WIKIDATA_ENDPOINT, *, timeout: float = 60.0,
           client: httpx.Client | None = None) -> Enrichment:
    """Fetch what ``endpoint`` knows of the graph's Wikidata items and store it in its own graph."""
    items = linked_items(store)
    own = client is None
    client = client or httpx.Client(timeout=timeout, headers={
        "User-Agent": f"newskg/{__version__} (knowledge graphs from news; enrichment of linked entities)"})
    try:
        triples = list(dict.fromkeys(fetch(items, endpoint, client)))  # CONSTRUCT may repeat triples
    finally:
        if own:
            client.close()
    quads = [ox.Quad(t.subject, t.predicate, t.object, ENRICHMENT_GRAPH) for t in triples]
    store.write_article(ENRICHMENT_GRAPH, quads)  # type: ignore[attr-defined]
    return Enrichment(len(items), len(quads))
