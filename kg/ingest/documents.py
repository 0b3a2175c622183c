"""Reading inputs (.txt files, folders, .jsonl files, JSONL on stdin) into ``Document`` records.

Problems with one input never stop the others: ``read_documents`` yields an ``InputError`` in place
of the article it could not read, and the caller decides whether to skip it or stop.

Input forms:

* ``article.txt``: one article; its id is the file name up to the first dot, its date the first
  ``YYYY-MM-DD`` in the file name if any (``kaluga-2024-11-25.fr.txt`` → 2024-11-25). Bytes are
  decoded by the policy of ``kg.ingest.decoding`` (UTF-8, else repaired or Windows-1252, HTML to text).
* ``articles.jsonl``: one JSON object per line: ``text`` required; ``id``, ``url``, ``title``,
  ``date`` (ISO 8601 date or date-time), ``source``, ``lang`` optional.
* a folder: every ``.txt`` and ``.jsonl`` file below it, in sorted order, following symbolic links
  but visiting each real folder and file once (so link loops end).
* ``-``: JSONL on standard input.

Articles that are not French (by their ``lang`` field, else by ``kg.ingest.language``) are refused unless
``any_language`` is set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.ingest.decoding import DecodingError, decode, html_to_text, looks_like_html
from kg.ingest.language import guess_language
from kg.ingest.dates import with_date
from kg.model import Document

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_STRING_FIELDS = ("id", "url", "title", "source", "lang")

#: Articles longer than this many characters are refused (about 150,000 words).
DEFAULT_MAX_CHARS = 1_000_000
#: Longest stretch without a sentence end (. ! ? …) an article may hold. spaCy's parser takes time
#: quadratic in a sentence's length (measured: 11,000 chars 0.6 s, 57,000 chars 4.4 s, 115,000
#: chars 18 s, and a 100,000-word sentence did not finish in 6 minutes); line breaks do not end
#: its sentences. Such a stretch is a list or a dump, not prose, so it is refused.
MAX_SENTENCE_CHARS = 30_000
_SENTENCE_END = re.compile(r"[.!?…]")
_SURROGATE = re.compile("[\ud800-\udfff]")
LANGUAGE_NAMES = {"en": "English", "de": "German", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "ru": "Russian", "uk": "Ukrainian"}


def read_documents(
    inputs: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS, any_language: bool = False,
) -> Iterator[Document | InputError]:
    """Yield every article found in ``inputs``, or an ``InputError`` for each one that fails."""
    reader = _Reader(max_chars, any_language)
    for item in inputs:
        if str(item) == "-":
            yield from reader.jsonl_stream(sys.stdin, "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            yield from reader.folder(path)
        elif path.exists():
            yield from reader.file(path)
        elif path.is_symlink():
            yield InputError(str(path), "is a broken symbolic link; fix or remove it")
        else:
            yield InputError(str(path), "no such file or folder; check the path")


class _Reader:
    def __init__(self, max_chars: int, any_language: bool) -> None:
        self.max_chars = max_chars
        self.any_language = any_language

    def folder(self, root: Path) -> Iterator[Document | InputError]:
        seen_dirs: set[str] = set()
        seen_files: set[str] = set()
        for current, dirs, files in os.walk(root, followlinks=True, onerror=None):
            real = os.path.realpath(current)
            if real in seen_dirs:  # a symlink loop or a second link to the same folder
                dirs[:] = []
                continue
            seen_dirs.add(real)
            dirs.sort()
            for name in sorted(files):
                path = Path(current) / name
                if path.suffix.lower() not in TEXT_SUFFIXES | JSONL_SUFFIXES:
                    continue
                real_file = os.path.realpath(path)
                if real_file in seen_files:
                    continue
                seen_files.add(real_file)
                if not path.exists():
                    yield InputError(str(path), "is a broken symbolic link; fix or remove it")
                    continue
                yield from self.file(path)

    def file(self, path: Path) -> Iterator[Document | InputError]:
        if path.suffix.lower() in JSONL_SUFFIXES:
            try:
                with path.open(encoding="utf-8-sig", errors="strict", newline="") as stream:
                    yield from self.jsonl_stream(stream, str(path))
            except OSError as error:
                yield InputError(str(path), f"cannot be read ({error.strerror}); check its permissions")
            except UnicodeDecodeError as error:
                yield InputError(str(path), f"is not UTF-8 text ({error.reason}); re-encode it as UTF-8")
            return
        limit = 4 * self.max_chars + 4  # bytes: max_chars characters at 4 bytes a character at most
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):  # a FIFO or device could block or never end
                yield InputError(str(path), "is not a regular file; give a .txt or .jsonl file")
                return
            if info.st_size > limit:
                yield InputError(str(path), f"has {info.st_size:,} bytes, over the limit of "
                                            f"{self.max_chars:,} characters; split it or raise --max-chars")
                return
            with path.open("rb") as stream:
                raw = stream.read(limit + 1)  # bounded even if the file grows while it is read
            if len(raw) > limit:
                yield InputError(str(path), f"grew past the limit of {self.max_chars:,} characters "
                                            "while it was read; split it or raise --max-chars")
                return
        except OSError as error:
            yield InputError(str(path), f"cannot be read ({error.strerror}); check its permissions")
            return
        try:
            decoded = decode(raw)
        except DecodingError as error:
            yield InputError(str(path), str(error))
            return
        found = _DATE_IN_NAME.search(path.name)
        date = _parse_date(found.group(1)) if found else None
        # a file name that is not valid UTF-8 reaches Python with surrogate escapes: not an IRI
        key = _SURROGATE.sub("\ufffd", path.name.split(".")[0])
        yield self.checked(Document(id=key, text=decoded.text, date=date,
                                    origin=str(path), notes=decoded.notes))

    def jsonl_stream(self, stream: IO[str], name: str) -> Iterator[Document | InputError]:
        # 6 characters a character: a JSON line may escape every character as \uXXXX
        for number, line in enumerate(_lines(stream, 6 * self.max_chars + 4096), start=1):
            origin = f"{name}:{number}"
            if line is None:
                yield InputError(origin, f"is a line over the limit of {self.max_chars:,} characters "
                                         "(JSON escapes included); split it or raise --max-chars")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield InputError(origin, f"is not valid JSON ({error.msg}); fix or remove the line")
                continue
            except RecursionError:
                yield InputError(origin, "is JSON nested too deeply; fix or remove the line")
                continue
            try:
                yield self.checked(document_from_record(record, origin))
            except InputError as error:
                yield error

    def checked(self, document: Document) -> Document | InputError:
        if not document.text.strip():
            return InputError(document.origin, "is empty; nothing to extract")
        if len(document.text) > self.max_chars:
            return InputError(
                document.origin,
                f"has {len(document.text):,} characters, over the limit of {self.max_chars:,}; "
                "split it or raise --max-chars",
            )
        longest = max(map(len, _SENTENCE_END.split(document.text)))
        if longest > MAX_SENTENCE_CHARS:
            return InputError(
                document.origin,
                f"has {longest:,} characters without a sentence end (. ! ?), over the limit of "
                f"{MAX_SENTENCE_CHARS:,}: not prose, and too slow to parse; split it into sentences",
            )
        if not self.any_language:
            declared = (document.lang or "").lower().split("-")[0] or None
            language = declared or guess_language(document.text)
            if language not in (None, "fr"):
                name = LANGUAGE_NAMES.get(language, f"language {language!r}")
                how = "is declared" if declared else "looks like"
                return InputError(document.origin, f"{how} {name}, not French; pass --any-language to build it anyway")
        return with_date(document)


def _lines(stream: IO[str], limit: int) -> Iterator[str | None]:
    """The lines of ``stream``; None in place of a line longer than ``limit`` characters, which is
    skipped without being held in memory."""
    while line := stream.readline(limit):
        if len(line) < limit or line.endswith("\n"):
            yield line
            continue
        while (rest := stream.readline(limit)) and not rest.endswith("\n"):
            pass
        yield None


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
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
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
    notes: tuple[str, ...] = ()
    # JSON may escape half of a surrogate pair ("\ud800"), which no UTF-8 text can hold
    lone = sum(len(_SURROGATE.findall(v)) for v in (text, *fields.values()) if v)
    if lone:
        text = _SURROGATE.sub("\ufffd", text)
        fields = {k: v if v is None else _SURROGATE.sub("\ufffd", v) for k, v in fields.items()}
        notes = (f"{lone} lone surrogate escape(s) replaced by U+FFFD",)
    if looks_like_html(text):
        text, notes = html_to_text(text), (*notes, "HTML reduced to its text")
    return Document(
        id=fields["id"] or "", text=text, url=fields["url"], title=fields["title"], date=date,
        source=fields["source"], lang=fields["lang"], origin=origin, notes=notes,
    )


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None
