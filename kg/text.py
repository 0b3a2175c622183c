"""Folding text into the keys it is compared by: one ``fold`` for names and cue phrases, and for rule
lexicons; and the looser keys of transliterated names (``skeleton``, ``french_readings``) that
extraction and linking share.

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
    # (fold's own test and call, inlined: linking folds some 7,000 windows of a corpus of 110 articles)
    return " ".join(filter(None, [_fold_cached(word, False) if len(word) <= _CACHED_LENGTH else _fold(word)
                                  for word in text.split()]))


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


_FRENCH_CH = re.compile(r"(?<!t)ch")
_ADJECTIVE_END = re.compile(r"(sk|tsk|ck)(?:i|y|ii|iy|ï|iï|ïï)$")


def french_readings(name: str) -> list[str]:
    """Other spellings a French transliteration stands for, tried when the name itself finds
    nothing: French "ch" is English "sh" ("Novochakhtinsk"), and a town named by the adjective
    of its factory or district drops the ending ("l'usine de Novochakhtinski")."""
    folded = fold(name)
    readings = [_FRENCH_CH.sub("sh", folded)]
    readings += [_ADJECTIVE_END.sub(r"\1", r) for r in [folded, *readings]]
    return [r for r in dict.fromkeys(readings) if r != folded]
