"""The figures a clause tells: people killed and injured ("tuant trois civils", "faisant 3 morts et 12
blessés", "le nombre de blessés est passé à trois") and weapons launched or shot down ("145 drones",
"71 autres", "40 des 50 drones")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.clauses import AGENTS, SUBJECTS, Mention
from kg.extract.entities import Entities
from kg.extract.lexicon import Trigger, fold
from kg.extract.numbers import count_of, is_number, is_vague, partitive
from kg.extract.tallies import instrument, weapon_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token


def fill_counts(ents: Entities, mention: Mention, tokens: frozenset[int], obj: Token | None,
                rule: Trigger, earlier: list[Mention]) -> None:
    """The figures of a clause: people killed or injured, weapons launched or shot down."""
    lex, at = ents.lex, ents.tokens
    weapon_quantity = "downed" if rule.role == "interception" else "launched"
    for i in sorted(tokens):
        token = at[i]
        lemma = fold(token.lemma_)
        quantity = None
        # people counted as objects of "blesser"/"tuer", or as subjects of their passive
        if lemma in lex.numbers["person_nouns"] and (token.dep_ in {"obj", "nsubj:pass"} or (
                token.dep_ == "nsubj" and fold(token.head.lemma_) in lex.numbers["victim_verbs"])) \
                and fold(token.head.lemma_) in lex.numbers["casualty_verbs"]:
            quantity = lex.numbers["casualty_verbs"].get(fold(token.head.lemma_))
        # "faisant 3 morts et 12 blessés"
        elif lemma in lex.numbers["casualty_nouns"] and token.pos_ in {"NOUN", "ADJ", "VERB"}:
            quantity = lex.numbers["casualty_nouns"][lemma]
        # "quatre personnes blessées": a person noun with a casualty participle
        elif lemma in lex.numbers["person_nouns"] and (verb := next((
                c for c in token.children if c.dep_ == "acl"
                and fold(c.lemma_) in lex.numbers["casualty_verbs"]), None)) is not None:
            quantity = lex.numbers["casualty_verbs"][fold(verb.lemma_)]
        # "blessant plus de dix civils" hung under another noun by the parser
        elif lemma in lex.numbers["person_nouns"] and any(
                fold(t.lemma_) in lex.numbers["casualty_verbs"] for t in at[max(0, i - 5):i]):
            verb = next(t for t in reversed(at[max(0, i - 5):i])
                        if fold(t.lemma_) in lex.numbers["casualty_verbs"])
            quantity = lex.numbers["casualty_verbs"][fold(verb.lemma_)]
        # "en blessant plus de vingt", "blessé douze autres": a bare number as the object of a casualty verb
        elif (is_number(token) or lemma == "autre") and token.dep_ in {"obj", "nsubj:pass"} \
                and fold(token.head.lemma_) in lex.numbers["casualty_verbs"]:
            # ("tuant deux civils et blessant dix-huit": the parser may hang the second number on the
            # first verb; the casualty verb nearest before the number counts it)
            verb = next((t for t in reversed(at[token.head.i:i]) if fold(t.lemma_) in lex.numbers["casualty_verbs"]),
                        token.head)
            quantity = lex.numbers["casualty_verbs"][fold(verb.lemma_)]
        # "le nombre de blessés est passé à trois": the toll noun's complement names what is counted
        elif rule.requirement == "toll" and is_number(token) and token.head.i == mention.trigger:
            counted = (fold(t.lemma_) for c in at[mention.trigger].children if c.dep_ in SUBJECTS
                       for t in c.subtree)
            quantity = next((lex.numbers["casualty_nouns"][c] for c in counted
                             if c in lex.numbers["casualty_nouns"]), None)
        # weapons launched or downed: "145 drones", "71 autres", "40 des 50 drones"
        elif (ents.weapon(token) or lemma in {"autre", *lex.numbers["stand_in_nouns"]} or is_number(token)
              or lemma in lex.numbers["approximate_nouns"] and weapon_phrase(ents, token) is not None) \
                and obj is not None and (token.i == obj.i or token.head.i == obj.i and token.dep_ in {
                    "obj", "obl:arg", "nsubj:pass", "nsubj", "conj"} | ({"det"} if is_number(token) else set())):
            quantity = weapon_quantity
        # "une attaque de trois missiles", "frappée par deux bombes guidées": weapons counted as the
        # complement of an attack noun or as the agent of a passive attack verb, or given as what it
        # was made with ("a attaqué l'Ukraine avec 85 drones", "à l'aide de 55 drones")
        elif rule.role == "attack" and ents.weapon(token) and (token.head.i == mention.trigger and (
                token.dep_ == "nmod" and at[mention.trigger].pos_ == "NOUN" or token.dep_ in AGENTS)
                or instrument(ents, token)) and any(c.dep_ == "nummod" and is_number(c) for c in token.children):
            quantity = "launched"
        # "une dizaine de drones ont visé": weapons counted as the subject of an attack verb
        elif rule.role == "attack" and token.dep_ == "nsubj" and token.head.i == mention.trigger \
                and weapon_phrase(ents, token) is not None and (
                    is_number(token) or lemma in lex.numbers["approximate_nouns"]
                    or any(c.dep_ == "nummod" and is_number(c) for c in token.children)):
            quantity = "launched"
        if quantity is None or is_vague(token, lex):
            continue
        # "42 personnes dont trois enfants ont été blessées": the subset names the whole before it
        subset = next((c for c in token.children if fold(c.text) == "dont" and c.i < token.i), None)
        whole = at[subset.i - 1] if subset is not None and subset.i > 0 else None
        if whole is not None and fold(whole.lemma_) in lex.numbers["person_nouns"] and count_of(whole, lex):
            token = whole
        count = count_of(token, lex)
        if count is None:
            continue
        if quantity in {"killed", "injured"} and count.by_article and any(
                fold(c.lemma_) == "autre" for c in token.children):
            continue  # "une autre personne est décédée": one more to a toll told elsewhere, not a toll
        counted = weapon_phrase(ents, token) if quantity in {"launched", "downed"} else None
        if counted is not None and counted is not token and any(
                c.dep_ == "det" and fold(c.lemma_) == "ce" for c in counted.children):
            # "une dizaine de ces drones ont touché": a part of weapons already counted, not a tally
            mention.anaphoric = rule.role != "interception" or mention.anaphoric
            if rule.role != "interception":
                continue
        whole = partitive(token, lex)
        if quantity == "launched" and is_number(token) and _part_of(token):
            # "trois des dix missiles ont touché": the part hit; what was launched is the whole, if told
            if whole is None:
                continue
            count, token = whole
        mention.figures.append((quantity, count, ents.span(count.start, count.end)))
        if whole is not None and rule.role == "interception":
            mention.launch = whole  # "40 des 50 drones": 50 were launched in an attack
        elif rule.role == "interception" and quantity == "downed" and ents.weapon(token) and any(
                c.dep_ in {"acl", "acl:relcl"} and fold(c.lemma_) in {"lancer", "tirer"} for c in token.children) \
                and any(c.dep_ == "det" and fold(c.lemma_) in {"le", "ce"} for c in token.children):
            # "a abattu les 14 drones lancés par la Russie": all that were launched ("71 drones lancés
            # par la Russie", without the article, may be some of them)
            mention.launch = (count, token)
        if lemma == "autre" and mention.weapon is None:
            # "71 autres ont été abattus": the same weapons as the tally before
            previous = next((m for m in reversed(earlier) if m.weapon and m.role == rule.role), None)
            mention.weapon = previous.weapon if previous else None
    if rule.role == "interception" and mention.launch is None and any(q == "downed" for q, _c, _s in mention.figures):
        # "Sur les 50 drones lancés par la Russie, 40 ont été abattus": the weapons the shoot-down is
        # a part of, fronted as an oblique
        whole = next((c for c in at[mention.trigger].children if c.dep_.startswith("obl") and ents.weapon(c)
                      and any(g.dep_ == "case" and fold(g.text) == "sur" for g in c.children)
                      and (total := count_of(c, lex)) and c.i < mention.trigger), None)
        if whole is not None and total is not None:
            mention.launch = (total, whole)


def _part_of(numeral: Token) -> bool:
    """Whether a number heads a partitive: "trois des missiles", "deux d'entre eux"."""
    return any(c.dep_ in {"nmod", "obl", "obl:mod"} and any(
        fold(g.text) in {"des", "d'entre", "d’entre"} for g in c.children if g.dep_ in {"case", "det"}) for c in numeral.children)
