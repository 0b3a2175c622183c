"""Helpers shared by the SPARQL tests: result rows as dicts, and a real oxigraph server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from oxigraph_process import free_port, oxigraph_server  # noqa: F401  (re-exported for the tests here)

from kg.store.base import Solutions

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"


def table(result: object) -> list[dict[str, str]]:
    """SELECT results as a list of {variable: lexical value}, unbound variables left out."""
    assert isinstance(result, Solutions | ox.QuerySolutions), f"expected SELECT results, got {result!r}"
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]
