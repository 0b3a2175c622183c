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
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from kg.data import RULES

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


def settings() -> Settings:
    data = json.loads((RULES / "duplicates.json").read_text(encoding="utf-8"))
    return Settings(float(data["threshold"]), int(data["shingle"]), int(data["permutations"]))


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
