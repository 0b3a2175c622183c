"""A build stopped (Ctrl-C) once its articles are stored, or an update stopped at any of its steps,
writes no incidents and says so; the articles keep their pending marks, and the update that
groups them later gives the graph of a build that was never stopped."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli.commands_build import summary_line
from kg.incidents.grouping import pending_articles, update, update_pending
from kg.pipeline import BuildSummary, build
from kg.store.local import Store

CORPUS = Path(__file__).resolve().parent / "corpus"
FIRST = [CORPUS / name for name in ("belgorod.jsonl", "kharkiv.jsonl", "odessa.jsonl")]
LAST = CORPUS / "samara.jsonl"  # 4 articles, built after the others: the update is incremental


def everything(store: Store) -> set[ox.Quad]:
    return set(store._store.quads_for_pattern(None, None, None, None))


def asked(times: int) -> Callable[[], bool]:
    """A ``should_stop`` that answers True from its ``times``-th question on (Ctrl-C at that moment)."""
    count = [0]

    def should_stop() -> bool:
        count[0] += 1
        return count[0] >= times

    return should_stop


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the first files, grouped (so the last file's update is an incremental one)."""
    path = tmp_path_factory.mktemp("first") / "s"
    store = Store(path)
    build(FIRST, store)
    store.close()
    return path


@pytest.fixture(scope="module")
def reference(first: Path, tmp_path_factory: pytest.TempPathFactory) -> set[ox.Quad]:
    """The store of the first files, then the last built by a build never stopped."""
    store = Store(shutil.copytree(first, tmp_path_factory.mktemp("reference") / "s"))
    build([LAST], store)
    quads = everything(store)
    store.close()
    return quads


@pytest.fixture(scope="module")
def stopped(first: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """A store where the last file's build was stopped once all its articles were stored, before
    or during its final incident update (Ctrl-C after the last article)."""
    path = shutil.copytree(first, tmp_path_factory.mktemp("stopped") / "s")
    store = Store(path)
    stored: list[object] = []
    summary = build([LAST], store, on_article=stored.append, should_stop=lambda: len(stored) == 4)
    store.close()
    return path, summary


def test_a_build_stopped_after_its_last_article_says_its_incidents_wait(stopped) -> None:
    path, summary = stopped
    assert (summary.interrupted, summary.articles, summary.incidents, summary.ungrouped) == (True, 4, None, 4)
    line = summary_line(summary)
    assert line.startswith("Interrupted after building 4 articles (0 unchanged, 0 skipped)")
    assert line.endswith("; incidents not updated for 4 articles: run `kg incidents --update` "
                         "(or this build again) to group them.")
    store = Store(path)
    assert len(pending_articles(store)) == 4
    store.close()


def copy_of(stopped: tuple[Path, BuildSummary], tmp_path: Path) -> Store:
    """The stopped build's store, copied so that each test finishes its own."""
    return Store(shutil.copytree(stopped[0], tmp_path / "s"))


def test_an_update_stopped_at_any_step_changes_nothing_and_the_next_completes_it(
        stopped, reference: set[ox.Quad], tmp_path: Path) -> None:
    store = copy_of(stopped, tmp_path)
    before = everything(store)
    articles = pending_articles(store)
    steps = 0
    # Ctrl-C at its first question, its second, ...: every step until the one that writes
    for times in range(1, 50):
        done = update(store, articles, should_stop=asked(times))
        if done is not None:
            break
        steps += 1
        assert everything(store) == before, f"stopped at question {times}, the update wrote"
    assert steps >= 3  # stopped before fetching candidates, before assigning, before writing
    assert everything(store) == reference
    store.close()


def test_kg_incidents_update_after_a_stopped_build_gives_the_graph_of_one_build(
        stopped, reference: set[ox.Quad], tmp_path: Path) -> None:
    store = copy_of(stopped, tmp_path)
    assert everything(store) != reference
    assert update_pending(store).articles == 4
    assert everything(store) == reference
    store.close()


def test_the_next_build_finishes_what_a_stopped_one_left(
        stopped, reference: set[ox.Quad], tmp_path: Path) -> None:
    store = copy_of(stopped, tmp_path)
    summary = build([LAST], store)
    assert (summary.interrupted, summary.articles, summary.unchanged, summary.ungrouped) == (False, 0, 4, 0)
    assert summary.incidents is not None
    assert everything(store) == reference
    store.close()


@pytest.mark.parametrize("ungrouped, threshold, note", [
    (0, None, ""),
    (12, None, "; incidents not updated for 12 articles: run `kg incidents --update` (or this build again) to group them"),
    (12, 4.0, "; incidents not updated: run `kg incidents --update --threshold 4` to regroup them"),
    (0, 2.5, "; incidents not updated: run `kg incidents --update --threshold 2.5` to regroup them"),
])
def test_the_summary_line_names_the_command_that_finishes_the_incidents(
        ungrouped: int, threshold: float | None, note: str) -> None:
    summary = BuildSummary(articles=3, interrupted=True, ungrouped=ungrouped, threshold_ungrouped=threshold)
    assert summary_line(summary) == ("Interrupted after building 3 articles (0 unchanged, 0 skipped): 0 events, "
                                     f"0 statements, 0 entities, 0 triples in 0.0 s{note}.")
