"""Trigger clauses: the Mention record, trigger lookup, a clause's token domain and its modality (negated, future, denied)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon, Trigger, fold, rows
from kg.extract.numbers import Count
from kg.model import Span, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.entities import Entities

SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
OBJECTS = frozenset({"obj", "nsubj:pass"})
AGENTS = frozenset({"obl:agent"})
#: Words of a phrase that puts an event during a clause's action ("lors d'une frappe", "au cours de l'attaque").
DURING = frozenset({"lors", "pendant", "durant", "cours"})
# Clause-level dependents under which another clause starts; their heads stop an event's domain.
CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "xcomp", "parataxis", "acl:relcl"})
ANAPHORIC_DETERMINERS = frozenset({"le", "l'", "la", "les", "ce", "cet", "cette", "son", "sa", "leur"})


@dataclass
class Mention:
    """One clause that reports an attack or an interception, with the slots it fills."""

    trigger: int  # token index
    role: str  # attack, interception, consequence
    type: str
    span: Span
    sentence: int  # index of the sentence's first token
    anaphoric: bool = False  # "l'attaque", "23 personnes avaient été blessées": refers back
    actor: str | None = None
    place: str | None = None
    context_place: str | None = None
    weapon: str | None = None
    target: str | None = None
    target_entity: str | None = None
    means: str | None = None
    time: TimeRef | None = None
    figures: list[tuple[str, Count, Span]] = field(default_factory=list)
    domain: frozenset[int] = frozenset()
    elsewhere: frozenset[int] = frozenset()  # places named in the clause that it did not strike ("lancés depuis X")
    actor_tokens: frozenset[int] = frozenset()  # the phrase the actor was read from
    launch: tuple[Count, Token] | None = None  # total of a partitive tally, and its weapon noun
    repelled: Token | None = None  # the attack noun an interception verb has as object ("a repoussé une attaque")
    derived: bool = False  # the launch read from a partitive tally ("40 des 50 drones"), not from a clause
    own: set[str] = field(default_factory=set)  # slots the speaker's side fills ("ses forces", "son territoire")


@functools.cache
def non_combatants() -> frozenset[str]:
    """Agents whose attacks are no strikes of war (kg/data/rules/non_combatants.tsv)."""
    return frozenset(fold(row[0]) for row in rows("non_combatants.tsv"))


def agentive(token: Token) -> bool:
    """Whether a dependent is a passive's agent: tagged so, or an oblique with "par" ("touchées par des
    drones", "menée par Kiev"), as the parser often gives it."""
    return token.dep_ in AGENTS or token.dep_.startswith("obl") and any(
        fold(g.text) == "par" for g in token.children if g.dep_ == "case")


def possessive(token: Token) -> bool:
    """Whether a noun has a possessive determiner ("ses forces", "leur territoire")."""
    return any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in token.children)


def triggers_of(token: Token, lex: Lexicon) -> tuple[Trigger, ...]:
    """The trigger rules a word matches, read once per word of an article (the rules ask again and
    again of the same words)."""
    memo = token.doc.user_data.setdefault("kg triggers", {})
    if token.i not in memo:
        memo[token.i] = _triggers_of(token, lex)
    return memo[token.i]


def all_triggers(tokens: list[Token], lex: Lexicon) -> dict[int, tuple[Trigger, ...]]:
    """Every word's trigger rules, in one pass that fills :func:`triggers_of`'s memo: by token index,
    the words that match any."""
    if not tokens:
        return {}
    memo = tokens[0].doc.user_data.setdefault("kg triggers", {})
    memo.update((t.i, _triggers_of(t, lex)) for t in tokens)
    return {i: found for i, found in memo.items() if found}


def _triggers_of(token: Token, lex: Lexicon) -> tuple[Trigger, ...]:
    pos = token.pos_
    if pos not in {"VERB", "AUX", "NOUN", "ADJ", "PROPN"}:
        return ()  # (the rules name verbs, nouns and one adjective: most words need no lookup)
    pos = "VERB" if pos == "AUX" else pos
    if pos == "PROPN":
        if not token.is_sent_start:
            return ()
        pos = "NOUN"  # a headline's first word, capitalised: "Frappe russe sur Kharkiv : six morts"
    # a participle tagged as an adjective in a compound tense: "le bilan s'était alourdi"
    if pos == "ADJ" and any(c.dep_ == "aux:tense" for c in token.children):
        pos = "VERB"
    lemma = fold(token.lemma_)
    # a reflexive reading of its own: "un drone s'est abattu sur une raffinerie" crashed onto it
    reflexive = lex.triggers.get(("s'" + lemma, pos)) if pos == "VERB" else None
    if reflexive is not None and any(c.dep_.startswith("expl") and fold(c.lemma_) in {"se", "s'"} for c in token.children):
        return reflexive
    return lex.triggers.get((lemma, pos), ())


def cue_of(token: Token, lex: Lexicon) -> str | None:
    """The reporting cue a verb is (reporting.tsv), one word or a verb and its noun or infinitive:
    "a déclaré", "a fait savoir", "a fait état de", "a rendu compte"."""
    if token.pos_ != "VERB":
        return None
    lemma = fold(token.lemma_)
    if lemma in lex.cues:
        cue: str | None = lemma
    elif lemma in lex.cue_verbs:
        cue = next((cue for c in token.children if c.dep_ in {"obj", "xcomp"}
                    and (cue := f"{lemma} {fold(c.lemma_)}") in lex.cues), None)
    else:
        return None
    if cue and any(fold(c.text) in {"se", "s'"} for c in token.children if c.dep_.startswith(("expl", "obj"))):
        return None  # "un incendie s'est déclaré": a reflexive is not a report
    if cue and token.dep_ == "acl" and "Part" in token.morph.get("VerbForm") and triggers_of(token.head, lex) \
            and not any(agentive(c) for c in token.children):
        return None  # "l'attaque signalée lundi à Poltava" (with no one who signalled it) is no report
    return cue



def is_cue(token: Token, lex: Lexicon) -> bool:
    return cue_of(token, lex) is not None


def cues_in(ents: Entities) -> dict[int, str]:
    """The article's reporting verbs, by token index, with their cue: read once per article."""
    if "cues" not in ents.memo:
        ents.memo["cues"] = {t.i: cue for t in ents.tokens if (cue := cue_of(t, ents.lex)) is not None}
    return ents.memo["cues"]  # type: ignore[return-value]


def domain(head: Token, stops: set[int]) -> frozenset[int]:
    """Token indices of the clause under ``head``, not entering the clauses headed in ``stops``."""
    seen = {head.i}
    stack = list(head.children)
    while stack:
        token = stack.pop()
        if token.i in stops or token.i in seen or token.dep_ == "punct":
            continue
        seen.add(token.i)
        stack.extend(token.children)
    return frozenset(seen)


def clause_head(trigger: Token, lex: Lexicon) -> Token:
    """The predicate whose clause carries a nominal trigger's slots ("une frappe … a blessé dix personnes")."""
    if trigger.pos_ == "NOUN" and trigger.dep_ in SUBJECTS and trigger.head.pos_ in {"VERB", "AUX"} \
            and not is_cue(trigger.head, lex):
        return trigger.head
    # "Kiev a mené une frappe contre un aérodrome": a verb that carries the event noun, or a run of
    # them ("Israël a mené une série de frappes sur …")
    carried = trigger.head if trigger.dep_ == "nmod" and fold(trigger.head.lemma_) in lex.numbers["collective_nouns"] \
        else trigger
    if trigger.pos_ == "NOUN" and carried.dep_ == "obj" and carried.head.pos_ == "VERB" \
            and fold(carried.head.lemma_) in lex.support_verbs:
        return carried.head
    return trigger


def stray_object(verb: Token) -> Token | None:
    """The phrase right after a verb with no object that the parser hung on the verb's own head
    ("a indiqué avoir abattu 52 des 74 drones": "52" under "indiqué"), on a verb coordinated with it,
    or on the time phrase before
    it, with no preposition of its own ("a frappé dans la nuit l'infrastructure gazière"): the
    verb's object."""
    if verb.pos_ != "VERB" or any(c.dep_ == "obj" for c in verb.children):
        return None
    # "ont intercepté et détruit 41 drones": verbs of one subject share the object of the last
    shared = next((c for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB" and v.i > verb.i
                   and not any(c.dep_.startswith("nsubj") for c in v.children) for c in v.children if c.dep_ == "obj"), None)
    if shared is not None:
        return shared
    hung = next((g for c in verb.children if c.dep_ == "obl:mod" and c.i > verb.i for g in c.children
                 if g.dep_ == "nmod" and g.pos_ == "NOUN" and g.i > c.i and not any(x.dep_ == "case" for x in g.children)), None)
    if hung is not None or verb.head.i == verb.i:
        return hung
    after = next((t for t in verb.doc[verb.i + 1:verb.sent.end] if t.dep_ != "advmod"), None)
    if after is None or after.head.i != verb.head.i or after.dep_ not in {"obj", "obl:mod", "obl:arg"} \
            or any(c.dep_ == "case" for c in after.children):
        return None
    return after


def aimed_at(noun: Token) -> set[int]:
    """The words of "contre X" or "sur X" right after an object noun that the parser hung on its verb
    ("a dénoncé des frappes sur Kharkiv"): an attack noun's aim, which French puts right after it."""
    end = max(t.i for t in noun.subtree) + 1
    return {t.i for c in noun.head.children if c.dep_.startswith("obl") and c.left_edge.i == end and any(
        fold(g.text) in {"contre", "sur"} for g in c.children if g.dep_ == "case") for t in c.subtree}


def irrealis(head: Token, lex: Lexicon) -> bool:
    """Negated, future, conditional, habitual, denied or under a modal: "ne sera pas frappé", "pourrait frapper"."""
    modality = lex.modality
    auxiliaries = [c for c in head.children if c.dep_.startswith("aux")]
    # "aurait lancé", "auraient été abattus": the past conditional of wire copy reports a past event
    # with a hedge, not a possibility ("pourrait frapper", "seraient effectués" stay irrealis)
    hedged = "Part" in head.morph.get("VerbForm") and any(
        c.dep_ == "aux:tense" and "Cnd" in c.morph.get("Mood") for c in auxiliaries)
    for token in [head, *auxiliaries]:
        mood, tense = token.morph.get("Mood"), token.morph.get("Tense")
        if "Fut" in tense or "Cnd" in mood and not hedged:
            return True
    if any(fold(c.text) in modality["negations"] for c in head.children if c.dep_ in {"advmod", "det"}):
        return True
    # "aucun drone n'a frappé": the negative determiner sits on an argument
    if any(fold(d.text) in modality["negations"] for c in head.children if c.dep_ in SUBJECTS | OBJECTS
           for d in c.children if d.dep_ == "det"):
        return True
    marks = [fold(c.text) for c in head.children if c.dep_ == "mark"]
    if "si" in marks:
        return True
    # "depuis que deux drones ont été détruits au-dessus du Kremlin": an earlier incident, recalled
    if marks in modality["reference_marks"]:
        return True
    # the main clause of a hypothesis: "lancerait des drones … si les frappes continuaient"
    if any(fold(m.text) == "si" for c in head.children if c.dep_ == "advcl"
           for m in c.children if m.dep_ == "mark"):
        return True
    # "est régulièrement bombardée", "visée à plusieurs reprises": a pattern, not one incident
    if any(fold(c.text) in modality["habitual_adverbs"] or fold(c.lemma_) in modality["habitual_phrases"]
           for c in head.children if c.dep_ in {"advmod", "obl", "obl:mod"}):
        return True
    # "lance des drones … toutes les nuits", "chaque jour": every night is no one night
    if any(c.pos_ == "NOUN" and fold(c.lemma_) in modality["habitual_periods"] and any(
            fold(d.text) in {"toutes", "tous", "chaque"} for d in c.children if d.dep_ in {"det", "amod", "advmod"})
           for c in head.children if c.dep_ in {"obl", "obl:mod", "obj", "nmod"}):
        return True
    # "pour intercepter ces engins": an infinitive of purpose tells what was meant, not what happened
    # ("afin de repousser": the parser hangs the infinitive on "afin")
    if "Inf" in head.morph.get("VerbForm") and (any(
            c.dep_ in {"mark", "case"} and fold(c.text) in modality["purpose_marks"] for c in head.children)
            or fold(head.head.text) in modality["purpose_marks"]):
        return True
    # "la cible de bombardements intensifs ces dernières semaines": a run of recent weeks, no one incident
    holders = [head, head.head] if head.pos_ == "NOUN" else [head]
    if any(c.pos_ == "NOUN" and fold(c.lemma_) in modality["habitual_periods"] and "Plur" in c.morph.get("Number")
           and any(fold(d.lemma_) in modality["recent_periods"] for d in c.children if d.dep_ == "amod")
           for h in holders for c in h.children if c.dep_ in {"obl", "obl:mod", "obj", "nmod"}):
        return True
    # "a démenti toute frappe": an attack noun as the object of a denial or a threat
    if head.pos_ == "NOUN" and head.dep_ == "obj" and fold(head.head.lemma_) in modality["irrealis_heads"]:
        return True
    # "lanceront une offensive visant à écraser …": a participle or infinitive clause on the
    # argument of a future verb tells of the future too
    if head.dep_ in {"acl", "xcomp"} and set(head.morph.get("VerbForm")) & {"Part", "Inf"} \
            and "Past" not in head.morph.get("Tense"):
        governor = head.head.head if head.dep_ == "acl" else head.head
        if governor.pos_ in {"VERB", "AUX"} and any("Fut" in t.morph.get("Tense") for t in (
                governor, *(c for c in governor.children if c.dep_.startswith("aux")))):
            return True
    return head.dep_ in {"xcomp", "ccomp"} and fold(head.head.lemma_) in modality["irrealis_heads"]




def controller(head: Token, lex: Lexicon) -> Token | None:
    """Who acts in a clause with no subject of its own, told by the verb it completes: the object of
    an accusation ("accuse les Russes d'avoir tiré"), else the subject of a verb with an infinitive
    in the past ("L'armée israélienne a dit avoir frappé des cibles du Hezbollah")."""
    if head.dep_ not in {"xcomp", "advcl", "acl", "ccomp"}:
        return None
    above = head.head
    if fold(above.lemma_) in lex.modality["accusations"]:
        return next((c for c in above.children if c.dep_ == "obj"), None)
    # (a past infinitive only: "assure cibler des infrastructures" tells no incident)
    perfect = any("Inf" in c.morph.get("VerbForm") for c in head.children if c.dep_ in {"aux:tense", "aux:pass"})
    if head.dep_ == "xcomp" and perfect and above.pos_ == "VERB":
        return next((c for c in above.children if c.dep_ == "nsubj"), None)
    return None


def assailants(token: Token | None, lex: Lexicon) -> bool:
    """Whether a subject names, in the plural, people who attack when they kill or wound: "des
    jihadistes", "des hommes armés" (numbers.json assailant_nouns; one armed man is a crime)."""
    if token is None or "Plur" not in token.morph.get("Number"):
        return False
    lemma = fold(token.lemma_)
    return lemma in lex.numbers["assailant_nouns"] or any(
        f"{lemma} {fold(c.lemma_)}" in lex.numbers["assailant_nouns"] for c in token.children if c.dep_ in {"amod", "acl"})


def acting_subject(noun: Token, ents: Entities) -> Token | None:
    """The actor of the active verb an event noun is an oblique of, when the noun names none of its
    own: "L'armée malienne a affirmé avoir neutralisé dix terroristes lors d'une frappe aérienne"
    (not the victims of a passive: "trois civils ont été tués lors d'une frappe")."""
    # (during it, not before or after: "a déclaré après le bombardement"; "lors d'une frappe" may hang on "lors")
    during = {fold(t.text) for t in (noun.head, *noun.children, *(g for c in noun.children for g in c.children))} & DURING
    verb = noun.head.head if noun.head.pos_ == "ADV" else noun.head
    if not during or not noun.dep_.startswith("obl") or verb.pos_ != "VERB" or any(c.dep_ == "aux:pass" for c in verb.children) \
            or any(c.dep_ in {"amod", "nmod"} and (ents.actor(c) or ents.nationality(c)) for c in noun.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or controller(verb, ents.lex)
    return subject if subject is not None and ents.actor(subject) else None
