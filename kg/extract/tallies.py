"""Weapon tallies: the weapon noun a count applies to, coordinated weapons and their sum, the attack
behind a partitive tally, and bare numbers counting weapons told before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.clauses import AGENTS, Mention
from kg.extract.entities import Entities
from kg.extract.lexicon import Lexicon, Trigger, fold
from kg.extract.numbers import Count, count_of

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
    if ents.named_system(mention.weapon):
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
    for acl in (c for c in noun.children if c.dep_ in {"acl", "acl:relcl"}):
        # "lancés par la Russie", "que la Russie a lancés"
        agent = next((c for c in acl.children if c.dep_ in AGENTS | {"nsubj"}), None)
        local = ents.actor(agent) if agent is not None else None
        attack.actor = ents.side(local) or local
    return attack


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
