"""Helpers shared by the view tests: running kg, and reading the data a map page embeds."""

from __future__ import annotations

import json
import re

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
