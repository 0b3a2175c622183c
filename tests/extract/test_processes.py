"""Parsing in worker processes gives the same records, in the same order, as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.documents import read_documents
from kg.model import Document
from kg.pipeline import extract_documents

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    found = [d for d in read_documents(sorted(ARTICLES.glob("*.txt"))[:7]) if isinstance(d, Document)]
    assert len(found) == 7
    return found


@pytest.fixture(scope="module")
def in_process(nlp, documents) -> list:
    return list(extract_documents(iter(documents), batch_size=2, n_process=0))


@pytest.mark.parametrize("n_process", [1, 2])
def test_workers_extract_what_one_process_does_in_input_order(documents, in_process, n_process) -> None:
    # batches of 2 keep several batches in flight, so results must be put back in input order
    parsed_by_workers = list(extract_documents(iter(documents), batch_size=2, n_process=n_process))
    assert [e.document.id for e in parsed_by_workers] == [d.id for d in documents]
    assert parsed_by_workers == in_process
    assert sum(len(e.events) for e in in_process) > 0
