"""Name matching on top of :func:`kg.text.fold` (case, accents, punctuation): French place words and articles, transliterations.

>>> strip_context("la région russe de Kaluga")
('kaluga', 'Region')
>>> strip_context("le kraï de Krasnodar")
('krasnodar', 'Region')
>>> strip_context("la ville de Dnipro")
('dnipro', 'City')
>>> skeleton("Kalouga") == skeleton("Kaluga")
True
"""

from __future__ import annotations

import re

# fold is re-exported: linking and scripts/build_gazetteer.py fold names with it
from kg.text import fold

__all__ = ["fold", "hint_before", "skeleton", "strip_context"]

# Words that introduce a place in French and say what kind of place it is.
_REGION_WORDS = (
    "region", "regions", "oblast", "oblasts", "krai", "kray", "province", "republique",
    "territoire", "district", "okroug", "okrug", "gouverneur", "gouverneure", "gouvernorat",
)
_CITY_WORDS = (
    "ville", "village", "localite", "commune", "bourg", "cite", "port", "agglomeration", "maire",
)
# Adjectives that may sit between the place word and "de": "la région russe de", "la ville portuaire de".
_FILLERS = (
    "russe", "ukrainienne", "ukrainien", "bielorusse", "frontaliere", "frontalier", "voisine",
    "portuaire", "orientale", "occidentale", "meridionale", "septentrionale", "du sud", "du nord",
    "de l est", "de l ouest", "autonome", "industrielle", "annexee", "occupee",
)
_ARTICLES = ("la ", "le ", "les ", "l ", "de ", "du ", "des ", "d ", "a ", "en ", "au ", "aux ")
_TRAILING_REGION = re.compile(r"\s(oblast|oblast s|region|krai|kray|raion|rayon|province)$")
_FILLER_RE = "|".join(re.escape(f) for f in _FILLERS)
_CONTEXT_RE = re.compile(
    rf"^(?:(?:la|le|les|l|dans|en|a)\s)*(?P<word>{'|'.join(_REGION_WORDS + _CITY_WORDS)})"
    rf"(?:\s(?:{_FILLER_RE}))*\s(?:de|d|du|des)\s(?P<rest>.+)$"
)
_PREVIOUS_WORD = re.compile(
    rf"(?P<word>{'|'.join(_REGION_WORDS + _CITY_WORDS)})(?:\s(?:{_FILLER_RE}))*\s(?:de|d|du|des)\s?$"
)


def _hint(word: str) -> str:
    return "Region" if word in _REGION_WORDS else "City"


def strip_context(text: str) -> tuple[str, str | None]:
    """The folded core name, and "Region" or "City" if a French place word announced it."""
    folded = fold(text)
    hint: str | None = None
    match = _CONTEXT_RE.match(folded)
    if match:
        hint = _hint(match["word"])
        folded = match["rest"]
    trailing = _TRAILING_REGION.search(folded)
    if trailing and trailing.start() > 0:
        hint = "Region"
        folded = folded[: trailing.start()]
    changed = True
    while changed:
        changed = False
        for article in _ARTICLES:
            if folded.startswith(article) and len(folded) > len(article):
                folded = folded[len(article):]
                changed = True
    return folded, hint


def hint_before(text_before: str) -> str | None:
    """The kind a French place word right before a mention announces ("la région de" → Region)."""
    folded = fold(text_before[-60:])
    match = _PREVIOUS_WORD.search(folded + " ") or _PREVIOUS_WORD.search(folded)
    return _hint(match["word"]) if match else None


# French and other transliterations mapped onto one loose spelling; applied to both sides.
_SKELETON_RULES = (
    ("chtch", "shch"), ("tch", "ch"), ("sch", "sh"), ("ou", "u"), ("iy", "i"), ("yi", "i"),
    ("kh", "h"), ("zh", "j"), ("dj", "j"), ("dz", "z"), ("ts", "c"), ("tz", "c"),
    ("w", "v"), ("y", "i"), ("ie", "e"), ("je", "e"), ("ye", "e"), ("ia", "a"), ("ya", "a"),
    ("ja", "a"), ("yu", "u"), ("iu", "u"), ("ju", "u"), ("ck", "k"), ("ch", "h"), ("sh", "s"),
)


def _sequential(text: str) -> str:
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    return text


# One regex pass, longest spelling first, gives what the rules give in sequence for each spelling.
_SKELETON_MAP = {old: _sequential(old) for old, _ in _SKELETON_RULES}
_SKELETON_RE = re.compile("|".join(sorted(map(re.escape, _SKELETON_MAP), key=len, reverse=True)))
_REPEATS = re.compile(r"(.)\1+")


def skeleton(text: str) -> str:
    """A looser key that merges common transliterations (Kalouga/Kaluga, Tcherkassy/Cherkasy)."""
    folded = fold(text).replace(" ", "")
    return _REPEATS.sub(r"\1", _SKELETON_RE.sub(lambda m: _SKELETON_MAP[m.group()], folded))
