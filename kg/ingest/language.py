"""A light language check: is this article French? Judged by the share of common function words.

It only has to tell French wire copy from text in another language, so a handful of function-word
lists (kg/data/stopwords.json) is enough; texts under ``MIN_WORDS`` words are never judged.
"""

from __future__ import annotations

import json
import re
from functools import cache

from kg.data import DATA

MIN_WORDS = 12
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DATA = DATA / "stopwords.json"


@cache
def _lists() -> dict[str, frozenset[str]]:
    with _DATA.open(encoding="utf-8") as stream:
        return {lang: frozenset(words) for lang, words in json.load(stream).items()}


def guess_language(text: str, sample: int = 5000) -> str | None:
    """The most likely language code of ``text``, or None if it is too short or matches none.

    >>> guess_language("Des drones ukrainiens ont frappé un dépôt de carburant dans la région, a déclaré la source.")
    'fr'
    >>> guess_language("Ukrainian drones struck a fuel depot in the region, a source said on Monday night.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if len(words) < MIN_WORDS:
        return None
    scores = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _lists().items()}
    best = max(scores, key=scores.__getitem__)
    if best in ("ru", "uk"):  # Cyrillic function words overlap; these letters are Ukrainian only
        best = "uk" if re.search("[іїєґІЇЄҐ]", text[:sample]) else "ru"
    return best if scores[best] >= 0.08 else None
