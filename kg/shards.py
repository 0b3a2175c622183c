"""Shards: one corpus built by several processes or machines at once, each taking its share.

An article belongs to shard ``K`` of ``N`` when a SHA-256 digest of its IRI (so of its JSONL
``id``, else its URL, else its text) falls there: the same on every machine, in every run and
whatever the input order, and shares of about equal size. Every shard reads every input (it
must see every text to find republished copies as one build does, kg.pipeline), but parses and
stores only its own articles.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kg.errors import SettingError

_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def shard_of(article: str, count: int) -> int:
    """The shard (1 to ``count``) that the article of IRI ``article`` belongs to.

    >>> shard_of("https://w3id.org/newskg/id/article/kaluga-2024-11-25", 3)
    1
    >>> shard_of("https://w3id.org/newskg/id/article/belgorod-2024-12-03", 3)
    3
    >>> shard_of("https://w3id.org/newskg/id/article/kaluga-2024-11-25", 1)
    1
    """
    value = int.from_bytes(hashlib.sha256(article.encode("utf-8")).digest()[:8], "big")
    return value % count + 1


@dataclass(frozen=True)
class Shard:
    """Share ``number`` of ``count`` of a corpus.

    >>> Shard.parse("2/3")
    Shard(number=2, count=3)
    >>> Shard.parse("4/3")
    Traceback (most recent call last):
    ...
    kg.errors.SettingError: '4/3' is not a shard: K must be from 1 to N (here 1 to 3), as in 1/3
    """

    number: int
    count: int

    def __post_init__(self) -> None:
        spec = f"{self.number}/{self.count}"
        if self.count < 1:
            raise SettingError(f"'{spec}' is not a shard: N, the number of shares, must be 1 or more")
        if not 1 <= self.number <= self.count:
            raise SettingError(f"'{spec}' is not a shard: K must be from 1 to N (here 1 to {self.count}), "
                               f"as in 1/{self.count}")

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """A shard from its ``K/N`` spelling (``2/3``: the second of three shares)."""
        found = _SPEC.fullmatch(spec)
        if found is None:
            raise SettingError(f"'{spec}' is not a shard: give K/N, this build's share K of N shares, "
                               "as in 2/3")
        return cls(int(found[1]), int(found[2]))

    def takes(self, article: str) -> bool:
        """Whether the article of IRI ``article`` is this shard's to build."""
        return shard_of(article, self.count) == self.number

    @property
    def first(self) -> bool:
        """The first share, which alone writes what every shard would otherwise race to write."""
        return self.number == 1

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"
