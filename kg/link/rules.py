"""The context rules of linking, read from kg/data/gazetteer/context.tsv: place words, roles, lists, conflict area, scores.

>>> rules = context_rules()
>>> rules.kinds["oblast"], rules.kinds["maire"]
('Region', 'City')
>>> "region/donetsk-oblast" in rules.conflict_area
True
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from kg.data import GAZETTEER
from kg.errors import ModelError
from kg.text import fold

CONTEXT = GAZETTEER / "context.tsv"
KIND_RULES = {"region_word": "Region", "city_word": "City"}


@dataclass(frozen=True)
class Example:
    """A rule's example sentence, the mention in it and the key it must link to ("" for none)."""

    rule: str
    sentence: str
    mention: str
    expected: str


@dataclass(frozen=True)
class ContextRules:
    """Every context rule of context.tsv, folded and ready to match."""

    kinds: dict[str, str]  # folded place noun or title → "Region" or "City"
    fillers: tuple[str, ...]  # folded adjectives allowed between the noun and "de"
    list_separators: tuple[str, ...]  # folded words joining the names of a list ("," is kept)
    anaphors: tuple[str, ...]  # "celle", "celles": the kind of the noun named before
    no_metonymy_when_struck: bool
    conflict_area: frozenset[str]  # keys of divisions in or next to the conflict area
    conflict_bonus: float
    alternate_penalty: float
    own_name_first: bool  # a home town's own name: towns that only had it as another name drop out
    attacker_words: frozenset[str]  # folded nouns whose nationality word is the attacker's, not the place's
    air_defence_regions: frozenset[str]  # ISO codes of countries whose interceptions are told by region
    margin: float
    examples: tuple[Example, ...]


def _float(values: dict[str, str], rule: str) -> float:
    try:
        return float(values[rule])
    except (KeyError, ValueError) as err:
        raise ModelError(f"{CONTEXT}: rule {rule!r} needs a number ({err}); reinstall newskg") from err


@functools.cache
def context_rules() -> ContextRules:
    """The rules, read once per process."""
    if not CONTEXT.is_file():
        raise ModelError(f"linking rules {CONTEXT} are missing; reinstall newskg")
    kinds: dict[str, str] = {}
    values: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    examples = []
    with CONTEXT.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            rule, value, *rest = row + [""] * 4
            words = [w for w in value.split("|") if w]
            if rule in KIND_RULES:
                kinds.update({fold(w): KIND_RULES[rule] for w in words})
            else:
                values[rule] = value
                lists.setdefault(rule, []).extend(words)
            if rest[0]:
                examples.append(Example(rule, rest[0], rest[1], rest[2]))
    return ContextRules(
        kinds=kinds,
        fillers=tuple(fold(w) for w in lists.get("filler", ())),
        list_separators=tuple(w if w == "," else fold(w) for w in lists.get("list", ())),
        anaphors=tuple(fold(w) for w in lists.get("anaphor", ())),
        no_metonymy_when_struck=values.get("struck") == "no_metonymy",
        conflict_area=frozenset(lists.get("conflict_area", ())),
        conflict_bonus=_float(values, "conflict_bonus"),
        alternate_penalty=_float(values, "alternate_penalty"),
        own_name_first=values.get("own_name") == "home",
        attacker_words=frozenset(fold(w) for w in lists.get("attacker", ())),
        air_defence_regions=frozenset(lists.get("air_defence_region", ())),
        margin=_float(values, "margin"),
        examples=tuple(examples),
    )
