"""Saved web pages (``.html``, ``.htm``, ``.xhtml``, and these gzipped) read into Documents.

The article's main text, without menus, comments, sharing buttons and "read also" blocks, and its
metadata (title, canonical URL, publication date, site name, author) come from trafilatura; the
language, the canonical URL when trafilatura finds none, and the update date come from
:mod:`kg.ingest.pagemeta`. Lines that are link blocks (``kg/data/rules/pages.json``) are dropped.
The text is what is extracted and stored: evidence offsets refer to it.

trafilatura (and lxml under it) is imported on the first page read, not with this module.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zlib
from functools import cache
from urllib.parse import urljoin

from kg.errors import InputError
from kg.ingest.pagemeta import page_hints, rules
from kg.model import Document

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SENTENCE_END = re.compile(r"[.!?…]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def is_page(name: str) -> bool:
    """True if a file name is a saved web page's (``page.html``, ``page.html.gz``)."""
    return name.lower().endswith(PAGE_SUFFIXES)


def unpack(raw: bytes, origin: str, limit: int) -> bytes:
    """A page's bytes, gunzipped if they are gzip data, at most ``limit`` bytes once unpacked."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    try:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        unpacked = inflater.decompress(raw, limit + 1)
    except zlib.error as error:
        raise InputError(origin, f"is not valid gzip data ({error}); save the page again") from None
    if not inflater.eof and len(unpacked) <= limit:
        raise InputError(origin, "is not valid gzip data (it ends too early); save the page again")
    if len(unpacked) > limit:
        raise InputError(origin, f"unpacks to over {limit:,} bytes; split it or raise --max-chars")
    return unpacked


def read_page(raw: bytes, origin: str, *, key: str = "", url: str | None = None,
              limit: int = 4_000_004) -> Document:
    """The article of one web page's bytes (gzipped or not); InputError if it holds none.

    ``key`` is the article's id (a saved page's file name; empty for a fetched page, whose key
    is then its URL); ``url`` is where it was fetched from, used when the page gives no canonical URL.
    """
    markup = _markup(unpack(raw, origin, limit), origin)
    import trafilatura  # heavy (lxml, justext, htmldate): only when a page is read

    _quiet()

    try:
        found = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # trafilatura on hostile markup: this page fails, not the build
        problem = " ".join(f"{type(error).__name__}: {error}".split())[:160]
        raise InputError(origin, f"could not be read as a web page ({problem})") from None
    text = _clean(getattr(found, "text", None) or "") if found is not None else ""
    if not _SENTENCE_END.search(text):  # nothing but link labels ("Accueil Monde Sport")
        raise InputError(origin, "is a web page with no article text found (only menus, links or "
                                 "scripts); save the article's own page")
    hints = page_hints(markup)
    return Document(
        id=key, text=text, url=_absolute(hints.canonical or found.url, url), title=found.title or None,
        date=_date(found.date), source=found.sitename or None, lang=hints.lang,
        origin=origin, author=found.author or None, modified=_date(hints.modified),
    )


def _markup(raw: bytes, origin: str) -> str:
    """The page's markup as text: its declared charset, else UTF-8, else Windows-1252."""
    if b"\x00" in raw[:65536]:
        raise InputError(origin, "is a binary file (it holds NUL bytes), not a web page")
    head = raw[:4096].decode("ascii", errors="ignore").lower()
    declared = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    for encoding in (declared.group(1) if declared else "utf-8", "utf-8"):
        try:
            return raw.decode(encoding).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


@cache
def _quiet() -> None:
    """trafilatura and the libraries under it log what they cannot parse; a bad page is reported
    once, as an InputError, so their log lines do not reach the terminal."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _absolute(canonical: str | None, fetched: str | None) -> str | None:
    """The page's address as an absolute http(s) URL: its canonical one resolved against where it
    was fetched from, else that; None for a saved page that gives none (or only a relative one)."""
    if canonical:
        canonical = urljoin(fetched or "", canonical.strip())
        if canonical.startswith(("http://", "https://")):
            return canonical
    return fetched


def _clean(text: str) -> str:
    prefixes = tuple(rules()["noise_prefixes"])
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith(prefixes))


def _date(value: str | None) -> dt.date | None:
    found = _DATE.search(value or "")
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found.group(0))
    except ValueError:
        return None
