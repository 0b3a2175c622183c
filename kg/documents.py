"""Reading inputs (.txt files, folders, .jsonl files, JSONL on stdin) into ``Document`` records.

Problems with one input never stop the others: ``read_documents`` yields an ``InputError`` in place
of the article it could not read, and the caller decides whether to skip it or stop.

Input forms:

* ``article.txt``: one article; its id is the file name without extension, its date the first
  ``YYYY-MM-DD`` in the file name if any (``kaluga-2024-11-25.fr.txt`` → 2024-11-25).
* ``articles.jsonl``: one JSON object per line: ``text`` required; ``id``, ``url``, ``title``,
  ``date`` (ISO 8601 date or date-time), ``source``, ``lang`` optional.
* a folder: every ``.txt`` and ``.jsonl`` file below it, in sorted order.
* ``-``: JSONL on standard input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.model import Document

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_STRING_FIELDS = ("id", "url", "title", "source", "lang")

#: Articles longer than this many characters are refused (about 150,000 words).
DEFAULT_MAX_CHARS = 1_000_000


def read_documents(
    inputs: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | InputError]:
    """Yield every article found in ``inputs``, or an ``InputError`` for each one that fails."""
    for item in inputs:
        if str(item) == "-":
            yield from _read_jsonl_stream(sys.stdin, "<stdin>", max_chars)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, max_chars)
        elif path.exists():
            yield from _read_file(path, max_chars)
        else:
            yield InputError(str(path), "no such file or folder; check the path")


def _read_folder(folder: Path, max_chars: int) -> Iterator[Document | InputError]:
    seen: set[Path] = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in TEXT_SUFFIXES | JSONL_SUFFIXES or not path.is_file():
            continue
        real = path.resolve()
        if real in seen:  # the same file reached twice through symlinks
            continue
        seen.add(real)
        yield from _read_file(path, max_chars)


def _read_file(path: Path, max_chars: int) -> Iterator[Document | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open(encoding="utf-8-sig", newline="") as stream:
                yield from _read_jsonl_stream(stream, str(path), max_chars)
        except OSError as error:
            yield InputError(str(path), f"cannot be read ({error.strerror}); check its permissions")
        except UnicodeDecodeError as error:
            yield InputError(str(path), f"is not UTF-8 text ({error.reason}); re-encode it as UTF-8")
        return
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield InputError(str(path), f"cannot be read ({error.strerror}); check its permissions")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield InputError(
            str(path), f"is not UTF-8 text (byte {error.start}); re-encode it as UTF-8"
        )
        return
    found = _DATE_IN_NAME.search(path.name)
    date = _parse_date(found.group(1)) if found else None
    yield _checked(Document(id=path.name.split(".")[0], text=text, date=date, origin=str(path)),
                   max_chars)


def _read_jsonl_stream(stream: IO[str], name: str, max_chars: int) -> Iterator[Document | InputError]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(origin, f"is not valid JSON ({error.msg}); fix or remove the line")
            continue
        try:
            yield _checked(document_from_record(record, origin), max_chars)
        except InputError as error:
            yield error


def document_from_record(record: object, origin: str) -> Document:
    """Build a Document from one decoded JSONL record, checking every field's type."""
    if not isinstance(record, dict):
        raise InputError(origin, "is not a JSON object; each line must be {\"text\": ...}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(origin, "has no \"text\" string; every article needs its text")
    fields: dict[str, str | None] = {}
    for key in _STRING_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise InputError(origin, f"field {key!r} must be a string, not {type(value).__name__}")
        fields[key] = None if value is None else str(value)
    date_value = record.get("date")
    if date_value is not None and not isinstance(date_value, str):
        raise InputError(origin, f"field 'date' must be an ISO date string, not {date_value!r}")
    date = None
    if date_value:
        date = _parse_date(date_value)
        if date is None:
            raise InputError(origin, f"field 'date' {date_value!r} is not an ISO date (YYYY-MM-DD)")
    return Document(
        id=fields["id"] or "",
        text=text,
        url=fields["url"],
        title=fields["title"],
        date=date,
        source=fields["source"],
        lang=fields["lang"],
        origin=origin,
    )


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _checked(document: Document, max_chars: int) -> Document | InputError:
    if not document.text.strip():
        return InputError(document.origin, "is empty; nothing to extract")
    if len(document.text) > max_chars:
        return InputError(
            document.origin,
            f"has {len(document.text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise --max-chars",
        )
    return document
