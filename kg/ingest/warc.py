"""Web archives (``.warc``, ``.warc.gz``): each HTML page the archive holds (a ``response``
record, status 200) is read as a saved web page (kg.ingest.pages), keyed by its address.

warcio streams the archive record by record, so an archive larger than memory is read; it is
imported on the first archive read.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.pages import read_page
from kg.model import Document

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, limit: int) -> Iterator[Document | InputError]:
    """The pages of a web archive, or an InputError for each that cannot be read (one for the
    archive if it cannot be read at all); ``limit`` bounds each page's bytes."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with path.open("rb") as stream:
            head = stream.read(512)
            if head.startswith(b"\x1f\x8b"):
                head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, 16)
            if not head.startswith(b"WARC/"):  # warcio would take almost anything for an old ARC file
                yield InputError(str(path), "is not a WARC archive (it does not start with a WARC "
                                            "record); check the file")
                return
            stream.seek(0)
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                if record.http_headers.get_statuscode() != "200" or "html" not in kind:
                    continue  # redirects, errors, images, scripts: not articles
                origin = f"{path}#{uri}"
                raw = record.content_stream().read(limit + 1)
                if len(raw) > limit:
                    yield InputError(origin, f"is over {limit:,} bytes; not read")
                    continue
                try:
                    yield read_page(raw, origin, url=uri, limit=limit)
                except InputError as error:
                    yield error
    except OSError as error:
        yield InputError(str(path), f"cannot be read ({error.strerror or error}); check it")
    except Exception as error:  # warcio on a damaged archive raises all kinds: the pages read so far stand
        problem = " ".join(f"{type(error).__name__}: {error}".split())[:160]
        yield InputError(str(path), f"is not a readable WARC archive from here on ({problem}); check the file")
