"""Fuzzing: arbitrary Unicode articles and arbitrary JSONL lines go through the whole pipeline
(reading, the real model, linking, mapping, a real on-disk store) and only KgError ever escapes;
the store stays valid. Small by default; `pytest -m slow` runs the large profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from faultkit import FRENCH, problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.pipeline import build
from kg.store.local import Store

FAST = settings(max_examples=10, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
LARGE = settings(max_examples=400, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

words = st.sampled_from(FRENCH.split() + ["Kharkiv", "drones", "missiles", "«", "»", "—", "\n", "...",
                                          "https://x.org/a", "<p>", "</p>", "&amp;", "0", "145", "-1"])
texts = st.one_of(
    st.text(max_size=400),  # any Unicode but lone surrogates
    st.lists(words, max_size=60).map(" ".join),  # French-looking word salad
    st.tuples(st.text(max_size=50), st.lists(words, max_size=30).map(" ".join)).map("".join),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
records = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=20), st.integers(), json_values),
    "url": st.one_of(st.text(max_size=30), json_values),
    "title": st.one_of(st.text(max_size=30), json_values),
    "date": st.one_of(st.sampled_from(["2024-11-25", "2024-11-25T06:00:00Z", "2024-02-30", ""]),
                      st.text(max_size=12), json_values),
    "lang": st.one_of(st.sampled_from(["fr", "en", "fr-FR", ""]), json_values),
    "source": json_values,
    "text": st.one_of(texts, json_values),
})
lines = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),
    records.map(json.dumps),  # ASCII with \\u escapes
    st.text(max_size=80).filter(lambda t: "\n" not in t and "\r" not in t),
    st.sampled_from(['{"text": "\\ud800 drones"}', '{"text": "a\\udfff", "id": "\\ud83d"}',
                     "[" * 5000, '{"text": ' * 3000, "\ufeff{}", "null", '"text"']),
)


def build_checked(store: Store, inputs: list[Path], any_language: bool) -> None:
    try:
        build(inputs, store, any_language=any_language)
    except KgError:
        pass  # the one kind of failure the pipeline may report


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(tmp_path_factory.mktemp("fuzz") / "store")


def check(store: Store) -> None:
    assert problems(store._store) == []


def fuzz_text(store: Store, tmp_path: Path, text: str, any_language: bool) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    build_checked(store, [path], any_language)


def fuzz_jsonl(store: Store, tmp_path: Path, chunk: list[str], any_language: bool) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(chunk) + "\n", encoding="utf-8", errors="surrogatepass")
    build_checked(store, [path], any_language)


@FAST
@given(text=texts, any_language=st.booleans())
def test_any_text_file(store: Store, tmp_path: Path, text: str, any_language: bool) -> None:
    fuzz_text(store, tmp_path, text, any_language)
    check(store)


@FAST
@given(chunk=st.lists(lines, min_size=1, max_size=4), any_language=st.booleans())
def test_any_jsonl_lines(store: Store, tmp_path: Path, chunk: list[str], any_language: bool) -> None:
    fuzz_jsonl(store, tmp_path, chunk, any_language)
    check(store)


@pytest.mark.slow
@LARGE
@given(text=texts, chunk=st.lists(lines, min_size=1, max_size=6), any_language=st.booleans())
def test_large_fuzz_profile(store: Store, tmp_path: Path, text: str, chunk: list[str],
                            any_language: bool) -> None:
    fuzz_text(store, tmp_path, text, any_language)
    fuzz_jsonl(store, tmp_path, chunk, any_language)
    check(store)
