"""SHACL validation of instance data against ontology/shapes.ttl, with pySHACL over rdflib.

pySHACL is optional (the newskg[validate] extra): it is imported when ``validate`` runs.
"""

# The data is validated as one graph, the union of its named graphs, because an article's facts
# point to shared entities described in the entity graph. The ontology is mixed in so that
# sh:class and sh:targetClass follow rdfs:subClassOf; no RDFS inference is run, since rdfs:range
# inference would re-type a wrong value (a Person given as a place) instead of reporting it.

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.errors import InputError, OntologyError
from kg.rdf.ontology import ontology_path, shapes_path

#: rdflib parser names of the formats ``validate`` accepts.
FORMATS = {
    "nquads": "nquads",
    "trig": "trig",
    "turtle": "turtle",
    "ntriples": "nt",
    "nt": "nt",
}
_QUAD_FORMATS = {"nquads", "trig"}


@dataclass(frozen=True)
class Violation:
    """One validation result: which node broke which shape, and how."""

    focus: str
    shape: str  # the named shape that holds the failed constraint
    constraint: str  # a named SPARQL constraint, else the SHACL component ("MinCount")
    path: str | None
    message: str


@dataclass(frozen=True)
class ValidationReport:
    """pySHACL's verdict: whether the data conforms, the report text, and each violation."""

    conforms: bool
    text: str
    results: int
    violations: tuple[Violation, ...] = ()


@cache
def _shapes() -> Graph:
    return _read_turtle(str(shapes_path()), "SHACL shapes")


@cache
def _ontology() -> Graph:
    return _read_turtle(str(ontology_path()), "ontology")


def _read_turtle(path: str, what: str) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises parser-specific exception types
        raise OntologyError(f"{path}: cannot read the {what}: {error}") from None


def _union(data: str, format: str) -> Graph:
    """The data as one graph: the union of its named graphs and default graph."""
    if format not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError("<data>", f"unknown RDF format {format!r}; use one of {known}")
    try:
        if format in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(data=data, format=FORMATS[format])
            union = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            return union
        return Graph().parse(data=data, format=FORMATS[format])
    except Exception as error:  # rdflib raises parser-specific exception types
        raise InputError("<data>", f"cannot parse the data as {format}: {error}") from None


def validate(data: str, format: str = "nquads") -> ValidationReport:
    """Validate instance data (the text of an RDF document) against the newskg shapes.

    Raises ``InputError`` if the data cannot be parsed, ``OntologyError`` if the shapes or
    the ontology cannot, or pySHACL is not installed; never raises because the data does not
    conform.
    """
    try:
        import pyshacl
    except ImportError:
        raise OntologyError("SHACL validation needs pyshacl, which is not installed: "
                            "install newskg[validate] to validate data") from None
    graph = _union(data, format)
    conforms, report, text = pyshacl.validate(
        graph,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
    )
    if not isinstance(report, Graph):  # pySHACL found the shapes themselves invalid
        raise OntologyError(f"{shapes_path()}: the SHACL shapes are invalid: {text}")
    violations = tuple(sorted(_violations(report), key=lambda v: (v.shape, v.focus, v.message)))
    return ValidationReport(
        conforms=bool(conforms), text=str(text), results=len(violations), violations=violations
    )


def _violations(report: Graph) -> list[Violation]:
    shapes = _shapes()
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        path = report.value(result, SH.resultPath)
        constraint = report.value(result, SH.sourceConstraint)
        component = report.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                shape=_named_shape(shapes, source),
                constraint=_local(constraint if isinstance(constraint, URIRef) else component),
                path=str(path) if isinstance(path, URIRef) else None,
                message=str(report.value(result, SH.resultMessage) or ""),
            )
        )
    return found


def _named_shape(shapes: Graph, shape: object) -> str:
    """The local name of a shape, or of the named node shape an anonymous property shape is in."""
    while isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape) or shapes.value(None, SH.node, shape)
        if parent is None:
            return str(shape)
        shape = parent
    return _local(shape)


def _local(term: object) -> str:
    text = str(term)
    name = text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return name.removesuffix("ConstraintComponent")
