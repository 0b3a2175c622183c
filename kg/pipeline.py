"""The one place where the stages are wired: documents → parse → extract → link → quads → store."""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.data import GAZETTEER, ONTOLOGY, RULES
from kg.errors import ExtractionError, InputError, SettingError
from kg.extract.epistemics import assess
from kg.extract.reuse import reuse
from kg.incidents.grouping import UpdateSummary, pending_articles, pending_quad
from kg.incidents.grouping import update as update_incidents
from kg.ingest.documents import DEFAULT_MAX_CHARS, read_documents
from kg.ingest.duplicates import Copy, CopyDesk
from kg.ingest.live import Prefetched
from kg.model import Document, Extraction
from kg.rdf.iris import article_iri
from kg.rdf.ontology import ontology_quads
from kg.rdf.quads import copy_quads, status_quads, to_quads
from kg.shards import Shard
from kg.store.local import Store

# the worker processes' side; DEFAULT_* and default_processes are used from here too
from kg.workers import (  # noqa: F401
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL,
    default_processes,
    extract_documents,
    frozen,
)

if TYPE_CHECKING:
    from pyoxigraph import Quad

#: A summary keeps this many skipped inputs and notes (and counts them all), so a long build's
#: memory does not grow with its problems; ``on_skip``/``on_note`` see every one as it happens.
MAX_KEPT = 100
#: The on-disk store is flushed after this many written articles: Oxigraph's RocksDB otherwise
#: keeps what it wrote in memory (measured: 3 million quads in 10,000 writes, 1.9 GB resident
#: without flushes, 0.2 GB with one every 500 writes, in the same time).
FLUSH_EVERY = 256
#: Incidents are brought up to date after this many written articles, and at the end.
INCIDENT_BATCH = 256
#: ... but once the input is read to its end, after this many: what is still to come is in flight
#: (the workers' read-ahead, copies waiting for their originals), and an update regroups every
#: report of the days it changes, so on a big news day two updates, of 256 and then 244 articles,
#: did that day's work twice (500-article benchmark: 1.1-1.3 s of CPU; one update of all 500,
#: 0.26-0.43 s). The cap keeps one update's size bounded when copies let the reading run far ahead.
LAST_INCIDENT_BATCH = 1024
#: ... and, while a live input pauses, when they were last brought up to date this long ago.
INCIDENT_SECONDS = 30.0
#: New articles are written to the store together (``Store.write_articles``, one atomic bulk
#: ingestion) once their quads reach this many: measured, batches of 50,000 quads write at about
#: the rate of pyoxigraph's ``bulk_load``, one transaction per article at a third to a half of it.
WRITE_BATCH_QUADS = 50_000
#: ... or once the first of them has waited this long, so that a slow build still stores its
#: articles steadily and a killed one loses at most these seconds of work.
WRITE_BATCH_SECONDS = 2.0


@dataclass
class BuildSummary:
    """What one build did; the CLI prints it as one line."""

    articles: int = 0
    unchanged: int = 0
    events: int = 0
    statements: int = 0
    entities: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[InputError] = field(default_factory=list)  # the first MAX_KEPT
    notes: list[str] = field(default_factory=list)  # "origin: what reading repaired", first MAX_KEPT
    interrupted: bool = False
    incidents: UpdateSummary | None = None
    skipped_count: int = 0
    notes_count: int = 0
    copies: int = 0  # articles found to republish another of the build
    reused: int = 0  # of those, the ones not parsed again (they took their original's facts)
    deferred: bool = False  # a shard's build: its articles' incidents wait for `kg incidents --update`
    #: a stopped build: the articles whose incidents it did not group (their pending marks are
    #: stored; `kg incidents --update` or the next build groups them), and the threshold it was
    #: given, if it did not apply it
    ungrouped: int = 0
    threshold_ungrouped: float | None = None

    def skip(self, problem: InputError) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_KEPT:
            self.skipped.append(problem)

    def note(self, note: str) -> None:
        self.notes_count += 1
        if len(self.notes) < MAX_KEPT:
            self.notes.append(note)


#: What shapes an article's graph besides its text: these packages' code, the rule, lexicon and
#: gazetteer files and the ontology. A change to any of them makes every article "changed".
EXTRACTION_CODE = ("ingest", "extract", "link", "rdf")


@cache
def extractor_version(model: str = DEFAULT_MODEL) -> str:
    """newskg's version, the spaCy model's name and version, and a digest of the extraction code
    and data (EXTRACTION_CODE, kg/model.py, kg/text.py, this module, kg/workers.py, kg/data's
    rules, gazetteer and ontology).

    Stored with each article, it makes a rebuild re-extract articles whenever any of them changed.
    """
    package = Path(__file__).parent
    # each file named by its path within its root, so that a checkout, an editable install and a
    # wheel (which place ontology/ differently) give the same version for the same files
    roots = [("kg", package, ["model.py", "text.py", "pipeline.py", "workers.py",
                              *(f"{d}/{p.relative_to(package / d).as_posix()}" for d in EXTRACTION_CODE
                                for p in (package / d).rglob("*.py"))])]
    roots += [(label, folder, [p.relative_to(folder).as_posix() for p in folder.rglob("*")
                               if p.is_file() and p.suffix != ".pyc" and "__pycache__" not in p.parts])
              for label, folder in (("rules", RULES), ("gazetteer", GAZETTEER), ("ontology", ONTOLOGY))]
    digest = hashlib.sha256()
    for label, folder, names in roots:
        for name in sorted(set(names)):
            digest.update(f"{label}/{name}".encode())
            digest.update((folder / name).read_bytes())
    return f"{__version__}+{model}-{_model_version(model)}+{digest.hexdigest()[:12]}"


def _model_version(model: str) -> str:
    """The installed version of a spaCy model package, read without loading it; a path to a model
    folder is versioned by its meta.json."""
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        meta = Path(model) / "meta.json"
        if meta.is_file():
            return hashlib.sha256(meta.read_bytes()).hexdigest()[:12]
        return "unknown"


def content_hash(document: Document, model: str = DEFAULT_MODEL) -> str:
    """A digest of everything that shapes an article's graph: its text, metadata and the extractor."""
    payload = json.dumps(
        [document.text, document.url, document.title,
         document.date.isoformat() if document.date else None,
         document.source, document.lang, extractor_version(model),
         document.author, document.modified.isoformat() if document.modified else None],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def build(
    inputs: Iterable[str | Path],
    store: Store,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    strict: bool = False,
    force: bool = False,
    any_language: bool = False,
    on_article: Callable[[Document], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_skip: Callable[[InputError], None] | None = None,
    on_note: Callable[[str], None] | None = None,
    incident_threshold: float | None = None,
    documents: Iterable[Document | InputError] | None = None,
    shard: Shard | None = None,
) -> BuildSummary:
    """Build the graph of every article in ``inputs`` into ``store``.

    Articles whose text, metadata and rules are unchanged since the last build are left as they
    are (``force`` re-extracts them). Unreadable inputs are counted in ``summary`` and passed to
    ``on_skip``; with ``strict`` the first one is raised instead, once the articles read before
    it are written. Articles are written in batches (WRITE_BATCH_QUADS, WRITE_BATCH_SECONDS),
    each batch whole or not at all; ``on_article`` is called for each once its batch is stored.
    ``should_stop`` is asked after each article is extracted and before each input is read; when
    it answers True the articles extracted so far are written and the build ends there.
    The incidents of the written articles are updated every INCIDENT_BATCH articles and at the
    end (kg.incidents.grouping), with ``incident_threshold`` if given (a new threshold regroups all).
    A stopped build does not group what it wrote, and an update that ``should_stop`` interrupts
    writes nothing: the articles keep their pending marks for the next build or
    ``kg incidents --update`` (``summary.ungrouped`` counts them).
    ``documents``, if given, are read instead of ``inputs``. Standard input (``-``) and ``documents``
    are live (kg.ingest.live): read in a thread, each batch written as soon as the input pauses.

    With ``shard``, only that share of the articles is parsed and stored (kg.shards), while other
    shards build the rest into the same store at once: every input is still read, so that copies
    are found as one build finds them (a copy whose original is another shard's has the original
    parsed again for it, not stored); incidents are not grouped, since grouping is not safe beside
    other writers: each article keeps its ``nkg:incidentsPending`` mark until one
    ``kg incidents --update`` (:func:`kg.incidents.grouping.update_pending`) groups them all; and
    only the first shard writes the ontology. The result is the graph of one build of ``inputs``.
    """
    started = time.perf_counter()
    summary = BuildSummary(deferred=shard is not None)
    inputs = list(inputs)  # looked at twice: for "-", and to be read
    stdin = any(str(item) == "-" for item in inputs)
    live = documents is not None or stdin
    if shard is not None and live:
        raise SettingError(f"shard {shard}: standard input and live documents cannot be shared out; "
                           "give each shard the same files or folders")
    if shard is not None and incident_threshold is not None:
        raise SettingError(f"shard {shard}: a shard does not group incidents; give the threshold to "
                           "`kg incidents --update --threshold` once every shard is done")
    if shard is None or shard.first:  # shards racing to replace it could leave two copies of its blank nodes
        store.ensure_ontology(ontology_quads())
    fatal: list[InputError] = []
    # Articles whose incidents are not updated yet: first those a killed build left ungrouped
    # (a shard leaves them, and its own, to `kg incidents --update`).
    written: list[str] = pending_articles(store) if shard is None else []
    fresh: set[str] = set()  # of those, the articles that were not stored before
    pending: list[tuple[Extraction, list[Quad]]] = []  # extracted, not yet written
    desk = CopyDesk()  # which articles republish another, and when their original's facts come
    theirs: set[str] = set()  # origins of other shards' articles parsed here for a copy's sake
    waiting_since = 0.0
    grouped_at = time.monotonic()  # when incidents were last brought up to date
    read_all = False  # the input is read to its end: what is still to come is in flight

    if documents is None:
        documents = read_documents(inputs, max_chars=max_chars, any_language=any_language)
    source = Prefetched(documents, should_stop) if live else documents

    def to_parse() -> Iterator[Document]:
        nonlocal read_all
        for item in source:
            if should_stop():
                summary.interrupted = True
                return
            if isinstance(item, InputError):
                if strict:  # every shard stops where one build would
                    fatal.append(item)
                    return
                if shard is not None and not shard.takes(item.source):  # another shard reports it
                    continue
                summary.skip(item)
                if on_skip is not None:
                    on_skip(item)
                continue
            key = article_iri(item).value
            if shard is not None and not shard.takes(key):  # read only for the copies of this shard
                yield from desk.read(key, item, unchanged=False, mine=False)
                continue
            for note in item.notes:
                summary.note(f"{item.origin}: {note}")
                if on_note is not None:
                    on_note(f"{item.origin}: {note}")
            digest = content_hash(item, model)
            unchanged = not force and store.article_hash(article_iri(item)) == digest
            summary.unchanged += unchanged
            # a copy is not parsed: it takes its original's facts when they come back (CopyDesk)
            for document in desk.read(key, item, unchanged):
                if shard is not None and not shard.takes(article_iri(document).value):
                    theirs.add(document.origin)  # its failure is its own shard's to report
                yield document
            if live and desk.ready:  # a copy of an article already extracted: stored now, not at the
                for original, document, copy in desk.drain():  # next extraction, which may be long
                    take(reuse(original, document), copy, reused=True)
                if isinstance(source, Prefetched) and source.waiting():
                    write_pending(idle=True)
        read_all = True  # (not when stopped or failed: those return above)

    def write_pending(idle: bool = False) -> None:
        nonlocal grouped_at
        if not pending:
            return
        fresh.update(store.write_articles((article_iri(e.document), quads) for e, quads in pending))
        flushes = summary.articles // FLUSH_EVERY
        for extraction, quads in pending:
            written.append(article_iri(extraction.document).value)
            summary.articles += 1
            summary.events += len(extraction.events)
            summary.statements += len(extraction.statements)
            summary.entities += len(extraction.entities)
            summary.triples += len(quads)
            if on_article is not None:
                on_article(extraction.document)
        pending.clear()
        if summary.articles // FLUSH_EVERY > flushes:
            store.flush()
        # the batch is stored: the update sees its articles
        if shard is not None:  # grouping waits for `kg incidents --update` (the marks are stored)
            written.clear()
            return
        if (len(written) >= (LAST_INCIDENT_BATCH if read_all else INCIDENT_BATCH)
                or (idle and time.monotonic() - grouped_at >= INCIDENT_SECONDS)):
            done = update_incidents(store, written, incident_threshold, new_articles=fresh,
                                    should_stop=should_stop)
            if done is None:  # stopped: nothing changed, the articles wait (the build ends)
                return
            summary.incidents = done
            written.clear()
            fresh.clear()
            grouped_at = time.monotonic()

    def leftovers() -> Iterator[Extraction | ExtractionError]:
        """Copies whose original never came back extracted (it failed): parsed after all."""
        rest = desk.stranded()
        if not summary.interrupted:
            yield from extract_documents(rest, model=model, batch_size=batch_size, n_process=n_process)

    def take(extraction: Extraction, copy: Copy | None = None, reused: bool = False) -> bool:
        """Map an extraction (or a copy's) to quads and queue it; True when the build should stop."""
        nonlocal waiting_since
        document = extraction.document
        # The digest is taken again rather than kept from reading: nothing grows with the corpus,
        # and the same input given twice cannot mix up two articles' digests.
        quads = to_quads(extraction, content_hash(document, model), extractor_version(model))
        quads += status_quads(extraction, assess(extraction))
        quads.append(pending_quad(article_iri(document)))  # removed when its incidents are updated
        if copy is not None:
            quads += copy_quads(article_iri(document), copy.original, copy.similarity)
            summary.copies += 1
            summary.reused += reused
        if not pending:
            waiting_since = time.monotonic()
        pending.append((extraction, quads))
        stop = should_stop()
        if (stop or sum(len(q) for _, q in pending) >= WRITE_BATCH_QUADS
                or time.monotonic() - waiting_since >= WRITE_BATCH_SECONDS):
            write_pending()
        return stop

    # the model, and the gazetteer, are left out of garbage collection to the end of the build, not
    # only while the workers live: unfrozen, they made the final grouping scan them all (kg.workers)
    with frozen():
        extractions = itertools.chain(
            extract_documents(to_parse(), model=model, batch_size=batch_size, n_process=n_process,
                              paused=source.waiting if isinstance(source, Prefetched) else None, preload=stdin),
            leftovers())
        for extraction in extractions:
            if extraction is None:  # a live input pauses: what is extracted is stored now
                write_pending(idle=True)  # (its copies were taken as they were read, in to_parse)
                continue
            if isinstance(extraction, ExtractionError):  # skipped: no hash stored, rebuilt next time
                if extraction.source in theirs:  # another shard's article, which that shard reports
                    continue
                summary.skip(extraction)
                if on_skip is not None:
                    on_skip(extraction)
                if should_stop():
                    summary.interrupted = True
                    break
                continue
            keep, copy, served = desk.extracted(article_iri(extraction.document).value, extraction)
            stop = take(extraction, copy) if keep else should_stop()
            for original, document, copy in served:
                stop = take(reuse(original, document), copy, reused=True) or stop
            if stop:
                summary.interrupted = True
                break
        else:
            for original, document, copy in desk.drain():
                take(reuse(original, document), copy, reused=True)
        summary.interrupted = summary.interrupted or should_stop()  # a live input stopped while waiting
        write_pending()
        if shard is None and (written or (incident_threshold is not None and summary.incidents is None)):
            # A stop asked for before this update skips it, and one asked for during it stops it
            # unwritten: Ctrl-C after the last article is still a stop, said as such, and the pending
            # marks let `kg incidents --update` or the next build finish the grouping.
            done = None if summary.interrupted else update_incidents(
                store, written, incident_threshold, new_articles=fresh, should_stop=should_stop)
            if done is None:
                summary.interrupted = True
                summary.ungrouped = len(written)
                if incident_threshold is not None and summary.incidents is None:
                    summary.threshold_ungrouped = incident_threshold
            else:
                summary.incidents = done
        store.flush()
    summary.seconds = time.perf_counter() - started
    if fatal:
        raise fatal[0]
    return summary
