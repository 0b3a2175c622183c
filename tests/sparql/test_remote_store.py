"""The remote store on real servers, Oxigraph's own and Virtuoso 7.2: the same behaviour as the
embedded store."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from remote_servers import empty_server
from sparql_helpers import free_port, oxigraph_server, table
from test_mapping import EXTRACTION
from testpaths import EXAMPLES

from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.pipeline import build
from kg.rdf.iris import article_iri
from kg.rdf.ontology import ontology_quads
from kg.rdf.quads import to_quads
from kg.store import RemoteStore, Store, open_store
from kg.store.dialects import VIRTUOSO

ARTICLE = article_iri(EXTRACTION.document)


@pytest.fixture(params=["local", "oxigraph", "virtuoso"])
def store(request, tmp_path: Path):
    if request.param == "local":
        yield Store(tmp_path / "s")
        return
    with empty_server(request.param, request, tmp_path) as url:
        remote = open_store(url)
        assert isinstance(remote, RemoteStore)
        yield remote
        remote.close()


def write(store, extraction=EXTRACTION) -> None:
    store.write_article(article_iri(extraction.document), to_quads(extraction, "h1", "v"))


def test_writing_the_same_article_twice_changes_nothing(store) -> None:
    write(store)
    first = len(store)
    write(store)
    assert len(store) == first > 0
    assert store.article_hash(ARTICLE) == "h1"
    assert store.article_hash(ox.NamedNode("https://w3id.org/newskg/id/article/none")) is None


def test_a_changed_article_replaces_its_graph(store) -> None:
    write(store)
    write(store, dataclasses.replace(EXTRACTION, statements=()))
    assert not bool(store.query("ASK { ?s a nkg:Statement }"))
    assert bool(store.query("ASK { ?e a nkg:MissileStrike }"))


def test_removing_an_article_keeps_the_others(store) -> None:
    other = dataclasses.replace(EXTRACTION, document=dataclasses.replace(EXTRACTION.document, id="t2"))
    write(store)
    write(store, other)
    assert store.remove_article(ARTICLE) and not store.remove_article(ARTICLE)
    rows = table(store.query("SELECT ?g WHERE { GRAPH ?g { ?a a nkg:Article } }"))
    assert rows == [{"g": article_iri(other.document).value}]
    assert article_iri(other.document).value in store.named_graphs()


def test_the_default_graph_is_the_union_and_parameters_bind(store) -> None:
    write(store)
    rows = table(store.query("SELECT ?label WHERE { ?city rdfs:label ?label FILTER(LANG(?label) = 'en') }",
                             substitutions={"city": ox.NamedNode("https://w3id.org/newskg/id/city/kharkiv")}))
    assert rows == [{"label": "Kharkiv"}]


def test_the_ontology_is_loaded_once(store) -> None:
    store.ensure_ontology(ontology_quads())
    size = len(store)
    store.ensure_ontology(ontology_quads())
    assert len(store) == size > 0
    assert "https://w3id.org/newskg/ontology" in store.named_graphs()


@pytest.mark.parametrize("sparql", ["DELETE WHERE { ?s ?p ?o }", "drop all", "# c\nCLEAR DEFAULT",
                                    "PREFIX x: <http://x#> INSERT DATA { x:a x:b x:c }"])
def test_updates_are_refused_unless_allowed(store, sparql: str) -> None:
    write(store)
    before = len(store)
    with pytest.raises(QueryError, match="pass --update"):
        store.query(sparql)
    assert len(store) == before


def test_an_allowed_update_runs(store) -> None:
    write(store)
    assert store.query("DELETE WHERE { GRAPH ?g { ?a nkg:contentHash ?h } }", allow_update=True) is None
    assert store.article_hash(ARTICLE) is None and len(store) > 0
    assert store.query("DROP ALL", allow_update=True) is None
    # Virtuoso 7.2 answers DROP ALL with HTTP 200 and does nothing (README, remote stores)
    assert len(store) == 0 or getattr(store, "dialect", None) is VIRTUOSO


def test_malformed_query_is_a_query_error(store) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT WHERE {")


@pytest.mark.parametrize("fmt, rdf_format", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                                             ("turtle", ox.RdfFormat.TURTLE), ("rdfxml", ox.RdfFormat.RDF_XML)])
def test_export_is_lossless(store, fmt: str, rdf_format: ox.RdfFormat) -> None:
    write(store)
    buffer = io.BytesIO()
    store.export(buffer, fmt)
    again = ox.Store()
    again.load(buffer.getvalue(), rdf_format)
    ours = set(store.named_graphs())  # a server's own graphs (Virtuoso's) are not exported
    quads = [q for q in store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }") if q["g"].value in ours]
    if rdf_format.supports_datasets:
        assert len(again) == len(quads)
    else:
        assert len(again) == len({(q["s"], q["p"], q["o"]) for q in quads})


def test_export_of_one_graph_and_of_an_unknown_one(store) -> None:
    write(store)
    buffer = io.BytesIO()
    store.export(buffer, "nquads", ARTICLE.value)
    lines = buffer.getvalue().decode().splitlines()
    assert lines and all(line.endswith(f"{ARTICLE} .") for line in lines)
    with pytest.raises(StoreError, match="is not in store"):
        store.export(io.BytesIO(), "turtle", "https://example.org/none")


def test_construct_results_serialise_like_local_ones(store) -> None:
    write(store)
    # the type closure is stored: the strike is found as an nkg:Event, its type read from nkg:eventType
    triples = store.query("CONSTRUCT { ?e nkg:eventType ?c } WHERE { ?e a nkg:Event ; nkg:eventType ?c }")
    out = io.BytesIO()
    triples.serialize(out, ox.RdfFormat.N_TRIPLES)
    assert b"MissileStrike" in out.getvalue()
    assert len(list(ox.parse(out.getvalue(), ox.RdfFormat.N_TRIPLES))) == 1


# -- remote only: errors and the whole pipeline -----------------------------------------------

@pytest.mark.parametrize(
    "url, message",
    [(f"http://127.0.0.1:{free_port()}", "cannot reach the SPARQL server at http://127.0.0.1:"),
     ("http://no-such-host.invalid:7878", "cannot reach the SPARQL server")],
)
def test_an_unreachable_server_is_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        RemoteStore(url, timeout=3).query("ASK {}")
    assert "\n" not in str(caught.value) and "is it running?" in str(caught.value)


def test_a_wrong_path_and_a_server_without_union_say_what_to_do(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "srv", union=False) as url:
        with pytest.raises(StoreError, match="no SPARQL endpoint .*HTTP 404"):
            RemoteStore(url + "/nothing/here/query").query("ASK {}")
        remote = RemoteStore(url)
        write(remote)
        with pytest.raises(StoreError, match="--union-default-graph"):
            remote.query("SELECT * WHERE { ?s ?p ?o }")


def test_building_the_examples_remotely_gives_the_local_graph(built, tmp_path: Path) -> None:
    local = Store(built[0])
    expected = {q for q in local._store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}
    size = len(local)
    local.close()
    with oxigraph_server(tmp_path / "srv") as url:
        remote = RemoteStore(url)
        summary = build([EXAMPLES], remote)
        assert summary.articles == 4 and not summary.skipped
        assert len(remote) == size
        buffer = io.BytesIO()
        remote.export(buffer, "nquads")
        got = {q for q in ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS)
               if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}
        assert got == expected
        again = build([EXAMPLES], remote)
        assert again.unchanged == 4 and again.articles == 0 and len(remote) == size

        # the CLI, pointed at the server by KG_STORE, answers as it does locally
        runner = CliRunner()
        remote_rows = runner.invoke(main, ["query", "queries/events.rq", "--format", "csv"],
                                    env={"KG_STORE": url}).stdout
        local_rows = runner.invoke(main, ["query", "queries/events.rq", "--format", "csv",
                                          "--store", str(built[0])]).stdout
        assert list(csv.DictReader(io.StringIO(remote_rows))) == list(csv.DictReader(io.StringIO(local_rows)))
        result = runner.invoke(main, ["query", "-e", "DROP ALL", "--store", url])
        assert result.exit_code == 1 and "Error: this is a SPARQL UPDATE" in result.stderr
        assert len(remote) == size
