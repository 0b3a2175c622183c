"""What a build leaves out of garbage collection (kg.workers.frozen, loading), and for how long."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kg.ingest.documents import read_documents
from kg.model import Document
from kg.workers import extract_documents, frozen, loading

ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_objects_stay_frozen_until_the_outermost_scope_ends(depth: int) -> None:
    assert gc.get_freeze_count() == 0
    scopes = [frozen() for _ in range(depth)]
    kept = []
    for scope in scopes:
        scope.__enter__()
        kept.append([object()])  # a new tracked object, frozen by the next scope (or by loading)
        assert gc.get_freeze_count() > 0
    with loading():
        kept.append([object()])
    for n, scope in enumerate(reversed(scopes), 1):
        scope.__exit__(None, None, None)
        assert (gc.get_freeze_count() == 0) == (n == depth)
    assert gc.isenabled()


def test_loading_turns_collection_off_and_back_on_only_if_it_was_on() -> None:
    with frozen():
        gc.disable()
        try:
            with loading():
                assert not gc.isenabled()
            assert not gc.isenabled()
        finally:
            gc.enable()
        with loading():
            assert not gc.isenabled()
        assert gc.isenabled()


def test_workers_leave_nothing_more_frozen_once_their_documents_are_extracted() -> None:
    documents = [d for d in read_documents(sorted(ARTICLES.glob("*.txt"))[:2]) if isinstance(d, Document)]
    before = gc.get_freeze_count()
    extractions = list(extract_documents(iter(documents), batch_size=1, n_process=2))
    assert [e.document.id for e in extractions] == [d.id for d in documents]
    assert gc.get_freeze_count() == before and gc.isenabled()
