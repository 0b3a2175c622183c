"""Relative time expressions ("la nuit de dimanche à lundi", "la semaine dernière") resolved against the article date."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from kg.extract.lexicon import Lexicon, fold, lexicon
from kg.model import Span, TimeRef

Interval = tuple[dt.date, dt.date]


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    lex: Lexicon = lexicon()
    days = "|".join(lex.time["weekdays"])
    months = "|".join(lex.time["months"])
    return tuple(
        (re.compile(r"\b(?:" + e["pattern"].format(day=days, month=months) + r")\b"), e["resolve"])
        for e in lex.time["expressions"]
    )


def _weekday(name: str, today: dt.date) -> dt.date:
    """The latest date on or before ``today`` falling on the weekday ``name``."""
    index = lexicon().time["weekdays"].index(name)
    return today - dt.timedelta(days=(today.weekday() - index) % 7)


def _date(groups: dict[str, str], today: dt.date) -> Interval:
    month = lexicon().time["months"].index(groups["month"]) + 1
    day = 1 if groups["num"] == "1er" else int(groups["num"])
    year = int(groups["year"]) if groups.get("year") else today.year
    date = dt.date(year, month, day)
    if not groups.get("year") and date > today + dt.timedelta(days=7):
        date = date.replace(year=year - 1)  # "le 28 décembre" read in January
    return date, date


def _night(end: dt.date) -> Interval:
    return end - dt.timedelta(days=1), end


def _last_week(today: dt.date) -> Interval:
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return monday, monday + dt.timedelta(days=6)


def _last_month(today: dt.date) -> Interval:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


_RESOLVERS: dict[str, Callable[[dict[str, str], dt.date], Interval]] = {
    "night_between": lambda g, t: _night(_weekday(g["day2"], t)),
    "night_before_day": lambda g, t: _night(_weekday(g["day"], t)),
    "date": _date,
    "last_night": lambda g, t: _night(t),
    "last_week": lambda g, t: _last_week(t),
    "last_month": lambda g, t: _last_month(t),
    "days_ago_2": lambda g, t: (t - dt.timedelta(days=2),) * 2,  # type: ignore[dict-item]
    "days_ago_1": lambda g, t: (t - dt.timedelta(days=1),) * 2,  # type: ignore[dict-item]
    "today": lambda g, t: (t, t),
    "weekday": lambda g, t: (_weekday(g["day"], t),) * 2,  # type: ignore[dict-item]
}


def find_times(text: str, begin: int, end: int, today: dt.date | None) -> list[TimeRef]:
    """Every time expression in ``text[begin:end]``, most precise pattern first, resolved against ``today``."""
    window = fold(text[begin:end])
    found: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in _patterns():
        for match in pattern.finditer(window):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append(match.span())
            start, stop = begin + match.start(), begin + match.end()
            dates: tuple[dt.date | None, dt.date | None] = (None, None)
            groups = {k: v for k, v in match.groupdict().items() if v}
            # an article without a date still dates what it dates in full: "le 1er mars 2024"
            reference = today or (dt.date(int(groups["year"]), 12, 31) if how == "date" and "year" in groups else None)
            if reference is not None:
                try:
                    dates = _RESOLVERS[how](groups, reference)
                except (ValueError, KeyError):
                    dates = (None, None)
            span = Span(start, stop, text[start:stop])
            found.append(TimeRef(expression=span.text, begin=dates[0], end=dates[1], span=span))
    return found


def time_in(text: str, begin: int, end: int, today: dt.date | None) -> TimeRef | None:
    """The most precise time expression in a stretch of text: the rule file lists patterns by precision."""
    times = find_times(text, begin, end, today)
    return times[0] if times else None
