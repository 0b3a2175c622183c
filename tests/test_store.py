"""The on-disk store: idempotent writes, article replacement, refused updates, lossless export, compaction."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from test_mapping import EXTRACTION
from testpaths import ROOT

from kg.cli import main
from kg.errors import QueryError, StoreBusyError, StoreError
from kg.rdf.iris import article_iri
from kg.rdf.quads import to_quads
from kg.store.local import Store


def write(store: Store, extraction=EXTRACTION) -> None:
    store.write_article(article_iri(extraction.document), to_quads(extraction, "h1", "v"))


def test_writing_the_same_article_twice_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    write(store)
    first = len(store)
    write(store)
    assert len(store) == first
    assert store.article_hash(article_iri(EXTRACTION.document)) == "h1"


def test_a_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    write(store)
    fewer = dataclasses.replace(EXTRACTION, statements=())
    write(store, fewer)
    assert not bool(store.query("ASK { ?s a nkg:Statement }"))
    assert bool(store.query("ASK { ?e a nkg:MissileStrike }"))


def test_removing_an_article_keeps_the_others(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    other = dataclasses.replace(EXTRACTION, document=dataclasses.replace(EXTRACTION.document, id="t2"))
    write(store)
    write(store, other)
    assert store.remove_article(article_iri(EXTRACTION.document))
    assert not store.remove_article(article_iri(EXTRACTION.document))
    rows = list(store.query("SELECT ?g WHERE { GRAPH ?g { ?a a nkg:Article } }"))
    assert [r["g"].value for r in rows] == [article_iri(other.document).value]


def test_writing_articles_in_a_batch_stores_what_writing_them_one_by_one_stores(tmp_path: Path) -> None:
    other = dataclasses.replace(EXTRACTION, document=dataclasses.replace(EXTRACTION.document, id="t2"))
    one_by_one, batched = Store(tmp_path / "a"), Store(tmp_path / "b")
    write(one_by_one)
    write(one_by_one, other)
    batched.write_articles([(article_iri(e.document), to_quads(e, "h1", "v")) for e in (EXTRACTION, other)])
    assert set(batched._store) == set(one_by_one._store)


def test_a_batch_replaces_stored_articles_and_keeps_the_last_of_an_article_given_twice(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    write(store)
    fewer = dataclasses.replace(EXTRACTION, statements=())
    new = dataclasses.replace(EXTRACTION, document=dataclasses.replace(EXTRACTION.document, id="t2"))
    new_fewer = dataclasses.replace(fewer, document=new.document)
    store.write_articles([(article_iri(e.document), to_quads(e, "h2", "v")) for e in (fewer, new, new_fewer)])
    expected = Store(tmp_path / "expected")
    for extraction in (fewer, new_fewer):
        expected.write_article(article_iri(extraction.document), to_quads(extraction, "h2", "v"))
    assert {q for q in store._store if q.graph_name.value.endswith(("/t1", "/t2"))} == {
        q for q in expected._store if q.graph_name.value.endswith(("/t1", "/t2"))}
    assert not bool(store.query("ASK { ?s a nkg:Statement }"))
    assert store.article_hash(article_iri(new.document)) == "h2"


def test_opening_a_store_deletes_the_files_of_a_killed_bulk_write(tmp_path: Path) -> None:
    path = tmp_path / "s"
    write(Store(path))
    leftover = path / "bulk-1234.sst"
    leftover.write_bytes(b"half written")
    store = Store(path)
    assert not leftover.exists()
    assert store.article_hash(article_iri(EXTRACTION.document)) == "h1"


@pytest.mark.parametrize(
    "sparql",
    ["DELETE WHERE { ?s ?p ?o }", "drop all", "PREFIX x: <http://x#> INSERT DATA { x:a x:b x:c }",
     "# a comment\nCLEAR DEFAULT"],
)
def test_updates_are_refused_unless_allowed(tmp_path: Path, sparql: str) -> None:
    store = Store(tmp_path / "s")
    write(store)
    before = len(store)
    with pytest.raises(QueryError, match="pass --update"):
        store.query(sparql)
    assert len(store) == before


def test_update_runs_when_allowed(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    write(store)
    assert store.query("DROP ALL", allow_update=True) is None
    assert len(store) == 0


def test_malformed_query_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="not valid SPARQL"):
        Store().query("SELECT WHERE {")


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml")])
def test_triple_export_parses_and_reimports_the_same_triples(tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    store = Store(tmp_path / "s")
    write(store)
    buffer = io.BytesIO()
    store.export(buffer, fmt)
    graph = rdflib.Graph().parse(data=buffer.getvalue(), format=rdflib_format)
    distinct = {(q.subject, q.predicate, q.object) for q in store._store}
    assert len(graph) == len(distinct)
    again = ox.Store()
    again.load(buffer.getvalue(), {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                                   "rdfxml": ox.RdfFormat.RDF_XML}[fmt])
    assert len(again) == len(distinct)


@pytest.mark.parametrize("fmt, rdf_format", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                                             ("jsonld", ox.RdfFormat.JSON_LD)])
def test_dataset_export_keeps_graphs(tmp_path: Path, fmt: str, rdf_format: ox.RdfFormat) -> None:
    store = Store(tmp_path / "s")
    write(store)
    buffer = io.BytesIO()
    store.export(buffer, fmt)
    again = ox.Store()
    again.load(buffer.getvalue(), rdf_format)
    assert set(again) == set(store._store)
    if fmt == "trig":
        parsed = rdflib.Dataset().parse(data=buffer.getvalue(), format="trig")
        assert len(set(parsed.quads())) == len(store)


def test_exporting_an_unknown_graph_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is not in store"):
        Store(tmp_path / "s").export(io.BytesIO(), "turtle", "https://example.org/none")


def test_a_store_held_by_another_process_is_busy(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "s"
    Store(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import pyoxigraph, time; s = pyoxigraph.Store({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreBusyError, match="is busy"):
            Store(path)
    finally:
        holder.kill()


def test_a_read_only_store_reads_beside_its_writer(tmp_path: Path) -> None:
    writer = Store(tmp_path / "s")
    write(writer)
    writer.flush()
    reader = Store(tmp_path / "s", read_only=True)
    assert reader.article_hash(article_iri(EXTRACTION.document)) == "h1"
    assert len(reader) == len(writer)


@pytest.mark.parametrize("change", [
    lambda store: write(store),
    lambda store: store.remove_article(article_iri(EXTRACTION.document)),
    lambda store: store.write_articles([(article_iri(EXTRACTION.document), to_quads(EXTRACTION, "h2", "v"))]),
    lambda store: store.query("DELETE WHERE { ?s nkg:contentHash ?h }", allow_update=True),
], ids=["write_article", "remove_article", "write_articles", "update"])
def test_a_read_only_store_refuses_changes_and_keeps_the_store(tmp_path: Path, change) -> None:
    writer = Store(tmp_path / "s")
    write(writer)
    writer.close()
    reader = Store(tmp_path / "s", read_only=True)
    with pytest.raises(StoreError, match="opened read-only"):
        change(reader)
    assert Store(tmp_path / "s").article_hash(article_iri(EXTRACTION.document)) == "h1"


def test_a_store_with_nothing_written_is_not_flushed(tmp_path: Path) -> None:
    # RocksDB refuses to flush a read-only store, and a flush waits for compactions: a store
    # that wrote nothing must not ask for one (closing it, or a query with a time limit, flush).
    writer = Store(tmp_path / "s")
    write(writer)
    writer.close()
    with pytest.raises(RuntimeError, match="read-write"):  # what asking would do
        ox.Store.read_only(str(tmp_path / "s")).flush()
    reader = Store(tmp_path / "s", read_only=True)
    assert bool(reader.query("ASK { ?s nkg:contentHash ?h }", timeout=60))
    reader.flush()
    reader.close()
    assert Store(tmp_path / "s", read_only=True).article_hash(article_iri(EXTRACTION.document)) == "h1"


def test_kg_optimize_compacts_a_built_store_which_then_answers_as_before(built, tmp_path: Path) -> None:
    store = tmp_path / "kg-store"
    shutil.copytree(built[0], store)
    events = (ROOT / "queries" / "events.rq").read_text(encoding="utf-8")

    def answer() -> list[tuple[str, ...]]:
        reader = Store(store, read_only=True)
        rows = sorted(tuple(str(row[name]) for name in ("event", "type", "place", "actor"))
                      for row in reader.query(events))
        reader.close()
        return rows

    before = answer()
    assert len(before) >= 8
    result = CliRunner().invoke(main, ["optimize", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"Optimized {re.escape(str(store))} in \d+\.\d s\.\n", result.stdout)
    assert answer() == before


def test_kg_optimize_names_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["optimize", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and not (tmp_path / "none").exists()
    assert result.stderr == (f"Error: there is no store at {tmp_path / 'none'}; "
                             f"build one with `kg build INPUT --store {tmp_path / 'none'}`\n")
