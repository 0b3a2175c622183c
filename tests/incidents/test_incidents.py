"""Incidents on a corpus of wire reports: grouping against a gold file, explanations, figures, statuses, updates."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from grouping import score

from kg.incidents.grouping import rebuild
from kg.pipeline import build
from kg.rdf.vocab import INCIDENT_GRAPH
from kg.store.local import Store
from kg.store.params import prepare

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
QUERIES = HERE.parents[1] / "queries"
A = "https://w3id.org/newskg/id/article/"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("incidents") / "kg-store"
    store = Store(path)
    build([CORPUS], store)
    store.close()
    return path


@pytest.fixture()
def store(store_path: Path):
    store = Store(store_path)
    yield store
    store.close()


def rows(store: Store, name: str, **params: object) -> list[dict[str, str]]:
    path = QUERIES / name
    result = store.query(prepare(path.read_text(encoding="utf-8"), params, source=str(path)))
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def incident_graph(store: Store) -> set[ox.Quad]:
    return set(store._store.quads_for_pattern(None, None, None, INCIDENT_GRAPH))


def incident_of(store: Store, article: str, event: str = "ev1") -> str:
    found = list(store.query(f"SELECT ?i WHERE {{ <{A}{article}/event/{event}> nkg:incident ?i }}"))
    return found[0]["i"].value if found else ""


def test_grouping_is_precise_and_recalls_what_the_extractor_found(store: Store) -> None:
    result = score(store)
    assert result.precision == 1.0
    assert result.recall >= 0.55  # every miss is a report the extractor did not read (see unmatched)
    assert len(result.unmatched) <= 4


@pytest.mark.parametrize("one, other", [
    ("afp-kharkiv-2025-03-10", "afp-kharkiv-2025-03-13"),       # same city, another night
    ("afp-volgograd-2025-03-16", "kyivindependent-syzran-2025-03-16"),  # same night, another region
    ("afp-odessa-2025-04-02", "afp-mykolaiv-2025-04-02"),       # same night, another city
    ("afp-mykolaiv-2025-04-02", "airforce-2025-04-02"),         # a city and the country-wide tally
])
def test_look_alikes_stay_apart(store: Store, one: str, other: str) -> None:
    assert incident_of(store, one) != incident_of(store, other)
    assert incident_of(store, one) != incident_of(store, other, "ev2")


def test_both_sides_versions_are_one_incident(store: Store) -> None:
    downed = incident_of(store, "afp-samara-2025-03-16")  # "huit des neuf drones abattus"
    assert downed == incident_of(store, "kyivindependent-syzran-2025-03-16")  # "raffinerie frappée"
    assert downed == incident_of(store, "reuters-syzran-2025-03-16")


def test_every_grouping_is_explained_by_links_reaching_the_threshold(store: Store) -> None:
    explained = rows(store, "incident-links.rq")
    assert explained and all(float(r["score"]) >= float(r["threshold"]) for r in explained)
    assert all("place=" in r["features"] and "time=" in r["features"] for r in explained)
    multi = list(store.query(f"""SELECT ?i WHERE {{ GRAPH <{INCIDENT_GRAPH.value}> {{ ?e nkg:incident ?i }} }}
                               GROUP BY ?i HAVING (COUNT(?e) > 1)"""))
    linked = {r["incident"] for r in explained}
    assert {m["i"].value for m in multi} <= linked


def test_incidents_never_live_in_article_graphs(store: Store) -> None:
    found = store.query(f"ASK {{ GRAPH ?g {{ ?e nkg:incident ?i }} FILTER(?g != <{INCIDENT_GRAPH.value}>) }}")
    assert not bool(found)


def test_figures_disagree_and_the_toll_rose(store: Store) -> None:
    kharkiv = incident_of(store, "afp-kharkiv-2025-03-10")
    disagree = [r for r in rows(store, "incident-figures-disagree.rq", quantity="Killed") if r["incident"] == kharkiv]
    assert [(r["what"], r["lowest"], r["highest"]) for r in disagree] == [("Killed", "3", "7")]
    rose = rows(store, "incident-rising-tolls.rq")
    rises = {(r["earlier"], r["later"]) for r in rose if r["incident"] == kharkiv}
    assert ("3", "7") in rises and all(int(a) < int(b) for a, b in rises)
    latest = [r for r in rows(store, "incident-latest-highest.rq", quantity="Killed") if r["incident"] == kharkiv]
    assert [(r["latestDate"], r["latest"], r["highest"]) for r in latest] == [("2025-03-11", "7", "7")]
    figures = rows(store, "incident-figures.rq", quantity="Killed")
    assert {(r["value"], r["source"]) for r in figures if r["incident"] == kharkiv} >= {("3", "AFP"), ("7", "Ukrinform")}


def test_claims_of_one_belligerent_only(store: Store) -> None:
    one_sided = {r["incident"]: r["claimedBy"] for r in rows(store, "incident-one-sided.rq")}
    assert one_sided.get(incident_of(store, "ria-belgorod-2025-04-20")) == "targeted side"
    assert incident_of(store, "afp-kharkiv-2025-03-10") not in one_sided  # Moscow and Kharkiv both speak


@pytest.mark.parametrize("article, event, expected", [
    ("tass-kharkiv-2025-03-10", "ev1", {"ClaimedByActor", "Hedged"}),        # "aurait détruit"
    ("afp-kharkiv-2025-03-10", "ev1", {"ClaimedByTarget", "ThirdPartyReport"}),  # "des journalistes de l'AFP ont vu"
    ("kyivindependent-syzran-2025-03-16", "ev1", {"Unverified"}),            # "images non vérifiées"
    ("ria-belgorod-2025-04-20", "ev1", {"ClaimedByTarget"}),                 # the Russian governor
])
def test_epistemic_status_of_events(store: Store, article: str, event: str, expected: set[str]) -> None:
    found = {r["s"].value.rsplit("#", 1)[-1] for r in store.query(
        f"SELECT ?s WHERE {{ GRAPH <{A}{article}> {{ <{A}{article}/event/{event}> nkg:epistemicStatus ?s }} }}")}
    assert expected <= found


def test_the_kharkiv_incident_is_confirmed_by_both_sides(store: Store) -> None:
    kharkiv = incident_of(store, "afp-kharkiv-2025-03-10")
    assert bool(store.query(f"ASK {{ <{kharkiv}> nkg:epistemicStatus nkg:ConfirmedByBothSides }}"))


def test_rebuilding_gives_the_incremental_graph(store_path: Path) -> None:
    store = Store(store_path)
    before = incident_graph(store)
    rebuild(store)
    assert incident_graph(store) == before
    store.close()


def test_articles_one_by_one_give_the_same_incidents(store_path: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "one-by-one")
    for path in sorted(CORPUS.glob("*.jsonl"), reverse=True):
        build([path], store)
    reference = Store(store_path)
    expected = incident_graph(reference)
    reference.close()
    assert incident_graph(store) == expected
    store.close()


def test_removing_an_article_leaves_no_dangling_link_and_splits_what_it_bridged(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    path = tmp_path / "s"
    store = Store(path)
    build([CORPUS / "samara.jsonl"], store)
    store.close()
    result = CliRunner().invoke(main, ["remove", "reuters-syzran-2025-03-16", "--store", str(path)])
    assert result.exit_code == 0 and "Incidents:" in result.output
    store = Store(path)
    dangling = f"""ASK {{ GRAPH <{INCIDENT_GRAPH.value}> {{ {{ ?e nkg:incident ?i }} UNION {{ ?l nkg:linkedEvent ?e }} }}
                     FILTER NOT EXISTS {{ GRAPH ?a {{ ?e a ?t }} FILTER(?a != <{INCIDENT_GRAPH.value}>) }} }}"""
    assert not bool(store.query(dangling))
    after = incident_graph(store)
    rebuild(store)
    assert incident_graph(store) == after
    store.close()


def test_kg_incidents_lists_most_reported_first(store_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["incidents", "--store", str(store_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    counts = [item["articles"] for item in listed]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 3
    assert all(item["reports"] for item in listed)


def test_a_rewritten_article_gives_the_incidents_of_a_rebuild(tmp_path: Path) -> None:
    """An article whose text changed is re-grouped: its old events leave their incidents and its
    new ones are compared again, as if everything were grouped from scratch."""
    import json

    store = Store(tmp_path / "s")
    build([CORPUS], store)
    lines = (CORPUS / "samara.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["text"] = record["text"].replace("région de Samara", "région de Belgorod")
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = build([changed], store)
    assert summary.articles == 1
    after = incident_graph(store)
    rebuild(store)
    assert incident_graph(store) == after
    store.close()


def test_a_build_stopped_before_grouping_is_grouped_by_the_next_one(
        store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles written by a build that died before their incident update are unchanged for the
    next build, which must still group them: their pending marks say so."""
    import kg.pipeline
    from kg.incidents.grouping import pending_articles

    store = Store(tmp_path / "s")
    with monkeypatch.context() as patched:
        patched.setattr(kg.pipeline, "update_incidents", lambda *args, **kwargs: None)
        build([CORPUS], store)
    assert len(pending_articles(store)) == 17
    summary = build([CORPUS], store)
    assert summary.articles == 0 and summary.unchanged == 17
    assert pending_articles(store) == []
    reference = Store(store_path)
    expected = incident_graph(reference)
    reference.close()
    assert incident_graph(store) == expected
    store.close()
