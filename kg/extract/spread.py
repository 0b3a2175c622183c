"""Mentions spread over several places: a tally given place by place, and an attack on places
named together. Each place is an incident of its own (ANNOTATION.md: incidents in different places
are different events)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from kg.extract.clauses import Mention, is_cue
from kg.extract.entities import Entities
from kg.extract.lexicon import Lexicon, fold
from kg.extract.numbers import Count, count_of, is_number
from kg.extract.tallies import elided_verb

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from kg.model import Span


def enumerated(mention: Mention, ents: Entities, lex: Lexicon) -> list[Mention]:
    """ "douze dans la région de Koursk, cinq à Orel et deux à Toula", "40 au-dessus de la
    Crimée, 62 au-dessus de la mer Noire": after a tally and its place, each further number
    with a place of its own (joined by a comma or "et", no verb between) is an interception of
    its own there; ``mention`` keeps the first number and the first place. A number with no place
    before the first placed one makes the tally a total of the parts: "13 drones ont été abattus,
    11 près de la Crimée et deux …" keeps 13 unplaced, and 11 is an interception over Crimea."""
    # (victims likewise: "trois personnes ont été tuées à Kherson et deux à Nikopol")
    tallies = [f for f in mention.figures if f[0] in ({"downed"} if mention.role == "interception" else {"killed", "injured"})]
    if len(tallies) != 1:
        return []
    quantity = tallies[0][0]
    at = ents.tokens
    sentence = at[mention.trigger].sent
    count = tallies[0][1]
    pairs: list[tuple[Count, str]] = []
    number: Count | None = count
    # "Dans la région de Voronej, 21 drones ont été abattus, tandis que 16 …": placed before its number
    before = [ents.place(t) for t in at[sentence.start:count.start]
              if t.i in mention.domain and ents.place(t) and not ents.metonymic(t)]
    # "Kalouga a signalé 15 interceptions, Rostov 14, Koursk 10": the region reports its own tally
    head = at[mention.trigger].head
    reporter = next((c for c in head.children if c.dep_ == "nsubj" and ents.place(c)), None) \
        if at[mention.trigger].dep_ == "obj" and is_cue(head, lex) else None
    if reporter is not None:
        before = [ents.place(reporter)]
    place_first = bool(before)
    if before:
        pairs, number = [(count, before[-1])], None
    pending: str | None = None  # a place named before its number ("…, Rostov 14")
    total = False
    # "la péninsule de Crimée, annexée par la Russie en 2014, 62 au-dessus de …": a participle on a
    # noun describes it, and neither ends the list nor names a place of it
    described = {t.i for p in at[count.end:sentence.end] if p.dep_ == "acl" and "Part" in p.morph.get("VerbForm")
                 and p.head.i < p.i for t in p.subtree}
    for token in at[count.end:sentence.end]:
        if token.i in described:
            continue
        if token.pos_ in {"VERB", "AUX"} and pairs and token.i > mention.trigger \
                and not elided_verb(token):
            break  # a new clause
        place = ents.place(token)
        if place and place_first and not ents.metonymic(token) \
                and at[token.i - 1].text in {",", "et", ";"}:
            pending = place
        elif place and number is not None and not ents.metonymic(token):
            pairs.append((number, place))
            number = None
        elif pending is not None and is_number(token) and ents.place(at[token.i - 1]) == pending and (found := count_of(token, lex)):
            pairs.append((found, pending))
            pending = None
        elif (is_number(token) or lone_one(token, at)) and token.i > count.end and pairs and (
                at[token.i - 1].text in {",", "et", ";"} or fold(at[token.i - 1].text) in {"que", "qu'"}
                and fold(at[token.i - 2].text) in {"tandis", "alors"}) and (found := count_of(token, lex) or lone_one(token, at)):
            number = found
        elif is_number(token) and not pairs and number is count and token.i > mention.trigger \
                and (at[token.i - 1].text in {",", ":"} or fold(at[token.i - 1].text) == "dont") and (found := count_of(token, lex)):
            # "13 drones ont été abattus, 11 près de la Crimée et deux …", "…, dont 30 dans la région
            # de Briansk et 12 dans celle de Koursk", "41 drones … : 16 au-dessus de …": a total, then its parts
            number, total = found, True
    if len(pairs) < (1 if total else 2):
        return []
    if quantity != "downed" and any(ents.get(p).kind == "Country" for _n, p in pairs):
        return []  # "494 tués au Liban et 26 en Israël": tolls by country sum up a war, not a strike
    if total:  # the total keeps no place of its parts (nationwide, unless its own words place it)
        mention.place = None if mention.place in {p for _n, p in pairs} else mention.place
    else:
        mention.place, pairs = pairs[0][1], pairs[1:]
    extra = []
    for tally, place in pairs:
        span = ents.span(tally.start, tally.end)
        extra.append(Mention(trigger=tally.start, role=mention.role, type=mention.type, span=span,
                             sentence=mention.sentence, actor=mention.actor, place=place,
                             weapon=mention.weapon, time=mention.time, means=mention.means,
                             figures=[(quantity, tally, span)], own=set(mention.own) - {"place"},
                             domain=mention.domain))
    return extra


def coordinated(mention: Mention, ents: Entities) -> list[Mention]:
    """ "des attaques de drones dans les régions de Moscou et de Briansk", "des frappes sur
    Donetsk, Kherson et Zaporijjia", "cinq cibles détruites au-dessus des régions de Riazan,
    Volgograd et Novgorod": an attack or interception on places named together is one on each;
    ``mention`` keeps the first place, the others get a copy without its figures (a toll given for
    all of them together belongs to none)."""
    if mention.role not in {"attack", "interception"} or mention.place is None:
        return []
    at = ents.tokens
    # (not where the weapons came from or headed for: "des drones qui se dirigeaient vers Moscou ont
    # été abattus au-dessus de Moscou")
    first = next((t for t in at if t.i in mention.domain and ents.place(t) == mention.place
                  and t.i not in mention.elsewhere), None)
    if first is None:
        return []
    # the list the place belongs to may start before it ("les régions de Poltava (centre) et
    # Vinnytsia", where the latter was chosen as the more specific)
    run = next((r for t in at if t.i in mention.domain and t.i <= first.i and ents.place(t)
                and first in (r := [t, *listed(t, ents)])), [first])
    named = sorted({first, *run, *(t for t in first.conjuncts if t.i in mention.domain and ents.place(t)
                                   and not ents.metonymic(t))} - {at[i] for i in mention.elsewhere}, key=lambda t: t.i)
    places = list(dict.fromkeys(ents.place(t) for t in named))
    mention.place = places[0]  # in the order the text names them
    quantity = "downed" if mention.role == "interception" else "launched"
    counts = [(quantity, count, span) for count, span in respectively(at[mention.trigger].sent, len(places), ents)]
    if counts:
        mention.figures = [f for f in mention.figures if f[0] != quantity] + counts[:1]
    return [dataclasses.replace(mention, place=place, domain=frozenset(), derived=True,
                                figures=counts[k:k + 1])
            for k, place in enumerate(places[1:], start=1)]


def respectively(sentence: SpacySpan, places: int, ents: Entities) -> list[tuple[Count, Span]]:
    """ "dans les régions de Briansk et de Kalouga, avec respectivement 46 et 12 drones détruits":
    one number per place, in order, when "respectivement" gives as many numbers as places."""
    at = ents.tokens
    word = next((t for t in sentence if fold(t.text) == "respectivement"), None)
    if word is None or places < 2:
        return []
    found = []
    for token in at[word.i + 1:sentence.end]:
        if is_number(token) and not (token.i + 1 < sentence.end and is_number(at[token.i + 1])):
            count = count_of(token, ents.lex)
            if count is not None:
                found.append((count, ents.span(count.start, count.end)))
        elif token.is_punct and token.text not in {","}:
            break
    return found if len(found) == places else []


# what may stand between the places of a list: "de Riazan, Volgograd et Novgorod", "de Belgorod, d'Orel
# et de la République de Crimée", "à Kharkiv, à Odessa et à Dnipro"
# (and a compass gloss between two places, rules/compass.tsv: "les régions de Donetsk, dans l'est, et de Kherson")
_LIST_WORDS = frozenset({",", "et", "ainsi", "que", "de", "d'", "du", "des", "la", "le", "l'", "les",
                         "à", "a", "au", "aux", "en", "sur", "dans", "celle", "celles"})


def listed(first: Token, ents: Entities) -> list[Token]:
    """The places named after ``first`` in one list, read off the surface (the parser hangs such lists
    anywhere): the run stops at the first word that is neither a place, a place noun nor a list word."""
    at, found, aside, gap = ents.tokens, [], False, []
    for token in at[first.i + 1:first.sent.end]:
        if token.text in {"(", ")"}:
            aside = token.text == "("  # "Poltava (centre) et Vinnytsia (centre)": a gloss
        elif aside:
            continue
        elif ents.place(token):
            if "dans" in gap and "et" not in gap and _wider(ents.place(token), ents.place((found or [first])[-1]), ents):
                break  # "Chebekino, dans la région de Belgorod": where the place before lies, not another
            if ents.place(token) != ents.place(first) and not ents.metonymic(token):
                found.append(token)
            gap = []
        elif fold(token.text) not in _LIST_WORDS | ents.lex.compass and fold(token.lemma_) not in ents.lex.place_nouns:
            break
        else:
            gap.append(fold(token.text))
    if not found or not any(at[i].text in {",", "et"} for i in range(first.i + 1, found[-1].i)):
        return []  # "à Kherson dans la région de Kherson" is one place said twice, not a list
    return found


def _wider(outer: str, inner: str, ents: Entities) -> bool:
    """Whether a place is of a wider kind than another (a region or country around a city)."""
    ranks = {"City": 0, "Place": 0, "Region": 1, "Country": 2}
    return ranks.get(ents.get(outer).kind, 0) > ranks.get(ents.get(inner).kind, 0)


def by_weapon(mention: Mention, ents: Entities) -> list[Mention]:
    """ "neuf missiles tactiques ATACMS et un drone ont été abattus", "ont détruit un missile de
    croisière et 20 drones": weapons of different kinds counted side by side (read off the surface,
    the parse of such lists varies) are one shoot-down each, with its own count (the gold's
    convention); ``mention`` keeps the first."""
    if mention.role != "interception" or not any(f[0] == "downed" for f in mention.figures):
        return []
    at, lex = ents.tokens, ents.lex
    sentence = at[mention.trigger].sent
    # the list the shoot-down's own count stands in, not another clause's ("La Russie a tiré 2 missiles
    # et 40 drones … 28 drones ont été neutralisés")
    own = {count.start for quantity, count, _s in mention.figures if quantity == "downed"}
    runs: list[list[tuple[str, Count, int]]] = [[]]  # (weapon entity, count, index of the weapon noun)
    for token in sentence:
        if not (is_number(token) or fold(token.text) in {"un", "une"}):
            continue
        noun = next((t for t in at[token.i + 1:min(token.i + 3, sentence.end)] if ents.weapon(t)), None)
        count = count_of(noun, lex) if noun is not None else None
        if noun is None or count is None:
            continue
        last = runs[-1]
        joined = not last or all(t.pos_ not in {"VERB", "AUX"} for t in at[last[-1][2] + 1:token.i]) and any(
            t.text in {",", "et"} for t in at[last[-1][2] + 1:token.i])
        if not joined:
            runs.append([])
        runs[-1].append((ents.weapon(noun)[0], count, noun.i))  # type: ignore[index]
    counted = next((run for run in runs if any(c.start in own for _w, c, _i in run)), [])
    if len(counted) < 2 or len({w for w, _c, _i in counted}) != len(counted):
        return []
    figures = [("downed", count, ents.span(count.start, count.end)) for _w, count, _i in counted]
    mention.weapon = counted[0][0]
    mention.figures = [f for f in mention.figures if f[0] != "downed"] + figures[:1]
    return [dataclasses.replace(mention, weapon=weapon, figures=[figure], domain=frozenset(), derived=True)
            for (weapon, _c, _i), figure in zip(counted[1:], figures[1:])]


def wave_and_strike(mention: Mention, ents: Entities, lex: Lexicon) -> list[Mention]:
    """ "La Russie a lancé une attaque contre l'Ukraine …, tuant au moins 25 personnes à Ternopil":
    one clause tells a nationwide wave and, in its casualty clause, the strike on one city. The
    mention keeps the wave, on the country; a copy tells the city's strike with the casualties."""
    if mention.role != "attack" or mention.place is None or ents.get(mention.place).kind == "Country":
        return []
    at = ents.tokens
    country = next((at[i] for i in sorted(mention.domain - mention.actor_tokens) if ents.place(at[i])
                    and ents.get(ents.place(at[i])).kind == "Country" and any(
                        fold(c.text) in {"contre", "sur"} for c in at[i].children if c.dep_ == "case")), None)
    local = next((at[i] for i in sorted(mention.domain) if ents.place(at[i]) == mention.place), None)
    if country is None or local is None:
        return []
    verb = local.head
    while verb.i != mention.trigger and fold(verb.lemma_) not in lex.numbers["casualty_verbs"] \
            and fold(verb.text) not in lex.numbers["casualty_verbs"] and verb.head.i != verb.i:
        verb = verb.head
    if verb.i == mention.trigger or verb.head.i == verb.i:
        return []  # the city is where the attack itself went, not where its victims were
    casualties = [f for f in mention.figures if f[0] in {"killed", "injured"}]
    strike = dataclasses.replace(mention, figures=casualties, domain=frozenset(), launch=None, derived=True)
    mention.place, mention.figures = ents.place(country), [f for f in mention.figures if f not in casualties]
    return [strike]


def lone_one(token: Token, at: list[Token]) -> Count | None:
    """One, told by the article alone before its place: "… et un au-dessus de la région de Koursk",
    "un dans celle de Lipetsk"."""
    if fold(token.text) in {"un", "une"} and token.i + 1 < len(at) \
            and fold(at[token.i + 1].text) in {"au-dessus", "dans", "à", "sur", "près", "en", "au"}:
        return Count(1, "exact", token.i, token.i + 1)
    return None
