"""Fixtures of the reliability tests: a generated corpus of a few hundred articles and its clean build."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from faultkit import article_graphs, generate, kg, write_jsonl

#: Enough articles that a build with one worker goes on extracting for several seconds after it
#: first stores a batch (measured: 11 s of 25 s with 400; about 4 s of 19 s with 200), so that a
#: query has time to run during a build. The crash tests no longer depend on it: they feed the
#: build through standard input, held open, and so signal it at a known stage (with 200, then 400
#: articles read from a file, a Ctrl-C sent up to 2 s after the first store came after the last
#: article in CI runs: the build finished, exit 0 instead of 130).
CORPUS_SIZE = 400


@dataclass(frozen=True)
class CleanBuild:
    """The corpus built in one uninterrupted run: the reference a damaged build is compared to."""

    corpus: Path
    store: Path
    articles: dict[str, frozenset[ox.Quad]]  # article graph → its quads
    quads: int
    seconds: float  # wall time of the whole `kg build` process


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> CleanBuild:
    folder = tmp_path_factory.mktemp("corpus")
    corpus = write_jsonl(folder / "articles.jsonl", generate(CORPUS_SIZE))
    store = folder / "clean-store"
    started = time.perf_counter()
    result = kg("build", str(corpus), "--store", str(store))
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    articles = article_graphs(store)
    assert len(articles) == CORPUS_SIZE
    return CleanBuild(corpus, store, articles, len(ox.Store.read_only(str(store))), seconds)
