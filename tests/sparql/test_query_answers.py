"""Queries rewritten for speed give the answers of the queries they replaced.

tests/sparql/reference/ keeps each rewritten query as it was before (the plain, slower form): both
run on the examples' graph and on a synthetic graph shaped like the benchmark's, and must give the
same rows in the same order. A paginated query's page holds the rows of the page's items (its
header says which: statements, events …), in the reference's order; a page as large as the
listing gives the whole reference answer.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from sparql_helpers import QUERIES, ROOT, table

from kg.rdf.iris import article_iri
from kg.rdf.ontology import ontology_quads
from kg.rdf.quads import to_quads
from kg.store.local import Store
from kg.store.params import parse_header, prepare

REFERENCE = Path(__file__).parent / "reference"
Rows = list[dict[str, str]]

#: (query, parameters, the variables that name one item of a page, or () for a query without pages)
CASES = [
    ("statements.rq", {}, ("article",)),
    ("statements.rq", {"who": "vladimir poutine"}, ("article",)),
    ("statements.rq", {"who": "source"}, ("article",)),
    ("anonymous-sources.rq", {}, ("article",)),
    ("conflicting-figures.rq", {}, ("event",)),
    ("conflicting-figures.rq", {"quantity": "Injured"}, ("event",)),
    ("events.rq", {}, ("article",)),
    ("events-by-type-place-time.rq", {}, ("date", "event", "article")),
    ("events-by-type-place-time.rq", {"type": "Interception", "place": "ukraine", "since": "2024-11-25"},
     ("date", "event", "article")),
    ("events-by-type-place-time.rq", {"type": "nkg:DroneStrike", "place": "Kharkiv Oblast"},
     ("date", "event", "article")),
    # the cutoff by day with a window: every event's days counted (nkg:Event), or one type's
    ("events-by-type-place-time.rq", {"since": "2024-11-25"}, ("date", "event", "article")),
    ("events-by-type-place-time.rq", {"type": "DroneStrike", "until": "2025-06-30"}, ("date", "event", "article")),
    ("one-sided-reports.rq", {}, ("event",)),
    ("one-sided-reports.rq", {"only": "both sides"}, ("event",)),
    ("attacks-in-region.rq", {}, ()),
    ("attacks-in-region.rq", {"area": "Ukraine"}, ()),
    ("attacks-in-region.rq", {"area": "Russia"}, ()),
    ("attacks-in-region.rq", {"area": "<https://w3id.org/newskg/id/region/kharkiv-oblast>"}, ()),
    ("attacks-in-region.rq", {"area": "Kharkiv"}, ()),
    ("articles-per-source.rq", {}, ()),
    ("actor-activity.rq", {}, ()),
    ("actor-activity.rq", {"since": "2024-11-25", "until": "2025-06-30"}, ()),
    ("casualties-by-place-and-month.rq", {}, ()),
    ("casualties-by-place-and-month.rq", {"since": "2024-11-25"}, ()),
    ("claims-by-side.rq", {}, ()),
    ("drones-per-night.rq", {}, ()),
    ("drones-per-night.rq", {"since": "2024-11-25", "until": "2025-06-30"}, ()),
    ("casualties-by-place.rq", {}, ()),
    ("timeline-figures.rq", {}, ("day",)),
    ("map-events.rq", {}, ("date",)),
    ("map-events.rq", {"type": "Interception", "since": "2024-11-24"}, ("date",)),
    ("map-events.rq", {"type": "nkg:Attack", "until": "2025-06-30"}, ("date",)),
    ("timeline-figures.rq", {"since": "2024-11-24", "until": "2025-06-30"}, ("day",)),
]
#: Pages each paginated case is also read in: (limit, offset). The last is the whole listing: a
#: LIMIT over 1,000,000 makes Oxigraph plan the joins after the page another way, which lists the
#: names inside one-sided-reports' GROUP_CONCAT in another order (one SPARQL leaves open).
PAGES = [(1, 0), (3, 2), (7, 5), (10**6, 0)]


def synthetic_store(articles: int) -> Store:
    """An in-memory store of the benchmark's synthetic articles (benchmarks/corpus.py)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    store = Store()
    rng = random.Random(articles)
    for n in range(articles):
        extraction = corpus.synthetic_extraction(n, rng)
        store.write_article(article_iri(extraction.document), to_quads(extraction, "h", "test"))
    store.ensure_ontology(ontology_quads())
    return store


@pytest.fixture(scope="module", params=["examples", "synthetic"])
def store(request, built):
    if request.param == "examples":
        opened = Store(built[0], read_only=True)
    else:
        opened = synthetic_store(60)
    yield opened
    opened.close()


def answers(store: Store, path: Path, params: dict) -> Rows:
    return table(store.query(prepare(path.read_text(encoding="utf-8"), params, source=path.name)))


def on_page(rows: Rows, item: tuple[str, ...], limit: int, offset: int) -> Rows:
    """The rows whose item is among the listing's items offset … offset + limit, in row order."""
    items: list[tuple] = []
    for row in rows:
        key = tuple(row.get(v) for v in item)
        if key not in items:
            items.append(key)
    wanted = set(items[offset:offset + limit])
    return [row for row in rows if tuple(row.get(v) for v in item) in wanted]


@pytest.mark.parametrize("name, params, item", CASES, ids=lambda c: str(c) if isinstance(c, str) else None)
def test_a_rewritten_query_answers_as_the_one_it_replaced(store: Store, name: str, params: dict,
                                                          item: tuple[str, ...]) -> None:
    expected = answers(store, REFERENCE / name, params)
    header = parse_header((QUERIES / name).read_text(encoding="utf-8"))
    if header.parameter("limit") is None:
        assert answers(store, QUERIES / name, params) == expected
        return
    default = int(header.parameter("limit").default)
    assert answers(store, QUERIES / name, params) == on_page(expected, item, default, 0)
    for limit, offset in PAGES:
        got = answers(store, QUERIES / name, {**params, "limit": limit, "offset": offset})
        assert got == on_page(expected, item, limit, offset), (limit, offset)


def test_every_reference_query_has_a_case_and_a_rewrite() -> None:
    references = {p.name for p in REFERENCE.glob("*.rq")}
    assert references == {name for name, _, _ in CASES}
    assert all((QUERIES / name).exists() for name in references)


@pytest.mark.parametrize("name", ["map-events.rq", "timeline-figures.rq"])
def test_the_views_read_a_listing_whole(store: Store, name: str) -> None:
    """kg's map and timeline draw every row: select() asks a paged query for all of its pages."""
    from kg.store.queries import select

    expected = answers(store, REFERENCE / name, {})
    got = [{k: v.value for k, v in row.items()} for row in select(store, name)]
    assert len(expected) > 7 and got == expected


@pytest.mark.parametrize("limit, offset", [(1, 0), (3, 2), (100, 0)])
def test_a_page_bounded_by_its_last_day_is_the_page_sorted_whole(store: Store, limit: int, offset: int) -> None:
    """events-by-type-place-time.rq sorts only the events up to the page's last day, found from
    ?offset + ?limit; run as written elsewhere (those variables unbound) it sorts every event."""
    import re

    text = (QUERIES / "events-by-type-place-time.rq").read_text(encoding="utf-8")
    bounded = prepare(text, {"limit": limit, "offset": offset})
    whole = re.sub(r"VALUES \?(limit|offset) \{ [^}]* \}", "", bounded)
    assert whole != bounded and "?offset + ?limit" in whole
    assert table(store.query(bounded)) == table(store.query(whole))


@pytest.mark.parametrize("params", [{}, {"only": "other side only"}])
@pytest.mark.parametrize("limit, offset", [(1, 0), (40, 70), (100, 100), (30, 200), (5, 10**4)])
def test_a_page_of_verdicts_is_the_reference_page(store: Store, params: dict, limit: int, offset: int) -> None:
    """one-sided-reports.rq makes sort keys only for the verdicts a page reaches, and one constant
    key for the verdicts wholly before it: pages that start in, end in or skip a verdict (the
    synthetic graph's 240 events hold three verdicts) are still the reference's."""
    name = "one-sided-reports.rq"
    expected = answers(store, REFERENCE / name, params)
    got = answers(store, QUERIES / name, {**params, "limit": limit, "offset": offset})
    assert got == on_page(expected, ("event",), limit, offset)


def undated(extraction):
    """The same article with no publication date and no event time: its events have no day."""
    from dataclasses import replace

    events = tuple(replace(e, time=None) for e in extraction.events)
    return replace(extraction, document=replace(extraction.document, id=extraction.document.id + "-undated",
                                                date=None), events=events)


@pytest.mark.parametrize("name, params", [("map-events.rq", {}), ("timeline-figures.rq", {}),
                                          ("map-events.rq", {"type": "Interception"}),
                                          ("events-by-type-place-time.rq", {}),
                                          ("events-by-type-place-time.rq", {"type": "Attack"})])
@pytest.mark.parametrize("limit, offset", [(1, 0), (2, 0), (3, 1), (10**6, 0)])
def test_events_of_no_known_day_come_first_as_one_more_day(name: str, params: dict, limit: int, offset: int) -> None:
    """The listings by day find the events of no day by their stored nkg:dayUnknown: the same
    rows, on the same pages, as the reference that tests every event for a missing nkg:day (or,
    for events-by-type-place-time, that finds the day by joining the event's and article's dates)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    store, rng = Store(), random.Random(7)
    for n in range(6):
        extraction = corpus.synthetic_extraction(n, rng)
        for each in (extraction, undated(extraction)) if n % 3 == 0 else (extraction,):
            store.write_article(article_iri(each.document), to_quads(each, "h", "test"))
    store.ensure_ontology(ontology_quads())
    expected = answers(store, REFERENCE / name, params)
    assert any(not row.get("date", row.get("day")) for row in expected)  # the graph has such events
    got = answers(store, QUERIES / name, {**params, "limit": limit, "offset": offset})
    item = {"map-events.rq": ("date",), "timeline-figures.rq": ("day",)}.get(name, ("date", "event", "article"))
    assert got == on_page(expected, item, limit, offset)
