"""Query parameters: headers, typing, and values that cannot change the query they are bound in."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.store.local import Store
from kg.store.params import bind, parse_assignment, parse_header, prepare, to_term

XSD = "http://www.w3.org/2001/XMLSchema#"
LABELLED = """# Question: which things carry this label?
# Parameters:
#   label: string — the exact label
SELECT ?s ?label WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?label) }
"""


@pytest.mark.parametrize(
    "value, kind, expected",
    [
        ("Kharkiv", None, '"Kharkiv"'),
        ("2024-11-01", None, f'"2024-11-01"^^<{XSD}date>'),
        ("2024-11-01T06:00:00Z", None, f'"2024-11-01T06:00:00Z"^^<{XSD}dateTime>'),
        ("42", None, f'"42"^^<{XSD}integer>'),
        ("-1.5", None, f'"-1.5"^^<{XSD}decimal>'),
        ("<https://w3id.org/newskg/id/city/kharkiv>", None, "<https://w3id.org/newskg/id/city/kharkiv>"),
        ("nkg:DroneStrike", None, "<https://w3id.org/newskg/ontology#DroneStrike>"),
        ("id:city/kharkiv", None, "<https://w3id.org/newskg/id/city/kharkiv>"),
        ("unknown:thing", None, '"unknown:thing"'),
        ("42", "string", '"42"'),
        ("2024-11-01", "string", '"2024-11-01"'),
        ("7", "decimal", f'"7.0"^^<{XSD}decimal>'),
        ("TRUE", "boolean", f'"true"^^<{XSD}boolean>'),
        ("Kharkiv", "@fr", '"Kharkiv"@fr'),
        (3, None, f'"3"^^<{XSD}integer>'),
    ],
)
def test_values_become_typed_terms(value: object, kind: str | None, expected: str) -> None:
    assert str(to_term(value, kind)) == expected


@pytest.mark.parametrize(
    "value, kind, message",
    [("2024-13-45", "date", "not a valid date"), ("many", "integer", "not a valid integer"),
     ("x", "boolean", "use true or false"), ("http://a> } INSERT DATA {", "iri", "not a valid iri"),
     ("x", "@fr} DROP", "bad language tag"), ("x", "colour", "unknown type")],
)
def test_invalid_values_are_refused(value: str, kind: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        to_term(value, kind)


@pytest.mark.parametrize(
    "text, expected",
    [("place=Kharkiv", ("place", None, "Kharkiv")), ("since:date=2024-11-01", ("since", "date", "2024-11-01")),
     ("label@fr=a=b", ("label", "@fr", "a=b")), ("x:iri=nkg:Attack", ("x", "iri", "nkg:Attack"))],
)
def test_assignments(text: str, expected: tuple) -> None:
    assert parse_assignment(text) == expected


@pytest.mark.parametrize("text", ["place", "pl ace=x", "1x=2", "a-b=3", "?x=1", "x}=1"])
def test_bad_assignments_and_names_are_refused(text: str) -> None:
    with pytest.raises(QueryError):
        parse_assignment(text)


def test_header_declares_types_defaults_and_documentation() -> None:
    header = parse_header('# Question: what?\n# more of it?\n# Parameters:\n#   a: date = 2024-01-01 — first\n'
                          '#   b: term = "Kharkiv Oblast" — area\n# prose: not a parameter\nSELECT * {}')
    assert header.question == "what? more of it?" and header.declared
    assert [(p.name, p.type, p.default, p.doc) for p in header.parameters] == [
        ("a", "date", "2024-01-01", "first"), ("b", "term", "Kharkiv Oblast", "area")]
    assert not parse_header("SELECT * {}").declared


def test_undeclared_parameters_are_refused_with_the_declared_list() -> None:
    with pytest.raises(QueryError, match="has no parameter 'place'; its parameters: label"):
        prepare(LABELLED, {"place": "x"})


@pytest.mark.parametrize(
    "sparql, expected",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES ?x { 1 } ?s ?p ?o }"),
        ("PREFIX a: <http://x/{#}> SELECT * { ?s a:p '}' }", None),
        ("SELECT * # { comment\n WHERE { ?s ?p \"{\" }", "SELECT * # { comment\n WHERE { VALUES ?x { 1 } ?s ?p \"{\" }"),
        ("SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ?p ?o }",
         "SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { VALUES ?x { 1 } ?s ?p ?o }"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?x { 1 } ?s ?p ?o }"),
        ("SELECT * { SELECT ?s { ?s ?p ?o } }", "SELECT * { VALUES ?x { 1 } { SELECT ?s { ?s ?p ?o } }}"),
        ('ASK { ?s ?p """a } "" b""" }', 'ASK { VALUES ?x { 1 } ?s ?p """a } "" b""" }'),
    ],
)
def test_values_go_first_in_the_outermost_where_group(sparql: str, expected: str | None) -> None:
    one = ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))
    if expected is None:  # '{' is not allowed in an IRI: the tokenizer must not be fooled either way
        with pytest.raises(QueryError):
            bind(sparql, {"x": one})
        return
    assert bind(sparql, {"x": one}).replace(str(one), "1") == expected


@pytest.mark.parametrize("sparql", ["CONSTRUCT WHERE { ?s ?p ?o }", "DELETE WHERE { ?s ?p ?o }",
                                    "DESCRIBE <http://x>", "SELECT * WHERE { ?s ?p ?o"])
def test_where_there_is_no_safe_place_binding_is_refused(sparql: str) -> None:
    with pytest.raises(QueryError):
        bind(sparql, {"x": ox.Literal("1")})


HOSTILE = [
    '"} ; DROP ALL ; #',
    "> } INSERT DATA { <http://evil> <http://evil> <http://evil> } #",
    "'single' \"double\" \"\"\"triple\"\"\"",
    "line one\nline two\r\n} DROP ALL",
    "back\\slash \\\" \\u0022 } \\",
    "unicode: Харків — 😀 \u0000 \u2028",
    "\\\"} ; CLEAR ALL ; #",
]


@pytest.fixture()
def store(tmp_path) -> Store:
    store = Store(tmp_path / "s")
    store._store.extend(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                ox.Literal(value), ox.NamedNode("http://x/g")) for i, value in enumerate(HOSTILE))
    return store


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_match_literally_and_change_nothing(store: Store, value: str) -> None:
    before = set(store._store)
    rows = list(store.query(prepare(LABELLED, {"label": value})))
    assert [r["label"].value for r in rows] == [value]
    assert [r["s"].value for r in rows] == [f"http://x/{HOSTILE.index(value)}"]
    assert set(store._store) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_through_the_cli(store: Store, tmp_path, value: str) -> None:
    path = store.location
    store.close()  # release the on-disk lock for the CLI
    query_file = tmp_path / "labelled.rq"
    query_file.write_text(LABELLED, encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(query_file), "--store", path, "--format", "json",
                                       "--param", f"label={value}"])
    assert result.exit_code == 0, result.output
    rows = list(ox.parse_query_results(result.stdout_bytes, ox.QueryResultsFormat.JSON))
    assert [r["label"].value for r in rows] == [value]
    assert len(ox.Store(path)) == len(HOSTILE)


def test_pyoxigraph_substitutions_limit_is_avoided(store: Store) -> None:
    # pyoxigraph 0.5 refuses substitutions of variables outside the projection; VALUES does not.
    rows = list(store.query("SELECT ?s WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?want) }",
                            substitutions={"want": ox.Literal(HOSTILE[0])}))
    assert [r["s"].value for r in rows] == ["http://x/0"]


PAGED = """# Question: which things, a page at a time?
# Parameters:
#   limit: integer = 100 — things per page
#   offset: integer = 0 — things skipped
SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100 OFFSET 0 } }
"""


@pytest.mark.parametrize(
    "given, clause",
    [({}, "LIMIT 100 OFFSET 0"), ({"limit": "5"}, "LIMIT 5 OFFSET 0"), ({"offset": 40}, "LIMIT 100 OFFSET 40"),
     ({"limit": "0", "offset": "007"}, "LIMIT 0 OFFSET 7")],
)
def test_a_page_is_written_over_the_queries_own_limit_and_offset(given: dict, clause: str) -> None:
    prepared = prepare(PAGED, given)
    assert clause in prepared and "VALUES" not in prepared.split("Parameters:")[1]


@pytest.mark.parametrize(
    "sparql, given, message",
    [(PAGED, {"limit": "-1"}, "whole number of rows"), (PAGED, {"limit": "ten"}, "not a valid integer"),
     (PAGED.replace("LIMIT 100 ", ""), {"limit": "5"}, "exactly one 'LIMIT n' clause .it has 0."),
     (PAGED.replace("} }", "} LIMIT 3 }"), {"limit": "5"}, "exactly one 'LIMIT n' clause .it has 2.")],
)
def test_a_page_that_cannot_be_written_is_refused(sparql: str, given: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        prepare(sparql, given)


def test_a_query_without_page_parameters_binds_limit_as_a_variable() -> None:
    assert "VALUES ?limit" in prepare("# Question: q?\nSELECT ?limit WHERE { }", {"limit": 3})


def test_a_sub_select_sees_the_parameters_it_uses() -> None:
    sparql = PAGED.replace("#   offset", "#   who: string — a label\n#   offset").replace(
        "?s ?p ?o }", "?s ?p ?o FILTER(STR(?o) = ?who) }")
    prepared = prepare(sparql, {"who": "x", "limit": 2})
    assert prepared.count('VALUES ?who { "x" }') == 2 and "LIMIT 2 OFFSET 0" in prepared
    assert 'SELECT ?s WHERE { { SELECT ?s WHERE { VALUES ?who { "x" } ?s ?p ?o' in prepared.replace(
        'VALUES ?who { "x" } {', "{", 1)


@pytest.mark.parametrize(
    "value, iri",
    [("DroneStrike", "https://w3id.org/newskg/ontology#DroneStrike"),
     ("nkg:Attack", "https://w3id.org/newskg/ontology#Attack"),
     ("<https://example.org/C>", "https://example.org/C")],
)
def test_a_class_parameter_is_an_iri_whether_given_by_name_or_iri(value: str, iri: str) -> None:
    assert to_term(value, "class") == ox.NamedNode(iri)


@pytest.mark.parametrize("value", ["two words", "", "a\"b"])
def test_a_class_parameter_that_names_no_class_is_refused(value: str) -> None:
    with pytest.raises(QueryError, match="not a valid class"):
        to_term(value, "class")


@pytest.mark.parametrize(
    "sparql, bound",
    [(PAGED, set()),
     (PAGED.replace("?s ?p ?o }", "?s ?p ?o FILTER(?limit > 0) }"), {"limit"}),
     (PAGED.replace("?s ?p ?o }", "?s ?p ?o FILTER(?offset + ?limit > 0) }"), {"limit", "offset"})],
)
def test_a_query_that_names_its_page_variables_gets_them_as_values(sparql: str, bound: set) -> None:
    prepared = prepare(sparql, {"limit": 7})
    assert "LIMIT 7 OFFSET 0" in prepared
    assert {n for n in ("limit", "offset") if f"VALUES ?{n}" in prepared} == bound
    if bound:
        assert 'VALUES ?limit { "7"^^' in prepared
