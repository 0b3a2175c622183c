"""`kg feed`: feeds on a server on 127.0.0.1 (tests/feedserver.py), fetched with the real model.

One site is fetched three times, changing between fetches; each fetch is checked for what was
fetched, what was skipped and why, that nothing is fetched twice and that nothing is lost.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from feedserver import PAGES, Site, article, serve
from pyoxigraph import Literal, NamedNode

from kg.cli import main
from kg.ingest.feeds import parse_feed
from kg.rdf.vocab import FEED_GRAPH, NKG, SCHEMA
from kg.store.feeds import feeds
from kg.store.local import Store

KG = str(Path(sys.executable).with_name("kg"))
POLITE = ["--delay", "0.2", "--timeout", "1.5", "--retries", "1", "--processes", "0"]


def kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def stored_urls(store: Path) -> set[str]:
    if not store.exists():
        return set()
    rows = Store(store, read_only=True).query(f"SELECT ?url WHERE {{ ?a a {NKG.Article} ; {SCHEMA.url} ?url }}")
    return {row["url"].value for row in rows}


@pytest.fixture()
def site():
    site = Site(
        rss=[("Frappe sur Kharkiv", "/monde/kharkiv.html"), ("Page privée", "/private/secret.html"),
             ("Frappe à Zaporijia", "/monde/flaky.html"), ("Frappe à Soumy", "/monde/slow.html"),
             ("Supprimé", "/monde/gone.html")],  # 404
        atom=[("Missiles sur Odessa", "/est/odessa.html"), ("Donbass", "/est/donbass.html"),
              ("Frappe sur Kharkiv", "/monde/kharkiv.html")],  # also in the RSS feed: fetched once
        pages={"/monde/kharkiv.html": (PAGES / "kharkiv-drones.html").read_bytes(),
               "/est/odessa.html": (PAGES / "odessa-missiles.html").read_bytes(),
               "/est/donbass.html": (PAGES / "donbass-shelling.html").read_bytes(),
               "/private/secret.html": article("Secret", "Une page que robots.txt interdit."),
               "/monde/flaky.html": article("Frappe à Zaporijia", "Un missile russe a frappé Zaporijia mardi, a déclaré le gouverneur de la région."),
               "/monde/slow.html": article("Frappe à Soumy", "Des drones russes ont frappé la ville de Soumy dans la nuit, selon l'administration militaire."),
               },
        failing={"/monde/flaky.html"}, slow={"/monde/slow.html": 4.0},  # over --timeout
    )
    server, base = serve(site)
    site.base = base  # type: ignore[attr-defined]
    yield site
    server.shutdown()


def test_feeds_fetched_three_times_fetch_each_page_once_and_lose_nothing(tmp_path: Path, site: Site) -> None:
    store, base = str(tmp_path / "store"), site.base  # type: ignore[attr-defined]
    code, out, _ = kg("feed", "add", f"{base}/rss.xml", f"{base}/atom.xml", f"{base}/broken.xml", "--store", store)
    assert code == 0 and out.count("Following") == 3

    # 1. the malformed feed, the page robots.txt forbids, the 500 and the slow page are skipped,
    # one line each naming them; the rest is built
    code, out, err = kg("feed", "fetch", "--store", store, *POLITE)
    rounds = [site.log[:]]
    assert code == 1
    skipped = sorted(line for line in err.splitlines() if line.startswith("Skipped"))
    assert [line.split(": ")[0] for line in skipped] == [
        f"Skipped {base}/broken.xml", f"Skipped {base}/monde/flaky.html",
        f"Skipped {base}/monde/gone.html", f"Skipped {base}/monde/slow.html",
        f"Skipped {base}/private/secret.html"], err
    assert [line.split(": ", 1)[1] for line in skipped] == [
        "is not a well-formed RSS or Atom feed (<unknown>:1:80: unclosed token); check the feed's address",
        "answered 500 Internal Server Error, 2 times; tried again at the next fetch",
        "answered 404 Not Found; not fetched again",
        "timed out, 2 times; tried again at the next fetch",
        "is forbidden to newskg by its site's robots.txt; not fetched again"]
    assert "Traceback" not in err and "Built 3 articles (0 unchanged, 5 skipped)" in out
    assert stored_urls(Path(store)) == {"https://veilleur.example/monde/2025/03/14/frappe-kharkiv",
                                        "https://infoest.example/a/odessa-missiles", f"{base}/est/donbass.html"}
    assert site.requests("/private/secret.html") == []
    assert len(site.requests("/monde/flaky.html")) == 2  # the first attempt and one retry

    # 2. the site is mended and the RSS feed has a new entry: the failed pages and the new one are
    # fetched; the Atom feed, all of whose entries are stored, answers 304 to its ETag
    site.failing.clear()
    site.slow.clear()
    site.rss.append(("Frappe à Kherson", "/monde/kherson.html"))
    site.pages["/monde/kherson.html"] = article("Frappe à Kherson", "L'armée russe a bombardé Kherson lundi, a affirmé le parquet régional.")
    code, out, err = kg("feed", "fetch", "--store", store, *POLITE)
    rounds.append(site.log[len(rounds[0]):])
    assert code == 1 and [line for line in err.splitlines() if line.startswith("Skipped")] == [
        f"Skipped {base}/broken.xml: is not a well-formed RSS or Atom feed (<unknown>:1:80: unclosed token); "
        "check the feed's address"]
    assert "Feeds: 1 read, 1 not modified, 1 failed; 3 new pages fetched." in out
    assert "Built 3 articles (0 unchanged, 1 skipped)" in out
    assert site.requests("/atom.xml")[-1].status == 304
    assert {f"{base}/monde/{name}.html" for name in ("flaky", "slow", "kherson")} < stored_urls(Path(store))

    # 3. nothing new: both feeds answer 304 and no page is asked for
    before = len(site.log)
    code, out, err = kg("feed", "fetch", "--store", store, *POLITE)
    rounds.append(site.log[before:])
    assert "Feeds: 0 read, 2 not modified, 1 failed; 0 new pages fetched." in out
    assert {hit.path: hit.status for hit in site.log[before:]} == {
        "/robots.txt": 200, "/rss.xml": 304, "/atom.xml": 304, "/broken.xml": 200}
    assert len(site.log) - before == 4

    # over the three fetches: each page asked for until it was stored, never after; politely
    asked = {path: len(site.requests(path)) for path in site.pages}
    assert len(site.requests("/monde/gone.html")) == 1  # a 404 is not asked for again
    assert asked == {"/monde/kharkiv.html": 1, "/est/odessa.html": 1, "/est/donbass.html": 1,
                     "/private/secret.html": 0, "/monde/kherson.html": 1,
                     "/monde/flaky.html": 3, "/monde/slow.html": 3}  # two failed attempts, then stored
    assert len(site.requests("/robots.txt")) == 3  # once per fetch
    assert all(hit.agent.startswith("newskg/") for hit in site.log)
    for hits in rounds:  # each fetch waits --delay between two requests to the site
        arrivals = sorted(hit.at for hit in hits)
        assert min(b - a for a, b in zip(arrivals, arrivals[1:], strict=False)) >= 0.19

    code, out, _ = kg("feed", "list", "--store", store)
    assert code == 0 and "3 feeds" in out


def test_feed_state_is_in_its_own_graph_and_survives_reopening(tmp_path: Path, site: Site) -> None:
    store, base = str(tmp_path / "store"), site.base  # type: ignore[attr-defined]
    site.rss = [("Frappe sur Kharkiv", "/monde/kharkiv.html")]
    kg("feed", "add", f"{base}/rss.xml", "--store", store)
    code, _, err = kg("feed", "fetch", "--store", store, *POLITE)
    assert code == 0, err
    assert seen_in(store) == [Literal(f"{base}/monde/kharkiv.html", datatype=XSD_STRING)]

    # a fetch killed after storing the article and before marking its page seen: the next one
    # finds the article stored as it is, and marks the page without building it again
    Store(store).query(f"DELETE WHERE {{ GRAPH {FEED_GRAPH} {{ ?f ?p ?o }} }}", allow_update=True)
    kg("feed", "add", f"{base}/rss.xml", "--store", store)
    code, out, err = kg("feed", "fetch", "--store", store, *POLITE)
    assert code == 0, err
    assert "1 new pages fetched" in out and "Built 0 articles (0 unchanged, 0 skipped)" in out
    assert seen_in(store) == [Literal(f"{base}/monde/kharkiv.html", datatype=XSD_STRING)]


def test_the_feed_graph_conforms_to_the_shapes_and_a_mistake_is_caught(tmp_path: Path, site: Site) -> None:
    import io

    from kg.rdf.shapes import validate

    store, base = str(tmp_path / "store"), site.base  # type: ignore[attr-defined]
    site.rss = [("Frappe sur Kharkiv", "/monde/kharkiv.html")]
    kg("feed", "add", f"{base}/rss.xml", "--store", store)
    assert kg("feed", "fetch", "--store", store, *POLITE)[0] == 0
    output = io.BytesIO()
    Store(store, read_only=True).export(output, "nquads", graph=FEED_GRAPH.value)
    feeds_graph = output.getvalue().decode()
    assert "etag" in feeds_graph and "lastFetched" in feeds_graph and "seenPage" in feeds_graph
    assert validate(feeds_graph).conforms
    etag_line = next(line for line in feeds_graph.splitlines() if "#etag>" in line)
    twice = feeds_graph + etag_line.replace('> "', '> "another', 1) + "\n"  # a feed with two ETags
    assert {v.shape for v in validate(twice).violations} == {"FeedShape"}


XSD_STRING = NamedNode("http://www.w3.org/2001/XMLSchema#string")


def seen_in(store: str) -> list[Literal]:
    graph = Store(store, read_only=True)
    return [q.object for q in graph._store.quads_for_pattern(None, NKG.seenPage, None, FEED_GRAPH)]


@pytest.mark.parametrize("args, message", [
    (["feed", "add", "ftp://example.org/rss"], "is not an http(s) URL"),
    (["feed", "fetch"], "follows no feed; add one with `kg feed add URL`"),
    (["feed", "remove", "http://example.org/none.xml"], "is not followed"),
])
def test_feed_command_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    store = str(tmp_path / "store")
    kg("feed", "add", "http://example.org/first.xml", "--store", store)
    kg("feed", "remove", "http://example.org/first.xml", "--store", store)
    code, _, err = kg(*args, "--store", store)
    assert code in (1, 2) and message in err and "Traceback" not in err


@pytest.mark.parametrize("content, entries", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><link>https://a.example/1</link>'
     b"<pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate></item><item><title>no link</title></item></channel></rss>",
     ["https://a.example/1"]),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><link rel="alternate" '
     b'href="https://a.example/2"/><updated>2025-03-03T08:00:00Z</updated></entry></feed>', ["https://a.example/2"]),
    (b'<rss version="2.0"><channel><title>T</title><item><link>/monde/3.html</link></item></channel></rss>',
     ["https://feeds.example/monde/3.html"]),  # a relative link, against the feed's address
])
def test_parse_feed_lists_entries_with_a_link(content: bytes, entries: list[str]) -> None:
    listing = parse_feed(content, "https://feeds.example/rss.xml")
    assert [entry.link for entry in listing.entries] == entries and listing.title == "T"


def test_follow_stores_each_new_entry_within_seconds_and_stops_on_ctrl_c(tmp_path: Path, site: Site) -> None:
    store, base = tmp_path / "store", site.base  # type: ignore[attr-defined]
    site.rss, site.atom = [("Frappe sur Kharkiv", "/monde/kharkiv.html")], []
    kg("feed", "add", f"{base}/rss.xml", "--store", str(store))
    follow = subprocess.Popen([KG, "feed", "fetch", "--follow", "--interval", "1", "--store", str(store),
                               "--delay", "0.05", "--processes", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: "https://veilleur.example/monde/2025/03/14/frappe-kharkiv" in stored_urls(store), 120)
        site.rss.append(("Frappe à Kherson", "/monde/kherson.html"))
        site.pages["/monde/kherson.html"] = article("Frappe à Kherson", "L'armée russe a bombardé Kherson lundi, a affirmé le parquet régional.")
        added = time.monotonic()
        wait_for(lambda: f"{base}/monde/kherson.html" in stored_urls(store), 10)
        assert time.monotonic() - added < 10
        # while it waits, what it saw is written: the feed's last answer, its ETag
        wait_for(lambda: feeds(Store(store, read_only=True))[0].etag is not None, 5)
        follow.send_signal(signal.SIGINT)
        out, err = follow.communicate(timeout=60)
    finally:
        follow.kill()
    assert follow.returncode == 130, err
    assert "Interrupted after building 2 articles (0 unchanged, 0 skipped)" in out
    assert "Traceback" not in err
    assert len(site.requests("/monde/kharkiv.html")) == 1


def wait_for(condition, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, f"not within {seconds} s"
        time.sleep(0.1)


@pytest.mark.parametrize("robots, page, fetched, gap", [
    (404, "/monde/a.html", True, 0.0),  # no robots.txt: everything may be fetched
    (403, "/monde/a.html", False, 0.0),  # robots.txt refused: nothing may be (RFC 9309)
    (b"User-agent: newskg\nDisallow: /monde/\n", "/monde/a.html", False, 0.0),  # forbidden to newskg by name
    (b"User-agent: otherbot\nDisallow: /\n", "/monde/a.html", True, 0.0),
    (b"User-agent: *\nCrawl-delay: 1\n", "/monde/a.html", True, 1.0),  # longer than --delay
])
def test_fetcher_obeys_robots_txt(robots: bytes | int, page: str, fetched: bool, gap: float) -> None:
    from kg.errors import InputError
    from kg.ingest.fetching import Fetcher

    site = Site(pages={page: b"<html></html>"}, robots=robots)
    server, base = serve(site)
    fetcher = Fetcher(delay=0.05, timeout=2, retries=0)
    try:
        if fetched:
            assert fetcher.get(base + page).status == 200
            assert fetcher.get(base + page).status == 200
        else:
            with pytest.raises(InputError, match="forbidden to newskg by its site's robots.txt"):
                fetcher.get(base + page)
    finally:
        fetcher.close()
        server.shutdown()
    assert len(site.requests(page)) == (2 if fetched else 0) and len(site.requests("/robots.txt")) == 1
    if fetched:
        first, second = site.requests(page)
        assert second.at - first.at >= max(gap, 0.05)
