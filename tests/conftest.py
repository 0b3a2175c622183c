"""Shared fixtures: the example corpus built once, with the real model, into a real on-disk store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from remote_servers import SERVERS, empty_server
from testpaths import EXAMPLES

from kg.pipeline import BuildSummary, build
from kg.store.local import Store


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The examples built into a fresh store: its path and the build summary."""
    path = tmp_path_factory.mktemp("store") / "kg-store"
    store = Store(path)
    summary = build([EXAMPLES], store)
    del store  # release the on-disk lock for CLI runs
    return path, summary


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    """One Virtuoso 7.2 for the session (a new database starts in ~10 s); skipped where it is
    not installed, except in CI (CI=true), where .ci/run installs it and a skip would hide it."""
    from virtuoso_process import required_or_skip, virtuoso_server

    if (reason := required_or_skip()) is not None:
        pytest.skip(reason)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(params=SERVERS)
def server_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty SPARQL server's URL, each kind in turn."""
    with empty_server(request.param, request, tmp_path) as url:
        yield url
