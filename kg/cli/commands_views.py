"""`kg map`, `kg timeline`, `kg show`: the commands that draw the graph."""

from __future__ import annotations

import click

from kg.cli import _open, main, out, store_option


@main.command(name="map")
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              default="events.html", show_default=True, help="HTML file to write.")
@click.option("--since", metavar="DATE", help="First day (YYYY-MM-DD), inclusive.")
@click.option("--until", metavar="DATE", help="Last day (YYYY-MM-DD), inclusive.")
@click.option("--type", "event_type", metavar="CLASS",
              help="Only events of this class and its subclasses (DroneStrike, Attack, Interception ...).")
def map_(store_path: str | None, output: str, since: str | None, until: str | None,
         event_type: str | None) -> None:
    """Draw the events on a map: one self-contained HTML page (Leaflet inlined).

    Each event is a circle at its place, coloured by type and sized by casualties (else by the
    number of drones or missiles); click it for actor, target, date, counts, the statements that
    report it and the sentence it was read from, with a link to the article. Events placed only at
    region or country level are hollow dashed circles at an approximate centre. Dense markers
    cluster. The page works offline except for the background tiles.

    \b
    Example:
      kg map -o events.html --since 2024-11-01 --type DroneStrike
    """
    from kg.views.map import write_map

    drawn = write_map(_open(store_path, read_only=True), output, since=since, until=until, type=event_type)
    areas = sum(1 for e in drawn.events if e.level != "point")
    click.echo(f"Wrote {output}: {len(drawn.events)} events ({areas} at region or country level), "
               f"{len(drawn.unplaced)} without a place not drawn.")


@main.command()
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              default="timeline.png", show_default=True, help="Chart file: .png or .svg.")
@click.option("--since", metavar="DATE", help="First day (YYYY-MM-DD), inclusive.")
@click.option("--until", metavar="DATE", help="Last day (YYYY-MM-DD), inclusive.")
def timeline(store_path: str | None, output: str, since: str | None, until: str | None) -> None:
    """Chart each side's drones and missiles launched vs. shot down, and casualties, per day.

    One panel per attacking side: the drones and missiles it launched, and how many of them the
    other side reports shooting down (an interception's actor is the defending side). The day is
    the event's nkg:date, else the article's date; undated figures are left out of the chart.
    Beside the chart, a CSV with the same name lists every figure read (date, event, attacking
    side, figure, value, qualifier, whether the chart counts it, speaker, place, article), so
    each bar can be traced back to the graph.

    \b
    Example:
      kg timeline -o timeline.png            # also writes timeline.csv
    """
    from kg.views.timeline import write_timeline

    drawn, table = write_timeline(_open(store_path, read_only=True), output, since=since, until=until)
    left_out = f" ({drawn.undated} without a date, left out of the chart)" if drawn.undated else ""
    click.echo(f"Wrote {output} and {table}: {len(drawn.days())} days, {len(drawn.rows)} figures"
               f"{left_out}.")


@main.command()
@click.argument("article", metavar="ARTICLE")
@store_option
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True),
              help="Also write the view as a self-contained HTML page.")
def show(article: str, store_path: str | None, html_file: str | None) -> None:
    """Show an article with what was read from it: entities, events and statements highlighted
    in its text, and a table of every fact with its character offsets.

    ARTICLE is an article's IRI or its key, as for `kg remove`.

    \b
    Example:
      kg show kaluga-2024-11-25 --html kaluga.html
    """
    from kg.rdf.iris import article_iri_for_key
    from kg.views.article import read_article, terminal, write_page

    view = read_article(_open(store_path, read_only=True), article_iri_for_key(article))
    out.print(terminal(view))
    if html_file:
        write_page(view, html_file)
        click.echo(f"Wrote {html_file}.", err=True)
