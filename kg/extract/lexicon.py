"""The rule and lexicon data files under kg/data/rules, and the weapons table, read once into one frozen Lexicon."""

from __future__ import annotations

import csv
import functools
import json
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.data import GAZETTEER, RULES
from kg.errors import ModelError
from kg.text import fold as text_fold
from kg.text import strip_marks


def rows(name: str) -> Iterator[list[str]]:
    """The rows of a tab-separated rule file, without comments and blank lines."""
    path = RULES / name
    try:
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row and row[0].strip() and not row[0].startswith("#"):
                    yield [cell.strip() for cell in row] + [""] * 4
    except OSError as error:
        raise ModelError(f"cannot read rule file {path}: {error}. Reinstall newskg.") from error


def _json(name: str) -> dict[str, Any]:
    path = RULES / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read rule file {path}: {error}. Reinstall newskg.") from error


# Token texts and lemmas repeat across an article and a corpus: cached, the 1.3 million folds of
# 400 articles cost 0.2 s instead of 1.4 s.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key every lexicon is looked up by: :func:`kg.text.fold` keeping the spelling (case and apostrophes folded)."""
    return text_fold(text, spelling=True)


def _unaccented(text: str) -> str:
    """``text`` as written when accents are left off ("état" as in "l'Etat")."""
    return unicodedata.normalize("NFC", strip_marks(unicodedata.normalize("NFD", text)))


def inflections(adjective: str) -> set[str]:
    """Feminine and plural forms of a French adjective ("ukrainien" → "ukrainiennes")."""
    forms = {adjective, adjective + "s"}
    if adjective.endswith("e"):
        return forms
    if adjective.endswith("en"):
        forms |= {adjective + "ne", adjective + "nes"}
    elif adjective.endswith("c"):  # turc → turque
        forms |= {adjective + "que", adjective + "ques"}
    else:
        forms |= {adjective + "e", adjective + "es"}
    return forms


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str | None


@dataclass(frozen=True)
class Weapon:
    name: str
    weapon_class: str
    named: bool


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    role: str  # attack, interception, consequence
    requirement: str  # "-", "weapon", "object", or an object lemma ("feu")
    type: str


@dataclass(frozen=True)
class Lexicon:
    countries: Mapping[str, str]  # folded name or alias → country name
    adjectives: Mapping[str, str]  # folded inflected nationality adjective → country name
    metonyms: Mapping[str, str]  # folded capital or seat of power → country name
    capitals: Mapping[str, str]  # country name → its capital's name
    places: Mapping[str, Place]  # folded name or alias → place
    place_nouns: Mapping[str, str]  # head noun → place kind
    sub_places: Mapping[str, str]  # noun of a part of a city or a way ("quartier", "route") → part or way
    weapons: Mapping[str, Weapon]  # folded word of the weapons table → weapon
    weapon_types: Mapping[str, str]  # weapon class → event type
    type_modifiers: Mapping[str, str]  # lemma → weapon class
    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]]  # (lemma, POS) → triggers
    cues: Mapping[str, str]  # reporting lemma → cue
    cue_verbs: frozenset[str]  # the verbs that begin a cue of two words ("faire" of "faire savoir")
    actors: Mapping[str, tuple[str, str]]  # head lemma → (kind, role)
    agencies: frozenset[str]
    means: tuple[tuple[str, str], ...]  # (folded phrase, label), longest first
    possessives: Mapping[str, str]  # noun lemma → slot the speaker's side fills under "son/sa/ses"
    role_phrases: tuple[tuple[str, str], ...]  # (folded title phrase, role) whose head noun gives another role
    compass: frozenset[str]  # folded points of the compass: a direction, never a place nor a list's end
    support_verbs: frozenset[str]  # verbs whose object noun is the event they carry ("mener une frappe")
    numbers: Mapping[str, Any]
    modality: Mapping[str, Any]
    time: Mapping[str, Any]

    def country_of(self, name: str | None) -> str | None:
        """The country a place name lies in, or the country a country name names."""
        if not name:
            return None
        key = fold(name)
        if key in self.countries:
            return self.countries[key]
        place = self.places.get(key)
        return place.country if place else None


#: The one weapons table: what the extractor recognises (``words``, ``class``) and what linking matches.
WEAPONS = GAZETTEER / "weapons.tsv"
SEAS = GAZETTEER / "sources" / "seas.tsv"


def sea_names() -> dict[str, str]:
    """Every French form of the seas the gazetteer knows (its sources/seas.tsv) → the sea's French name."""
    try:
        with SEAS.open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as error:
        raise ModelError(f"cannot read {SEAS}: {error}. Reinstall newskg.") from error
    return {form: row["name_fr"] for row in table for form in [row["name_fr"], *row["names"].split("|")] if form}


def _weapons(path: Path = WEAPONS) -> dict[str, Weapon]:
    """Folded word → weapon, from the ``words`` and ``class`` columns of the weapons table.

    A mention is named after the weapon's French name; a capitalised one is a named system
    ("Shahed"), which beats a generic noun ("drone") in the same phrase.
    """
    weapons: dict[str, Weapon] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            table = csv.DictReader((line for line in handle if not line.startswith("#")),
                                   delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {"name_fr", "class", "words"} - set(table.fieldnames or ())
            if missing:
                raise ModelError(f"{path}: columns {sorted(missing)} missing from the header. Reinstall newskg.")
            for row in table:
                name, words = row["name_fr"] or "", row["words"] or ""
                weapon = Weapon(name, row["class"] or "", name[:1].isupper())
                for word in filter(None, (w.strip() for w in words.split("|"))):
                    if not name or weapons.setdefault(fold(word), weapon) != weapon:
                        raise ModelError(f"{path}: the word {word!r} needs one row, with a name_fr, "
                                         "to name its weapon")
    except OSError as error:
        raise ModelError(f"cannot read the weapons table {path}: {error}. Reinstall newskg.") from error
    return weapons


@functools.lru_cache(maxsize=1)
def present_forms() -> Mapping[str, str]:
    """The present-tense forms of the lexicons' first-group verbs, to their infinitive.

    The French lemmatizer reads a present form that is also a noun as that noun ("une frappe russe
    tue trois personnes": "frappe" stays "frappe", "tue" becomes "taire", "bombarde" "bombarde"),
    so headlines and "indique le ministère" lose their verb. The verbs are those of the triggers,
    the reporting cues and the casualty verbs (one source of truth each); "frapper" gives
    "frappe", "frappes" and "frappent".
    """
    lex = lexicon()
    verbs = {lemma for lemma, pos in lex.triggers if pos == "VERB"} | set(lex.cues) \
        | set(lex.numbers["casualty_verbs"])
    forms: dict[str, str] = {}
    for verb in sorted(verbs):
        if verb.endswith("er") and " " not in verb:
            stem = verb[:-2]
            for ending in ("e", "es", "ent"):
                forms[fold(stem + ending)] = verb
    return forms


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All rule files, read once per process."""
    countries: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    metonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for name, adjective, seats, aliases, capital, *_ in rows("countries.tsv"):
        if capital:
            capitals[name] = capital
        for alias in [name, *filter(None, aliases.split("|"))]:
            countries[fold(alias)] = name
        for form in inflections(fold(adjective)) if adjective else ():
            adjectives[form] = name
        for seat in filter(None, seats.split("|")):
            metonyms[fold(seat)] = name
    places: dict[str, Place] = {}
    for name, kind, country, aliases, *_ in rows("places.tsv"):
        for alias in [name, *filter(None, aliases.split("|"))]:
            places[fold(alias)] = Place(name, kind, country or None)
    for form, name in sea_names().items():  # "62 au-dessus de la mer Noire"
        places[fold(form)] = Place(name, "Sea", None)
    triggers: dict[tuple[str, str], tuple[Trigger, ...]] = {}
    for lemma, pos, role, requirement, event_type, *_ in rows("triggers.tsv"):
        trigger = Trigger(lemma, pos, role, requirement, event_type)
        triggers[(lemma, pos)] = (*triggers.get((lemma, pos), ()), trigger)
    means = sorted(((fold(p), label) for p, label, *_ in rows("means.tsv")), key=lambda m: -len(m[0]))
    return Lexicon(
        countries=countries,
        adjectives=adjectives,
        metonyms=metonyms,
        capitals=capitals,
        places=places,
        place_nouns={noun: kind for noun, kind, *_ in rows("places_nouns.tsv")},
        sub_places={noun: kind for noun, kind, *_ in rows("sub_places.tsv")},
        weapons=_weapons(),
        weapon_types={c: t for c, t, *_ in rows("weapon_classes.tsv")},
        type_modifiers={lemma: c for lemma, c, *_ in rows("type_modifiers.tsv")},
        triggers=triggers,
        cues=(cues := {lemma: cue for lemma, cue, *_ in rows("reporting.tsv")}),
        cue_verbs=frozenset(c.split()[0] for c in cues if " " in c),
        actors={lemma: (kind, role) for lemma, kind, role, *_ in rows("actors.tsv")},
        agencies=frozenset(fold(a) for a, *_ in rows("agencies.tsv")),
        means=tuple(means),
        possessives={noun: slot for noun, slot, *_ in rows("possessives.tsv")},
        # each title also as written with unaccented capitals ("le chef de l'Etat")
        role_phrases=tuple(dict.fromkeys((spelt, role) for phrase, role, *_ in rows("role_phrases.tsv")
                                         for spelt in (fold(phrase), _unaccented(fold(phrase))))),
        compass=frozenset(fold(word) for word, *_ in rows("compass.tsv")),
        support_verbs=frozenset(fold(lemma) for lemma, *_ in rows("support_verbs.tsv")),
        numbers=_json("numbers.json"),
        modality=_json("modality.json"),
        time=_json("time.json"),
    )
