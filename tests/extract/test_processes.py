"""Extraction in worker processes gives the same records, in the same order, as in one process."""

from __future__ import annotations

from pathlib import Path

from kg.documents import read_documents
from kg.model import Document
from kg.pipeline import extract_documents

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


def test_two_processes_extract_what_one_does_in_input_order(nlp) -> None:
    documents = [d for d in read_documents(sorted(ARTICLES.glob("*.txt"))[:7]) if isinstance(d, Document)]
    assert len(documents) == 7
    # batches of 2 keep several batches in flight, so results must be put back in input order
    one = list(extract_documents(iter(documents), batch_size=2))
    two = list(extract_documents(iter(documents), batch_size=2, n_process=2))
    assert [e.document.id for e in two] == [d.id for d in documents]
    assert two == one
    assert sum(len(e.events) for e in two) > 0
