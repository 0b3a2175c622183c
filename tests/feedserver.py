"""A news site on 127.0.0.1 for the feed tests: RSS 2.0 and Atom feeds that honour ETags, pages,
a robots.txt that forbids /private/, and pages that fail (500) or answer slowly until told not to.

Every request is logged (path, User-Agent, conditional headers, status, time), so tests can say
what was fetched, how often, and how politely.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "pages"

ARTICLE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{date}T07:00:00+00:00"></head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>{title}</h1><p>{text}</p>
<p>Les autorités locales ont indiqué que les secours étaient sur place et qu'un bilan serait publié dans la journée.</p>
</article><div class="comments"><p>Lecteur : merci pour cet article.</p></div></body></html>"""


def article(title: str, text: str, date: str = "2025-04-01") -> bytes:
    return ARTICLE.format(title=title, text=text, date=date).encode("utf-8")


@dataclass
class Hit:
    path: str
    status: int  # 0 until answered
    agent: str
    if_none_match: str | None
    at: float  # when the request arrived


@dataclass
class Site:
    """What the server answers; tests change it between fetches."""

    rss: list[tuple[str, str]] = field(default_factory=list)  # (title, path) of each item
    atom: list[tuple[str, str]] = field(default_factory=list)
    pages: dict[str, bytes] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)  # paths answered 500
    slow: dict[str, float] = field(default_factory=dict)  # path → seconds before answering
    robots: bytes | int = b"User-agent: *\nDisallow: /private/\n"  # its text, or a status to answer
    log: list[Hit] = field(default_factory=list)

    def requests(self, path: str) -> list[Hit]:
        return [hit for hit in self.log if hit.path == path]


def _rss(site: Site, base: str) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                    f"<pubDate>Tue, 01 Apr 2025 07:00:00 GMT</pubDate></item>" for t, p in site.rss)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Le Veilleur</title>'
            f"<link>{base}/</link><description>Monde</description>{items}</channel></rss>").encode()


def _atom(site: Site, base: str) -> bytes:
    entries = "".join(f'<entry><title>{t}</title><link href="{base}{p}"/><id>{base}{p}</id>'
                      f"<updated>2025-04-02T07:00:00Z</updated></entry>" for t, p in site.atom)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Info Est</title><id>{base}/atom</id><updated>2025-04-02T07:00:00Z</updated>"
            f"{entries}</feed>").encode()


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    """Start the site in a daemon thread; returns the server (call ``shutdown``) and its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # the log is the Site's
            pass

        def do_GET(self) -> None:  # noqa: N802
            base = f"http://{self.headers['Host']}"
            path = self.path
            # logged as it arrives (its status once known): a slow answer stays in its fetch's place
            hit = Hit(path, 0, self.headers.get("User-Agent", ""), self.headers.get("If-None-Match"),
                      time.monotonic())
            site.log.append(hit)
            body, kind, status = b"", "text/html; charset=utf-8", 200
            if path in site.slow:
                time.sleep(site.slow[path])
            if path == "/robots.txt" and isinstance(site.robots, int):
                status = site.robots
            elif path == "/robots.txt":
                body, kind = site.robots, "text/plain"
            elif path == "/rss.xml":
                body, kind = _rss(site, base), "application/rss+xml"
            elif path == "/atom.xml":
                body, kind = _atom(site, base), "application/atom+xml"
            elif path == "/broken.xml":
                body, kind = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</tit', "application/rss+xml"
            elif path in site.failing:
                status = 500
            elif path in site.pages:
                body = site.pages[path]
            else:
                status = 404
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if status == 200 and path.endswith(".xml") and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            hit.status = status
            try:
                self.send_response(status)
                if status in (200, 304):
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", formatdate(usegmt=True))
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out)
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
