"""kg timeline draws the figures per day and lists, in a CSV beside the chart, every figure it read."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from view_helpers import SEED, kg

from kg.store.local import Store
from kg.views.timeline import NOT_TOLD, bar_label, read_timeline


@pytest.fixture(scope="module")
def chart(built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    path = tmp_path_factory.mktemp("timeline") / "timeline.png"
    code, out, err = kg("timeline", "--store", str(built[0]), "-o", str(path))
    assert code == 0, err
    assert "timeline.csv" in out
    with path.with_suffix(".csv").open(encoding="utf-8", newline="") as stream:
        return path, list(csv.DictReader(stream))


def night(rows: list[dict[str, str]], day: str, figure: str) -> list[dict[str, str]]:
    return [r for r in rows if r["date"] == day and r["figure"] == figure and r["article"] == SEED]


def test_the_chart_is_a_png(chart) -> None:
    assert chart[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart[0].stat().st_size > 10_000


def test_the_csv_columns_name_each_figure_source(chart) -> None:
    assert list(chart[1][0]) == ["date", "event", "side", "figure", "value", "qualifier", "counted",
                                 "speaker", "place", "article", "figure_iri"]


def test_the_seed_night_drones(chart) -> None:
    rows = chart[1]
    launched = night(rows, "2024-11-25", "drones launched")
    assert [(r["value"], r["place"], r["speaker"]) for r in launched] == [
        ("145", "Ukraine", "autorités ukrainiennes")]
    downed = night(rows, "2024-11-25", "drones shot down")
    assert sorted((int(r["value"]), r["place"]) for r in downed) == [
        (8, "Kaluga Oblast"), (71, "Ukraine"), (71, "Ukraine")]
    assert {r["speaker"] for r in downed if r["place"] == "Ukraine"} == {"Ukrainian Air Force"}
    assert all(r["counted"] == "yes" and r["qualifier"] == "Exact" for r in launched + downed)


def test_each_side_is_counted_apart(chart) -> None:
    """Ukraine's 71 + 71 interceptions downed Russian drones, Russia's 8 downed Ukrainian ones: the
    seed's night is 145 Russian drones launched against 142 shot down, never 150 against 145."""
    rows = [r for r in chart[1] if r["date"] == "2024-11-25" and r["article"] == SEED
            and r["figure"].startswith("drones") and r["counted"] == "yes"]
    totals: dict[tuple[str, str], int] = {}
    for r in rows:
        totals[r["side"], r["figure"]] = totals.get((r["side"], r["figure"]), 0) + int(r["value"])
    assert totals == {("Russia", "drones launched"): 145, ("Russia", "drones shot down"): 142,
                      ("Ukraine", "drones shot down"): 8}


def test_bounds_are_listed_but_the_retained_figure_is_counted(chart) -> None:
    # (the Kharkiv strike's day is left out: the examples' text dates it 2024-11-24, the seed's not)
    injured = {(r["value"], r["qualifier"], r["counted"]) for r in chart[1]
               if r["article"] == SEED and r["figure"] == "injured"}
    assert injured == {("23", "Exact", "yes"), ("10", "MoreThan", "no")}


def test_every_row_is_a_figure_of_the_graph(chart, built) -> None:
    store = ox.Store(str(built[0]))
    for row in chart[1]:
        assert store.query(
            f"ASK {{ GRAPH <{row['article']}> {{ <{row['event']}> "
            f"<https://w3id.org/newskg/ontology#figure> <{row['figure_iri']}> . "
            f"<{row['figure_iri']}> <https://w3id.org/newskg/ontology#value> {row['value']} }} }}")
    figures = store.query("PREFIX nkg: <https://w3id.org/newskg/ontology#> "
                          "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?e nkg:figure ?f }",
                          use_default_graph_as_union=True)
    assert len(chart[1]) == int(next(figures)["n"].value)  # no figure left out, none twice
    del store


def test_svg_and_a_date_window(built, tmp_path) -> None:
    path = tmp_path / "december.svg"
    code, _, _ = kg("timeline", "--store", str(built[0]), "-o", str(path), "--since", "2024-12-01")
    assert code == 0 and path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    with path.with_suffix(".csv").open(encoding="utf-8") as stream:
        dates = {r["date"] for r in csv.DictReader(stream)}
    assert dates and min(dates) >= "2024-12-01"


def test_other_picture_formats_are_refused(built, tmp_path) -> None:
    code, _, err = kg("timeline", "--store", str(built[0]), "-o", str(tmp_path / "t.jpg"))
    assert code == 1 and "written as .png or .svg" in err


# -- sides and dates, on small graphs written for the purpose ------------------------------------

NKG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ENTITIES = f"""
@prefix nkg: <{NKG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix id: <{ID}> .
GRAPH id:graph\\/entities {{
  id:country\\/russia a nkg:Country ; rdfs:label "Russia"@en .
  id:country\\/ukraine a nkg:Country ; rdfs:label "Ukraine"@en .
  id:country\\/poland a nkg:Country ; rdfs:label "Poland"@en .
  id:city\\/kursk a nkg:City , nkg:Place ; nkg:locatedIn id:country\\/russia ; rdfs:label "Kursk"@en .
  id:org\\/ukrainian-air-force a nkg:Organization ; nkg:affiliation id:country\\/ukraine .
  id:person\\/nobody a nkg:Person .
}}
"""


def article(key: str, event_type: str, count: int, *, actor: str | None = None, place: str | None = None,
            weapon: str = "drone", date: str | None = "2025-01-10", published: str | None = None) -> str:
    """One article graph holding one event with one retained figure, in TriG."""
    quantity = "Downed" if event_type == "Interception" else "Launched"
    a, e = f"<{ID}article/{key}>", f"<{ID}article/{key}/event/e1>"
    lines = [f"{e} nkg:eventType nkg:{event_type} ; nkg:weapon <{ID}weapon/{weapon}> ; "
             f"nkg:weaponCount {count} ; nkg:figure {e[:-1]}/figure/f1> .",
             f"{e[:-1]}/figure/f1> nkg:quantity nkg:{quantity} ; nkg:value {count} .",
             f"{a} a nkg:Article ."]
    if actor:
        lines.append(f"{e} nkg:actor <{ID}{actor}> .")
    if place:
        lines.append(f"{e} nkg:place <{ID}{place}> .")
    if date:
        lines.append(f'{e} nkg:date "{date}"^^<{XSD_DATE}> .')
    if date or published:  # the day kg stores with each event (docs/graph-model.md#stored-shortcuts)
        lines.append(f'{e} nkg:day "{date or published}"^^<{XSD_DATE}> .')
    else:
        lines.append(f"{e} nkg:dayUnknown true .")
    if published:
        lines.append(f'{a} <https://schema.org/datePublished> "{published}"^^<{XSD_DATE}> .')
    return f"@prefix nkg: <{NKG}> .\nGRAPH {a} {{\n" + "\n".join(lines) + "\n}\n"


def small_store(path: Path, *graphs: str) -> Path:
    store = Store(path)
    for text in (ENTITIES, *graphs):
        quads = list(ox.parse(text.encode(), ox.RdfFormat.TRIG))
        store.write_article(quads[0].graph_name, quads)
    store.close()
    del store
    return path


# the attacking side: an attack's actor's country; an interception's defender (its actor's country,
# else its place's) shot down the other belligerent's weapons; a side the graph does not tell is not guessed
@pytest.mark.parametrize("event_type, actor, place, side", [
    ("DroneStrike", "country/russia", None, "Russia"),
    ("MissileStrike", "country/ukraine", "city/kursk", "Ukraine"),
    ("Interception", "country/ukraine", None, "Russia"),
    ("Interception", "country/russia", "city/kursk", "Ukraine"),
    ("Interception", "org/ukrainian-air-force", None, "Russia"),  # through nkg:affiliation
    ("Interception", None, "city/kursk", "Ukraine"),  # no actor: the place's country defends
    ("Interception", "person/nobody", "city/kursk", "Ukraine"),  # an actor of no country: the place's
    ("Interception", "country/poland", None, NOT_TOLD),  # a third country does not tell the attacker
    ("Interception", None, None, NOT_TOLD),
    ("DroneStrike", None, "city/kursk", NOT_TOLD),  # an attack by no one named is not guessed
])
def test_the_attacking_side_of_a_figure(tmp_path: Path, event_type: str, actor: str | None,
                                        place: str | None, side: str) -> None:
    store = Store(small_store(tmp_path / "store", article("a1", event_type, 12, actor=actor, place=place)))
    rows = read_timeline(store).rows
    assert [(r.side, r.value, r.counted) for r in rows] == [(side, 12, True)]


def test_undated_figures_are_listed_but_left_out_of_the_chart(tmp_path: Path) -> None:
    path = small_store(tmp_path / "store",
                       article("dated", "DroneStrike", 40, actor="country/russia"),
                       article("undated", "Interception", 30, actor="country/ukraine", date=None),
                       article("published", "Interception", 5, actor="country/ukraine", date=None,
                               published="2025-01-11"))
    code, out, err = kg("timeline", "--store", str(path), "-o", str(tmp_path / "t.png"))
    assert (code, err) == (0, "")
    assert out == (f"Wrote {tmp_path / 't.png'} and {tmp_path / 't.csv'}: 2 days, 3 figures "
                   "(1 without a date, left out of the chart).\n")
    with (tmp_path / "t.csv").open(encoding="utf-8") as stream:
        rows = {r["value"]: (r["date"], r["side"]) for r in csv.DictReader(stream)}
    assert rows == {"40": ("2025-01-10", "Russia"), "30": ("", "Russia"), "5": ("2025-01-11", "Russia")}
    timeline = read_timeline(Store(path))
    assert timeline.undated == 1 and timeline.days() == ["2025-01-10", "2025-01-11"]
    assert timeline.weapons("Russia") == {"2025-01-10": {"drones launched": 40},
                                          "2025-01-11": {"drones shot down": 5}}


def test_sides_are_drawn_apart_and_not_told_last(tmp_path: Path) -> None:
    path = small_store(tmp_path / "store",
                       article("r", "DroneStrike", 100, actor="country/russia"),
                       article("u", "Interception", 90, actor="country/ukraine"),
                       article("k", "Interception", 8, actor="country/russia", weapon="missile"),
                       article("p", "Interception", 3, actor="country/poland"))
    timeline = read_timeline(Store(path))
    assert timeline.sides() == ["Russia", "Ukraine", NOT_TOLD]
    assert timeline.weapons("Ukraine") == {"2025-01-10": {"missiles shot down": 8}}
    assert timeline.weapons(NOT_TOLD) == {"2025-01-10": {"drones shot down": 3}}
    code, _, err = kg("timeline", "--store", str(path), "-o", str(tmp_path / "t.svg"))
    assert code == 0, err
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "Russia's drones and missiles" in svg and "Ukraine's drones and missiles" in svg
    assert "attacking side not told" in svg and "none launched" in svg  # 8 shot down, none launched: said


# a shot-down bar taller than its side's launched bar carries the numbers that say so
@pytest.mark.parametrize("series, value, day, compare, label", [
    ("drones shot down", 142, {"drones launched": 145}, True, "142"),
    ("drones shot down", 145, {"drones launched": 145}, True, "145"),
    ("drones shot down", 150, {"drones launched": 145}, True, "150\n(> 145\nlaunched)"),
    ("missiles shot down", 4, {"drones launched": 145}, True, "4\n(none launched\nreported)"),
    ("drones shot down", 3, {}, False, "3"),  # the panel of sides not told compares nothing
    ("drones launched", 145, {"drones shot down": 150}, True, "145"),
    ("drones launched", 0, {}, True, ""),
])
def test_bar_labels(series: str, value: int, day: dict[str, int], compare: bool, label: str) -> None:
    assert bar_label(series, value, day, compare) == label
