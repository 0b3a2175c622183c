"""The ontology as a Mermaid class diagram, generated from the Turtle and kept in README.md."""

# `python -m kg.rdf.diagram` rewrites the block between the ontology-diagram markers of README.md;
# tests/test_ontology.py fails when the block and the ontology disagree.

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

from kg.errors import KgError, OntologyError
from kg.rdf.vocab import NKG

START = "<!-- ontology-diagram:start -->"
END = "<!-- ontology-diagram:end -->"
README = Path(__file__).resolve().parents[2] / "README.md"


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _nkg(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(NKG.base)


def _classes_in(graph: Graph, term: object) -> list[URIRef]:
    """The nkg classes a domain or range names: itself, or the members of an owl:unionOf."""
    if _nkg(term):
        return [term]  # type: ignore[list-item]
    union = graph.value(term, OWL.unionOf) if term is not None else None
    if union is None:
        return []
    return [member for member in Collection(graph, union) if _nkg(member)]


def mermaid_class_diagram(ttl_path: str | Path) -> str:
    """A Mermaid ``classDiagram`` of the nkg classes, in a stable order.

    Subclass links become inheritance arrows, object properties labelled associations from
    domain to range, datatype properties attributes of their domain, and the named
    individuals of Quantity and Qualifier enumeration members.
    """
    graph = Graph()
    try:
        graph.parse(str(ttl_path), format="turtle")
    except Exception as error:  # rdflib raises parser-specific exception types
        raise OntologyError(f"{ttl_path}: cannot read the ontology: {error}") from None

    classes = sorted((c for c in graph.subjects(RDF.type, OWL.Class) if _nkg(c)), key=_local)
    attributes: dict[URIRef, list[tuple[str, str]]] = defaultdict(list)
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        datatype = graph.value(prop, RDFS.range)
        for domain in _classes_in(graph, graph.value(prop, RDFS.domain)) if _nkg(prop) else []:
            kind = _local(datatype) if isinstance(datatype, URIRef) else "Literal"
            attributes[domain].append((_local(prop), kind))
    members: dict[URIRef, list[str]] = defaultdict(list)
    for cls in classes:
        for individual in graph.subjects(RDF.type, cls):
            if _nkg(individual):
                members[cls].append(_local(individual))

    lines = ["classDiagram", "    direction LR"]
    for cls in classes:
        body = [f"+{kind} {name}" for name, kind in sorted(attributes[cls])]
        if members[cls]:
            body = ["<<enumeration>>", *sorted(members[cls])]
        if body:
            lines.append(f"    class {_local(cls)} {{")
            lines.extend(f"        {line}" for line in body)
            lines.append("    }")
        else:
            lines.append(f"    class {_local(cls)}")
    links = []
    for cls in classes:
        for parent in graph.objects(cls, RDFS.subClassOf):
            if _nkg(parent):
                links.append(f"    {_local(parent)} <|-- {_local(cls)}")
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        if not _nkg(prop):
            continue
        domains = _classes_in(graph, graph.value(prop, RDFS.domain)) or [None]
        for domain in domains:
            for target in _classes_in(graph, graph.value(prop, RDFS.range)):
                source = _local(domain) if domain is not None else "Thing"
                links.append(f"    {source} --> {_local(target)} : {_local(prop)}")
    lines.extend(sorted(links))
    return "\n".join(lines) + "\n"


def readme_block(diagram: str) -> str:
    """The README.md text that goes between the markers, fence included."""
    return f"```mermaid\n{diagram}```"


def current_block(readme: Path = README) -> str:
    """What README.md holds between the ontology-diagram markers, without the marker lines."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise KgError(f"{readme}: the lines {START} and {END} are missing; add them back")
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n")


def write_readme(ttl_path: str | Path, readme: Path = README) -> bool:
    """Rewrite README.md's diagram block from the ontology; True if the file changed."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise KgError(f"{readme}: the lines {START} and {END} are missing; add them back")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    updated = f"{before}{START}\n{readme_block(mermaid_class_diagram(ttl_path))}\n{END}{after}"
    if updated == text:
        return False
    readme.write_text(updated, encoding="utf-8")
    return True


if __name__ == "__main__":
    from kg.rdf.ontology import ontology_path

    write_readme(sys.argv[1] if len(sys.argv) > 1 else ontology_path())
