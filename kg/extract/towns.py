"""Towns the stock French NER misses or takes for something else ("l'usine de Novochakhtinski",
tagged MISC; "la ville de Zaporizhia", in a spelling it has not seen), found where a town name
stands and checked against the gazetteer's towns of the countries at war whose town names the press
transliterates (:func:`kg.data.war_countries`).

A capitalised word is taken for a town only when both hold: it follows "à", "sur" after an
attack noun ("une frappe sur"), or "de" after a place or facility noun ("la ville de", "l'usine
de produits pétroliers de"), and its loose
spelling (:func:`kg.text.skeleton`, with the French readings of :func:`kg.text.french_readings`)
is that of a town of at least :data:`MIN_POPULATION` people there. Linking then resolves it.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.data import GAZETTEER, war_countries
from kg.errors import ModelError
from kg.extract.lexicon import fold as lexicon_fold
from kg.extract.lexicon import lexicon, rows
from kg.text import fold, french_readings, skeleton

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.lexicon import Lexicon

#: Towns smaller than this are left to the NER: a hamlet's name is too often a common word or a surname.
MIN_POPULATION = 10_000


@functools.cache
def facility_nouns() -> frozenset[str]:
    """Nouns after which "de X" names the town a facility is in (rules/facility_nouns.tsv)."""
    return frozenset(fold(row[0]) for row in rows("facility_nouns.tsv"))


@functools.cache
def _town_keys() -> tuple[frozenset[str], frozenset[str]]:
    """Skeletons of every name of the gazetteer's towns in the countries at war: of those of
    :data:`MIN_POPULATION` people or more, and of all."""
    path = GAZETTEER / "places.tsv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as error:
        raise ModelError(f"cannot read {path}: {error}. Reinstall newskg.") from error
    big, every = set(), set()
    for row in rows:
        if row["kind"] == "City" and row["country"] in war_countries():
            names = [row["name_en"], row["name_fr"], *filter(None, row["names"].split("|"))]
            keys = {skeleton(n) for n in names if len(n) >= 4}
            every |= keys
            if int(row["population"] or 0) >= MIN_POPULATION:
                big |= keys
    return frozenset(big), frozenset(every)


def town_keys() -> frozenset[str]:
    """Skeletons of every name of the gazetteer's towns of :data:`MIN_POPULATION` people or more."""
    return _town_keys()[0]


def is_town(name: str, any_size: bool = False) -> bool:
    """Whether a name is, in some transliteration, one of the gazetteer's towns (of any size when a
    town noun announces it: "le village de Velyka Pysarivka")."""
    keys = _town_keys()[1] if any_size else town_keys()
    return any(skeleton(form) in keys for form in [name, *french_readings(name)])


def announced(token: Token, place_nouns: Mapping[str, str]) -> bool:
    """Whether a town noun and "de" stand right before a token: "le village de", "la localité de"."""
    if token.i < 2 or fold(token.doc[token.i - 1].text) not in {"de", "d'", "d’"}:
        return False
    noun = token.doc[token.i - 2]
    return noun.pos_ == "NOUN" and place_nouns.get(fold(noun.lemma_)) == "City"


def _attacks(word: Token, pos: str) -> bool:
    """Whether a word is an attack trigger of this part of speech ("frapper", "une frappe")."""
    return any(r.role == "attack" for r in lexicon().triggers.get((lexicon_fold(word.lemma_), pos), ()))


def town_slot(token: Token, place_nouns: frozenset[str] | dict) -> bool:
    """Whether a token stands where French names a town: after "à" or "près de", as the object of an
    attack verb, after "sur" that follows an attack noun, or after "de" that follows a place or
    facility noun (other words of the noun's phrase may come between)."""
    if token.i < 2 or not token.text[:1].isupper() or token.is_sent_start:
        return False
    before = token.doc[token.i - 1].text.lower()
    if before == "à":
        return True
    # "des drones ont frappé El Fasher": what an attack verb strikes (its object, or a bare noun the
    # parser hangs on it as a modifier)
    struck = next((t for t in (token, token.head) if t.i >= token.i and (t.dep_ == "obj" or t.dep_ == "obl:mod" and not [
        c for c in t.children if c.dep_ == "case"])), None)
    if struck is not None and _attacks(struck.head, "VERB"):
        return True
    if before == "sur":  # "une attaque russe sur Myrnohrad": what an attack noun aims at
        return any(_attacks(t, "NOUN") for t in token.doc[max(token.sent.start, token.i - 4):token.i - 1])
    if before not in {"de", "d'", "d’"}:
        return False
    # "près d'El Fasher", "aux abords de Gao": where a town stands
    if token.doc[token.i - 2].lower_ in {"près", "abords", "environs", "proximité", "loin"}:
        return True
    nouns = [t for t in token.doc[max(token.sent.start, token.i - 5):token.i - 1] if t.pos_ in {"NOUN", "ADJ"}]
    return any(fold(t.lemma_) in place_nouns or fold(t.lemma_) in facility_nouns() or fold(t.text) in facility_nouns()
               for t in nouns)


def missed_towns(tokens: list[Token], taken: dict[int, str], lex: Lexicon) -> list[tuple[int, int, str | None]]:
    """Token ranges (start, end, name) of the towns a text names where French names a town and the NER
    left them out: one word ("l'usine de Novochakhtinski") or two ("à Tchassiv Iar"), named as written
    (None); and a capital named by its country ("la capitale ukrainienne": Kyiv)."""
    found: list[tuple[int, int, str | None]] = []
    for token in tokens:
        if token.i in taken or found and token.i < found[-1][1]:
            continue
        if token.pos_ == "NOUN" and lexicon_fold(token.lemma_) == "capitale" and token.i + 1 < len(tokens):
            adjective = tokens[token.i + 1]
            capital = lex.capitals.get(lex.adjectives.get(lexicon_fold(adjective.text), ""))
            if capital and adjective.i not in taken and adjective.head.i == token.i:
                found.append((token.i, token.i + 2, capital))
            continue
        if token.pos_ not in {"PROPN", "NOUN", "X", "ADJ"} or not town_slot(token, lex.place_nouns):
            continue
        # a word of a hyphenated name the NER took whole or left: "Tel-Aviv" is not "Tel" nor "Aviv"
        if any(0 <= j < len(tokens) and tokens[j].text in {"-", "‑"} for j in (token.i - 1, token.i + 1)):
            continue
        after = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
        any_size = announced(token, lex.place_nouns)
        two = after is not None and after.text[:1].isupper() and after.i not in taken \
            and is_town(f"{token.text} {after.text}", any_size)
        if two or is_town(token.text, any_size):
            found.append((token.i, token.i + (2 if two else 1), None))
    return found
