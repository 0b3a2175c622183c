"""Mentions spread over several places: a tally given place by place, and an attack on places
named together. Each place is an incident of its own (ANNOTATION.md: incidents in different places
are different events)."""

from __future__ import annotations

import dataclasses

from kg.extract.clauses import Mention
from kg.extract.entities import Entities
from kg.extract.lexicon import Lexicon, fold
from kg.extract.numbers import Count, count_of, is_number
from kg.extract.tallies import elided_verb


def enumerated(mention: Mention, ents: Entities, lex: Lexicon) -> list[Mention]:
    """ "douze dans la région de Koursk, cinq à Orel et deux à Toula", "40 au-dessus de la
    Crimée, 62 au-dessus de la mer Noire": after a tally and its place, each further number
    with a place of its own (joined by a comma or "et", no verb between) is an interception of
    its own there; ``mention`` keeps the first number and the first place."""
    tallies = [f for f in mention.figures if f[0] == "downed"]
    if mention.role != "interception" or len(tallies) != 1:
        return []
    at = ents.tokens
    sentence = at[mention.trigger].sent
    count = tallies[0][1]
    pairs: list[tuple[Count, str]] = []
    number: Count | None = count
    # "Dans la région de Voronej, 21 drones ont été abattus, tandis que 16 …": placed before its number
    before = [ents.place(t) for t in at[sentence.start:count.start]
              if t.i in mention.domain and ents.place(t) and not ents.metonymic(t)]
    if before:
        pairs, number = [(count, before[-1])], None
    for token in at[count.end:sentence.end]:
        if token.pos_ in {"VERB", "AUX"} and pairs and token.i > mention.trigger \
                and not elided_verb(token):
            break  # a new clause
        place = ents.place(token)
        if place and number is not None and not ents.metonymic(token):
            pairs.append((number, place))
            number = None
        elif is_number(token) and token.i > count.end and pairs and (
                at[token.i - 1].text in {",", "et", ";"} or fold(at[token.i - 1].text) in {"que", "qu'"}
                and fold(at[token.i - 2].text) in {"tandis", "alors"}) and (found := count_of(token, lex)):
            number = found
    if len(pairs) < 2:
        return []
    mention.place = pairs[0][1]
    extra = []
    for tally, place in pairs[1:]:
        span = ents.span(tally.start, tally.end)
        extra.append(Mention(trigger=tally.start, role="interception", type=mention.type, span=span,
                             sentence=mention.sentence, actor=mention.actor, place=place,
                             weapon=mention.weapon, time=mention.time, means=mention.means,
                             figures=[("downed", tally, span)], own=set(mention.own) - {"place"}))
    return extra


def coordinated(mention: Mention, ents: Entities) -> list[Mention]:
    """ "des attaques de drones dans les régions de Moscou et de Briansk", "des frappes sur
    Donetsk, Kherson et Zaporijjia": an attack on places named together is one attack on each;
    ``mention`` keeps the first place, the others get a copy without its figures (a toll given for
    all of them together belongs to none)."""
    if mention.role != "attack" or mention.place is None:
        return []
    at = ents.tokens
    first = next((t for t in at if t.i in mention.domain and ents.place(t) == mention.place), None)
    if first is None:
        return []
    named = sorted([first, *(t for t in first.conjuncts if t.i in mention.domain and ents.place(t)
                             and not ents.metonymic(t))], key=lambda t: t.i)
    places = list(dict.fromkeys(ents.place(t) for t in named))
    mention.place = places[0]  # in the order the text names them
    return [dataclasses.replace(mention, place=place, figures=[], domain=frozenset(), derived=True)
            for place in places[1:]]
