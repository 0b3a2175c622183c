"""The named ``.rq`` files of queries/ that kg's own views run, read and bound by their headers."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from kg.data import QUERIES
from kg.errors import QueryError
from kg.store.base import Solutions
from kg.store.params import parse_header, prepare

#: The page kg's views ask a listing query for when they give none: all of it, in one answer.
WHOLE_LISTING = 10**9

#: queries/ sits beside the kg package in a source checkout (and in an editable install).


def load(name: str) -> str:
    """The text of ``queries/NAME``; a missing file is a QueryError saying where it was looked for."""
    path = QUERIES / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise QueryError(f"the query file {path} is missing; kg's views need the queries/ folder "
                         "of the newskg source tree") from None


def select(store: object, name: str, **params: object) -> list[dict[str, ox.Term]]:
    """Run a SELECT file on any store (local or remote) and return its rows as dicts of set terms.

    Parameters whose value is None stay unbound, as the query's header allows. A listing query
    (one that declares a ``limit`` page) gives every row unless ``limit`` is given: the views
    draw the whole map or timeline, where ``kg query`` shows the first page.
    """
    given: Mapping[str, object] = {k: v for k, v in params.items() if v is not None}
    text = load(name)
    if parse_header(text).parameter("limit") is not None and "limit" not in given:
        given = {**given, "limit": WHOLE_LISTING}
    sparql = prepare(text, {k: str(v) for k, v in given.items()}, source=f"queries/{name}")
    result = store.query(sparql)  # type: ignore[attr-defined]
    if not isinstance(result, Solutions):
        raise QueryError(f"queries/{name} is not a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in result]
