"""SPARQL servers for the remote-store tests, each kind in turn: an empty one's URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SERVERS = ["oxigraph", "virtuoso"]


@contextmanager
def empty_server(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty SPARQL server of a kind: Oxigraph's own (a new one), or Virtuoso 7.2
    (the session's, emptied of our graphs)."""
    from oxigraph_process import oxigraph_server

    from kg.store import RemoteStore

    if kind == "oxigraph":
        with oxigraph_server(tmp_path / "oxigraph") as url:
            yield url
        return
    url = request.getfixturevalue("virtuoso").url
    emptied = RemoteStore(url)
    if graphs := emptied.named_graphs():
        emptied.query(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs), allow_update=True)
    emptied.close()
    yield url
