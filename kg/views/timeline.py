"""The timeline: drones and missiles launched and shot down, and casualties, per day, as a chart and a CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: never a window, and no display needed
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from kg.errors import KgError  # noqa: E402
from kg.store.queries import select  # noqa: E402

#: The series a chart shows, in drawing order: (figure kind in the CSV, colour).
SERIES = {
    "drones launched": "#f4a259", "drones shot down": "#1a73e8",
    "missiles launched": "#d93025", "missiles shot down": "#7baaf7",
}
CASUALTIES = {"killed": "#3c4043", "injured": "#f9ab00"}
COLUMNS = ("date", "event", "figure", "value", "qualifier", "counted", "speaker", "place",
           "article", "figure_iri")
_KIND = {("Launched", "drone"): "drones launched", ("Downed", "drone"): "drones shot down",
         ("Launched", "missile"): "missiles launched", ("Downed", "missile"): "missiles shot down",
         ("Killed", ""): "killed", ("Injured", ""): "injured"}


@dataclass(frozen=True)
class FigureRow:
    """One figure of the graph that the timeline read: a CSV row."""

    date: str
    event: str
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
    """The figures read, and the totals per day and kind that the chart draws."""

    rows: tuple[FigureRow, ...]

    def totals(self) -> dict[str, dict[str, int]]:
        """``{date: {figure kind: sum of counted values}}``, days in order."""
        sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for row in self.rows:
            if row.counted:
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
            date=row["day"].value, event=row["event"].value, figure=label,
            value=int(row["value"].value), qualifier=row["qualifier"].value, counted=counted,
            speaker="; ".join(speakers[iri]), place=row["place"].value if "place" in row else "",
            article=row["article"].value, figure_iri=iri))
    return Timeline(tuple(rows))


def write_csv(timeline: Timeline, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for r in timeline.rows:
            writer.writerow([r.date, r.event, r.figure, r.value, r.qualifier,
                             "yes" if r.counted else "no", r.speaker, r.place, r.article,
                             r.figure_iri])


def _bars(axis: plt.Axes, days: list[dt.date], totals: list[dict[str, int]],
          series: dict[str, str]) -> None:
    width = 0.8 / len(series)
    for i, (kind, colour) in enumerate(series.items()):
        values = [day.get(kind, 0) for day in totals]
        if not any(values):
            continue
        offset = (i - (len(series) - 1) / 2) * width  # in days, on matplotlib's date numbers
        bars = axis.bar([mdates.date2num(d) + offset for d in days], values, width=width,
                        color=colour, label=kind)
        axis.bar_label(bars, labels=[str(v) if v else "" for v in values], fontsize=7, padding=1)
    axis.margins(y=0.12)
    axis.grid(axis="y", color="#e0e0e0")
    axis.set_axisbelow(True)
    if axis.get_legend_handles_labels()[0]:
        axis.legend(fontsize=8, loc="upper right", frameon=False)


def draw(timeline: Timeline, path: Path, title: str = "newskg timeline") -> None:
    """Draw the chart into ``path`` (.png or .svg): weapons per day above, casualties below."""
    totals = timeline.totals()
    days = [dt.date.fromisoformat(day) for day in totals]
    figure, (weapons, people) = plt.subplots(
        2, 1, sharex=True, figsize=(max(7.0, min(18.0, 1.1 * len(days) + 4)), 6.5),
        gridspec_kw={"height_ratios": [3, 2]})
    try:
        _bars(weapons, days, list(totals.values()), SERIES)
        weapons.set_ylabel("drones / missiles")
        weapons.set_title(title + " (figures as reported: nkg:weaponCount, nkg:killed, nkg:injured)",
                          fontsize=10)
        _bars(people, days, list(totals.values()), CASUALTIES)
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
