"""`kg link`: enrichment from a real SPARQL server on 127.0.0.1 loaded with a fixture in Wikidata's
shape (hand-made values, not Wikidata's), and the federated query joined on owl:sameAs."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from oxigraph_process import oxigraph_server
from testpaths import ROOT

from kg.cli import main
from kg.link.enrich import ENRICHMENT_GRAPH, linked_items
from kg.store.local import Store

FIXTURE = ROOT / "tests" / "fixtures" / "wikidata-sample.nt"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture()
def store_path(built, tmp_path: Path) -> Path:
    """A private copy of the examples' store, so enrichment does not leak into other tests."""
    copy = tmp_path / "store"
    shutil.copytree(built[0], copy)
    return copy


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory):
    location = tmp_path_factory.mktemp("wikidata")
    loader = ox.Store(str(location))
    loader.load(path=str(FIXTURE), format=ox.RdfFormat.N_TRIPLES)
    del loader
    with oxigraph_server(location, union=False) as url:
        yield url + "/query"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def enrichment(path: Path) -> set[tuple[str, str, str]]:
    store = ox.Store(str(path))
    return {(q.subject.value, q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], q.object.value)
            for q in store.quads_for_pattern(None, None, None, ENRICHMENT_GRAPH)}


def test_link_stores_what_the_endpoint_knows_of_linked_items_only(store_path: Path, wikidata: str) -> None:
    code, out, err = run("link", "--store", str(store_path), "--endpoint", wikidata)
    assert code == 0, err
    facts = enrichment(store_path)
    assert (WD + "Q42308", "P1082", "1400000") in facts
    assert (WD + "Q42308", "label", "Харків") not in facts  # only English and French labels
    assert (WD + "Q42308", "P31", WD + "Q515") not in facts  # only the properties we ask for
    assert not any(s == WD + "Q90" for s, _, _ in facts)  # Paris is not in the graph
    stored = len(list(ox.Store(str(store_path)).quads_for_pattern(None, None, None, ENRICHMENT_GRAPH)))
    linked = len(linked_items(Store(store_path)))
    assert out.startswith(f"Stored {stored} triples about {linked} Wikidata items")
    # a second run replaces the graph instead of adding to it
    assert run("link", "--store", str(store_path), "--endpoint", wikidata)[0] == 0
    assert enrichment(store_path) == facts


def test_the_federated_query_joins_our_places_with_the_endpoint(store_path: Path, wikidata: str) -> None:
    sparql = (ROOT / "queries" / "wikidata-places.rq").read_text(encoding="utf-8")
    local = sparql.replace("<https://query.wikidata.org/sparql>", f"<{wikidata}>")  # test-only: no network here
    rows = {r["label"].value: r for r in Store(store_path).query(local)}
    assert rows["Kharkiv"]["population"].value == "1400000"
    assert rows["Kharkiv"]["coordinates"].value == "Point(36.23 49.99)"
    assert rows["Dnipro"]["population"].value == "960000"


def _silent_server() -> tuple[socket.socket, str]:
    """A TCP port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"


@pytest.mark.parametrize(
    "endpoint, message",
    [
        ("closed", "Error: cannot reach http://127.0.0.1:9/sparql"),
        ("silent", "did not answer within 1.0 s"),
        ("not-found", "answered HTTP 404"),
    ],
)
def test_endpoint_failures_are_one_line_and_leave_the_store_as_it_was(
        store_path: Path, wikidata: str, endpoint: str, message: str) -> None:
    before = set(ox.Store(str(store_path)))
    listener = None
    if endpoint == "closed":
        url = "http://127.0.0.1:9/sparql"
    elif endpoint == "silent":
        listener, url = _silent_server()
    else:
        url = wikidata.removesuffix("/query") + "/no-such-endpoint"
    try:
        code, _, err = run("link", "--store", str(store_path), "--endpoint", url, "--timeout", "1")
    finally:
        if listener is not None:
            listener.close()
    assert code == 1 and message in err and err.count("\n") == 1, err
    assert set(ox.Store(str(store_path))) == before
