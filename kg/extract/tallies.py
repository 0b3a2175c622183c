"""Weapon tallies: the weapon noun a count applies to, coordinated weapons and their sum, the attack
behind a partitive tally, tallies spread over places, and bare numbers counting weapons told before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.clauses import AGENTS, Mention
from kg.extract.entities import Entities
from kg.extract.lexicon import Lexicon, Trigger, fold
from kg.extract.numbers import Count, count_of, is_number

if TYPE_CHECKING:
    from spacy.tokens import Token


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


def launched(interception: Mention, ents: Entities, lex: Lexicon) -> Mention:
    """The attack behind "X des Y drones": Y launched, by whoever "lancés par …" names."""
    total, noun = interception.launch  # type: ignore[misc]
    if interception.place is None and ents.get(interception.actor) \
            and ents.get(interception.actor).kind == "Country":
        interception.place = interception.actor  # shot down over the defender's own ground
    weapon = ents.weapon(noun)
    attack = Mention(trigger=noun.i, role="attack", type="Attack", span=interception.span,
                     sentence=interception.sentence, place=interception.place, time=interception.time,
                     derived=True)
    if weapon:
        attack.weapon, attack.type = weapon[0], lex.weapon_types.get(weapon[1], "Attack")
    attack.figures.append(("launched", total, ents.span(total.start, total.end)))
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        agent = next((c for c in acl.children if c.dep_ in AGENTS), None)
        local = ents.actor(agent) if agent is not None else None
        attack.actor = ents.side(local) or local
    return attack


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


def elided_verb(token: Token) -> bool:
    """An auxiliary standing for the verb before it: "16 l'ont été au-dessus de …"."""
    at = token.doc
    if fold(token.text) not in {"ont", "a", "été", "sont", "est"}:
        return False
    window = [fold(t.text) for t in at[max(0, token.i - 2):token.i]]
    return "l'" in window or (window[-1:] == ["ont"] and fold(token.text) == "été")


def elided_weapon(trigger: Token, earlier: list[Mention]) -> tuple[str, str] | None:
    """The weapons a bare number counts ("deux ont été détruits"): those of the interception or
    the launch told just before ("six missiles ont été lancés, quatre ont été détruits"), in the
    same or the previous sentence."""
    sentences = {trigger.sent.start}
    if trigger.sent.start > 0:
        sentences.add(trigger.doc[trigger.sent.start - 1].sent.start)
    previous = next((m for m in reversed(earlier) if m.role in {"interception", "attack"} and m.weapon
                     and m.sentence in sentences and m.span.begin < trigger.idx), None)
    return (previous.weapon, "") if previous is not None else None
