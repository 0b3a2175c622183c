"""Shared fixtures for extraction tests: the French pipeline, loaded once per session."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract
from kg.extract.nlp import load
from kg.model import Document, Extraction

MONDAY = dt.date(2024, 11, 25)


@pytest.fixture(scope="session")
def nlp():
    return load()


@pytest.fixture(scope="session")
def read(nlp):
    """Extract from one text dated Monday 25 November 2024."""

    def run(text: str, date: dt.date | None = MONDAY) -> Extraction:
        return extract(nlp(text), Document(id="t", text=text, date=date))

    return run


@pytest.fixture(scope="session")
def events(read):
    """Extract from a text and describe its events."""
    return lambda text, date=MONDAY: describe(read(text, date))


def describe(extraction: Extraction) -> list[dict]:
    """Each event as a flat dict of names and numbers, for readable comparisons."""
    name = lambda local: extraction.entity(local).name if extraction.entity(local) else None  # noqa: E731
    rows = []
    for event in extraction.events:
        row = {"type": event.type, "actor": name(event.actor), "place": name(event.place),
               "weapon": name(event.weapon), "target": event.target or name(event.target_entity),
               "means": event.means}
        # the figure the graph retains for each quantity (an exact figure beats a bound, then the highest)
        for quantity in dict.fromkeys(f.quantity for f in event.figures):
            figure = event.figure(quantity)
            row[quantity] = figure.value if figure.qualifier == "exact" else (figure.value, figure.qualifier)
        if event.time:
            row["when"] = (str(event.time.begin), str(event.time.end))
        said = [s for s in extraction.statements if event.id in s.reports]
        row["said_by"] = [name(s.speaker) for s in said]
        row["cue"] = [s.cue for s in said]
        rows.append(row)
    return rows
