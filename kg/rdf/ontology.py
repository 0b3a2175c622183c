"""The OWL ontology: where its file is, its quads for the store, and the HermiT consistency check."""

# owlready2 is confined to this module and always works in its own World, never the global
# default one. It silently loads nothing from Turtle, so the file is handed to it as N-Triples,
# converted in memory with pyoxigraph (the store library, already a dependency). It is optional
# (the newskg[validate] extra) and imported only by the HermiT functions, so a build never needs it.

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.data import ONTOLOGY
from kg.errors import OntologyError
from kg.rdf.vocab import NKG, ONTOLOGY_GRAPH, ONTOLOGY_IRI, RDFS

if TYPE_CHECKING:
    import owlready2

_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

def _data_file(name: str) -> Path:
    """An ontology/ file, read from the package (kg.data.ontology maps the repository's folder)."""
    candidate = ONTOLOGY / name
    if not candidate.is_file():
        raise OntologyError(f"{candidate}: not found; reinstall newskg")
    return candidate


def ontology_path() -> Path:
    """Path of ``newskg.ttl``."""
    return _data_file("newskg.ttl")


def shapes_path() -> Path:
    """Path of the SHACL shapes ``shapes.ttl``, found the same way as the ontology."""
    return _data_file("shapes.ttl")


@cache
def _triples(path: Path) -> tuple[ox.Triple, ...]:
    """The ontology's triples, blank nodes renamed in order of appearance so reloads are equal."""
    try:
        parsed = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as error:
        raise OntologyError(f"{path}: cannot read the ontology: {error}") from None
    names: dict[str, ox.BlankNode] = {}

    def stable(term: _Term) -> _Term:
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"nkg{len(names)}")
            return names[term.value]
        return term

    return tuple(
        ox.Triple(stable(q.subject), q.predicate, stable(q.object)) for q in parsed
    )


def ontology_quads(path: Path | None = None) -> list[ox.Quad]:
    """The ontology as quads in ``ONTOLOGY_GRAPH``; the same file always gives equal quads."""
    triples = _triples(path or ontology_path())
    return [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in triples]


@cache
def nkg_superclasses(path: Path | None = None) -> dict[ox.NamedNode, tuple[ox.NamedNode, ...]]:
    """Each nkg: class that has nkg: superclasses, with all of them (rdfs:subClassOf+), nearest first.

    Read from the ontology file, so the mapping stores the type closure the ontology states and
    no hand-kept copy of it. Only nkg: classes are kept: the alignments to sem:, prov:, schema:,
    geo: and nif: classes stay in the ontology graph, to keep the instance quads few.

    >>> [c.value.rsplit("#", 1)[1] for c in nkg_superclasses()[NKG.DroneStrike]]
    ['Attack', 'Event']
    >>> sorted(c.value.rsplit("#", 1)[1] for c in nkg_superclasses()[NKG.Country])
    ['Actor', 'Place']
    """
    parents: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for t in _triples(path or ontology_path()):
        if t.predicate == RDFS.subClassOf and isinstance(t.object, ox.NamedNode) \
                and isinstance(t.subject, ox.NamedNode):
            parents.setdefault(t.subject, set()).add(t.object)
    table = {}
    for cls in sorted(parents, key=lambda c: c.value):
        if not cls.value.startswith(NKG.base):
            continue
        found: list[ox.NamedNode] = []
        seen, level = {cls}, [cls]
        while level:  # breadth first, through any named class, so nearer superclasses come first
            above = sorted({p for c in level for p in parents.get(c, ()) if p not in seen},
                           key=lambda c: c.value)
            seen.update(above)
            found += [c for c in above if c.value.startswith(NKG.base)]
            level = above
        if found:
            table[cls] = tuple(found)
    return table


@cache
def nkg_subclass_names(cls: ox.NamedNode, path: Path | None = None) -> tuple[str, ...]:
    """Local names of the nkg: classes under ``cls`` at any depth (rdfs:subClassOf+), sorted; cached.

    Lists of types that code needs (the event types, the attack types) are read here rather than
    kept by hand, so a class added to the ontology joins them.

    >>> nkg_subclass_names(NKG.Attack)
    ('AirStrike', 'DroneStrike', 'MissileStrike', 'Shelling')
    >>> nkg_subclass_names(NKG.Event)
    ('AirStrike', 'Attack', 'DroneStrike', 'Interception', 'MissileStrike', 'Shelling')
    """
    return tuple(sorted(c.value[len(NKG.base):] for c, above in nkg_superclasses(path).items() if cls in above))


@cache
def attack_types() -> frozenset[str]:
    """nkg:Attack and its subclasses, by local name: the event types of the attack family.

    >>> sorted(attack_types())
    ['AirStrike', 'Attack', 'DroneStrike', 'MissileStrike', 'Shelling']
    """
    return frozenset({"Attack", *nkg_subclass_names(NKG.Attack)})


def ontology_ntriples(path: Path | None = None) -> bytes:
    """The ontology serialised as N-Triples, the one syntax owlready2 reads reliably."""
    return ox.serialize(list(_triples(path or ontology_path())), format=ox.RdfFormat.N_TRIPLES)


def _owlready2() -> ModuleType:
    """owlready2, imported on first use; OntologyError if the optional extra is not installed."""
    try:
        import owlready2
    except ImportError:
        raise OntologyError("the HermiT reasoner needs owlready2, which is not installed: "
                            "install newskg[validate] to check the ontology") from None
    return owlready2


def load_world(path: Path | None = None, extra_ntriples: bytes = b"") -> owlready2.World:
    """A fresh owlready2 World holding the ontology, plus optional extra N-Triples (instances)."""
    world = _owlready2().World()
    data = ontology_ntriples(path) + b"\n" + extra_ntriples
    try:
        world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(data), format="ntriples")
    except Exception as error:  # owlready2 raises plain Exceptions on parse errors
        raise OntologyError(f"owlready2 cannot load the ontology: {error}") from None
    if not list(world.classes()):
        raise OntologyError("owlready2 loaded the ontology but found no classes in it")
    return world


@dataclass(frozen=True)
class ConsistencyReport:
    """What HermiT found in a consistent ontology: sizes, and how many facts it inferred."""

    classes: int
    object_properties: int
    data_properties: int
    individuals: int
    inferred_facts: int


def java_available() -> bool:
    """Whether the ``java`` executable HermiT runs with is on PATH."""
    return shutil.which(_owlready2().JAVA_EXE) is not None


def reason(
    path: Path | None = None, extra_ntriples: bytes = b"", *, infer_property_values: bool = False
) -> tuple[owlready2.World, int]:
    """Load the ontology (plus optional instances) and classify it with HermiT.

    Returns the world, now holding the inferred facts, and how many facts were inferred.
    Raises ``OntologyError`` when owlready2 or Java is missing, HermiT fails, the ontology is
    inconsistent, or a named class is unsatisfiable (equivalent to owl:Nothing). Pellet is
    not used: it fails under Java 17. xsd:date (the range of the date properties) is outside
    the OWL 2 datatype map, so HermiT is told to ignore it; SHACL checks dates instead.
    """
    owlready2 = _owlready2()
    if not java_available():
        raise OntologyError("HermiT needs Java: install a JRE (Java 11 or later) and retry")
    world = load_world(path, extra_ntriples)
    inferred = world.get_ontology(ONTOLOGY_IRI + "/inferred")
    try:
        with inferred:
            owlready2.sync_reasoner_hermit(
                world,
                infer_property_values=infer_property_values,
                debug=0,
                ignore_unsupported_datatypes=True,
            )
    except owlready2.OwlReadyInconsistentOntologyError:
        raise OntologyError(
            "the ontology is inconsistent (HermiT): check the disjointness, domain and range "
            "axioms last edited in ontology/newskg.ttl, or the instance data given with it"
        ) from None
    except owlready2.OwlReadyJavaError as error:
        raise OntologyError(f"HermiT failed to run: {error}") from None
    unsatisfiable = sorted(c.iri for c in world.inconsistent_classes())
    if unsatisfiable:
        raise OntologyError(
            "unsatisfiable classes, no instance can exist: " + ", ".join(unsatisfiable)
        )
    # The inferred ontology holds its own header triple besides the inferred facts.
    return world, max(0, len(list(inferred.get_triples())) - 1)


def check_consistency(path: Path | None = None) -> ConsistencyReport:
    """Check the ontology with HermiT; raise ``OntologyError`` if it is inconsistent."""
    world, inferred = reason(path)
    return ConsistencyReport(
        classes=len(list(world.classes())),
        object_properties=len(list(world.object_properties())),
        data_properties=len(list(world.data_properties())),
        individuals=len(list(world.individuals())),
        inferred_facts=inferred,
    )
