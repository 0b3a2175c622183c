"""What a web page says about itself beyond what trafilatura reads: its language, canonical address
and last update, from ``<html lang>``, ``<link rel="canonical">``, ``<meta>`` tags and JSON-LD.

Which keys are read, in which order, is data: ``kg/data/rules/pages.json``.

>>> hints = page_hints('<html lang="fr-FR"><head><meta property="article:modified_time" '
...                    'content="2025-03-15T10:00:00+01:00"></head></html>')
>>> hints.lang, hints.modified
('fr-FR', '2025-03-15T10:00:00+01:00')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from kg.data import RULES

#: Only the head of a page is searched: metadata is at its top, and a huge page stays cheap.
MAX_SCANNED = 300_000


@dataclass(frozen=True)
class PageHints:
    lang: str | None = None
    canonical: str | None = None  # <link rel="canonical">, else og:url or JSON-LD url
    modified: str | None = None  # the date-time text as the page gives it


@cache
def rules() -> dict:
    return json.loads((RULES / "pages.json").read_text(encoding="utf-8"))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.canonical: str | None = None
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"]
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and values.get("href"):
            self.canonical = self.canonical or values["href"]
        elif tag == "meta" and values.get("content"):
            for key in ("property", "name", "itemprop", "http-equiv"):
                if values.get(key):
                    self.meta.setdefault(values[key].lower(), values["content"])
        elif tag in ("time", "span") and values.get("itemprop") and values.get("datetime"):
            self.meta.setdefault(values["itemprop"].lower(), values["datetime"])
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data


def _objects(value: object) -> Iterator[dict]:
    """Every JSON object in a JSON-LD block, ``@graph`` members included."""
    if isinstance(value, list):
        for item in value:
            yield from _objects(item)
    elif isinstance(value, dict):
        yield value
        yield from _objects(value.get("@graph", []))


def _first(objects: list[dict], keys: list[str]) -> str | None:
    for key in keys:
        for item in objects:
            value = item.get(key)
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def page_hints(markup: str) -> PageHints:
    """The language, canonical URL and update date a page declares (None where it does not)."""
    collector = _Collector()
    try:
        collector.feed(markup[:MAX_SCANNED])
        collector.close()
    except (AssertionError, ValueError):  # markup too broken to parse: what was read so far stands
        pass
    objects: list[dict] = []
    for block in collector.jsonld:
        try:
            found = list(_objects(json.loads(block)))
        except (ValueError, RecursionError):  # a broken JSON-LD block: the page's other hints stand
            continue
        # an article's own object first (NewsArticle, Article, ReportageNewsArticle...)
        objects += sorted(found, key=lambda o: "Article" not in str(o.get("@type", "")))
    table = rules()
    modified = _first(objects, table["modified_keys"]["jsonld"]) or next(
        (collector.meta[k.lower()] for k in table["modified_keys"]["meta"] if k.lower() in collector.meta), None)
    canonical = collector.canonical or next(
        (collector.meta[k.lower()] for k in table["url_keys"]["meta"] if k.lower() in collector.meta), None
    ) or _first(objects, table["url_keys"]["jsonld"])
    return PageHints(lang=collector.lang, canonical=canonical, modified=modified)
