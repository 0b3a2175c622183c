"""Fetching feeds and pages politely: robots.txt, a delay between requests to one host, conditional
GET, a time-out, a User-Agent naming newskg and its version, and retries with back-off.

Problems are typed: ``FetchError`` for what may pass (network, time-out, 429 and 5xx answers,
after the retries), so the page is tried again at the next fetch; ``InputError`` for what will
not (robots.txt forbids it, 404, too large, not a web page or feed).
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from kg import __version__
from kg.errors import FetchError, InputError

USER_AGENT = f"newskg/{__version__} (knowledge graphs from news; feed reader)"
#: Seconds between two requests to one host, unless its robots.txt asks for more (Crawl-delay).
DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 30.0
#: Attempts after the first for a time-out, a network error, 429 or 5xx; each waits twice as long.
DEFAULT_RETRIES = 2
#: A Crawl-delay longer than this is capped (a feed of one entry a minute would never be read).
MAX_CRAWL_DELAY = 60.0
TRANSIENT = frozenset({429, 500, 502, 503, 504})
#: A site's robots.txt is read again after this many seconds (a fetch that follows feeds for days).
ROBOTS_TTL = 3600.0


@dataclass(frozen=True)
class Answer:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional GET of something unchanged
    content: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """One polite HTTP client for a whole fetch: it remembers each host's robots.txt and last request."""

    def __init__(self, *, delay: float = DEFAULT_DELAY, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, max_bytes: int = 16_000_000,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.retries = retries
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._client = client or httpx.Client(timeout=timeout, follow_redirects=True,
                                              headers={"User-Agent": USER_AGENT})
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}  # host → when its last answer ended
        self._crawl_delay: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Answer:
        """Fetch ``url`` if robots.txt allows it; with ``etag``/``last_modified``, conditionally."""
        host = _origin(url)
        robots = self._robots_of(host)
        if not robots.can_fetch(USER_AGENT, url):
            raise InputError(url, "is forbidden to newskg by its site's robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, host)

    def _robots_of(self, host: str) -> urllib.robotparser.RobotFileParser:
        known = self._robots.get(host)
        if known is not None and time.time() - known.mtime() < ROBOTS_TTL:
            return known
        robots = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            answer = self._request(host + "/robots.txt", {}, host, robots_txt=True)
        except InputError as error:
            if isinstance(error, FetchError):  # RFC 9309: an unreachable robots.txt forbids all, for now
                raise FetchError(error.source, f"{error.problem} (robots.txt could not be read, so "
                                               "nothing of this site is fetched this time)") from None
            robots.parse([])  # no robots.txt (404...): everything is allowed
        else:
            if answer.status in (401, 403):
                robots.disallow_all = True
            else:
                robots.parse(answer.content.decode("utf-8", errors="replace").splitlines())
        robots.modified()  # read now: kept for ROBOTS_TTL
        crawl_delay = robots.crawl_delay(USER_AGENT)
        if crawl_delay:
            self._crawl_delay[host] = min(float(crawl_delay), MAX_CRAWL_DELAY)
        self._robots[host] = robots
        return robots

    def _wait_turn(self, host: str) -> None:
        """Wait until the delay has passed since the host's last answer ended."""
        delay = max(self.delay, self._crawl_delay.get(host, 0.0))
        with self._lock:
            ready = self._last.get(host, 0.0) + delay
            now = time.monotonic()
            self._last[host] = max(now, ready)  # a second thread waits for this request's turn too
        if ready > now:
            self._sleep(ready - now)

    def _request(self, url: str, headers: dict[str, str], host: str, *, robots_txt: bool = False) -> Answer:
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(max(self.delay, 0.05) * 2 ** attempt)
            self._wait_turn(host)
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    status = f"answered {response.status_code} {response.reason_phrase}".rstrip()
                    if response.status_code in TRANSIENT:
                        problem = status
                        continue
                    if response.status_code == 304:
                        return Answer(str(response.url), 304, b"")
                    if response.status_code >= 400 and not (robots_txt and response.status_code in (401, 403)):
                        raise InputError(url, status)
                    content = bytearray()
                    for chunk in response.iter_bytes():
                        content += chunk
                        if len(content) > self.max_bytes:
                            raise InputError(url, f"is over {self.max_bytes:,} bytes")
                    return Answer(str(response.url), response.status_code, bytes(content),
                                  response.headers.get("content-type", ""), response.headers.get("etag"),
                                  response.headers.get("last-modified"))
            except httpx.TimeoutException:
                problem = "timed out"
            except httpx.InvalidURL as error:
                raise InputError(url, f"is not a URL that can be fetched ({error})") from None
            except httpx.TransportError as error:
                problem = f"could not be reached ({type(error).__name__}: {error})"
            finally:
                self._last[host] = time.monotonic()
        raise FetchError(url, f"{problem}, {self.retries + 1} times; tried again at the next fetch")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(url, "is not an http(s) URL; give the feed's or page's full address")
    return f"{parts.scheme}://{parts.netloc}"
