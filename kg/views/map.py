"""The event map: every placed event as a marker on a self-contained, offline-capable Leaflet page."""

from __future__ import annotations

import csv
import functools
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from kg.data import GAZETTEER, LEAFLET, VIEWS
from kg.errors import KgError
from kg.rdf.vocab import ID_BASE
from kg.store.queries import select

TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ATTRIBUTION = "&copy; OpenStreetMap contributors"

#: Marker colour per event class; subclasses not listed here take the colour of nkg:Event.
COLOURS = {
    "DroneStrike": "#e8710a", "MissileStrike": "#d93025", "AirStrike": "#8e24aa",
    "Shelling": "#795548", "Attack": "#37474f", "Interception": "#1a73e8", "Event": "#757575",
}
LEVELS = {"City": "point", "Region": "region", "Country": "country"}
_POINT = re.compile(r"POINT\s*\(\s*([-+\d.eE]+)\s+([-+\d.eE]+)\s*\)", re.IGNORECASE)
# a sentence ends at . ! ? or … followed by space (closing quotes may come in between)
_SENTENCE_END = re.compile(r"[.!?…][”»\"’)]*\s+")


@dataclass(frozen=True)
class Report:
    """A statement reporting an event: who said it, with which verb."""

    speaker: str
    cue: str


@dataclass(frozen=True)
class MapEvent:
    """One event as the map draws it."""

    iri: str
    article: str
    type: str
    place: str
    level: str  # "point" (a city), "region" or "country"
    lat: float
    lon: float
    located: str  # how the position was found, shown for areas
    date: str = ""
    actor: str = ""
    target: str = ""
    weapon: str = ""
    weapon_count: int | None = None
    killed: int | None = None
    injured: int | None = None
    link: str = ""
    headline: str = ""
    evidence: tuple[str, str, str] = ("", "", "")  # sentence before, mention, sentence after
    reports: tuple[Report, ...] = field(default=())

    @property
    def colour(self) -> str:
        return COLOURS.get(self.type, COLOURS["Event"])

    @property
    def radius(self) -> float:
        """Grows with the log of the toll (killed + injured), else of the weapon count."""
        toll = (self.killed or 0) + (self.injured or 0) or (self.weapon_count or 0)
        return round(7 + 3 * math.log2(1 + toll) + (4 if self.level != "point" else 0), 1)


@dataclass(frozen=True)
class EventMap:
    """What ``kg map`` drew: the placed events and the events it could not place."""

    events: tuple[MapEvent, ...]
    unplaced: tuple[str, ...]


def _value(row: dict, key: str) -> str:
    term = row.get(key)
    return term.value if term is not None else ""


def _int(row: dict, key: str) -> int | None:
    text = _value(row, key)
    return int(text) if text else None


def _point(wkt: str) -> tuple[float, float] | None:
    """(lat, lon) of a WKT ``POINT(lon lat)``."""
    match = _POINT.search(wkt)
    return (float(match.group(2)), float(match.group(1))) if match else None


@functools.cache
def _area_centres() -> dict[str, tuple[float, float]]:
    """Mean position of the gazetteer's towns inside each region and country, by entity key."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    path = GAZETTEER / "places.tsv"
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream, delimiter="\t"):
                if row["kind"] != "City" or not row["lat"] or not row["lon"]:
                    continue
                for area in filter(None, row["located_in"].split("|")):
                    total = sums[area]
                    total[0] += float(row["lat"])
                    total[1] += float(row["lon"])
                    total[2] += 1
    except OSError:
        return {}
    return {key: (lat / n, lon / n) for key, (lat, lon, n) in sums.items()}


def _locate(row: dict) -> tuple[str, float, float, str] | None:
    """The level and position of an event's place, and how it was found; None if unplaceable.

    A city is drawn at its own point. A region or country is drawn as an area, at its own point if
    the graph has one, else at the centre of the gazetteer's towns inside it, else at the point of
    the region or country that contains it.
    """
    name = _value(row, "placeName") or "its place"
    level = LEVELS.get(_value(row, "level"), "region")
    own = _point(_value(row, "wkt"))
    if own and level == "point":
        return level, *own, ""
    if own:
        return level, *own, f"{level}-level: placed at the point the graph gives for {name}"
    key = _value(row, "place").removeprefix(ID_BASE)
    if key in _area_centres():
        return (level, *_area_centres()[key],
                f"{level}-level: placed at the centre of {name}'s towns, not at a precise point")
    for up, kind in (("regionWkt", "region"), ("countryWkt", "country")):
        if point := _point(_value(row, up)):
            return level, *point, f"{level}-level: placed at the point of its {kind}, as {name} has none"
    return None


def _sentence(start: int, context: str, begin: int, end: int) -> tuple[str, str, str]:
    """The sentence of ``context`` (which starts at article offset ``start``) around [begin, end)."""
    b, e = begin - start, end - start
    if not 0 <= b <= e <= len(context):
        return "", "", ""
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    first = max((x for x in ends if x <= b), default=0)
    last = min((x for x in ends if x > e), default=len(context))
    return context[first:b].lstrip(), context[b:e], context[e:last].rstrip()


def event_map(store: object, *, since: str | None = None, until: str | None = None,
              type: str | None = None) -> EventMap:
    """Read the events to draw from the store (local or remote), through queries/map-*.rq."""
    rows = select(store, "map-events.rq", since=since, until=until, type=type)
    evidence: dict[str, tuple[str, str, str]] = {}
    for row in select(store, "event-evidence.rq"):
        event = _value(row, "event")
        if event not in evidence:  # rows come in text order: the first mention is the evidence
            evidence[event] = _sentence(int(_value(row, "contextStart")), _value(row, "context"),
                                        int(_value(row, "begin")), int(_value(row, "end")))
    reports: dict[str, list[Report]] = defaultdict(list)
    for row in select(store, "event-reports.rq"):
        reports[_value(row, "event")].append(
            Report(_value(row, "speaker") or "unnamed speaker", _value(row, "cue")))
    placed, unplaced = [], []
    for row in rows:
        iri = _value(row, "event")
        where = _locate(row) if "place" in row else None
        if where is None:
            unplaced.append(iri)
            continue
        level, lat, lon, located = where
        placed.append(MapEvent(
            iri=iri, article=_value(row, "article"), type=_value(row, "eventType"),
            place=_value(row, "placeName"), level=level, lat=lat, lon=lon, located=located,
            date=_value(row, "date"), actor=_value(row, "actor"), target=_value(row, "target"),
            weapon=_value(row, "weapon"), weapon_count=_int(row, "weaponCount"),
            killed=_int(row, "killed"), injured=_int(row, "injured"), link=_value(row, "link"),
            headline=_value(row, "headline"), evidence=evidence.get(iri, ("", "", "")),
            reports=tuple(reports.get(iri, ()))))
    return EventMap(tuple(placed), tuple(unplaced))


def popup(event: MapEvent) -> str:
    """The HTML shown when a marker is clicked: the event's facts, who reported it, its evidence."""
    esc = html.escape
    count_label = "shot down" if event.type == "Interception" else "launched"
    facts = [("actor", event.actor), ("target", event.target), ("place", event.place),
             ("weapon", event.weapon), ("date", event.date),
             (count_label, event.weapon_count), ("killed", event.killed), ("injured", event.injured)]
    rows = "".join(f"<tr><th>{name}</th><td class=\"{name.replace(' ', '-')}\">{esc(str(value))}</td></tr>"
                   for name, value in facts if value not in (None, ""))
    parts = [f'<div class="kg-popup" data-event="{esc(event.iri)}" data-level="{event.level}">',
             f"<b class=\"type\">{esc(event.type)}</b>"]
    if event.level != "point":
        parts.append(f'<div class="level">{esc(event.located)}</div>')
    parts.append(f"<table>{rows}</table>")
    if event.reports:
        items = "".join(f'<li><span class="speaker">{esc(r.speaker)}</span> '
                        f'(<span class="cue">{esc(r.cue)}</span>)</li>' for r in event.reports)
        parts.append(f"Reported by:<ul class=\"reports\">{items}</ul>")
    before, anchor, after = event.evidence
    if anchor:
        parts.append(f'<blockquote class="evidence">{esc(before)}<mark>{esc(anchor)}</mark>'
                     f"{esc(after)}</blockquote>")
    title = event.headline or "the article"
    parts.append(f'<a class="article" href="{esc(event.link)}" target="_blank" rel="noopener">'
                 f"{esc(title)}</a></div>")
    return "".join(parts)


def _legend(drawn: EventMap, title: str) -> str:
    types = sorted({e.type for e in drawn.events})
    lines = [f"<h1>{html.escape(title)}</h1>{len(drawn.events)} events placed"
             + (f", {len(drawn.unplaced)} without a place not drawn" if drawn.unplaced else "")]
    lines += [f'<i style="background:{COLOURS.get(t, COLOURS["Event"])}"></i>{html.escape(t)}'
              for t in types]
    lines.append('<i class="area"></i>region or country level (approximate)')
    lines.append("size: casualties, else weapons")
    return "<br>".join(lines)


def _asset(name: str) -> str:
    text = (LEAFLET / name).read_text(encoding="utf-8")
    return re.sub(r"^\s*/[/*]# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)


def render(drawn: EventMap, title: str = "newskg events", tiles: str = TILES) -> str:
    """The map as one HTML page with Leaflet inlined: only the base tiles need the network."""
    events = [{"id": e.iri, "type": e.type, "level": e.level, "lat": e.lat, "lon": e.lon,
               "color": e.colour, "radius": e.radius, "popup": popup(e),
               "tooltip": html.escape(f"{e.type} · {e.place} · {e.date}")}
              for e in sorted(drawn.events, key=lambda e: -e.radius)]  # small circles on top
    places = {(e.place, e.lat, e.lon) for e in drawn.events}
    data = {"events": events, "legend": _legend(drawn, title), "tiles": tiles,
            "places": [{"name": n, "lat": lat, "lon": lon} for n, lat, lon in sorted(places)],
            "attribution": ATTRIBUTION}
    # "</" would end the <script> element that holds the data
    payload = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    template = Template((VIEWS / "map.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=html.escape(title), events_json=payload,
        leaflet_css=_asset("leaflet.css"),
        cluster_css=_asset("MarkerCluster.css") + _asset("MarkerCluster.Default.css"),
        leaflet_js=_asset("leaflet.js"), cluster_js=_asset("leaflet.markercluster.js"))


def write_map(store: object, output: str | Path, **filters: str | None) -> EventMap:
    """Draw the store's events (see :func:`event_map` for the filters) into the HTML file ``output``."""
    drawn = event_map(store, **filters)
    try:
        Path(output).write_text(render(drawn), encoding="utf-8")
    except OSError as error:
        raise KgError(f"cannot write the map to {output}: {error.strerror or error}") from None
    return drawn
