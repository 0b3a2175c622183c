"""Weapon tallies of an attack clause: the weapon noun a count applies to, coordinated weapons, their sum."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.entities import Entities
from kg.extract.lexicon import Trigger, fold
from kg.extract.numbers import Count, count_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.clauses import Mention


def weapon_phrase(ents: Entities, obj: Token | None) -> Token | None:
    """The weapon noun of an object: "des drones", "une quarantaine de drones", "40 des 50 drones"."""
    if obj is None:
        return None
    if ents.weapon(obj):
        return obj
    if obj.pos_ in {"NUM", "ADJ"} or fold(obj.lemma_) in ents.lex.numbers["approximate_nouns"]:
        return next((c for c in obj.children if c.dep_ in {"nmod", "obl"} and ents.weapon(c)), None)
    return None


def armed(ents: Entities, obj: Token | None, head: Token, rule: Trigger) -> list[Token]:
    """The coordinated weapon nouns an attack launches ("120 drones et 8 missiles"), even hung on the verb."""
    weapon = weapon_phrase(ents, obj) if rule.role == "attack" else None
    if weapon is None:
        return []
    hung = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN" and ents.weapon(c)]
    return list(dict.fromkeys([weapon, *weapon.conjuncts, *hung]))


def add_up(ents: Entities, mention: Mention, weapons: list[Token]) -> None:
    """One launched figure for weapons of several kinds: "86 drones et 4 missiles" launched 90."""
    counts = [c for c in (count_of(w, ents.lex) for w in weapons) if c is not None]
    if len(weapons) < 2 or len(counts) != len(weapons):
        return
    named = ents.get(mention.weapon)
    if named is not None and named.name[:1].isupper():
        return  # "3 missiles Iskander et 47 drones Shahed": counts of named systems stay apart
    total = Count(sum(c.value for c in counts), counts[0].qualifier,
                  min(c.start for c in counts), max(c.end for c in counts))
    mention.figures = [f for f in mention.figures if f[0] != "launched"]
    mention.figures.append(("launched", total, ents.span(total.start, total.end)))
