"""Fixtures for the views: the example corpus drawn once as a map page, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from view_helpers import embedded_events, kg


@pytest.fixture(scope="session")
def map_page(built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """``kg map`` of the examples: the HTML file and the events it embeds."""
    path = tmp_path_factory.mktemp("map") / "events.html"
    code, out, err = kg("map", "--store", str(built[0]), "-o", str(path))
    assert code == 0, err
    assert f"Wrote {path}" in out
    return path, embedded_events(path.read_text(encoding="utf-8"))
