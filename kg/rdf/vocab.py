"""Every RDF term newskg writes, spelled once: closed namespaces over pyoxigraph NamedNodes.

An unknown attribute raises ``AttributeError`` instead of minting a new IRI, so a typo in the
mapping code fails at import time of the test suite, not silently in the graph.

>>> NKG.DroneStrike.value
'https://w3id.org/newskg/ontology#DroneStrike'
>>> NKG.Dronestrike
Traceback (most recent call last):
...
AttributeError: 'Dronestrike' is not a term of https://w3id.org/newskg/ontology#
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import NamedNode


class ClosedNamespace:
    """A namespace that only knows the terms it was declared with."""

    def __init__(self, base: str, terms: str) -> None:
        self.base = base
        self._terms = {name: NamedNode(base + name) for name in terms.split()}

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self.__dict__["_terms"][name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self.base}") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)

    def __contains__(self, name: str) -> bool:
        return name in self._terms

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)


ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"
ID_BASE = "https://w3id.org/newskg/id/"

NKG = ClosedNamespace(
    ONTOLOGY_IRI + "#",
    """
    Event Attack DroneStrike MissileStrike AirStrike Shelling Interception
    Statement Actor Country Organization Person AnonymousSource Authority NewsAgency
    Place Region City Sea Weapon Article Mention Target Figure Quantity Qualifier
    actor target place weapon weaponCount killed injured speaker reports cue locatedIn mention
    eventType
    quote affiliation role means figure quantity value qualifier reportedBy
    date beginDate endDate timeExpression contentHash extractorVersion
    Killed Injured Launched Downed
    Exact MoreThan AtLeast Approximately AtMost LessThan
    Incident IncidentLink EpistemicStatus incident linkedEvent epistemicStatus
    score matchedFeature threshold statusCue incidentsPending member dateKnown anchorDate
    copyOf copySimilarity
    day dayUnknown speakerType speakerSide
    actorSideClaims otherSideClaims thirdPartyClaims claimBalance eventCount statementCount
    ClaimBalance ActorSideOnly OtherSideOnly BothSides Independent Unattributed
    StatementTally tallyOf tallySide tallySpeakerType tallyStatements tallyEvents tallyCue
    ClaimedByActor ClaimedByTarget ThirdPartyReport ConfirmedByBothSides Unverified Hedged
    Feed etag lastModified lastFetched seenPage
    """,
)

RDF = ClosedNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = ClosedNamespace("http://www.w3.org/2000/01/rdf-schema#", "label comment subClassOf")
OWL = ClosedNamespace("http://www.w3.org/2002/07/owl#", "sameAs Ontology")
XSD = ClosedNamespace(
    "http://www.w3.org/2001/XMLSchema#",
    "string integer decimal nonNegativeInteger date dateTime boolean",
)
SCHEMA = ClosedNamespace("https://schema.org/", "url headline datePublished dateModified publisher author inLanguage")
NIF = ClosedNamespace(
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "Context String RFC5147String beginIndex endIndex anchorOf referenceContext isString",
)
GEO = ClosedNamespace(
    "http://www.opengis.net/ont/geosparql#", "Feature Geometry hasGeometry asWKT wktLiteral"
)

#: Prefixes for readable exports and for queries run through ``kg query``.
PREFIXES = {
    "nkg": NKG.base,
    "id": ID_BASE,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "xsd": XSD.base,
    "schema": SCHEMA.base,
    "nif": NIF.base,
    "geo": GEO.base,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "wd": "http://www.wikidata.org/entity/",
    "gn": "https://sws.geonames.org/",
}

#: Named graph of the ontology itself, so queries can follow its alignments (rdfs:subClassOf* to
#: sem:, prov:, schema:); the nkg: type closure is stored on the instances (kg.rdf.quads).
ONTOLOGY_GRAPH = NamedNode(ONTOLOGY_IRI)
#: Named graph of the descriptions of shared entities (places, countries, weapons, named people).
ENTITY_GRAPH = NamedNode(ID_BASE + "graph/entities")
#: Named graph of the incidents grouped across articles, their links and the events' membership.
INCIDENT_GRAPH = NamedNode(ID_BASE + "graph/incidents")
#: Named graph of the feeds `kg feed` follows and the pages it has seen of them.
FEED_GRAPH = NamedNode(ID_BASE + "graph/feeds")
