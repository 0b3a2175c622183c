"""The publication date of an article whose metadata gives none, read from its URL or its dateline.

News sites put the day in their URLs (``/2024/07/13/``, ``?utm_content=20240517``,
``_LN-202303090041.html``) and wires open with a dateline (« Kiev, 13 juillet 2024 (AFP) - »).
The patterns are data (kg/data/rules/dates.json); a weekday alone (« mardi ») is never taken.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from functools import cache

from kg.data import RULES
from kg.model import Document


@dataclass(frozen=True)
class _Patterns:
    url: tuple[re.Pattern[str], ...]
    dateline: tuple[re.Pattern[str], ...]
    dateline_chars: int
    months: tuple[str, ...]


@cache
def _patterns() -> _Patterns:
    data = json.loads((RULES / "dates.json").read_text(encoding="utf-8"))
    months = tuple(json.loads((RULES / "time.json").read_text(encoding="utf-8"))["months"])
    names = "|".join(map(re.escape, months))
    dateline = tuple(re.compile(p.replace("{months}", names), re.IGNORECASE) for p in data["dateline"])
    return _Patterns(tuple(re.compile(p) for p in data["url"]), dateline,
                     int(data["dateline_chars"]), months)


def _valid(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def date_from_url(url: str) -> dt.date | None:
    """The first valid day a URL pattern finds.

    >>> date_from_url("https://www.rtl.be/actu/monde/2024-07-31/article/695961")
    datetime.date(2024, 7, 31)
    >>> date_from_url("https://example.org/2024/13/40/x") is None
    True
    """
    for pattern in _patterns().url:
        for found in pattern.finditer(url):
            day = _valid(found["y"], int(found["m"]), found["d"])
            if day is not None:
                return day
    return None


def date_from_dateline(text: str) -> dt.date | None:
    """The full date nearest the top of the text, within its first lines.

    >>> date_from_dateline("KIEV, 13 juillet 2024 (AFP) - Des drones...")
    datetime.date(2024, 7, 13)
    >>> date_from_dateline("Titre\\n27.12.2023 08:14\\nPhoto prise le 25 novembre 2023")
    datetime.date(2023, 12, 27)
    """
    patterns = _patterns()
    top = text[:patterns.dateline_chars]
    found = sorted((m for p in patterns.dateline for m in p.finditer(top)), key=lambda m: m.start())
    for match in found:
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else patterns.months.index(groups["month"].lower()) + 1
        day = _valid(groups["y"], month, groups["d"])
        if day is not None:
            return day
    return None


def with_date(document: Document) -> Document:
    """The document with a date read from its URL, else its dateline, when it has none."""
    if document.date is not None:
        return document
    day = (date_from_url(document.url) if document.url else None) or date_from_dateline(document.text)
    return document if day is None else replace(document, date=day)
