"""Hostile and runaway queries: parameters are bound as terms, updates are refused, --timeout stops
a cartesian product with one line, and `kg serve` is read-only and private by default."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from faultkit import KG, graphs
from oxigraph_process import free_port, oxigraph_server

from kg.cli import main
from kg.errors import QueryError
from kg.store.local import Store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABEL_QUERY = "SELECT ?x WHERE { ?x rdfs:label ?l FILTER(STR(?l) = ?name) }"
HOSTILE = ['"} ; DROP ALL ; #', "x\" } } DELETE WHERE { ?s ?p ?o } #", "Kharkiv> } DROP ALL #",
           "' UNION { ?x ?p ?o } #", "\\u0022 } ; CLEAR ALL", "\n}\nDROP ALL\n#"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout.replace("\r\n", "\n"), result.stderr


@pytest.fixture()
def store(built, tmp_path: Path) -> Path:
    """A private copy of the built examples, which these tests try to damage."""
    copy = tmp_path / "store"
    shutil.copytree(built[0], copy)
    return copy


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_parameter_is_a_literal_and_changes_nothing(store: Path, value: str) -> None:
    before = graphs(store)
    code, out, err = run("query", "-e", LABEL_QUERY, "--param", f"name={value}", "--store", str(store),
                         "--format", "csv")
    assert (code, out, err) == (0, "x\n", "")  # matched literally: no label is that string
    code, out, _ = run("query", "-e", LABEL_QUERY, "--param", f"name:string={value}", "--update",
                       "--store", str(store), "--format", "csv")
    assert code == 0 and out == "x\n"  # even with --update, a bound value is never an operation
    assert graphs(store) == before


@pytest.mark.parametrize("assignment, message", [
    ("name:iri=http://x> } DROP ALL #", "is not a valid iri"),
    ("na me=1", "invalid parameter name 'na me'"),
    ("x}DROP=1", "invalid parameter name 'x}DROP'"),
])
def test_a_malformed_parameter_is_one_line_and_changes_nothing(store: Path, assignment: str, message: str) -> None:
    before = graphs(store)
    code, _, err = run("query", "-e", LABEL_QUERY, "--param", assignment, "--store", str(store))
    assert code == 1 and err.startswith("Error: ") and message in err and err.count("\n") == 1
    assert graphs(store) == before


@pytest.mark.parametrize("sparql", ["DROP ALL", "CLEAR DEFAULT", "DELETE WHERE { ?s ?p ?o }",
                                    "PREFIX x: <http://x#> INSERT DATA { x:a x:b x:c }",
                                    "# SELECT\nDROP ALL", "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"])
def test_updates_are_refused_unless_asked(store: Path, sparql: str) -> None:
    before = graphs(store)
    code, _, err = run("query", "-e", sparql, "--store", str(store))
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1
    assert graphs(store) == before


def test_an_update_runs_with_update(store: Path) -> None:
    code, out, _ = run("query", "-e", "DROP GRAPH <https://w3id.org/newskg/id/article/odesa-2024-12-02>",
                       "--update", "--store", str(store))
    assert (code, out) == (0, "Update done.\n")
    assert "https://w3id.org/newskg/id/article/odesa-2024-12-02" not in graphs(store)


def test_timeout_stops_a_runaway_query_with_one_line(store: Path) -> None:
    started = time.perf_counter()
    result = subprocess.run([KG, "query", "-e", RUNAWAY, "--store", str(store), "--timeout", "2"],
                            capture_output=True, text=True, timeout=60)
    seconds = time.perf_counter() - started
    assert result.returncode == 1
    assert result.stderr == ("Error: the query did not finish within 2 s and was stopped; narrow it "
                             "(more specific patterns, LIMIT) or raise --timeout\n")
    assert seconds < 10  # the deadline plus the start of Python and the model-free CLI
    left = subprocess.run(["pgrep", "-f", f"kg.store.local {store}"], capture_output=True, text=True)
    assert left.stdout == ""  # the child running the query was killed


def test_timeout_lets_a_quick_query_answer_and_no_timeout_runs_in_process(store: Path) -> None:
    code, out, _ = run("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a a nkg:Article }", "--store",
                       str(store), "--timeout", "30", "--format", "csv")
    assert (code, out) == (0, "n\n4\n")
    code, _, err = run("query", "-e", "SELECT WHERE {", "--store", str(store), "--timeout", "30")
    assert code == 1 and err.startswith("Error: the query is not valid SPARQL")
    code, _, err = run("query", "-e", "ASK {}", "--store", str(store), "--timeout", "0")
    assert code == 2 and "Invalid value for '--timeout'" in err
    graph = Store(store)
    started = time.perf_counter()
    for _ in range(20):
        assert bool(graph.query("ASK { ?a a nkg:Article }"))
    assert (time.perf_counter() - started) / 20 < 0.05  # no child process without a time limit


def test_timeout_stops_a_service_endpoint_that_never_answers(store: Path) -> None:
    """pyoxigraph gives SERVICE requests no time limit of their own: --timeout is the way out."""
    with socket.socket() as silent:  # listens, so connections open, but never reads nor answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}/sparql"
        started = time.perf_counter()
        code, out, err = run("query", "-e", f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
                             "--store", str(store), "--timeout", "2", "--format", "csv")
    assert (code, out) == (1, "") and err.startswith("Error: the query did not finish within 2 s")
    assert time.perf_counter() - started < 10


def test_the_api_takes_a_timeout_too(store: Path) -> None:
    from kg import KnowledgeGraph

    with KnowledgeGraph(store) as graph:
        with pytest.raises(QueryError, match="did not finish within 1 s"):
            graph.query(RUNAWAY, timeout=1)
        rows = graph.query("SELECT ?a WHERE { ?a a nkg:Article }", timeout=30)
        assert len(list(rows)) == 4
        triples = graph.query("CONSTRUCT { ?a a nkg:Article } WHERE { ?a a nkg:Article }", timeout=30)
        assert len(list(triples)) == 4


def test_a_remote_store_uses_the_http_timeout(store: Path) -> None:
    with oxigraph_server(store) as url:
        started = time.perf_counter()
        code, _, err = run("query", "-e", RUNAWAY, "--store", url, "--timeout", "1")
        assert code == 1 and err == f"Error: the SPARQL server at {url}/query did not answer within 1 s\n"
        assert time.perf_counter() - started < 10
        code, out, _ = run("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a a nkg:Article }",
                           "--store", url, "--timeout", "30", "--format", "csv")
        assert (code, out) == (0, "n\n4\n")


def listening(port: int) -> list[str]:
    """The local addresses listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append("127.0.0.1" if address == "0100007F" else address)
    return found


def test_kg_serve_is_read_only_and_listens_on_localhost_only(store: Path) -> None:
    from kg.store.server import DEFAULT_BIND, command

    assert DEFAULT_BIND.startswith("127.0.0.1:")
    assert main.commands["serve"].params[1].default == DEFAULT_BIND
    assert "serve-read-only" in command(store)
    port = free_port()
    before = graphs(store)
    server = subprocess.Popen([KG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert "read-only" in server.stderr.readline()
        assert listening(port) == ["127.0.0.1"]
        url = f"http://127.0.0.1:{port}"
        for path, body, kind in [("/update", "DROP ALL", "application/sparql-update"),
                                 ("/query", "DROP ALL", "application/sparql-update"),
                                 ("/store?default", "<http://a> <http://b> <http://c> .", "application/n-triples")]:
            response = httpx.post(url + path, content=body, headers={"Content-Type": kind}, timeout=10)
            assert response.status_code >= 400, path
        assert httpx.get(url + "/query", params={"query": "ASK { ?s ?p ?o }"}, timeout=10).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert graphs(store) == before
