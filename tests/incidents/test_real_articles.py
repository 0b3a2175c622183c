"""Grouping real articles of ../shared/corpus (same-event pairs listed in its PROVENANCE.md), undated
ones included: several outlets' reports of one strike are one incident, other strikes on the same
city are not, and building them one by one gives the same incidents.

The texts are third parties' and stay outside the repository: these tests skip without them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testpaths import CORPUS

from kg.evaluate.corpus import read_article
from kg.incidents.grouping import rebuild
from kg.pipeline import build
from kg.rdf.vocab import INCIDENT_GRAPH
from kg.store.local import Store

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
A = "https://w3id.org/newskg/id/article/"
# number → what its file name says; "undated" ones have no date in their metadata or URL
ARTICLES = {
    "d003": "Poltava, 41 dead (undated)", "d025": "Poltava, 51 dead (undated)", "d005": "Poltava, 51/271 (undated)",
    "d015": "Sumy, 32 dead (undated)", "d007": "Sumy, 34 dead (month only)",
    "d016": "Slavyansk refinery, 57 drones (undated)", "d032": "the same AFP dispatch, another cut (undated)",
    "d017": "Ternopil, 25 dead (2025-11-19)", "d033": "Ternopil, 26 dead (2025-11-20)",
    "d009": "Lviv 2024, 7 dead (undated; its text says « le 4 septembre »)", "d019": "Lviv 2024, 2 dead (2024-09-04)",
    "d037": "Lviv 2023, 10 dead (URL 2023-07-07)",
    "d039": "Kharkiv region, 10 civilians", "d060": "Kharkiv, glide bombs, 3 dead",
}


def files() -> list[Path]:
    return [next(CORPUS.glob(f"{number}_*.txt")) for number in ARTICLES]


def write_jsonl(path: Path, paths: list[Path]) -> Path:
    path.write_text("".join(json.dumps(read_article(p), ensure_ascii=False) + "\n" for p in paths), encoding="utf-8")
    return path


def incidents(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in store.query(f"SELECT ?e ?i WHERE {{ GRAPH <{INCIDENT_GRAPH.value}> {{ ?e nkg:incident ?i }} }}"):
        found.setdefault(row["e"].value.removeprefix(A)[:4], set()).add(row["i"].value)
    return found


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("real")
    store = Store(folder / "s")
    build([write_jsonl(folder / "all.jsonl", files())], store)
    store.close()
    return folder / "s"


@pytest.mark.parametrize("one, other, together", [
    ("d003", "d025", True),   # Poltava: three outlets, no dates, tolls rising: one incident
    ("d025", "d005", True),
    ("d003", "d005", True),
    ("d015", "d007", True),   # Sumy, Palm Sunday: two outlets without a day
    ("d016", "d032", True),   # one AFP dispatch cut twice, no dates
    ("d017", "d033", True),   # Ternopil: dated by metadata and by the text's dateline
    # two strikes on Lviv, a year apart: the undated one says « le 4 septembre », the dated one is
    # of 7 July; they agree on place, actor and target, the day and month written without a year veto
    ("d009", "d037", False),
    ("d019", "d009", True),   # Lviv 2024: the toll rose from 2 to 7; the undated report's day agrees
    ("d039", "d060", False),  # two strikes around Kharkiv
    ("d003", "d015", False),  # two cities
])
def test_reports_of_one_strike_are_one_incident(store_path: Path, one: str, other: str, together: bool) -> None:
    store = Store(store_path, read_only=True)
    found = incidents(store)
    store.close()
    assert bool(found.get(one, set()) & found.get(other, set())) is together


def test_undated_members_say_their_date_was_unknown(store_path: Path) -> None:
    store = Store(store_path, read_only=True)
    unknown = {row["m"].value.removeprefix(A)[:4] for row in store.query(
        f"SELECT ?m WHERE {{ GRAPH <{INCIDENT_GRAPH.value}> {{ ?l nkg:member ?m ; nkg:dateKnown false }} }}")}
    store.close()
    assert {"d025", "d005", "d032"} <= unknown and not {"d017", "d033"} & unknown


def test_one_by_one_in_another_order_gives_the_same_incidents(store_path: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    for n, path in enumerate(reversed(files())):
        build([write_jsonl(tmp_path / f"{n}.jsonl", [path])], store)
    reference = Store(store_path, read_only=True)
    expected = set(reference._store.quads_for_pattern(None, None, None, INCIDENT_GRAPH))
    reference.close()
    assert set(store._store.quads_for_pattern(None, None, None, INCIDENT_GRAPH)) == expected
    rebuild(store)
    assert set(store._store.quads_for_pattern(None, None, None, INCIDENT_GRAPH)) == expected
    assert expected
    store.close()
