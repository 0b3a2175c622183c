"""Turning an input's bytes into article text: binary refused, encodings decoded by a stated policy,
HTML reduced to its text.

Policy, in order:

1. Known binary formats (PNG, JPEG, GIF, PDF, ZIP/DOCX, gzip) and any byte string holding NUL bytes
   are refused.
2. UTF-8 (a BOM is dropped) is used when it decodes cleanly.
3. Otherwise, if at most 1 byte in 1,000 is invalid, the text is decoded as UTF-8 with each bad
   byte replaced by U+FFFD and a note says how many were replaced.
4. Otherwise the bytes are decoded as Windows-1252 (a superset of Latin-1, the usual legacy
   encoding of French text) if that yields no control characters, with a note.
5. Anything else is refused with a message asking for UTF-8.

HTML (a document starting with ``<!doctype html``/``<html``, or dense with tags) is reduced to its
visible text; scripts and styles are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "a gzip archive"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
MAX_INVALID_RATIO = 0.001


class DecodingError(ValueError):
    """The bytes are not text this policy accepts; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    notes: tuple[str, ...] = ()


def decode(raw: bytes) -> Decoded:
    """Decode an input's bytes by the policy in this module's docstring."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise DecodingError(f"is {what}, not text; give a .txt or .jsonl file")
    if b"\x00" in raw[:65536]:
        raise DecodingError("is a binary file (it holds NUL bytes), not text")
    notes: list[str] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, note = _decode_damaged(raw)
        notes.append(note)
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("HTML reduced to its text")
    return Decoded(text, tuple(notes))


def _decode_damaged(raw: bytes) -> tuple[str, str]:
    replaced = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    invalid = replaced.count("\ufffd") - raw.decode("utf-8", errors="ignore").count("\ufffd")
    if invalid <= max(1, len(raw) * MAX_INVALID_RATIO):
        return replaced, f"{invalid} invalid UTF-8 byte(s) replaced by U+FFFD"
    legacy = raw.decode("cp1252", errors="replace")
    if not _CONTROL.search(legacy) and "\ufffd" not in legacy:
        return legacy, "not UTF-8; decoded as Windows-1252 (Latin-1)"
    raise DecodingError("is neither UTF-8 nor Windows-1252 text; re-encode it as UTF-8")


def looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    tags = len(_TAG.findall(text[:20000]))
    return tags >= 5 and tags * 40 > min(len(text), 20000)


class _TextCollector(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
                       "article", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one paragraph per line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = html.unescape("".join(collector.parts))
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
