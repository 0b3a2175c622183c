"""Shared fixtures: the example corpus built once, with the real model, into a real on-disk store."""

from __future__ import annotations

from pathlib import Path

import pytest
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
