"""What servers do differently, on the real ones (Oxigraph's and Virtuoso 7.2): an answer the server
cut is an error on both, never part of an answer; exports past a server's row limit are whole;
every kg command that writes or reads works through the CLI on both."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import struct

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from test_mapping import EXTRACTION

from kg.cli import main
from kg.errors import QueryError
from kg.rdf.iris import article_iri
from kg.rdf.quads import to_quads
from kg.store import RemoteStore
from kg.store.dialects import VIRTUOSO

#: Rows Virtuoso sends at most in the tests (virtuoso_process keeps the packaged 10,000).
ROW_LIMIT = 10_000
#: More rows (and triples) than that: 150 × 150 pairs of numbers.
_NUMBERS = " ".join(map(str, range(150)))
PAIRS = f"SELECT ?n ?m WHERE {{ VALUES ?n {{ {_NUMBERS} }} VALUES ?m {{ {_NUMBERS} }} }}"
PAIRS_RDF = (f"CONSTRUCT {{ ?p <http://example.org/pairs> ?m }} WHERE {{ VALUES ?n {{ {_NUMBERS} }} "
             f"VALUES ?m {{ {_NUMBERS} }} BIND(IRI(CONCAT('http://example.org/', STR(?n))) AS ?p) }}")
#: A query no server finishes within a second: every quadruple of the article's triples.
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?p ?x } GRAPH ?g { ?b ?q ?y } "
        "GRAPH ?g { ?c ?r ?z } GRAPH ?g { ?d ?s ?w } GRAPH ?g { ?e ?t ?v } }")


def article(n: int):
    return dataclasses.replace(EXTRACTION, document=dataclasses.replace(EXTRACTION.document, id=f"t{n}"))


@pytest.fixture
def remote(server_url: str):
    store = RemoteStore(server_url)
    store.write_article(article_iri(EXTRACTION.document), to_quads(EXTRACTION, "h1", "v"))
    yield store
    store.close()


@pytest.mark.parametrize("sparql", [PAIRS, PAIRS_RDF], ids=["select", "construct"])
def test_an_answer_past_the_server_row_limit_is_an_error_not_part_of_it(remote: RemoteStore, sparql: str) -> None:
    if remote.dialect is VIRTUOSO:
        with pytest.raises(QueryError, match=r"(cut the answer at 10000 rows|sent 10\d\d\d triples, its row limit)") as caught:
            list(remote.query(sparql))
        assert "\n" not in str(caught.value) and "none of it is shown" in str(caught.value)
    else:  # Oxigraph sends every row
        assert len(list(remote.query(sparql))) == 150 * 150 > ROW_LIMIT


def test_kg_query_says_in_one_line_that_the_server_cut_the_answer(server_url: str) -> None:
    code, out, err = kg("query", "-e", PAIRS, "--format", "csv", "--store", server_url)
    if RemoteStore(server_url).dialect is VIRTUOSO:
        assert (code, out) == (1, "")
        assert err == (f"Error: the SPARQL server at {server_url} cut the answer at 10000 rows (its "
                       "ResultSetMaxRows limit); none of it is shown: ask for fewer rows (LIMIT and "
                       "OFFSET) or raise the server's limit\n")
    else:
        assert code == 0 and len(out.splitlines()) == 1 + 150 * 150


def test_a_query_past_its_time_limit_is_an_error_not_part_of_an_answer(remote: RemoteStore) -> None:
    # Virtuoso stops at the limit and sends partial counts with HTTP 200 (X-SQL-State: S1TAT);
    # Oxigraph does not answer in time: both are one QueryError
    expected = ("stopped the query at its time limit and sent part of an answer" if remote.dialect is VIRTUOSO
                else "did not answer within 1 s")
    with pytest.raises(QueryError, match=expected) as caught:
        list(remote.query(SLOW, timeout=1))
    assert "\n" not in str(caught.value)


def test_an_export_past_the_server_row_limit_is_whole(server_url: str) -> None:
    store = RemoteStore(server_url)
    articles = [(article_iri(a.document), to_quads(a, "h", "v")) for a in map(article, range(150))]
    store.write_articles(articles)
    # and one graph bigger than a page of the server's answers
    big = ox.NamedNode("http://example.org/big")
    store.write_article(big, [ox.Quad(big, ox.NamedNode("http://example.org/n"), ox.Literal(n), big)
                              for n in range(ROW_LIMIT + 500)])
    expected = len(store)
    assert expected > 2 * ROW_LIMIT
    buffer = io.BytesIO()
    store.export(buffer, "nquads")
    got = set(ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS))
    assert len(got) == expected
    assert sum(1 for q in got if q.graph_name == big) == ROW_LIMIT + 500
    assert {q.graph_name.value for q in got} == set(store.named_graphs())
    one = io.BytesIO()
    store.export(one, "nquads", big.value)
    assert len(one.getvalue().splitlines()) == ROW_LIMIT + 500
    store.close()


def kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_kg_commands_on_each_server(server_url: str, built, tmp_path) -> None:
    """build, stats, query (SELECT and CONSTRUCT), export, remove and incidents give on the server
    what they give on the embedded store the same examples were built into."""
    from testpaths import EXAMPLES

    local = str(built[0])
    code, _, err = kg("build", str(EXAMPLES), "--store", server_url)
    assert code == 0, err
    for command in (["stats"], ["incidents", "--format", "json"],
                    ["query", "queries/event-card.rq", "--format", "ntriples",
                     "--param", "event=https://w3id.org/newskg/id/article/kaluga-2024-11-25/event/ev2"]):
        code, remote_out, err = kg(*command, "--store", server_url)
        assert code == 0, err
        local_out = kg(*command, "--store", local)[1]
        if command[0] == "query":  # as a set of triples, blank nodes aside
            assert remote_out and set(remote_out.splitlines()) == set(local_out.splitlines())
        elif command[0] == "incidents":  # GROUP_CONCAT's order is the server's (SPARQL leaves it open)
            assert unordered(json.loads(remote_out)) == unordered(json.loads(local_out))
        else:
            assert remote_out == local_out

    code, _, err = kg("export", "--store", server_url, "--format", "nquads", "-o", str(tmp_path / "r.nq"))
    assert code == 0, err
    kg("export", "--store", local, "--format", "nquads", "-o", str(tmp_path / "l.nq"))
    assert ground(tmp_path / "r.nq") == ground(tmp_path / "l.nq")

    code, out, err = kg("remove", "kaluga-2024-11-25", "--store", server_url)
    assert code == 0, err
    graphs = RemoteStore(server_url).named_graphs()
    assert "https://w3id.org/newskg/id/article/kaluga-2024-11-25" not in graphs
    assert "https://w3id.org/newskg/id/article/odesa-2024-12-02" in graphs
    code, _, err = kg("remove", "kaluga-2024-11-25", "--store", server_url)
    assert code == 1 and "kaluga-2024-11-25" in err and err.count("\n") == 1


def unordered(incidents: list[dict]) -> list[dict]:
    for incident in incidents:
        for report in incident["reports"]:
            if "eventStatuses" in report:
                report["eventStatuses"] = sorted(report["eventStatuses"].split())
    return incidents


def ground(path) -> set[str]:
    """An N-Quads file's lines without blank nodes, WKT points as single-precision numbers, which
    is what Virtuoso keeps of them (README, remote stores)."""
    def rounded(match: re.Match) -> str:
        return " ".join(repr(struct.unpack("f", struct.pack("f", float(x)))[0]) for x in match.group(1).split())
    return {re.sub(r"POINT\(([^)]*)\)", lambda m: f"POINT({rounded(m)})", line)
            for line in path.read_text(encoding="utf-8").splitlines() if "_:" not in line}


@pytest.mark.parametrize("ci, outcome", [("true", RuntimeError), ("", "Virtuoso is not installed"),
                                         ("false", "Virtuoso is not installed")])
def test_without_virtuoso_tests_skip_except_in_ci(monkeypatch, ci: str, outcome) -> None:
    from virtuoso_process import required_or_skip

    monkeypatch.setenv("PATH", "")  # no virtuoso-t, no isql-vt
    monkeypatch.setenv("CI", ci)
    if outcome is RuntimeError:
        with pytest.raises(RuntimeError, match="CI=true but Virtuoso is not installed"):
            required_or_skip()
    else:
        assert required_or_skip().startswith(outcome)
