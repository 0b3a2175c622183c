"""Tolls read off the surface of an attack's own sentences, where the parse hangs them out of the
clause's reach: "tuant au moins 34 personnes et en blessant 117 autres", "une personne a été tuée et
trois blessées", "faisant état de cinq blessés", and a verbless tally right after the attack
("Bilan : 20 morts, dont 9 enfants, et 70 blessés"); and the one number of weapons a shoot-down's
own sentence gives ("que 12 drones se dirigeant vers la capitale avaient été abattus").

Only a sentence that tells one event is read for it, and only the figures the clause reading left
empty are filled: the highest number found for each (ANNOTATION.md: the latest or highest figure).
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon, fold
from kg.extract.numbers import Count, count_of, is_number, qualifier_before
from kg.model import Event, Figure, Span
from kg.rdf.ontology import attack_types

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# how many words a number and the casualty word it counts may stand apart ("34 personnes civiles
# ont été tuées"); the words allowed between them are numbers.json's toll_fillers
_REACH = 4


def _quantity(token: Token, lex: Lexicon) -> str | None:
    lemma, text = fold(token.lemma_), fold(token.text)
    numbers = lex.numbers
    return numbers["casualty_nouns"].get(lemma) or numbers["casualty_nouns"].get(text) \
        or numbers["casualty_verbs"].get(lemma) or numbers["casualty_verbs"].get(text)


def _value(numeral: Token, lex: Lexicon) -> tuple[int, str, Span] | None:
    if fold(numeral.text) in {"un", "une"} and not is_number(numeral):
        qualifier, start = qualifier_before(numeral, lex)
        count = Count(1, qualifier, start, numeral.i + 1)  # "un mort et 23 blessés"
    else:
        count = count_of(numeral, lex)  # a number heads its own count
        if count is None:
            return None
    doc = numeral.doc
    begin, last = doc[count.start].idx, doc[count.end - 1]
    end = last.idx + len(last.text)
    return count.value, count.qualifier, Span(begin, end, doc[count.start:count.end].text)  # (Doc.text rebuilds)


def _subset(numeral: Token) -> bool:
    """ "dont 9 enfants": a part of a toll already counted."""
    doc = numeral.doc
    return any(fold(t.text) == "dont" for t in doc[max(numeral.sent.start, numeral.i - 3):numeral.i])


def read_tolls(sentence: SpacySpan, lex: Lexicon) -> dict[str, tuple[int, str, Span]]:
    """The highest number of killed and of injured a sentence gives on its surface."""
    person_nouns = set(lex.numbers["person_nouns"])
    fillers = set(lex.numbers["toll_fillers"])
    found: dict[str, tuple[int, str, Span]] = {}
    tokens = list(sentence)
    for k, token in enumerate(tokens):
        numeral = is_number(token) or fold(token.text) in {"un", "une"}
        if not numeral or _subset(token) or (k + 1 < len(tokens) and is_number(tokens[k + 1])):
            continue
        quantity = None
        # the number, then the casualty word: "20 morts", "trois autres ont été blessées"
        for after in tokens[k + 1:k + 1 + _REACH]:
            word = fold(after.text)
            if (quantity := _quantity(after, lex)) is not None:
                break
            if not (word in fillers or fold(after.lemma_) in person_nouns):
                break
        # the casualty verb, then the number: "en blessant 117 autres", "tuant au moins 34 personnes"
        if quantity is None and fold(token.text) not in {"un", "une"}:
            for before in reversed(tokens[max(0, k - _REACH):k]):
                if (verb := lex.numbers["casualty_verbs"].get(fold(before.text))) is not None:
                    quantity = verb
                    break
                if before.is_punct or is_number(before):
                    break
        if quantity is None or (value := _value(token, lex)) is None:
            continue
        if quantity not in found or value[0] > found[quantity][0]:
            found[quantity] = value
    return found


def read_shot_down(sentence: SpacySpan, lex: Lexicon) -> tuple[int, str, Span] | None:
    """The one number of weapons a shoot-down's own sentence gives on its surface ("que 12 drones
    se dirigeant vers la capitale avaient été abattus": the parser makes the drones the subject of
    "se diriger"), if it gives exactly one."""
    found = {value for k, token in enumerate(sentence[:-1]) if is_number(token) and not _subset(token)
             and (fold(sentence[k + 1].text) in lex.weapons or fold(sentence[k + 1].lemma_) in lex.weapons)
             and (value := _value(token, lex)) is not None}
    return found.pop() if len(found) == 1 else None


def surface_tolls(events: list[Event], doc: Doc, lex: Lexicon,
                  place_of: Callable[[Token], str | None] | None = None) -> list[Event]:
    """``events`` with the killed and injured figures their own sentences give and the clause reading
    missed, and shoot-downs with the one number of weapons their own sentence gives. With
    ``place_of`` (the place a token names), a sentence that tells no event and names only the place
    of one attack counts as that attack's own: "Le président a annoncé neuf morts à Ternopil"."""
    owner: dict[int, set[str]] = {}  # sentence start → the events with a mention in it
    sentences = list(doc.sents)
    index = {s.start: n for n, s in enumerate(sentences)}
    starts = [s.start_char for s in sentences]
    for event in events:
        for mention in event.mentions:
            at = bisect.bisect_right(starts, mention.begin) - 1
            if at >= 0:
                owner.setdefault(sentences[at].start, set()).add(event.id)
    # sentences of no event that name one place only, by that place
    named: dict[str, list[SpacySpan]] = {}
    for sentence in sentences if place_of is not None else ():
        if sentence.start not in owner:
            places = {p for t in sentence if (p := place_of(t))}
            if len(places) == 1:
                named.setdefault(places.pop(), []).append(sentence)
    attacks_at: dict[str, int] = {}
    for event in events:
        if event.type in attack_types() and event.place:
            attacks_at[event.place] = attacks_at.get(event.place, 0) + 1
    result = []
    for event in events:
        own = [s for s in sentences if owner.get(s.start) == {event.id}]
        if event.type in attack_types() and event.place and attacks_at[event.place] == 1:
            own += named.get(event.place, [])
        if event.type == "Interception" and not any(f.quantity == "downed" for f in event.figures):
            shot = [count for s in own if (count := read_shot_down(s, lex)) is not None]
            if len(shot) == 1:
                value, qualifier, span = shot[0]
                event = dataclasses.replace(event, figures=(*event.figures, Figure("downed", value, qualifier, span)))  # type: ignore[arg-type]
        wanted = {"killed", "injured"} - {f.quantity for f in event.figures}
        if event.type not in attack_types() or not wanted:
            result.append(event)
            continue
        # a verbless tally right after the attack: "Bilan : 20 morts, dont 9 enfants, et 70 blessés."
        own += [sentences[index[s.start] + 1] for s in own if index[s.start] + 1 < len(sentences)
                and sentences[index[s.start] + 1].start not in owner
                and fold(sentences[index[s.start] + 1][0].lemma_) in lex.numbers["toll_nouns"]]
        tolls: dict[str, tuple[int, str, Span]] = {}
        for sentence in own:
            for quantity, value in read_tolls(sentence, lex).items():
                if quantity in wanted and (quantity not in tolls or value[0] > tolls[quantity][0]):
                    tolls[quantity] = value
        figures = tuple(Figure(q, v, qualifier, span) for q, (v, qualifier, span) in sorted(tolls.items()))  # type: ignore[arg-type]
        result.append(dataclasses.replace(event, figures=event.figures + figures) if figures else event)
    return result
