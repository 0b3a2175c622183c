"""kg serve: the SPARQL 1.1 Protocol over HTTP, read-only by default, and its query page in a real browser."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from sparql_helpers import free_port

from kg.errors import StoreError
from kg.store.server import Server, start

INTERCEPTIONS = ("PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
                 "SELECT ?e WHERE { ?e a nkg:Interception } ORDER BY ?e")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(built):
    with start(built[0], f"127.0.0.1:{free_port()}") as running:
        yield running


def test_it_listens_on_localhost_only_by_default(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:") and not server.writable


def test_get_query_with_json_results(server: Server) -> None:
    response = httpx.get(server.endpoint, params={"query": INTERCEPTIONS},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = list(ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON))
    assert len(rows) >= 3  # the seed's three interceptions, seen through the union default graph


@pytest.mark.parametrize(
    "content_type, body",
    [("application/sparql-query", INTERCEPTIONS.encode()),
     ("application/x-www-form-urlencoded", httpx.QueryParams({"query": INTERCEPTIONS}).__str__().encode())],
)
@pytest.mark.parametrize("accept, fmt", [("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                                          ("text/tab-separated-values", ox.QueryResultsFormat.TSV)])
def test_post_query_in_both_encodings(server: Server, content_type: str, body: bytes, accept: str,
                                      fmt: ox.QueryResultsFormat) -> None:
    response = httpx.post(server.endpoint, content=body,
                          headers={"Content-Type": content_type, "Accept": accept})
    assert response.status_code == 200
    assert len(list(ox.parse_query_results(response.content, fmt))) >= 3


def test_construct_answers_rdf(server: Server) -> None:
    response = httpx.get(server.endpoint, headers={"Accept": "text/turtle"}, params={
        "query": "CONSTRUCT { ?e a ?c } WHERE { ?e a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                 "<https://w3id.org/newskg/ontology#Attack> }"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(response.content, ox.RdfFormat.TURTLE))) >= 5


def test_updates_are_refused_when_read_only(server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.get(server.endpoint, params={"query": count}).text
    response = httpx.post(server.url + "update", content=b"DROP ALL",
                          headers={"Content-Type": "application/sparql-update"})
    assert response.status_code >= 400
    assert httpx.get(server.endpoint, params={"query": count}).text == before


def test_a_missing_store_and_a_busy_port_are_clear_errors(tmp_path: Path, server: Server) -> None:
    with pytest.raises(StoreError, match="no store at"):
        start(tmp_path / "none")
    with pytest.raises(StoreError, match="could not serve"):
        start(server.location, server.bind)


def test_kg_serve_runs_until_stopped(built) -> None:
    port = free_port()
    kg = Path(sys.executable).parent / "kg"  # the console script of this environment
    process = subprocess.Popen([str(kg), "serve", "--store", str(built[0]), "--bind", f"127.0.0.1:{port}"],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert f"query page http://127.0.0.1:{port}/" in line and "read-only" in line
        assert httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=15)
    with pytest.raises(httpx.HTTPError):  # SIGTERM stopped the oxigraph server as well
        httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=2)


def test_the_query_page_works_offline_in_a_real_browser(server: Server) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    outside: list[str] = []
    with playwright.sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        browser = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: outside.append(r.url)
                    if not r.url.startswith((server.url, "data:", "blob:")) else None)
            page.goto(server.url)
            page.wait_for_selector(".yasqe .CodeMirror", timeout=20_000)
            page.evaluate("query => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(query)",
                          INTERCEPTIONS)
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
            text = page.inner_text(".yasr table tbody")
        finally:
            browser.close()
    assert "kaluga-2024-11-25/event/" in text and text.count("/event/") >= 3
    # the page's own script and style come from the server; only prefix.cc (autocompletion of
    # prefixes, optional) is asked for outside
    assert all(url.startswith("http://prefix.cc/") for url in outside), outside
