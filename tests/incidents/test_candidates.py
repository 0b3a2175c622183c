"""Incident updates compare a batch with the events reported around its days only: the day
buckets must find every overlapping pair, and the day lookup relies on the longest window the
time rules can resolve."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kg.extract.lexicon import lexicon
from kg.extract.time import _RESOLVERS
from kg.incidents import _overlapping
from kg.matching import MAX_WINDOW, Report

GROUPS = [
    {"day": day, "day2": day2, "month": month, "num": num, "year": year}
    for day, day2 in (("lundi", "mardi"), ("dimanche", "lundi"), ("jeudi", "jeudi"))
    for month in ("janvier", "février", "décembre")
    for num in ("1er", "15", "31")
    for year in ("", "2023")
]


@pytest.mark.parametrize("rule", sorted({e["resolve"] for e in lexicon().time["expressions"]}))
def test_no_time_rule_resolves_a_window_longer_than_the_candidate_lookup_allows(rule: str) -> None:
    today = dt.date(2024, 1, 1)
    for _ in range(366):
        for groups in GROUPS:
            try:
                begin, end = _RESOLVERS[rule]({k: v for k, v in groups.items() if v}, today)
            except ValueError:  # "31 février"
                continue
            assert dt.timedelta(0) <= end - begin <= MAX_WINDOW, (rule, groups, today)
        today += dt.timedelta(days=1)


def report(n: int, begin: dt.date, days: int) -> Report:
    return Report(event=f"e{n}", article=f"a{n}", type="Attack", begin=begin,
                  end=begin + dt.timedelta(days=days), dated=True)


@pytest.mark.parametrize("seed", range(5))
def test_day_buckets_find_exactly_the_overlapping_pairs(seed: int) -> None:
    chance = random.Random(seed)
    start = dt.date(2024, 3, 1)
    windows = [report(n, start + dt.timedelta(days=chance.randrange(60)), chance.choice([0, 0, 1, 1, 6, 30]))
               for n in range(120)]
    batch, stored = windows[:40], windows[40:]
    found = {(a.event, b.event) for a, b in _overlapping(batch, stored)}
    expected = {(a.event, b.event) for a in batch for b in stored
                if a.begin <= b.end and b.begin <= a.end}
    assert found == expected
    assert len(found) == len(list(_overlapping(batch, stored)))  # each pair once
