"""Fixtures for the views: the example corpus drawn once as a map page, through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

SEED = "https://w3id.org/newskg/id/article/kaluga-2024-11-25"


def kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def embedded_events(page: str) -> dict:
    """The event data a map page carries in its <script id="kg-events"> element."""
    match = re.search(r'<script id="kg-events" type="application/json">(.*?)</script>', page, re.S)
    assert match, "the map page has no event data"
    return json.loads(match.group(1))


@pytest.fixture(scope="session")
def map_page(built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """``kg map`` of the examples: the HTML file and the events it embeds."""
    path = tmp_path_factory.mktemp("map") / "events.html"
    code, out, err = kg("map", "--store", str(built[0]), "-o", str(path))
    assert code == 0, err
    assert f"Wrote {path}" in out
    return path, embedded_events(path.read_text(encoding="utf-8"))
