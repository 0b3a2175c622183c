"""kg map writes one self-contained page with a marker and a popup per placed event of the graph."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from view_helpers import SEED, embedded_events, kg


def seed_marker(data: dict, event_type: str, place: str) -> dict:
    """The seed's one marker of this type whose popup names this place."""
    found = [e for e in data["events"] if e["id"].startswith(SEED + "/") and e["type"] == event_type
             and f'<td class="place">{place}</td>' in e["popup"]]
    assert len(found) >= 1, f"no {event_type} marker at {place}"
    return found[0]


def test_the_page_is_self_contained_but_for_the_tiles(map_page) -> None:
    page = map_page[0].read_text(encoding="utf-8")
    assert 'L.version' in page or 't.version="1.9.4"' in page  # Leaflet itself is inlined
    assert "MarkerClusterGroup" in page and ".marker-cluster" in page
    assert not re.search(r'<script[^>]+src=|<link[^>]+href=', page), "no external scripts or styles"
    assert "sourceMappingURL" not in page
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in page  # the base tiles: the one
    # thing fetched; the browser test checks what the page really asks for


def test_one_marker_per_placed_event(map_page, built) -> None:
    _, data = map_page
    store = ox.Store(str(built[0]))  # read-only look at the same graph
    placed = {s["e"].value for s in store.query(
        "PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT DISTINCT ?e WHERE "
        "{ GRAPH ?a { ?e nkg:place ?p } }", use_default_graph_as_union=True)}
    assert sorted(e["id"] for e in data["events"]) == sorted(placed)
    del store


@pytest.mark.parametrize("event_type, place, level, expected", [
    ("MissileStrike", "Kharkiv", "point",
     ['<td class="actor">Russia</td>', '<td class="injured">23</td>', "Ihor Terekhov",
      "(<span class=\"cue\">déclarer</span>)", "<mark>qu’une frappe de missile russe avait blessé plus de dix personnes"]),
    ("MissileStrike", "Dnipro", "point", ["Oreshnik", "Vladimir Putin"]),
    ("Attack", "Odesa", "point", ['<td class="target">infrastructures</td>', "<mark>qu’une attaque russe"]),
    ("DroneStrike", "Kaluga Oblast", "region", ['<td class="actor">Ukraine</td>', "region-level"]),
    ("Interception", "Kaluga Oblast", "region", ['<td class="shot-down">8</td>', "region-level"]),
    ("DroneStrike", "Ukraine", "country", ['<td class="launched">145</td>', "country-level",
                                           "autorités ukrainiennes"]),
])
def test_seed_markers_and_their_popups(map_page, event_type, place, level, expected) -> None:
    marker = seed_marker(map_page[1], event_type, place)
    assert marker["level"] == level
    for text in expected:
        assert text in marker["popup"], text
    assert f'href="{SEED}"' in marker["popup"]  # no schema:url in the examples: the article IRI
    assert '<td class="date">' in marker["popup"]


def test_areas_are_drawn_distinctly_from_points(map_page) -> None:
    events = map_page[1]["events"]
    kaluga = [e for e in events if e["level"] == "region" and "Kaluga Oblast" in e["popup"]]
    assert kaluga and all(53 < e["lat"] < 56 and 33 < e["lon"] < 37.5 for e in kaluga)
    ukraine = [e for e in events if e["level"] == "country"]
    assert len(ukraine) >= 3 and all(44 < e["lat"] < 53 and 22 < e["lon"] < 41 for e in ukraine)
    kharkiv = seed_marker(map_page[1], "MissileStrike", "Kharkiv")
    assert (round(kharkiv["lat"], 2), round(kharkiv["lon"], 2)) == (49.98, 36.25)
    page = map_page[0].read_text(encoding="utf-8")
    assert 'dashArray: precise ? null' in page  # areas: dashed, hollow circles


def test_colour_by_type_and_size_by_toll(map_page) -> None:
    events = map_page[1]["events"]
    assert len({e["color"] for e in events if e["type"] == "Interception"}) == 1
    assert {e["color"] for e in events if e["type"] == "DroneStrike"}.isdisjoint(
        {e["color"] for e in events if e["type"] == "Interception"})
    kharkiv = seed_marker(map_page[1], "MissileStrike", "Kharkiv")  # 23 injured
    dnipro = seed_marker(map_page[1], "MissileStrike", "Dnipro")    # no figures
    assert kharkiv["radius"] > dnipro["radius"]


def test_filters_by_type_and_date(built, tmp_path) -> None:
    out = tmp_path / "interceptions.html"
    code, text, _ = kg("map", "--store", str(built[0]), "-o", str(out), "--type", "Interception")
    assert code == 0
    types = {e["type"] for e in embedded_events(out.read_text(encoding="utf-8"))["events"]}
    assert types == {"Interception"}
    code, _, _ = kg("map", "--store", str(built[0]), "-o", str(out), "--since", "2024-12-01",
                    "--until", "2024-12-03")
    events = embedded_events(out.read_text(encoding="utf-8"))["events"]
    assert events and not any(e["id"].startswith(SEED) for e in events)
    assert not any("kharkiv-2024-12-05" in e["id"] for e in events)


def test_a_missing_store_is_one_line_error(tmp_path) -> None:
    code, _, err = kg("map", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "m.html"))
    assert code == 1 and err.startswith("Error: there is no store at")
