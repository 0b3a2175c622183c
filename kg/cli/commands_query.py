"""`kg query`, `kg export`, `kg stats`, `kg serve`: the commands that read the store."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable
from pathlib import Path

import click
from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
)
from rich.table import Table

from kg.cli import _open, main, out, store_option
from kg.rdf.vocab import PREFIXES
from kg.store import FORMATS, default_location
from kg.store.base import Solutions

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}


@main.command()
@click.argument("query_file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("-e", "--expression", help="SPARQL text instead of a file.")
@store_option
@click.option("-p", "--param", "assignments", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable). The type is inferred (<iri>, nkg:Term, "
              "2024-11-01 date, 42 integer, 1.5 decimal, else a string) or forced with "
              "NAME:TYPE=VALUE (iri, class, string, integer, decimal, date, dateTime, boolean; "
              "class takes an IRI or an nkg: class name such as DroneStrike) or NAME@fr=VALUE.")
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
    query file declares its parameters in its "# Parameters:" header. A listing query that
    declares limit and offset answers one page (its header says the default page size): ask for
    the next with --param offset=100.

    \b
    Examples:
      kg query queries/events.rq
      kg query queries/events-by-type-place-time.rq --param place=Kharkiv --param since=2024-11-01
      kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?e a nkg:DroneStrike }' --format csv
      kg query queries/statements.rq --param limit=50 --param offset=50   # the second page of 50
      kg query queries/events.rq --timeout 30   # stop a runaway query after 30 s
    """
    from kg.store.params import parse_assignment, prepare

    if (query_file is None) == (expression is None):
        raise click.UsageError("give either a query FILE or -e 'SPARQL', not both or neither")
    sparql = expression if expression is not None else Path(query_file).read_text(encoding="utf-8")
    given: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    for assignment in assignments:
        name, kind, value = parse_assignment(assignment)
        given[name], kinds[name] = value, kind
    sparql = prepare(sparql, given, kinds, source=query_file or "the query")
    result = _open(store_path, read_only=not allow_update).query(sparql, allow_update=allow_update,
                                                                 timeout=timeout)
    if result is None:
        click.echo("Update done.")
        return
    stream = sys.stdout.buffer
    problem = ""
    if isinstance(result, QueryBoolean):
        if fmt in ("json", "xml"):
            result.serialize(stream, RESULT_FORMATS[fmt])
        else:
            click.echo("true" if bool(result) else "false")
    elif isinstance(result, Solutions):
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
    store = _open(store_path, read_only=True)
    if output == "-":
        store.export(sys.stdout.buffer, fmt, graph)
    else:
        with open(output, "wb") as stream:
            store.export(stream, fmt, graph)
        click.echo(f"Wrote {output}.", err=True)


@main.command()
@store_option
def stats(store_path: str | None) -> None:
    """Count articles, events, statements, entities and quads in the store.

    \b
    Example:
      kg stats --store ./kg-store
    """
    store = _open(store_path, read_only=True)
    table = Table("what", "count")
    from kg.store.queries import load

    for row in store.query(load("stats.rq")):
        table.add_row(row["what"].value, row["n"].value)
    table.add_row("quads", str(len(store)))
    table.add_row("named graphs", str(len(store.named_graphs())))
    out.print(table)


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
    from kg.store import is_url
    from kg.store.server import start

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
