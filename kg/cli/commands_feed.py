"""`kg feed add|list|remove|fetch`: following RSS and Atom feeds, and building their new pages."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from kg.cli import _open, main, out, store_option
from kg.errors import FetchError, InputError
from kg.ingest.fetching import DEFAULT_DELAY, DEFAULT_RETRIES, DEFAULT_TIMEOUT


@main.group()
def feed() -> None:
    """Follow RSS and Atom feeds: their new entries' pages are fetched and built.

    The feeds, each feed's ETag and Last-Modified, and every page seen are kept in the store
    (graph https://w3id.org/newskg/id/graph/feeds), so no page is fetched twice. `kg feed fetch`
    is, with `kg link` and federated queries, the only command that uses the network.

    \b
    Example:
      kg feed add https://www.example.org/international/rss.xml
      kg feed fetch --follow --interval 600
    """


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or "://" not in value or not value.split("://", 1)[1]:
        raise click.BadParameter(f"{value!r} is not an http(s) URL; give the feed's full address")
    return value


@feed.command("add")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@store_option
def add(urls: tuple[str, ...], store_path: str | None) -> None:
    """Follow feeds (RSS 2.0, RSS 1.0 or Atom), by their addresses; nothing is fetched yet.

    \b
    Example:
      kg feed add https://www.example.org/international/rss.xml
    """
    from kg.store.feeds import add_feed

    checked = [_url(url) for url in urls]
    store = _open(store_path, create=True)
    try:
        for url in checked:
            click.echo(f"Following {url}." if add_feed(store, url) else f"Already following {url}.")
    finally:
        store.close()


@feed.command("remove")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@store_option
def remove(urls: tuple[str, ...], store_path: str | None) -> None:
    """Stop following feeds; the articles built from them stay. Exits with 1 if one was not followed.

    \b
    Example:
      kg feed remove https://www.example.org/international/rss.xml
    """
    from kg.store.feeds import remove_feed

    store = _open(store_path)
    missing = 0
    try:
        for url in urls:
            if remove_feed(store, url):
                click.echo(f"No longer following {url}.")
            else:
                click.echo(f"Error: {url} is not followed; see `kg feed list`", err=True)
                missing += 1
    finally:
        store.close()
    if missing:
        sys.exit(1)


@feed.command("list")
@store_option
def list_feeds(store_path: str | None) -> None:
    """List the feeds followed: address, title, pages seen, last answer.

    \b
    Example:
      kg feed list
    """
    from kg.store.feeds import feeds

    store = _open(store_path, read_only=True)
    found = feeds(store)
    table = Table("title", "pages seen", "last fetched")
    table.add_column("feed", overflow="fold")  # whole addresses, even in a narrow terminal or a pipe
    for item in found:
        table.add_row(item.title or "", str(item.seen), item.last_fetched or "never", item.url)
    out.print(table)
    out.print(f"{len(found)} feeds")


@feed.command("fetch")
@store_option
@click.option("--follow", is_flag=True, help="Keep fetching every --interval seconds until Ctrl-C; "
              "each article is stored as soon as it is extracted.")
@click.option("--interval", default=900.0, show_default=True, type=click.FloatRange(min=1),
              help="With --follow: seconds between two rounds of fetches.")
@click.option("--delay", default=DEFAULT_DELAY, show_default=True, type=click.FloatRange(min=0),
              help="Seconds between two requests to one site (more if its robots.txt asks).")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds to wait for each answer.")
@click.option("--retries", default=DEFAULT_RETRIES, show_default=True, type=click.IntRange(min=0),
              help="Attempts after the first on a time-out, network error, 429 or 5xx answer; each "
              "waits twice as long as the one before, from twice --delay.")
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy model.")
@click.option("--processes", "n_process", type=click.IntRange(min=0), default=None,
              help="Worker processes that parse and extract [default: one per CPU; 0: none].")
@click.option("--max-chars", default=1_000_000, show_default=True, type=click.IntRange(min=1),
              help="Skip pages whose article is longer than this many characters.")
@click.option("--any-language", is_flag=True, help="Build pages that do not look French.")
@click.option("--force", is_flag=True, help="Re-extract stored articles whose page is fetched again.")
def fetch(store_path: str | None, follow: bool, interval: float, delay: float, timeout: float,
          retries: int, model: str, n_process: int | None, max_chars: int, any_language: bool,
          force: bool) -> None:
    """Fetch the feeds followed, and build the pages of their new entries.

    Each feed is asked with its last ETag and Last-Modified (an unchanged one answers 304 and
    costs nothing); the page of each entry not seen before is fetched (if the site's robots.txt
    allows it, one request per --delay per site, with a User-Agent naming newskg) and built as
    `kg build` builds a saved page. A page that fails for now (time-out, 5xx) is tried again at
    the next fetch; one refused for good (robots.txt, 404, not an article) is not. A feed that
    cannot be fetched or read is one error line, and the others go on. Ctrl-C stops after the
    current article. Exit code: 0 all done, 1 some feed or page skipped, 130 interrupted.

    \b
    Example:
      kg feed fetch
      kg feed fetch --follow --interval 600
    """
    import signal

    from kg.cli.commands_build import (
        ctrl_c_stops_after_current,
        progress_bar,
        report_and_exit,
    )
    from kg.ingest.feeds import FeedReader
    from kg.ingest.fetching import Fetcher
    from kg.pipeline import build, content_hash

    interrupted, stop_after_current = ctrl_c_stops_after_current()

    store = _open(store_path)
    fetcher = Fetcher(delay=delay, timeout=timeout, retries=retries, max_bytes=4 * max_chars + 4)
    reader = FeedReader(store, fetcher, content_hash=lambda d: content_hash(d, model),
                        interval=interval if follow else None, max_chars=max_chars,
                        any_language=any_language, force=force, should_stop=lambda: bool(interrupted))
    if not reader.feeds:
        store.close()
        raise InputError(store.location, "follows no feed; add one with `kg feed add URL`")

    def on_article(document: object) -> None:
        reader.acknowledge(document.origin, seen=True)  # type: ignore[attr-defined]
        reader.save()
        progress.advance(task)

    def on_skip(problem: InputError) -> None:
        click.echo(f"Skipped {problem}", err=True)
        reader.acknowledge(problem.source, seen=not isinstance(problem, FetchError))
        reader.save()

    def stop_requested() -> bool:
        # asked often by this thread, also while it waits for pages: the moment to write what
        # the reader has finished (the reader's own thread never writes the store)
        reader.save()
        return bool(interrupted)

    previous = signal.signal(signal.SIGINT, stop_after_current)
    try:
        with progress_bar() as progress:
            task = progress.add_task("Fetching", total=None)
            summary = build([], store, model=model, n_process=n_process, max_chars=max_chars,
                            force=force, any_language=any_language, documents=reader.documents(),
                            on_article=on_article, should_stop=stop_requested,
                            on_skip=on_skip, on_note=lambda note: click.echo(f"Note {note}", err=True))
        reader.save()
    finally:
        signal.signal(signal.SIGINT, previous)
        fetcher.close()
        store.close()
    done = reader.summary
    click.echo(f"Feeds: {done.feeds} read, {done.not_modified} not modified, {done.failed} failed; "
               f"{done.pages} new pages fetched.")
    report_and_exit(summary)
