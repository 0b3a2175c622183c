"""Reports without a date whose text writes a day without a year (« le 4 septembre »): that day is
compared with the other report's window or written day, and a disagreement keeps them apart."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.incidents.matching import Place, Report, compare_undated
from kg.incidents.reports import written_day

CITY = "https://w3id.org/newskg/id/city/lviv"
PLACES = {CITY: Place("City")}
NO_DAY = dt.date.min


def report(name: str, *, written: tuple[int | None, int, int] | None = None,
           window: tuple[dt.date, dt.date] | None = None) -> Report:
    """A strike on Lviv agreeing with the others on place, type, actor and target; dated by
    ``window``, else timeless with the day its text writes (``written``)."""
    begin, end = window or (NO_DAY, NO_DAY)
    return Report(event=f"e-{name}", article=f"a-{name}", type="MissileStrike", begin=begin, end=end,
                  dated=window is not None, timeless=window is None, written=written,
                  actor="russia", place=CITY, targets=frozenset({"immeuble"}))


JULY_7 = (dt.date(2023, 7, 6), dt.date(2023, 7, 7))


@pytest.mark.parametrize("one, other, time", [
    # a written day and month inside the other's window: one day, its year unknown
    (report("a", written=(None, 7, 7)), report("b", window=JULY_7), "time=day-month"),
    (report("a", written=(None, 7, 6)), report("b", window=JULY_7), "time=day-month"),
    (report("a", written=(2023, 7, 7)), report("b", window=JULY_7), "time=day-month"),
    # another day, or the same day of another year: two strikes
    (report("a", written=(None, 9, 4)), report("b", window=JULY_7), None),
    (report("a", written=(2024, 7, 7)), report("b", window=JULY_7), None),
    # two undated reports: their written days must agree
    (report("a", written=(None, 9, 4)), report("b", written=(None, 9, 4)), "time=day-month"),
    (report("a", written=(None, 9, 4)), report("b", written=(2024, 9, 4)), "time=day-month"),
    (report("a", written=(2023, 9, 4)), report("b", written=(2024, 9, 4)), None),
    (report("a", written=(None, 9, 4)), report("b", written=(None, 9, 5)), None),
    # no written day on one side: time is not compared, as before
    (report("a"), report("b", window=JULY_7), "time=unknown"),
    (report("a", written=(None, 9, 4)), report("b"), "time=unknown"),
    (report("a"), report("b"), "time=unknown"),
])
def test_a_written_day_must_agree(one: Report, other: Report, time: str | None) -> None:
    for a, b in ((one, other), (other, one)):
        if not a.timeless:
            continue  # compare_undated is asked of a report without a date
        match = compare_undated(a, b, PLACES)
        assert (match and next(f for f in match.features if f.startswith("time="))) == time


@pytest.mark.parametrize("expression, day", [
    ("A l'aube du 4 septembre", (None, 9, 4)),
    ("le 1er mars 2024", (2024, 3, 1)),
    ("lundi 4 septembre", (None, 9, 4)),
    ("le 29 février", (None, 2, 29)),
    ("dans la nuit de dimanche à lundi", None),
    ("hier", None),
])
def test_written_day(expression: str, day: tuple[int | None, int, int] | None) -> None:
    assert written_day(expression) == day
