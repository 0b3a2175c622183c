"""Readings of a whole article's events: attacks placed where their interception was, "no victims"
read as 0, tallies given both in total and by place, and what speakers say of a lone strike."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import TYPE_CHECKING

from kg.extract.entities import Entities
from kg.extract.lexicon import lexicon, rows
from kg.extract.statements import Speech
from kg.model import Event, Figure, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


def furniture(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines that are a page's furniture (rules/furniture.tsv)."""
    phrases = tuple(row[0].lower() for row in rows("furniture.tsv"))
    found, start = [], 0
    for line in text.splitlines(keepends=True):
        if line.lstrip(" \t•·*-–—>|").lower().startswith(phrases):
            found.append((start, start + len(line)))
        start += len(line)
    return found


def headline(text: str) -> tuple[int, int] | None:
    """The character range of the headline: a first line without final punctuation, followed by
    the body. It repeats the lead ("La Russie affirme avoir détruit 27 drones"); its speakers are
    the body's, told there with their full names."""
    first = text.lstrip()
    start = len(text) - len(first)
    end = first.find("\n")
    if end <= 0 or not first[end:].strip() or first[:end].rstrip()[-1:] in {".", "!", "?", "…", "»", '"', "”"}:
        return None
    return start, start + end


def on_the_incident(speech: Speech, text: str) -> bool:
    """Whether what a speech covers tells of victims, damage or the strike itself."""
    said = " ".join(text[b:e] for b, e in speech.scopes).lower()
    return any(word in said for word in lexicon().numbers["incident_words"])


def paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding character ``offset`` starts."""
    return text.rfind("\n", 0, offset) + 1


def placed_in(events: list[Event], speeches: list[Speech], ents: Entities) -> str | None:
    """The one event whose place the speeches' words name ("a annoncé neuf morts à Ternopil" in
    an article that also tells the night's attack on the whole country), if exactly one."""
    scopes = [scope for speech in speeches for scope in speech.scopes]
    named = set()
    for event in events:
        place = ents.get(event.place)
        if place is not None and any(b <= m.begin < e for m in place.mentions for b, e in scopes):
            named.add(event.id)
    return named.pop() if len(named) == 1 else None


def continued(events: list[Event], speeches: list[Speech], doc: Doc, text: str,
              reported: set[str]) -> dict[int, list[str]]:
    """Events no speaker reports, told in the sentence right after a speaker's, in their paragraph:
    the speaker's account goes on ("…, a indiqué l'armée de l'air. Au total, seize appareils ont été
    tirés et tous ont été détruits."), by speech (``id``) → event ids; ``text`` is the doc's (which
    Doc.text would build again)."""
    starts = [s.start_char for s in doc.sents]
    found: dict[int, list[str]] = {}
    for event in events:
        if event.id in reported:
            continue
        for mention in event.mentions:
            paragraph = paragraph_start(text, mention.begin)
            here = bisect.bisect_right(starts, mention.begin) - 1
            before = [s for s in speeches if s.speaker and paragraph <= s.mention.begin < mention.begin]
            if before:
                last = max(before, key=lambda s: s.mention.begin)
                if bisect.bisect_right(starts, last.mention.begin) - 1 == here - 1:
                    found.setdefault(id(last), []).append(event.id)
                    break
    return found


def told_before(events: list[Event], speeches: list[Speech], text: str) -> str | None:
    """The event told last before one of the speeches, in the same paragraph, if any."""
    best: tuple[int, str] | None = None
    for speech in speeches:
        paragraph = paragraph_start(text, speech.mention.begin)
        for event in events:
            starts = [s.begin for s in event.mentions if paragraph <= s.begin < speech.mention.begin]
            if starts and (best is None or max(starts) > best[0]):
                best = (max(starts), event.id)
    return best[1] if best else None


_DEFINITE = frozenset({"le", "la", "les", "l", "ce", "cet", "cette", "ces"})


def no_casualties(events: list[Event], text: str) -> list[Event]:
    """ "une attaque qui n'a pas fait de victime", "aucun blessé n'est à déplorer": the attack told
    last before the words (in their sentence or the one before) gets 0 killed or injured, unless
    it has a figure for them already; a shoot-down has no victims to count."""
    if not events:
        return events
    lowered = text.lower()
    events = list(events)
    lex = lexicon()
    told_of = {lemma for lemma, pos in lex.triggers if pos == "NOUN"} | set(lex.weapons)
    for pattern, quantities in lex.numbers["no_casualties"]:
        for found in re.finditer(pattern, lowered):
            previous = lowered.rfind(".", 0, found.start())
            start = lowered.rfind(".", 0, previous) + 1 if previous > 0 else 0
            own = [e for e in events if any(previous < s.begin < found.start() for s in e.mentions)]
            words = re.findall(r"\w+", lowered[previous + 1:found.start()])
            told_here = [k for k, w in enumerate(words) if w.rstrip("s") in told_of or w in told_of]
            if not own and told_here and not any(k > 0 and words[k - 1] in _DEFINITE for k in told_here):
                # "… a fait état d'interceptions de drones qui n'ont pas fait de victime": weapons or an
                # attack of their own sentence that no event holds, not the one before ("les attaques
                # n'avaient pas fait de blessés" refers back to it)
                continue
            told = [(max(s.begin for s in e.mentions if s.begin < found.start()), i) for i, e in enumerate(events)
                    if e.type != "Interception" and any(start <= s.begin < found.start() for s in e.mentions)]
            if not told:
                continue
            index = max(told)[1]
            event = events[index]
            zeros = tuple(Figure(q, 0, "exact", Span(found.start(), found.end(), text[found.start():found.end()]))
                          for q in quantities if event.figure(q) is None)
            events[index] = dataclasses.replace(event, figures=event.figures + zeros)
    return events


def launch_places(events: list[Event]) -> list[Event]:
    """The attack behind "11 drones sur 14" is placed where its interception happened."""
    placed = {span: e.place for e in events if e.type == "Interception" and e.place for span in e.mentions}
    return [dataclasses.replace(e, place=next((placed[s] for s in e.mentions if s in placed), None))
            if e.type != "Interception" and e.place is None else e for e in events]


def without_totals(events: list[Event], entities: Entities) -> tuple[list[Event], dict[str, list[str]]]:
    """A country-wide interception tally whose parts the article also gives place by place ("27
    drones détruits au-dessus de la Russie … dix-huit au-dessus de la région de Koursk et deux
    au-dessus de celle de Belgorod") is their sum, not an incident of its own: it is left out, so
    that the parts are not counted twice. Also returns, for each tally left out, its parts: what
    a speaker said of the total, they said of the parts."""
    def downed(event: Event) -> int | None:
        figure = event.figure("downed")
        return figure.value if figure is not None else None

    def countrywide(event: Event) -> bool:
        place = entities.get(event.place) if event.place else None
        return place is None or place.kind == "Country"

    def same_side(a: Event, b: Event) -> bool:  # an unknown side does not tell them apart
        sides = {entities.side(a.actor), entities.side(b.actor)}
        return len(sides - {None}) <= 1

    kept, parts_of = [], {}
    for event in events:
        total = downed(event) if event.type == "Interception" and countrywide(event) else None
        parts = [o for o in events if o is not event and o.type == "Interception"
                 and same_side(o, event) and not countrywide(o) and downed(o)]
        if total is not None and parts and sum(downed(o) or 0 for o in parts) <= total:
            parts_of[event.id] = [o.id for o in parts]
            continue
        kept.append(event)
    return kept, parts_of
