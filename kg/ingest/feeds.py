"""RSS and Atom feeds: their entries listed (by feedparser), and the pages of new entries fetched
and read into Documents, politely (kg.ingest.fetching), remembering what was seen in the store
(kg.store.feeds).

``FeedReader.documents`` runs in the build's input thread; the build tells it, through
``acknowledge``, which pages were stored or refused, and ``save`` (called by the build's thread,
the only one that writes the store) records them as seen, and each feed's ETag and Last-Modified
once all the new entries of its answer are done.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

from pyoxigraph import NamedNode

from kg.errors import FetchError, InputError
from kg.ingest.documents import DEFAULT_MAX_CHARS, check_document
from kg.ingest.fetching import Fetcher
from kg.ingest.pages import read_page
from kg.model import Document
from kg.rdf.iris import article_iri
from kg.store import feeds as ledger
from kg.store.base import GraphStore

_PAGE_TYPES = ("text/html", "application/xhtml")


@dataclass(frozen=True)
class Entry:
    link: str
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class Listing:
    title: str | None
    entries: tuple[Entry, ...]


def parse_feed(content: bytes, url: str) -> Listing:
    """The entries of an RSS or Atom document (links resolved against ``url``); InputError naming
    ``url`` if it is not one."""
    import feedparser  # only when a feed is read

    parsed = feedparser.parse(content)  # bytes are parsed as they are, never fetched
    problem = parsed.get("bozo_exception")
    if not parsed.get("version") or type(problem).__name__ == "SAXParseException":
        why = f" ({' '.join(str(problem).split())[:120]})" if problem else ""
        raise InputError(url, f"is not a well-formed RSS or Atom feed{why}; check the feed's address")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or next((ln.get("href") for ln in item.get("links", []) if ln.get("href")), None)
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(Entry(link=urljoin(url, link.strip()), title=item.get("title") or None,
                             published=dt.date(*stamp[:3]) if stamp else None))
    return Listing(title=parsed.feed.get("title") or None, entries=tuple(entries))


@dataclass
class FetchSummary:
    feeds: int = 0  # answers read
    not_modified: int = 0
    failed: int = 0  # feeds that could not be fetched or read
    pages: int = 0  # new pages fetched


@dataclass
class _Answer:
    """One feed's answer while its new entries are built."""

    feed: ledger.Feed
    etag: str | None
    last_modified: str | None
    title: str | None
    when: dt.datetime
    outstanding: set[str] = field(default_factory=set)
    listed: bool = False
    failed: bool = False  # an entry failed for now: the feed is asked again in full next time


class FeedReader:
    """The new pages of ``feeds`` as Documents, once (``interval`` None) or every ``interval`` seconds."""

    def __init__(self, store: GraphStore, fetcher: Fetcher, *, content_hash: Callable[[Document], str],
                 interval: float | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 any_language: bool = False, force: bool = False,
                 should_stop: Callable[[], bool] = lambda: False) -> None:
        self.store = store
        self.fetcher = fetcher
        self.content_hash = content_hash
        self.interval = interval
        self.max_chars = max_chars
        self.any_language = any_language
        self.force = force
        self.should_stop = should_stop
        self.feeds = {feed.url: feed for feed in ledger.feeds(store)}
        self.seen = ledger.seen_pages(store)
        self.summary = FetchSummary()
        self._lock = threading.Lock()
        self._owner: dict[str, _Answer] = {}  # page address → the answer that listed it
        self._marks: list[tuple[NamedNode, str]] = []  # seen, not yet written
        self._done: list[_Answer] = []  # answers whose entries are all done, not yet written

    def documents(self) -> Iterator[Document | InputError]:
        while True:
            for feed in list(self.feeds.values()):
                if self.should_stop():
                    return
                yield from self._read(feed)
            if self.interval is None or not self._pause(self.interval):
                return

    def _pause(self, seconds: float) -> bool:
        """Sleep between rounds; False if asked to stop meanwhile."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.should_stop():
                return False
            time.sleep(min(0.2, max(0.0, end - time.monotonic())))
        return not self.should_stop()

    def _read(self, feed: ledger.Feed) -> Iterator[Document | InputError]:
        try:
            answer = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            now = dt.datetime.now(dt.timezone.utc)
            if answer.status == 304:
                self.summary.not_modified += 1
                self._finish(_Answer(feed, feed.etag, feed.last_modified, feed.title, now, listed=True))
                return
            listing = parse_feed(answer.content, feed.url)
        except InputError as error:
            self.summary.failed += 1
            yield error
            return
        self.summary.feeds += 1
        pending = _Answer(feed, answer.etag, answer.last_modified, listing.title or feed.title, now)
        for entry in listing.entries:
            if self.should_stop():
                return  # the answer is not finished: its ETag is not saved, the rest comes next time
            if entry.link in self.seen:
                continue
            self.seen.add(entry.link)
            item = self._page(entry, listing)
            if isinstance(item, Document) and not self.force and self._stored(item):
                with self._lock:
                    self._marks.append((feed.iri, entry.link))
                continue
            with self._lock:
                pending.outstanding.add(entry.link)
                self._owner[entry.link] = pending
            yield item
        self._finish(pending)

    def _page(self, entry: Entry, listing: Listing) -> Document | InputError:
        try:
            answer = self.fetcher.get(entry.link)
            kind = answer.content_type.split(";")[0].strip().lower()
            if kind and not kind.startswith(_PAGE_TYPES):
                raise InputError(entry.link, f"is not a web page ({kind})")
            self.summary.pages += 1
            document = read_page(answer.content, entry.link, url=answer.url, limit=4 * self.max_chars + 4)
        except InputError as error:  # named by the entry's address, whatever the request was
            again = "" if isinstance(error, FetchError) else "; not fetched again"  # remembered as seen
            return type(error)(entry.link, error.problem + again)
        document = replace(document, title=document.title or entry.title,
                           date=document.date or entry.published, source=document.source or listing.title)
        return check_document(document, max_chars=self.max_chars, any_language=self.any_language)

    def _stored(self, document: Document) -> bool:
        """True if the page's article is stored as it is (a fetch stopped before marking it seen)."""
        return self.store.article_hash(article_iri(document)) == self.content_hash(document)

    def _finish(self, answer: _Answer) -> None:
        with self._lock:
            answer.listed = True
            if not answer.outstanding:
                self._done.append(answer)

    def acknowledge(self, page: str, *, seen: bool) -> None:
        """The build is done with ``page``: stored or refused for good (``seen``), or failed for now."""
        with self._lock:
            answer = self._owner.pop(page, None)
            if answer is None:  # a feed's own error, or not a page of this reader
                return
            answer.outstanding.discard(page)
            if seen:
                self._marks.append((answer.feed.iri, page))
            else:
                answer.failed = True
                self.seen.discard(page)  # tried again in the next round
            if answer.listed and not answer.outstanding:
                self._done.append(answer)

    def save(self) -> None:
        """Write the pages seen and the answers finished since the last call (build's thread only)."""
        with self._lock:
            marks, self._marks = self._marks, []
            done, self._done = self._done, []
        ledger.mark_seen(self.store, marks)
        for answer in done:
            keep = answer.failed  # an entry to retry: the next answer must list it again
            etag = answer.feed.etag if keep else answer.etag
            modified = answer.feed.last_modified if keep else answer.last_modified
            ledger.save_answer(self.store, answer.feed.iri, etag=etag, last_modified=modified,
                               title=answer.title, when=answer.when)
            self.feeds[answer.feed.url] = replace(answer.feed, etag=etag, last_modified=modified,
                                                  title=answer.title)
