"""kg timeline draws the figures per day and lists, in a CSV beside the chart, every figure it read."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from view_helpers import SEED, kg


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
    assert list(chart[1][0]) == ["date", "event", "figure", "value", "qualifier", "counted",
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


def test_bounds_are_listed_but_the_retained_figure_is_counted(chart) -> None:
    injured = {(r["value"], r["qualifier"], r["counted"]) for r in night(chart[1], "2024-11-25", "injured")}
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
