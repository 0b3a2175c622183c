"""The ontology file: it declares exactly the vocab.py terms, parses everywhere, reasons cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.errors import OntologyError
from kg.rdf import diagram, ontology
from kg.rdf.vocab import NKG, ONTOLOGY_GRAPH, ONTOLOGY_IRI

REPO = Path(__file__).resolve().parent.parent
TTL = REPO / "ontology" / "newskg.ttl"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
N = Namespace(NKG.base)

INDIVIDUALS = {
    "Killed": "Quantity", "Injured": "Quantity", "Launched": "Quantity", "Downed": "Quantity",
    "Exact": "Qualifier", "MoreThan": "Qualifier", "AtLeast": "Qualifier",
    "Approximately": "Qualifier", "AtMost": "Qualifier", "LessThan": "Qualifier",
    "ClaimedByActor": "EpistemicStatus", "ClaimedByTarget": "EpistemicStatus",
    "ThirdPartyReport": "EpistemicStatus", "ConfirmedByBothSides": "EpistemicStatus",
    "Unverified": "EpistemicStatus", "Hedged": "EpistemicStatus",
    "ActorSideOnly": "ClaimBalance", "BothSides": "ClaimBalance", "Independent": "ClaimBalance",
    "OtherSideOnly": "ClaimBalance", "Unattributed": "ClaimBalance",
}
DATATYPE_PROPERTIES = {
    "weaponCount", "killed", "injured", "cue", "quote", "role", "means", "value",
    "date", "beginDate", "endDate", "timeExpression", "contentHash", "extractorVersion",
    "score", "matchedFeature", "threshold", "statusCue", "incidentsPending",
    "etag", "lastModified", "lastFetched", "seenPage",
    "dateKnown", "anchorDate", "copySimilarity", "day", "dayUnknown",
    "actorSideClaims", "otherSideClaims", "thirdPartyClaims", "eventCount", "statementCount",
    "tallyStatements", "tallyEvents", "tallyCue",
}
EVENT_CLASSES = ["Attack", "DroneStrike", "MissileStrike", "AirStrike", "Shelling", "Interception"]
SCHEMES = {
    "CAMEO": "https://w3id.org/newskg/ext/cameo/",
    "PLOVER": "https://w3id.org/newskg/ext/plover/",
    "ACLED": "https://w3id.org/newskg/ext/acled/",
}
MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(TTL, format="turtle")


def expected_type(name: str) -> URIRef:
    if name in INDIVIDUALS:
        return OWL.NamedIndividual
    if name[0].isupper():
        return OWL.Class
    return OWL.DatatypeProperty if name in DATATYPE_PROPERTIES else OWL.ObjectProperty


@pytest.mark.parametrize("name", list(NKG))
def test_every_vocab_term_is_declared_with_english_and_french_text(graph: Graph, name: str) -> None:
    term = N[name]
    assert (term, RDF.type, expected_type(name)) in graph
    for prop in (RDFS.label, RDFS.comment):
        languages = {o.language for o in graph.objects(term, prop) if isinstance(o, Literal)}
        assert {"en", "fr"} <= languages, f"nkg:{name} lacks an @en or @fr {prop}"


def test_every_nkg_term_in_the_ontology_is_in_vocab(graph: Graph) -> None:
    used = {
        str(t)[len(NKG.base):]
        for triple in graph
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(NKG.base)
    }
    assert used - set(NKG) == set(), "declare these in kg/vocab.py or remove them"


@pytest.mark.parametrize("name, kind", sorted(INDIVIDUALS.items()))
def test_quantities_and_qualifiers_are_typed_individuals(graph: Graph, name: str, kind: str) -> None:
    assert (N[name], RDF.type, N[kind]) in graph


def test_ontology_header(graph: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in graph
    assert graph.value(header, OWL.versionInfo) is not None


@pytest.mark.parametrize(
    "subject, predicate, obj",
    [
        (N.Event, RDFS.subClassOf, SEM.Event),
        (N.Event, RDFS.subClassOf, SCHEMA.Event),
        (N.Actor, RDFS.subClassOf, SEM.Actor),
        (N.Actor, RDFS.subClassOf, PROV.Agent),
        (N.Place, RDFS.subClassOf, SEM.Place),
        (N.Place, RDFS.subClassOf, SCHEMA.Place),
        (N.Place, RDFS.subClassOf, GEO.Feature),
        (N.Person, RDFS.subClassOf, SCHEMA.Person),
        (N.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (N.Article, RDFS.subClassOf, NIF.Context),
        (N.Article, RDFS.subClassOf, PROV.Entity),
        (N.Mention, RDFS.subClassOf, NIF.String),
        (N.Mention, RDFS.subClassOf, PROV.Entity),
        (N.Statement, RDFS.subClassOf, PROV.Entity),
        (N.Country, RDFS.subClassOf, N.Actor),
        (N.Country, RDFS.subClassOf, N.Place),
        (N.actor, RDFS.subPropertyOf, SEM.hasActor),
        (N.place, RDFS.subPropertyOf, SEM.hasPlace),
        (N.beginDate, RDFS.subPropertyOf, SEM.hasBeginTimeStamp),
        (N.endDate, RDFS.subPropertyOf, SEM.hasEndTimeStamp),
        (N.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (N.mention, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (N.locatedIn, RDF.type, OWL.TransitiveProperty),
        (N.locatedIn, RDFS.domain, N.Place),
        (N.locatedIn, RDFS.range, N.Place),
        (N.actor, RDFS.range, N.Actor),
        (N.killed, RDF.type, OWL.FunctionalProperty),
        (N.injured, RDF.type, OWL.FunctionalProperty),
        (N.speaker, RDF.type, OWL.FunctionalProperty),
    ],
)
def test_axiom(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    assert (subject, predicate, obj) in graph


@pytest.mark.parametrize("name", EVENT_CLASSES)
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_event_class_is_matched_to_each_event_coding(graph: Graph, name: str, scheme: str) -> None:
    concepts = [c for p in MATCHES for c in graph.objects(N[name], p)]
    in_scheme = [c for c in concepts if str(c).startswith(SCHEMES[scheme])]
    assert in_scheme, f"nkg:{name} has no {scheme} match"
    for concept in in_scheme:
        assert graph.value(concept, SKOS.prefLabel) is not None, f"{concept} is not described"


def test_target_range_is_target_or_place(graph: Graph) -> None:
    rng = graph.value(N.target, RDFS.range)
    members = set(graph.items(graph.value(rng, OWL.unionOf)))
    assert members == {N.Target, N.Place}


def test_pyoxigraph_reads_it_into_the_ontology_graph() -> None:
    quads = ontology.ontology_quads()
    assert len(quads) > 500
    assert {q.graph_name for q in quads} == {ONTOLOGY_GRAPH}
    # Blank nodes get stable names, so loading the ontology twice gives equal quad sets.
    assert set(quads) == set(ontology.ontology_quads(TTL))
    store = ox.Store()
    store.extend(quads)
    ask = "ASK { GRAPH ?g { nkg:locatedIn a owl:TransitiveProperty } }"
    prefixes = {"nkg": NKG.base, "owl": str(OWL)}
    assert store.query(ask, prefixes=prefixes)


def test_the_package_reads_the_one_ontology_file() -> None:
    # An editable install maps kg.data.ontology onto the repository's ontology/ folder: no copy.
    assert ontology.ontology_path().resolve() == TTL.resolve()


def test_owlready2_loads_the_classes() -> None:
    world = ontology.load_world()
    names = {c.iri for c in world.classes()}
    assert N.DroneStrike.toPython() in names
    assert len(names) >= 29


needs_java = pytest.mark.skipif(
    not ontology.java_available(), reason="HermiT needs a java executable on PATH"
)
PLACES = """
<http://x/kharkiv> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{n}City> .
<http://x/kharkiv-oblast> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{n}Region> .
<http://x/ukraine> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{n}Country> .
<http://x/kharkiv> <{n}locatedIn> <http://x/kharkiv-oblast> .
<http://x/kharkiv-oblast> <{n}locatedIn> <http://x/ukraine> .
<http://x/e1> <{n}actor> <http://x/ukraine> .
<http://x/e1> <{n}place> <http://x/kharkiv> .
""".replace("{n}", NKG.base)


@needs_java
def test_hermit_finds_the_ontology_consistent() -> None:
    report = ontology.check_consistency()
    assert report.classes >= 29
    assert report.object_properties >= 13


@needs_java
def test_hermit_infers_located_in_transitively_and_a_country_is_actor_and_place() -> None:
    world, inferred = ontology.reason(extra_ntriples=PLACES.encode(), infer_property_values=True)
    located_in = world[N.locatedIn.toPython()]
    assert world["http://x/ukraine"] in located_in[world["http://x/kharkiv"]]
    assert inferred >= 1


@needs_java
@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(f"<http://x/a> a <{N.City}>, <{N.Country}> .", id="city-and-country"),
        pytest.param(f"<http://x/a> a <{N.DroneStrike}>, <{N.Interception}> .", id="attack-and-interception"),
        pytest.param(f"<http://x/a> a <{N.Person}>, <{N.Organization}> .", id="person-and-organization"),
    ],
)
def test_hermit_rejects_disjoint_types(extra: str) -> None:
    ntriples = Graph().parse(data=extra, format="turtle").serialize(format="nt").encode()
    with pytest.raises(OntologyError, match="inconsistent"):
        ontology.reason(extra_ntriples=ntriples)


def test_missing_ontology_file_is_an_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="cannot read"):
        ontology.ontology_quads(tmp_path / "absent.ttl")


@pytest.mark.parametrize("check", [ontology.check_consistency, ontology.load_world, ontology.java_available])
def test_without_the_validate_extra_hermit_asks_for_it(monkeypatch: pytest.MonkeyPatch, check) -> None:
    # a None in sys.modules makes `import owlready2` fail as it does when it is not installed
    monkeypatch.setitem(sys.modules, "owlready2", None)
    with pytest.raises(OntologyError, match=r"install newskg\[validate\]"):
        check()


def test_without_the_validate_extra_the_ontology_still_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "owlready2", None)
    assert ontology.ontology_quads() and ontology.nkg_superclasses()


def test_readme_diagram_matches_the_ontology() -> None:
    expected = diagram.readme_block(diagram.mermaid_class_diagram(TTL))
    assert diagram.current_block(REPO / "README.md") == expected, "run: python -m kg.rdf.diagram"


def test_diagram_draws_subclasses_properties_and_attributes() -> None:
    text = diagram.mermaid_class_diagram(TTL)
    assert text.startswith("classDiagram\n")
    for line in (
        "Attack <|-- DroneStrike",
        "Event --> Place : place",
        "Event --> Target : target",
        "Statement --> Actor : speaker",
        "+integer killed",
    ):
        assert line in text
    assert text == diagram.mermaid_class_diagram(TTL)
