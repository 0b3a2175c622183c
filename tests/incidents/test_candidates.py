"""Incident updates compare a batch with the events reported around its days only: the day
buckets must find every overlapping pair, and the day lookup relies on the longest window the
time rules can resolve."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kg.extract.lexicon import lexicon
from kg.extract.time import _RESOLVERS
from kg.incidents.matching import MAX_WINDOW, Report
from kg.incidents.reports import overlapping

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
    found = {(a.event, b.event) for a, b in overlapping(batch, stored)}
    expected = {(a.event, b.event) for a in batch for b in stored
                if a.begin <= b.end and b.begin <= a.end}
    assert found == expected
    assert len(found) == len(list(overlapping(batch, stored)))  # each pair once


# Two articles of one day, each with one event in Kharkiv: grouped or not, by the type rule. The
# stored type closure makes a drone strike an nkg:Attack too; the rule must still see its own type.
@pytest.mark.parametrize("first, second, together", [
    ("DroneStrike", "Attack", True),
    ("DroneStrike", "DroneStrike", True),
    ("DroneStrike", "Shelling", False),
    ("Shelling", "DroneStrike", False),
    ("MissileStrike", "AirStrike", False),
])
def test_types_are_compared_by_their_most_specific_class(first: str, second: str, together: bool) -> None:
    from kg.incidents.grouping import update
    from kg.model import Document, Entity, Event, Extraction, Span, TimeRef
    from kg.rdf.iris import article_iri
    from kg.rdf.quads import to_quads
    from kg.store.local import Store

    store = Store()
    day = dt.date(2025, 3, 10)
    events = []
    for n, kind in enumerate((first, second)):
        city = Entity("p", "City", "Kharkiv", (Span(0, 7, "Kharkiv"),), key="city/kharkiv", label="Kharkiv")
        event = Event("ev1", kind, (Span(8, 20, "x" * 12),), place="p",
                      time=TimeRef("la nuit de dimanche à lundi", day - dt.timedelta(days=1), day))
        document = Document(id=f"types-{n}", text="Kharkiv " + "x" * 40, date=day)
        store.write_article(article_iri(document), to_quads(Extraction(document, (city,), (event,), ()), "h", "v"))
        update(store, [article_iri(document).value])
        events.append(f"{article_iri(document).value}/event/ev1")
    incidents = {e: {r["i"].value for r in store.query(f"SELECT ?i WHERE {{ <{e}> nkg:incident ?i }}")}
                 for e in events}
    assert all(len(found) == 1 for found in incidents.values())
    assert (incidents[events[0]] == incidents[events[1]]) is together
