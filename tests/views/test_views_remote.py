"""The views read only through SPARQL, so they draw the same from an oxigraph server as from the folder."""

from __future__ import annotations

import csv

from oxigraph_process import free_port
from view_helpers import embedded_events, kg

from kg.store.server import start


def test_map_timeline_and_show_work_on_a_remote_store(built, map_page, tmp_path) -> None:
    with start(built[0], f"127.0.0.1:{free_port()}") as server:
        url = server.url.rstrip("/")
        code, _, err = kg("map", "--store", url, "-o", str(tmp_path / "remote.html"))
        assert code == 0, err
        code, _, err = kg("timeline", "--store", url, "-o", str(tmp_path / "remote.png"))
        assert code == 0, err
        code, out, err = kg("show", "kaluga-2024-11-25", "--store", url)
        assert code == 0, err
    remote = embedded_events((tmp_path / "remote.html").read_text(encoding="utf-8"))
    assert remote == map_page[1]  # the same page, marker for marker
    with (tmp_path / "remote.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert sum(1 for r in rows if r["date"] == "2024-11-25" and r["figure"] == "drones shot down") == 3
    assert "Facts read from the article" in out
