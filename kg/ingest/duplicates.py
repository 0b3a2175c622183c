"""Republished articles: exact and near-duplicate texts found as they are read, before parsing.

One wire dispatch is republished by many sites, with another headline, byline, footer or a
paragraph more. Each new text is compared with the texts already read in the build through
MinHash signatures of its runs of words and an LSH index (datasketch), in constant time per
text; one whose estimated Jaccard similarity with an earlier text reaches the threshold
(kg/data/rules/duplicates.json) is a copy of it. A copy is not parsed: its facts are the
original's (:func:`kg.extract.reuse.reuse`), and the graph says which article it repeats.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from kg.data import RULES
from kg.model import Document, Extraction

_WORD = re.compile(r"\w+")
#: Runs of words are taken within sentences and lines, so that paragraphs in another order are
#: the same text.
_SENTENCE = re.compile(r"[.!?…]\s+|\n+")


@dataclass(frozen=True)
class Copy:
    """A text found to repeat an earlier one: the original's key and their similarity (0 to 1)."""

    original: str
    similarity: float


@dataclass(frozen=True)
class Settings:
    threshold: float
    shingle: int
    permutations: int
    reuse_window: int


def settings() -> Settings:
    data = json.loads((RULES / "duplicates.json").read_text(encoding="utf-8"))
    return Settings(float(data["threshold"]), int(data["shingle"]), int(data["permutations"]),
                    int(data["reuse_window"]))


class Republications:
    """The texts read so far in a build, to tell a copy from a new story.

    >>> seen = Republications()
    >>> story = "Des drones russes ont frappé Kharkiv dans la nuit, a annoncé le gouverneur, " * 3
    >>> seen.check("a", story) is None
    True
    >>> seen.check("b", "Titre. " + story)
    Copy(original='a', similarity=0.91)
    >>> seen.check("c", "Tout autre chose : la banque centrale relève son taux directeur de deux points.") is None
    True
    """

    def __init__(self, config: Settings | None = None) -> None:
        self.config = config or settings()
        self._index = MinHashLSH(threshold=self.config.threshold, num_perm=self.config.permutations)
        self._template = MinHash(num_perm=self.config.permutations)
        self._signatures: dict[str, MinHash] = {}
        self._exact: dict[str, str] = {}

    def _signature(self, text: str) -> MinHash:
        size = self.config.shingle
        runs: set[bytes] = set()
        for sentence in _SENTENCE.split(text):
            words = _WORD.findall(sentence)
            if words:
                runs.update(" ".join(words[i:i + size]).encode() for i in range(max(1, len(words) - size + 1)))
        signature = MinHash(num_perm=self.config.permutations, permutations=self._template.permutations,
                            scheme=self._template.scheme)
        signature.update_batch(list(runs))
        return signature

    def check(self, key: str, text: str) -> Copy | None:
        """The earlier text that ``text`` repeats, or None; a text that repeats none is remembered."""
        text = text.lower()
        exact = hashlib.sha256(" ".join(_WORD.findall(text)).encode()).hexdigest()
        if self._exact.get(exact, key) != key:
            return Copy(self._exact[exact], 1.0)
        signature = self._signature(text)
        best: Copy | None = None
        for other in sorted(set(self._index.query(signature)) - {key}):
            similarity = round(signature.jaccard(self._signatures[other]), 2)
            if similarity >= self.config.threshold and (best is None or similarity > best.similarity):
                best = Copy(other, similarity)
        if best is not None:
            return best
        if key not in self._signatures:
            self._exact[exact] = key
            self._signatures[key] = signature
            self._index.insert(key, signature)
        return None


#: A copy ready to take its original's facts: the original's extraction, the copy, the match.
Ready = tuple[Extraction, Document, Copy]


class CopyDesk:
    """Which articles of a build are copies, and when each can take its original's facts.

    Every article read, changed or not, is checked in input order (:class:`Republications`), so
    that a build stopped and run again makes the same decisions. A copy whose original was read
    at most ``reuse_window`` articles before it is not parsed: it waits for the original's
    extraction (or takes it from the recent ones kept); an original that is unchanged, and so not
    parsed, is parsed for its copies only. A copy read later is parsed like any article.

    A shard's build (kg.shards) reads every article too, so that each shard makes the decisions
    one build of all the inputs makes; another shard's articles are neither parsed nor stored,
    except an original of one of this shard's copies, parsed for that copy only, as an unchanged
    original is.
    """

    def __init__(self, config: Settings | None = None) -> None:
        self.seen = Republications(config)
        self.window = self.seen.config.reuse_window
        self.read_count = 0
        self.position: dict[str, int] = {}  # original → its place in the input
        self.order: deque[tuple[int, str]] = deque()  # the same, oldest first
        self.extractions: dict[str, Extraction] = {}  # recent originals' extractions
        self.unparsed: dict[str, Document] = {}  # recent originals left unchanged, not parsed
        self.in_flight: set[str] = set()  # originals sent to be parsed, not back yet
        self.for_copies_only: set[str] = set()  # unchanged originals parsed for their copies
        self.waiting: dict[str, list[tuple[Document, Copy]]] = {}
        self.ready: deque[Ready] = deque()
        self.parsed_copies: dict[str, Copy] = {}

    def read(self, key: str, document: Document, unchanged: bool, *, mine: bool = True) -> list[Document]:
        """The documents to parse now that ``document`` (article IRI ``key``) was read; ``mine``
        False: another shard's article, which this build does not store."""
        here, self.read_count = self.read_count, self.read_count + 1
        self._forget(here - self.window)
        copy = self.seen.check(key, document.text)
        stays = unchanged or not mine  # not to be stored by this build
        if copy is None:
            if key not in self.position:
                self.position[key] = here
                self.order.append((here, key))
            if stays:  # parsed only if a copy of this build needs its facts
                self.unparsed[key] = document
                return []
            self.in_flight.add(key)
            return [document]
        if stays:
            return []
        original = copy.original
        if here - self.position.get(original, -self.window - 1) > self.window:
            self.parsed_copies[key] = copy  # too far from its original: parsed, still said to be a copy
            return [document]
        if original in self.extractions:
            self.ready.append((self.extractions[original], document, copy))
            return []
        self.waiting.setdefault(original, []).append((document, copy))
        if original in self.unparsed:  # stored by an earlier build: parsed again for its copies
            self.for_copies_only.add(original)
            self.in_flight.add(original)
            return [self.unparsed.pop(original)]
        return []

    def extracted(self, key: str, extraction: Extraction) -> tuple[bool, Copy | None, list[Ready]]:
        """Whether to store an extraction that came back, the copy it is, and the copies it serves."""
        self.in_flight.discard(key)
        store = key not in self.for_copies_only
        self.for_copies_only.discard(key)
        if key in self.position:
            self.extractions[key] = extraction
        served = [(extraction, document, copy) for document, copy in self.waiting.pop(key, [])]
        return store, self.parsed_copies.pop(key, None), served + self.drain()

    def drain(self) -> list[Ready]:
        served = list(self.ready)
        self.ready.clear()
        return served

    def stranded(self) -> list[Document]:
        """Copies whose original never came back extracted (it failed): to be parsed after all."""
        left = [document for copies in self.waiting.values() for document, _ in copies]
        self.waiting.clear()
        return left

    def _forget(self, before: int) -> None:
        """Drop what is kept of originals read before ``before`` (in input order)."""
        while self.order and self.order[0][0] < before:
            _, key = self.order.popleft()
            del self.position[key]
            self.extractions.pop(key, None)
            self.unparsed.pop(key, None)
