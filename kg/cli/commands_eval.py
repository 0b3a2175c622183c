"""`kg eval`: score extraction against hand-made gold files, for built articles or a whole corpus."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import _open, main, store_option
from kg.errors import KgError


@main.command(name="eval")
@click.argument("gold_files", nargs=-1, metavar="[GOLD.json...]",
                type=click.Path(exists=True, dir_okay=False))
@store_option
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of corpus articles (URL, date, blank line, text) to build and score.")
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of <article>.gold.json files for --corpus.")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True,
              help="With --corpus: which articles (test = numbers that are multiples of 3).")
@click.option("--names", "names_file", type=click.Path(exists=True, dir_okay=False),
              help="Tab-separated table: name → Wikidata/GeoNames id, for speakers the graph cannot link.")
@click.option("--quiet", is_flag=True, help="Scores only, without the list of misses and spurious items.")
def evaluate(gold_files: tuple[str, ...], store_path: str | None, corpus_dir: str | None,
             gold_dir: str | None, split: str, names_file: str | None, quiet: bool) -> None:
    """Score the graph against hand-made gold files.

    With GOLD.json files: score articles already built in the store. Each gold file (the format
    of examples/gold/*.gold.json) names its article in "file"; the article's key is that name up
    to its first dot.

    With --corpus DIR --gold DIR: build every article of the split that has a gold file (into
    --store if given, where unchanged articles are not rebuilt; else a temporary store), then
    score them, with totals per group (A, B: war articles; C: ordinary news whose gold has no
    event, for which the count of articles left without any event is shown).

    Events match by type family (attack or interception) and place (by GeoNames/Wikidata id, else
    by name; a city matches the region named after it); then slots are compared (actor, type,
    weapon count, killed, injured, target). Statements match by speaker kind and identity or a
    shared reported event. Prints precision, recall and F1, slot accuracy, and every miss and
    spurious item.

    \b
    Examples:
      kg build examples/ && kg eval examples/gold/*.gold.json
      kg eval --corpus ../shared/corpus/news_fr --gold tests/corpus/gold --split dev --store /tmp/dev
    """
    from kg.evaluate.score import read_names

    names = read_names(Path(names_file)) if names_file else {}
    if (corpus_dir is None) != (gold_dir is None):
        raise click.UsageError("give --corpus and --gold together")
    if corpus_dir is not None:
        if gold_files:
            raise click.UsageError("give either GOLD.json files or --corpus/--gold, not both")
        _corpus(Path(corpus_dir), Path(gold_dir), store_path, split, names, quiet)
    elif gold_files:
        _built(gold_files, store_path, names, quiet)
    else:
        raise click.UsageError("give GOLD.json files, or --corpus DIR --gold DIR")


def _built(gold_files: tuple[str, ...], store_path: str | None, names: dict[str, str], quiet: bool) -> None:
    from kg.evaluate.readback import article_records
    from kg.evaluate.score import gold_records, read_gold, score
    from kg.rdf.iris import article_iri_for_key

    store = _open(store_path, read_only=True)
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


def _corpus(corpus: Path, gold: Path, store_path: str | None, split: str, names: dict[str, str],
            quiet: bool) -> None:
    from kg.evaluate.corpus import score_corpus
    from kg.store import open_store

    store = open_store(store_path) if store_path else None
    try:
        result = score_corpus(corpus, gold, store, split=split, names=names)
    finally:
        if store is not None:
            store.close()
    for problem in result.skipped:
        click.echo(f"Skipped {problem} (scored as an article without facts)", err=True)
    if not quiet:
        for article in result.articles:
            errors = article.report.summary().splitlines()[2 + len(article.report.slots):]
            if errors:
                click.echo(f"== {article.key} ({article.split}, group {article.group})")
                click.echo("\n".join(errors))
    war = sorted({a.group for a in result.articles} - {"C"})
    sections = [("war articles (groups " + ", ".join(war) + ")", war)] + [(f"group {g}", [g]) for g in war]
    for title, members in sections if len(war) > 1 else sections[1:]:
        report = result.total(groups=members)
        count = sum(a.group in members for a in result.articles)
        click.echo(f"== {split}: {title}, {count} articles")
        click.echo("\n".join(report.summary().splitlines()[:2 + len(report.slots)]))
    quiet_ones, members = result.quiet_articles("C")
    if members:
        click.echo(f"== {split}: group C (no war events): {quiet_ones} of {members} articles without any event")
