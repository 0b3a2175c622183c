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

import functools
import re

# fold is re-exported: linking and scripts/build_gazetteer.py fold names with it
from kg.link.rules import context_rules
from kg.text import fold, fold_words, french_readings, skeleton

__all__ = ["fold", "french_readings", "hint_before", "phrase_before", "skeleton", "strip_context"]

_ARTICLES = ("la ", "le ", "les ", "l ", "de ", "du ", "des ", "d ", "a ", "en ", "au ", "aux ")
_TRAILING_REGION = re.compile(r"\s(oblast|oblast s|region|krai|kray|raion|rayon|province)$")
# One name of a list before the mention: "Koursk, " or "Belgorod et " in "les régions de Koursk, Belgorod et Briansk".
_LIST_ITEM = r"[A-ZÉÈÎÔ][\w'’\-]*(?:[ \-][A-ZÉÈÎÔ][\w'’\-]*){0,3}\s*(?:\([^()]{0,30}\)\s*)?(?:{seps})\s*(?:de\s|d'|d’|du\s|des\s)?$"
MAX_LIST = 6


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The regexes built from the words of context.tsv: (name with its noun, noun before a name, list item, anaphor)."""
    rules = context_rules()
    words = "|".join(sorted(map(re.escape, rules.kinds), key=len, reverse=True))
    fillers = "|".join(sorted(map(re.escape, rules.fillers), key=len, reverse=True))
    context = re.compile(
        rf"^(?:(?:la|le|les|l|dans|en|a)\s)*(?P<word>{words})(?:\s(?:{fillers}))*\s(?:de|d|du|des)\s(?P<rest>.+)$")
    previous = re.compile(rf"\b(?P<word>{words})(?:\s(?:{fillers}))*\s(?:de|d|du|des)(?:\s(?:l|la|le|les))?\s?$")
    seps = "|".join(re.escape(s) if s == "," else rf"\b{re.escape(s)}" for s in rules.list_separators)
    item = re.compile(_LIST_ITEM.replace("{seps}", seps or ","))
    anaphor = re.compile(rf"\b(?:{'|'.join(map(re.escape, rules.anaphors)) or 'celle'})\s(?:de|d|du|des)\s?$")
    return context, previous, item, anaphor


def strip_context(text: str) -> tuple[str, str | None]:
    """The folded core name, and "Region" or "City" if a French place word announced it."""
    folded = fold(text)
    hint: str | None = None
    match = _patterns()[0].match(folded)
    if match:
        hint = context_rules().kinds[match["word"]]
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


def phrase_before(text_before: str) -> str:
    """The folded place noun right before a mention, with its fillers and "de" ("republique de l"), or ""."""
    match = _patterns()[1].search(fold_words(text_before) + " ")
    return match.group().strip() if match else ""


def hint_before(text_before: str) -> str | None:
    """The kind a French place word before a mention announces.

    >>> hint_before("une attaque a visé la région de ")
    'Region'
    >>> hint_before("les régions de Koursk, Belgorod et ")
    'Region'
    >>> hint_before("les régions de Koursk (ouest) et de ")
    'Region'
    >>> hint_before("la région de Kherson et celle de ")
    'Region'
    >>> hint_before("Le maire de ")
    'City'
    """
    _, previous, item, anaphor = _patterns()
    kinds = context_rules().kinds
    before = text_before
    for _ in range(MAX_LIST):  # the names of a list before this one: the noun is before them all
        match = previous.search(fold_words(before) + " ")
        if match:
            return kinds[match["word"]]
        trimmed = item.sub("", before)
        if trimmed == before:
            break
        before = trimmed
    folded = fold_words(text_before)
    if anaphor.search(folded + " "):
        # "celle de X": the kind of the place noun named last before it
        found = [m for m in re.finditer(rf"\b(?:{'|'.join(map(re.escape, kinds))})\b", folded)]
        if found:
            return kinds[found[-1].group()]
    return None
