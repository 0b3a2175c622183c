"""The timeline: per day, each side's drones and missiles launched and the number of them the other
side shot down, and casualties, as a chart and a CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: never a window, and no display needed
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from kg.errors import KgError  # noqa: E402
from kg.store.queries import select  # noqa: E402

#: The series a side's chart shows, in drawing order: (figure kind in the CSV, colour).
SERIES = {
    "drones launched": "#f4a259", "drones shot down": "#1a73e8",
    "missiles launched": "#d93025", "missiles shot down": "#7baaf7",
}
CASUALTIES = {"killed": "#3c4043", "injured": "#f9ab00"}
#: The attacking side of a figure whose side the graph does not tell (in the CSV and the chart).
NOT_TOLD = "not told"
COLUMNS = ("date", "event", "side", "figure", "value", "qualifier", "counted", "speaker", "place",
           "article", "figure_iri")
_KIND = {("Launched", "drone"): "drones launched", ("Downed", "drone"): "drones shot down",
         ("Launched", "missile"): "missiles launched", ("Downed", "missile"): "missiles shot down",
         ("Killed", ""): "killed", ("Injured", ""): "injured"}
#: Each shot-down series and the launched series it is read against.
_AGAINST = {"drones shot down": "drones launched", "missiles shot down": "missiles launched"}


@dataclass(frozen=True)
class FigureRow:
    """One figure of the graph that the timeline read: a CSV row."""

    date: str  # "" when neither the event nor its article is dated
    event: str
    side: str  # the attacking side whose weapons the figure counts, or NOT_TOLD
    figure: str  # "drones launched", "killed", ... or "other launched" for other weapons
    value: int
    qualifier: str
    counted: bool  # the event's retained value, counted once in the chart
    speaker: str
    place: str
    article: str
    figure_iri: str


@dataclass(frozen=True)
class Timeline:
    """The figures read, and the sums per day that the chart draws."""

    rows: tuple[FigureRow, ...]

    @property
    def undated(self) -> int:
        """How many figures have no date, and are left out of the chart (not of the CSV)."""
        return sum(1 for row in self.rows if not row.date)

    def days(self) -> list[str]:
        """The dated days with a counted figure, in order."""
        return sorted({row.date for row in self.rows if row.counted and row.date})

    def sides(self) -> list[str]:
        """The attacking sides with drones or missiles counted, by name; NOT_TOLD last."""
        found = {row.side for row in self.rows if row.counted and row.date and row.figure in SERIES}
        return sorted(found - {NOT_TOLD}) + [NOT_TOLD] * (NOT_TOLD in found)

    def weapons(self, side: str) -> dict[str, dict[str, int]]:
        """``{date: {series: sum}}`` of one attacking side's drones and missiles: those it launched
        and those of them that the other side reports shooting down. Sides are never added up."""
        return self._sums(lambda row: row.side == side and row.figure in SERIES)

    def casualties(self) -> dict[str, dict[str, int]]:
        """``{date: {"killed" | "injured": sum}}``, all sides together."""
        return self._sums(lambda row: row.figure in CASUALTIES)

    def _sums(self, keep: Callable[[FigureRow], bool]) -> dict[str, dict[str, int]]:
        sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for row in self.rows:
            if row.counted and row.date and keep(row):
                sums[row.date][row.figure] += row.value
        return {day: dict(sums[day]) for day in sorted(sums)}


def read_timeline(store: object, *, since: str | None = None, until: str | None = None) -> Timeline:
    """The figures of every event per day, from queries/timeline-figures.rq (local or remote store)."""
    speakers: dict[str, list[str]] = defaultdict(list)
    first: dict[str, dict] = {}
    for row in select(store, "timeline-figures.rq", since=since, until=until):
        iri = row["figure"].value
        first.setdefault(iri, row)
        if "speaker" in row and row["speaker"].value not in speakers[iri]:
            speakers[iri].append(row["speaker"].value)
    rows, seen = [], set()
    for iri, row in first.items():
        quantity, kind = row["quantity"].value, row.get("weaponKind")
        label = _KIND.get((quantity, kind.value if kind else ""),
                          f"{kind.value if kind else 'other'} {quantity.lower()}")
        # an event's retained value is counted once, even if two figures carry it
        counted = row["retained"].value == "true" and (row["event"].value, quantity) not in seen
        if counted:
            seen.add((row["event"].value, quantity))
        rows.append(FigureRow(
            date=row["day"].value if "day" in row else "", event=row["event"].value,
            side=row["side"].value if "side" in row else NOT_TOLD, figure=label,
            value=int(row["value"].value), qualifier=row["qualifier"].value, counted=counted,
            speaker="; ".join(speakers[iri]), place=row["place"].value if "place" in row else "",
            article=row["article"].value, figure_iri=iri))
    return Timeline(tuple(rows))


def write_csv(timeline: Timeline, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for r in timeline.rows:
            writer.writerow([r.date, r.event, r.side, r.figure, r.value, r.qualifier,
                             "yes" if r.counted else "no", r.speaker, r.place, r.article,
                             r.figure_iri])


def bar_label(series: str, value: int, day: dict[str, int], compare: bool) -> str:
    """The number written on a bar; a shot-down bar taller than its side's launched one says so.

    >>> bar_label("drones shot down", 8, {"drones shot down": 8}, True)
    '8\\n(none launched\\nreported)'
    >>> bar_label("drones shot down", 150, {"drones launched": 145}, True)
    '150\\n(> 145\\nlaunched)'
    >>> bar_label("drones shot down", 142, {"drones launched": 145}, True)
    '142'
    """
    if not value:
        return ""
    launched = day.get(_AGAINST.get(series, ""), 0)
    if compare and series in _AGAINST and value > launched:
        return f"{value}\n(> {launched}\nlaunched)" if launched else f"{value}\n(none launched\nreported)"
    return str(value)


def _bars(axis: plt.Axes, days: list[dt.date], totals: dict[str, dict[str, int]],
          series: dict[str, str], compare: bool = False) -> None:
    width = 0.8 / len(series)
    per_day = [totals.get(day.isoformat(), {}) for day in days]
    for i, (kind, colour) in enumerate(series.items()):
        values = [day.get(kind, 0) for day in per_day]
        if not any(values):
            continue
        offset = (i - (len(series) - 1) / 2) * width  # in days, on matplotlib's date numbers
        bars = axis.bar([mdates.date2num(d) + offset for d in days], values, width=width,
                        color=colour, label=kind)
        axis.bar_label(bars, labels=[bar_label(kind, v, day, compare) for v, day in zip(values, per_day)],
                       fontsize=7, padding=1)
    axis.margins(y=0.25)
    axis.grid(axis="y", color="#e0e0e0")
    axis.set_axisbelow(True)
    if axis.get_legend_handles_labels()[0]:
        axis.legend(fontsize=8, loc="upper right", frameon=False)


def _side_title(side: str) -> str:
    if side == NOT_TOLD:
        return "attacking side not told: drones and missiles launched, and shot down (not comparable)"
    return f"{side}'s drones and missiles: launched by {side}, and shot down by the other side"


def draw(timeline: Timeline, path: Path, title: str = "newskg timeline") -> None:
    """Draw the chart into ``path`` (.png or .svg): one panel per attacking side, then casualties."""
    days = [dt.date.fromisoformat(day) for day in timeline.days()]
    sides = timeline.sides() or [""]
    figure, axes = plt.subplots(
        len(sides) + 1, 1, sharex=True, squeeze=False,
        figsize=(max(7.0, min(18.0, 1.1 * len(days) + 4)), 2.6 * len(sides) + 3),
        gridspec_kw={"height_ratios": [3] * len(sides) + [2]})
    *panels, people = axes[:, 0]
    try:
        for axis, side in zip(panels, sides):
            if side:
                _bars(axis, days, timeline.weapons(side), SERIES, compare=side != NOT_TOLD)
                axis.set_title(_side_title(side), fontsize=9, loc="left")
            else:
                axis.text(0.5, 0.5, "no drone or missile figures", ha="center", transform=axis.transAxes)
            axis.set_ylabel("drones / missiles")
        figure.suptitle(title + " (figures as reported: nkg:weaponCount, nkg:killed, nkg:injured)",
                        fontsize=10)
        casualties = timeline.casualties()
        _bars(people, days, casualties, CASUALTIES)
        people.set_title("people killed and injured, all sides", fontsize=9, loc="left")
        if days and not casualties:
            people.set_yticks([])
            people.text(0.5, 0.5, "no casualty figures", ha="center", transform=people.transAxes)
        people.set_ylabel("people")
        people.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        if days:
            people.set_xticks([mdates.date2num(d) for d in days])
            people.set_xlim(mdates.date2num(min(days)) - 1, mdates.date2num(max(days)) + 1)
        else:
            people.text(0.5, 0.5, "no figures in the graph", ha="center", transform=people.transAxes)
        figure.autofmt_xdate(rotation=30)
        figure.tight_layout()
        figure.savefig(path, dpi=110, metadata={"Software": "newskg kg timeline"}
                       if path.suffix == ".png" else None)
    finally:
        plt.close(figure)


def write_timeline(store: object, output: str | Path, *, since: str | None = None,
                   until: str | None = None) -> tuple[Timeline, Path]:
    """Write the chart to ``output`` (.png or .svg) and the rows it used to the .csv beside it."""
    path = Path(output)
    if path.suffix.lower() not in (".png", ".svg"):
        raise KgError(f"{output}: the timeline is written as .png or .svg; name the file so")
    timeline = read_timeline(store, since=since, until=until)
    table = path.with_suffix(".csv")
    try:
        draw(timeline, path)
        write_csv(timeline, table)
    except OSError as error:
        raise KgError(f"cannot write the timeline to {path}: {error.strerror or error}") from None
    return timeline, table
