"""Weapon tallies: the weapon noun a count applies to, coordinated weapons and their sum, the attack
behind a partitive tally, and bare numbers counting weapons told before."""

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
    if obj.pos_ == "ADJ" or is_number(obj) or fold(obj.lemma_) in ents.lex.numbers["approximate_nouns"]:
        # ("intercepté et détruit 31 drones ukrainiens": the parser may make the nationality the
        # object and hang the weapon under it as an adverb)
        deps = {"nmod", "obl", "advmod"} if obj.pos_ == "ADJ" else {"nmod", "obl"}
        return next((c for c in obj.children if c.dep_ in deps and ents.weapon(c)), None)
    return None


def instrument(ents: Entities, token: Token) -> bool:
    """Whether a weapon phrase gives what an attack was made with: "a attaqué l'Ukraine avec 85
    drones", "à l'aide de 55 drones"."""
    if token.dep_ == "nmod" and fold(token.head.lemma_) in ents.lex.numbers["instrument_nouns"]:
        return True
    return token.dep_ in {"obl", "obl:mod", "obl:arg", "nmod"} and any(
        c.dep_ == "case" and fold(c.text) == "avec" for c in token.children)


def armed(ents: Entities, obj: Token | None, head: Token, rule: Trigger) -> list[Token]:
    """The coordinated weapon nouns an attack launches ("120 drones et 8 missiles"), even hung on the
    verb, or makes use of ("avec 120 drones et 8 missiles")."""
    if rule.role != "attack":
        return []
    weapon = weapon_phrase(ents, obj) or next((g for c in (*head.children, *(obj.children if obj is not None else ()))
                                                for g in (c, *c.children) if ents.weapon(g) and instrument(ents, g)), None)
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
    attack.actor = _launcher(noun, ents)
    return attack


def _launcher(noun: Token, ents: Entities) -> str | None:
    """Who launched the weapons or attack a noun names: "lancés par la Russie", "que la Russie a lancés"."""
    found = None
    for acl in (c for c in noun.children if c.dep_ in {"acl", "acl:relcl"}):
        agent = next((c for c in acl.children if c.dep_ in AGENTS | {"nsubj"}), None)
        # "lancée dans la nuit par les forces ukrainiennes": the parser may hang the agent lower
        agent = agent or next((t for t in acl.subtree if t.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ == "case" and fold(c.text) == "par" for c in t.children)), None)
        local = ents.actor(agent) if agent is not None else None
        found = ents.side(local) or local
    return found


def repelled(interception: Mention, ents: Entities, lex: Lexicon) -> Mention:
    """The attack an interception verb has as object ("la défense a repoussé une attaque massive de
    drones lancée par les forces ukrainiennes"): an attack at the same place, by the side the attack
    phrase names (never the defender's)."""
    noun = interception.repelled
    assert noun is not None
    attack = Mention(trigger=noun.i, role="attack", type="Attack", span=interception.span,
                     sentence=interception.sentence, place=interception.place, time=interception.time,
                     domain=interception.domain, derived=True)
    if interception.weapon:
        kind = next((w[1] for t in noun.subtree if (w := ents.weapon(t)) and w[0] == interception.weapon), None)
        attack.weapon, attack.type = interception.weapon, lex.weapon_types.get(kind or "", "Attack")
    if interception.place is None and ents.get(interception.actor) \
            and ents.get(interception.actor).kind == "Country":
        interception.place = attack.place = interception.actor  # shot down over the defender's own ground
    # "une attaque russe", "lancée par les forces ukrainiennes"; not "de drones iraniens", which
    # says where the weapons were made, not always who launched them
    side = _launcher(noun, ents) or next((ents.country(country, c) for c in noun.children if c.dep_ == "amod"
                                          and (country := lex.adjectives.get(fold(c.text)))), None)
    attack.actor = side if side != interception.actor else None
    return attack


def all_launched(trigger: Token, earlier: list[Mention]) -> Count | None:
    """The weapons launched in the attack told just before (same or previous two sentences), which
    "tous ont été détruits", "la totalité a été abattue" count."""
    sentences = _recent(trigger)
    previous = next((m for m in reversed(earlier) if m.role == "attack" and m.sentence in sentences
                     and m.span.begin < trigger.idx and any(q == "launched" for q, _c, _s in m.figures)), None)
    if previous is None:
        return None
    return next(c for q, c, _s in previous.figures if q == "launched")


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
    same sentence or one of the two before."""
    previous = next((m for m in reversed(earlier) if m.role in {"interception", "attack"} and m.weapon
                     and m.sentence in _recent(trigger) and m.span.begin < trigger.idx), None)
    return (previous.weapon, "") if previous is not None else None


def _recent(trigger: Token, back: int = 2) -> set[int]:
    """The starts of the trigger's sentence and of the ``back`` sentences before it ("Six missiles ont
    été lancés. Ils n'ont pas tous été détruits. Quatre ont été abattus …")."""
    doc, start = trigger.doc, trigger.sent.start
    found = {start}
    for _ in range(back):
        if start > 0:
            start = doc[start - 1].sent.start
            found.add(start)
    return found
