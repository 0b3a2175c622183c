"""Live input: an input read in its own thread, so that the build sees when it pauses.

A slow source (JSONL arriving on standard input, pages fetched from feeds) must not hold back
what it has already delivered: ``Prefetched`` reads it into a queue in a thread, and answers
``waiting()`` when nothing is queued, which is when the build writes what it has extracted.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_END = object()
#: How often a consumer waiting for input checks whether it should stop (Ctrl-C).
POLL_SECONDS = 0.2
#: Items read ahead of the consumer at most: a fast input does not fill memory.
READ_AHEAD = 1024


class Prefetched(Generic[T]):
    """The items of ``source``, read in a daemon thread started on the first ``next``.

    Iteration ends at the end of ``source``, or as soon as ``should_stop()`` answers True while
    no item is ready. An exception raised while reading is raised again in the consumer.
    """

    def __init__(self, source: Iterable[T], should_stop: Callable[[], bool] = lambda: False) -> None:
        self._source = source
        self._should_stop = should_stop
        self._queue: queue.Queue[object] = queue.Queue(READ_AHEAD)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._ended = False

    def _read(self) -> None:
        try:
            for item in self._source:
                self._queue.put(item)
        except BaseException as error:  # handed to the consumer, which raises it
            self._failure = error
        self._queue.put(_END)

    def waiting(self) -> bool:
        """True if the next item has not arrived yet (and the input has not ended)."""
        return not self._ended and self._queue.empty()

    def __iter__(self) -> Iterator[T]:
        if self._thread is None:  # started here, not before: a build forks its workers first
            self._thread = threading.Thread(target=self._read, name="kg-input", daemon=True)
            self._thread.start()
        while True:
            try:
                item = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if self._should_stop():
                    return
                continue
            if item is _END:
                self._ended = True
                if self._failure is not None:
                    raise self._failure
                return
            yield item  # type: ignore[misc]


def batches(items: Iterable[T], size: int, paused: Callable[[], bool] | None = None) -> Iterator[list[T]]:
    """Lists of ``size`` items, the last maybe shorter; with ``paused``, cut short whenever it is true."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size or (paused is not None and paused()):
            yield batch
            batch = []
    if batch:
        yield batch
