"""The one harness of the extractor's sentence tables (test_events.py, test_statements.py): each row
a French text and the events it must yield, in text order, each listing only the slots it pins."""

from __future__ import annotations

import pytest


def rows(cases: list[tuple[str, list[dict]]], xfail: dict[str, str]) -> list:
    """The table's rows as pytest parameters, a row named in ``xfail`` marked with its reason."""
    return [pytest.param(t, e, marks=pytest.mark.xfail(reason=xfail[t], strict=False)) if t in xfail else (t, e)
            for t, e in cases]


def check(found: list[dict], expected: list[dict]) -> None:
    """The events found are as many as expected, and each has the slots its row pins."""
    assert len(found) == len(expected), found
    for got, want in zip(found, expected, strict=True):
        assert {k: got.get(k) for k in want} == want, got
