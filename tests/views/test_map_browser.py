"""The map page opened from disk in headless Chromium: Leaflet runs, every event is a marker, popups open."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

OPEN_POPUP = """([place, type]) => new Promise((resolve) => {
  const marker = window.kgMarkers.find((m) => {
    const html = m.getPopup().getContent();
    return html.includes('<td class="place">' + place + '</td>') && html.includes('>' + type + '<');
  });
  // a clustered marker is not on the map yet: zoom or spiderfy until it is, then open it
  window.kgCluster.zoomToShowLayer(marker, () => {
    marker.openPopup();
    setTimeout(() => resolve(document.querySelector('.leaflet-popup-content').innerText), 100);
  });
})"""


def test_map_opens_offline_with_one_marker_per_event(map_page) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    path, data = map_page
    requests: list[str] = []
    errors: list[str] = []
    with playwright.sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        browser = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1000, "height": 700})
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri())
            page.wait_for_function("window.kgCluster !== undefined", timeout=20_000)
            layers = page.evaluate("window.kgCluster.getLayers().length")
            drawn = page.evaluate("document.querySelectorAll('.kg-marker').length"
                                  " + document.querySelectorAll('.marker-cluster').length")
            clustered = page.evaluate(
                "Array.from(document.querySelectorAll('.marker-cluster span'))"
                ".reduce((n, s) => n + parseInt(s.textContent, 10), 0)")
            singles = page.evaluate("document.querySelectorAll('.kg-marker').length")
            kharkiv = page.evaluate(OPEN_POPUP, ["Kharkiv", "MissileStrike"])
            kaluga = page.evaluate(OPEN_POPUP, ["Kaluga Oblast", "Interception"])
        finally:
            browser.close()
    assert not errors, errors  # the page's scripts ran without an exception
    assert layers == len(data["events"]) >= 10
    assert drawn >= 1 and singles + clustered == layers  # every marker is drawn, alone or in a cluster
    assert "Russia" in kharkiv and "23" in kharkiv and "Ihor Terekhov" in kharkiv
    assert "region-level" in kaluga and "8" in kaluga
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in outside), outside
