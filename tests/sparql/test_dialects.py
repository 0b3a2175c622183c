"""Server dialects without a server: which one a Server header or KG_SERVER picks, and what each
changes in requests and answers (the servers themselves: test_remote_servers.py)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store.dialects import STANDARD, VIRTUOSO, chosen, detect, query_form

BLANK = ox.BlankNode("o1")
A, P, G = ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.NamedNode("http://g")


@pytest.mark.parametrize("server, dialect", [
    ("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu", VIRTUOSO),
    ("virtuoso/08.03.3330", VIRTUOSO),
    ("Oxigraph/0.5.13", STANDARD),
    ("Apache Jena Fuseki (5.1.0)", STANDARD),
    ("", STANDARD),  # no Server header: the protocols as written
])
def test_the_server_header_picks_the_dialect(server: str, dialect) -> None:
    assert detect(server) is dialect


@pytest.mark.parametrize("value, dialect", [("virtuoso", VIRTUOSO), (" Virtuoso ", VIRTUOSO),
                                            ("oxigraph", STANDARD), ("standard", STANDARD), ("", None)])
def test_kg_server_names_a_dialect(monkeypatch, value: str, dialect) -> None:
    monkeypatch.setenv("KG_SERVER", value)
    assert chosen() is dialect


def test_an_unknown_kg_server_says_which_names_exist(monkeypatch) -> None:
    monkeypatch.setenv("KG_SERVER", "qlever")
    with pytest.raises(StoreError, match=r"^KG_SERVER=qlever names no SPARQL server kind; use one of "
                                         r"oxigraph, standard, virtuoso, or unset it"):
        chosen()


@pytest.mark.parametrize("headers, reason", [
    ({}, None),
    ({"x-sql-state": "S1TAT", "x-sql-message": "RC...: Returning incomplete results"},
     "stopped the query at its time limit and sent part of an answer; none of it is shown: give the "
     "query more time (kg query --timeout) or narrow it"),
    ({"x-sparql-maxrows": "1048576"}, "cut the answer at 1048576 rows (its ResultSetMaxRows limit); "
     "none of it is shown: ask for fewer rows (LIMIT and OFFSET) or raise the server's limit"),
    ({"x-sql-state": "00000"}, None),
])
@pytest.mark.parametrize("dialect", [STANDARD, VIRTUOSO])
def test_headers_that_say_an_answer_was_cut(dialect, headers: dict[str, str], reason: str | None) -> None:
    assert dialect.cut_short(headers) == reason


@pytest.mark.parametrize("sent, read", [
    # JSON and XML results name blank nodes nodeID://…; literals that say so are left alone
    (b'{ "o": { "type": "bnode", "value": "nodeID://b10003" } }', b'{ "o": { "type": "bnode", "value": "b10003" } }'),
    (b"<binding name='o'><bnode>nodeID://b7</bnode></binding>", b"<binding name='o'><bnode>b7</bnode></binding>"),
    (b'{ "o": { "type": "literal", "value": "nodeID://b1" } }', b'{ "o": { "type": "literal", "value": "nodeID://b1" } }'),
    (b'"datatype": "http://www.openlinksw.com/schemas/virtrdf#Geometry"',
     b'"datatype": "http://www.opengis.net/ont/geosparql#wktLiteral"'),
])
def test_virtuoso_answers_are_made_readable(sent: bytes, read: bytes) -> None:
    assert VIRTUOSO.readable(sent) == read
    assert STANDARD.readable(sent) == sent


@pytest.mark.parametrize("quads, virtuoso_start", [
    ([ox.Quad(A, P, ox.Literal("x"), G)], "INSERT DATA {\nGRAPH <http://g> {"),
    ([ox.Quad(A, P, BLANK, G), ox.Quad(BLANK, P, A, G)], "INSERT {\nGRAPH <http://g> {"),
])
def test_blank_nodes_go_in_a_template_on_virtuoso(quads, virtuoso_start: str) -> None:
    [text] = VIRTUOSO.insert(quads)
    assert text.startswith(virtuoso_start) and text.count("_:o1") == (2 if "INSERT {" in text else 0)
    assert text.endswith(" WHERE {}") == ("INSERT {" in text)
    [standard] = STANDARD.insert(quads)
    assert standard.startswith("INSERT DATA {")
    # both forms are valid SPARQL 1.1 and store the same quads
    for update in (text, standard):
        store = ox.Store()
        store.update(update)
        assert len(store) == len(quads)


@pytest.mark.parametrize("sparql, form, rdf_first", [
    ("SELECT * { ?s ?p ?o }", "SELECT", False),
    ("PREFIX c: <http://construct/> ask { ?s ?p ?o }", "ASK", False),
    ("# CONSTRUCT in a comment\nSELECT ?construct { ?s ?p ?construct }", "SELECT", False),
    ("construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT", True),
    ("DESCRIBE <http://a>", "DESCRIBE", True),
])
def test_rdf_is_asked_for_construct_and_describe(sparql: str, form: str, rdf_first: bool) -> None:
    assert query_form(sparql) == form
    for dialect in (STANDARD, VIRTUOSO):
        assert dialect.accept(sparql).startswith("application/n-triples") == rdf_first


@pytest.mark.parametrize("dialect, content_type, body_start, http_limit", [
    (STANDARD, "application/sparql-query; charset=utf-8", b"ASK {}", 30.0),
    # the server's own limit in ms, and a few seconds for its partial answer to arrive
    (VIRTUOSO, "application/x-www-form-urlencoded", b"query=ASK+%7B%7D&timeout=30000", 35.0),
])
def test_query_requests(dialect, content_type: str, body_start: bytes, http_limit: float) -> None:
    assert dialect.query_request("ASK {}", 30.0) == (body_start, content_type, http_limit)


@pytest.mark.parametrize("iri, own", [
    ("http://www.openlinksw.com/schemas/virtrdf#", True), ("http://www.w3.org/2002/07/owl#", True),
    ("http://www.w3.org/ns/ldp#", True), ("http://127.0.0.1:8890/DAV/", True),
    ("http://localhost:8890/sparql", True), ("https://w3id.org/newskg/id/article/x", False),
    ("https://w3id.org/newskg/ontology", False), ("http://example.org/sparql/data", False),
])
def test_virtuoso_own_graphs_are_told_apart(iri: str, own: bool) -> None:
    assert VIRTUOSO.is_system_graph(iri) is own
    assert not STANDARD.is_system_graph(iri)


def test_a_big_graph_goes_to_virtuoso_in_several_requests() -> None:
    quads = [ox.Quad(A, P, ox.Literal(n), G) for n in range(4_500)]
    parts = VIRTUOSO.insert(quads)
    assert len(parts) == 3 and len(STANDARD.insert(quads)) == 1
    store = ox.Store()
    for update in parts:
        store.update(update)
    assert set(store) == set(quads)
