"""Folding text into the keys it is compared by: one ``fold`` for names and cue phrases, and for rule lexicons.

>>> fold("L’oblast de Kharkiv")
'l oblast de kharkiv'
>>> fold("Ryl’sk"), fold("près d'Ryl'sk")
('rylsk', 'pres d rylsk')
>>> fold("Reuters n'a pas pu vérifier"), fold("Kh-101")
('reuters n a pas pu verifier', 'kh 101')
>>> fold(" État-major d’Iskander-M ", spelling=True)
"état-major d'iskander-m"
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose but that writers use interchangeably with a plain one.
_LETTERS = str.maketrans({
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ʹ": "", "ʺ": "",
})
_APOSTROPHES = re.compile(r"[’‘ʼʻ`´′']")
# An apostrophe between letters is a soft sign inside a name ("Ryl’sk" is "Rylsk"), except after an
# elided French word ("l’oblast", "d’Odessa", "jusqu’à"), where it separates two words.
_INNER_APOSTROPHE = re.compile(r"(\w+)[’‘ʼʻ`´′'](?=\w)")
_ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "presqu"})
_SEPARATORS = re.compile(r"[^\w]+|_", re.UNICODE)


def _soft_signs(text: str) -> str:
    return _INNER_APOSTROPHE.sub(
        lambda m: m.group(0) if m.group(1).lower() in _ELIDED else m.group(1), text)


class _CombiningMarks(dict):
    """A ``str.translate`` table deleting combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


# translate() with this table instead of a character-by-character filter: linking 400 articles
# folds 3.8 million characters, 2.7 s profiled as a generator, 0.2 s as a table
_MARKS = _CombiningMarks()


def strip_marks(text: str) -> str:
    """``text`` without its combining marks (accents once decomposed)."""
    return text.translate(_MARKS)


def fold(text: str, *, spelling: bool = False) -> str:
    """Lower-case, accents off, apostrophes, hyphens and punctuation turned to single spaces.

    That is the key names are matched by (gazetteer, linking) and cue phrases are found by in a
    sentence; an apostrophe inside a name is a soft sign and goes ("Ryl’sk" is "Rylsk").

    With ``spelling=True`` only the case, the Unicode composition and the typographic apostrophe
    are folded, and the text is trimmed: the key the rule lexicons are looked up by, which keeps
    accents, hyphens and apostrophes, so that a key is still a word as spaCy writes its text or
    lemma ("état-major", "d'après") and can be handed to the tokenizer.

    Short texts (words, names), met again and again, are folded once per process.
    """
    if len(text) <= _CACHED_LENGTH:
        return _fold_cached(text, spelling)
    return _fold(text, spelling=spelling)


def fold_words(text: str) -> str:
    """:func:`fold` of a longer text (a window around a mention), word by word so that each word's
    fold is cached: the same result.

    >>> fold_words("  près de l’oblast de Kharkiv, ") == fold("  près de l’oblast de Kharkiv, ")
    True
    """
    return " ".join(w for w in (fold(word) for word in text.split()) if w)


#: Texts up to this long (tokens, lemmas, names) are folded once per process: extraction folds the
#: same few thousand words tens of thousands of times (measured: 18,700 calls over 110 articles).
_CACHED_LENGTH = 64


@functools.lru_cache(maxsize=1 << 16)
def _fold_cached(text: str, spelling: bool) -> str:
    return _fold(text, spelling=spelling)


def _fold(text: str, *, spelling: bool = False) -> str:
    """:func:`fold`, uncached."""
    if spelling:
        return unicodedata.normalize("NFC", text).replace("’", "'").lower().strip()
    if text.isascii():
        return " ".join(_SEPARATORS.sub(" ", _soft_signs(text).lower()).split())
    text = unicodedata.normalize("NFKC", text).lower().translate(_LETTERS)
    text = _APOSTROPHES.sub(" ", _soft_signs(text))
    text = strip_marks(unicodedata.normalize("NFKD", text))
    return " ".join(_SEPARATORS.sub(" ", text).split())
