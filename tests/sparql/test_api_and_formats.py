"""The Python API (and README's example of it) and every result format of kg query."""

from __future__ import annotations

import http.server
import io
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from sparql_helpers import QUERIES, ROOT, free_port, oxigraph_server, table
from testpaths import EXAMPLES

from kg import KnowledgeGraph
from kg.cli import main
from kg.errors import InputError, QueryError

SEED_EVENT_QUERY = "SELECT ?e WHERE { GRAPH ?a { ?e a nkg:MissileStrike ; nkg:place ?p } ?p rdfs:label ?l }"


def run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


def test_knowledge_graph_queries_with_keyword_parameters_and_exports(built) -> None:
    with KnowledgeGraph(built[0]) as graph:
        rows = table(graph.query(SEED_EVENT_QUERY + " ORDER BY ?e", l=ox.Literal("Kharkiv", language="en")))
        assert rows and all("/event/" in r["e"] for r in rows)
        assert table(graph.query("SELECT ?n WHERE { ?a schema:datePublished ?d FILTER(?d >= ?since) "
                                 "BIND(1 AS ?n) }", since="2024-12-03")) == [{"n": "1"}, {"n": "1"}]
        turtle = graph.export(format="turtle")
        assert turtle.startswith(b"@prefix") and len(graph) > 1000
        one = graph.export(format="nquads", graph="https://w3id.org/newskg/id/article/odesa-2024-12-02")
        assert one and all(line.endswith(b"<https://w3id.org/newskg/id/article/odesa-2024-12-02> .")
                           for line in one.splitlines())
        assert "https://w3id.org/newskg/id/graph/entities" in graph.named_graphs()


def test_knowledge_graph_on_a_remote_server(tmp_path: Path) -> None:
    article = tmp_path / "a.jsonl"
    article.write_text('{"id": "r1", "date": "2024-11-26", "text": "Des drones russes ont frappé '
                       'Kharkiv mardi, a déclaré le maire."}\n', encoding="utf-8")
    with oxigraph_server(tmp_path / "srv") as url, KnowledgeGraph(url) as graph:
        assert graph.build(article).articles == 1
        assert bool(graph.query("ASK { ?a schema:datePublished ?d }", d=ox.Literal(
            "2024-11-26", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
        assert graph.export(format="trig").count(b"r1") >= 1
        with pytest.raises(InputError, match="'not an iri': not a valid IRI"):
            graph.export(format="trig", graph="not an iri")


def test_the_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    shutil.copytree(ROOT / "queries", tmp_path / "queries")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    printed = io.StringIO()
    monkeypatch.setattr("sys.stdout", printed)
    exec(compile(code, "README.md", "exec"), {})
    assert "Kharkiv" in printed.getvalue() and (tmp_path / "graph.ttl").stat().st_size > 0


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda out: out.startswith(b"article,event,type")),
    ("tsv", lambda out: out.startswith(b"?article\t?event\t?type")),
    ("json", lambda out: json.loads(out)["head"]["vars"][:2] == ["article", "event"]),
    ("xml", lambda out: b"<sparql" in out and b"<result>" in out),
    ("table", lambda out: re.search(rb"\n\d+ rows\n", out) is not None),
])
def test_select_result_formats(built, fmt: str, check) -> None:
    code, out, _ = run("query", "queries/events.rq", "--store", str(built[0]), "--format", fmt)
    assert code == 0 and check(out)


@pytest.mark.parametrize("fmt, rdf_format", [
    ("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES), ("nquads", ox.RdfFormat.N_QUADS),
    ("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD), ("rdfxml", ox.RdfFormat.RDF_XML),
    ("n3", ox.RdfFormat.N3)])
def test_construct_result_formats(built, fmt: str, rdf_format: ox.RdfFormat) -> None:
    code, out, err = run("query", "-e", "CONSTRUCT { ?e a ?c } WHERE { ?e a ?c . ?c rdfs:subClassOf* nkg:Attack }",
                         "--store", str(built[0]), "--format", fmt)
    assert code == 0, err
    assert len(list(ox.parse(out, rdf_format))) >= 8


@pytest.mark.parametrize("fmt, expected", [("csv", b"true"), ("json", b'"boolean":true'), ("xml", b"<boolean>true")])
def test_ask_result_formats(built, fmt: str, expected: bytes) -> None:
    code, out, _ = run("query", "-e", "ASK { ?e a nkg:Interception }", "--store", str(built[0]), "--format", fmt)
    assert code == 0 and expected in out


@pytest.mark.parametrize("args, code, message", [
    (["-e", "SELECT * { ?s ?p ?o } LIMIT 1", "--format", "turtle"], 2, "is for CONSTRUCT/DESCRIBE"),
    (["-e", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "--format", "csv"], 2, "is for SELECT"),
    (["queries/events-by-type-place-time.rq", "--param", "since=yesterday"], 1,
     "Error: 'yesterday' is not a valid date"),
    (["queries/events.rq", "--param", "place=Kharkiv"], 1,
     "Error: queries/events.rq has no parameter 'place'; its parameters: limit, offset"),
    (["-e", "SELECT * { ?s ?p ?o }", "--param", "bad name=1"], 1, "Error: invalid parameter name 'bad name'"),
    (["-e", "DELETE WHERE { ?s ?p ?o }", "--param", "x=1"], 1, "Error: parameters can only be bound in queries"),
    (["queries/statements.rq", "--param", "limit=-1"], 1,
     "Error: limit must be a whole number of rows, 0 or more, not '-1'"),
])
def test_query_usage_errors_are_one_line(built, args: list[str], code: int, message: str) -> None:
    exit_code, _out, err = run("query", *args, "--store", str(built[0]))
    assert (exit_code, "Traceback" in err) == (code, False) and message in err, err


@pytest.mark.parametrize("limit, offset, articles", [("1", "0", 1), ("2", "1", 2), ("1000", "0", None), ("1", "1000", 0)])
def test_a_listing_reads_the_page_the_command_line_asks_for(built, limit: str, offset: str,
                                                            articles: int | None) -> None:
    code, out, _ = run("query", "queries/statements.rq", "--store", str(built[0]), "--format", "csv",
                       "--param", f"limit={limit}", "--param", f"offset={offset}")
    if articles is None:  # a page larger than the listing: every article with a statement
        with KnowledgeGraph(built[0]) as graph:
            articles = int(table(graph.query(
                "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?s a nkg:Statement } }"))[0]["n"])
    rows = out.decode().splitlines()[1:]
    assert code == 0 and len({row.split(",")[0] for row in rows}) == articles


def test_a_parameter_from_the_command_line_filters_rows(built) -> None:
    code, out, _ = run("query", "queries/events-by-type-place-time.rq", "--store", str(built[0]), "--format", "csv",
                       "-p", "type=MissileStrike", "-p", "place=Odesa", "-p", "until=2024-12-31")
    lines = out.decode().splitlines()
    assert code == 0 and len(lines) >= 2 and all("MissileStrike" in line for line in lines[1:])


# -- queries that fail while their answer is read (pyoxigraph evaluates as rows are asked for) -----

class _Garbled(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers every request with SPARQL JSON results cut off mid-row."""

    def do_GET(self) -> None:
        self.do_POST()

    def do_POST(self) -> None:
        body = b'{"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": [ {"s": oops'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoints() -> Iterator[dict[str, str]]:
    """SERVICE endpoints on 127.0.0.1 that fail at once, with no network: a port nothing listens
    on, and a server whose results cannot be read."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Garbled)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"closed": f"http://127.0.0.1:{free_port()}/sparql",
               "garbled": f"http://127.0.0.1:{server.server_address[1]}/sparql"}
    finally:
        server.shutdown()
        thread.join()


FORMS = {"SELECT": "SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }",
         "CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <%s> { ?s ?p ?o } }",
         "ASK": "ASK { SERVICE <%s> { ?s ?p ?o } }"}
REFUSED = "Connection refused (os error 111) (a SERVICE clause needs the network and its endpoint up)"
GARBLED = "Parser error at line 1"


@pytest.mark.parametrize("endpoint, form, options, message", [
    ("closed", "SELECT", ["--format", "json"], f"the query failed while its results were read: {REFUSED}"),
    ("closed", "SELECT", ["--format", "csv"], f"the query failed while its results were read: {REFUSED}"),
    ("closed", "SELECT", ["--format", "table"], f"the query failed while its results were read: {REFUSED}"),
    ("closed", "CONSTRUCT", ["--format", "turtle"], f"the query failed while its results were read: {REFUSED}"),
    ("closed", "CONSTRUCT", ["--format", "table"], f"the query failed while its results were read: {REFUSED}"),
    ("closed", "ASK", [], f"the query failed on STORE: {REFUSED}"),  # an ASK is answered at once
    ("garbled", "SELECT", ["--format", "xml"], f"the query failed while its results were read: {GARBLED}"),
    ("garbled", "CONSTRUCT", ["--format", "ntriples"], f"the query failed while its results were read: {GARBLED}"),
    # with a time limit the query runs in a child process, which says the same
    ("closed", "SELECT", ["--format", "json", "--timeout", "30"], f"while its results were read: {REFUSED}"),
    ("garbled", "CONSTRUCT", ["--timeout", "30"], f"while its results were read: {GARBLED}"),
])
def test_a_query_failing_as_its_answer_is_read_is_one_line_and_writes_nothing(
        built, endpoints: dict[str, str], endpoint: str, form: str, options: list[str], message: str) -> None:
    started = time.perf_counter()
    code, out, err = run("query", "-e", FORMS[form] % endpoints[endpoint], "--store", str(built[0]), *options)
    assert (code, out, err.count("\n")) == (1, b"", 1), err  # no half document before the error
    assert err.startswith("Error: ") and message.replace("STORE", str(built[0])) in err, err
    assert time.perf_counter() - started < 10  # offline, it fails at once: nothing waits on the network


def test_the_api_raises_a_query_error_as_the_answer_is_read(built, endpoints: dict[str, str]) -> None:
    with KnowledgeGraph(built[0]) as graph:
        rows = graph.query(FORMS["SELECT"] % endpoints["closed"])
        assert [v.value for v in rows.variables] == ["o", "p", "s"]  # known before any row is read
        with pytest.raises(QueryError, match="while its results were read: Connection refused"):
            list(rows)
        output = io.BytesIO()
        with pytest.raises(QueryError, match="while its results were read: Parser error"):
            graph.query(FORMS["SELECT"] % endpoints["garbled"]).serialize(output, ox.QueryResultsFormat.CSV)
        assert output.getvalue() == b""
        with pytest.raises(QueryError, match="Connection refused"):
            list(graph.query(FORMS["CONSTRUCT"] % endpoints["closed"]))


def test_a_server_sending_unreadable_rows_is_one_line(endpoints: dict[str, str]) -> None:
    url = endpoints["garbled"].removesuffix("/sparql")
    code, out, err = run("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--store", url, "--format", "csv")
    assert (code, out) == (1, b"") and err.count("\n") == 1
    assert err.startswith(f"Error: the SPARQL server at {url}/query sent unreadable "
                          "application/sparql-results+json: Parser error"), err


def test_a_shoot_down_over_a_sea_is_mapped_at_the_sea(tmp_path: Path) -> None:
    article = tmp_path / "sea.jsonl"
    article.write_text('{"id": "sea1", "date": "2025-09-08", "text": "Soixante-deux drones ukrainiens ont été '
                       'abattus au-dessus de la mer Noire, a indiqué le ministère russe de la Défense."}\n',
                       encoding="utf-8")
    with KnowledgeGraph(tmp_path / "store") as graph:
        assert graph.build(article).articles == 1
        rows = list(graph.query_file(QUERIES / "map-events.rq", limit=10))
    levels = {row["level"].value for row in rows if row["level"] is not None}
    assert levels == {"Sea"} and all(row["wkt"] is not None for row in rows)
