"""Epistemic status of each extracted event: which side vouches for it and how the text hedges it.

A stage between linking and mapping, over the Extraction records and the article text only:

- **side-based** statuses compare each reporting statement's speaker side with the event's sides.
  A speaker's side is the country it is (a Country), else its ``affiliation``'s side, else the
  country of its ``jurisdiction``; a news agency is a third party; a local official the text gives
  no side to ("le gouverneur", "le maire": ``local-official`` rows of the lexicon) speaks for the
  country the event happened in. The acting side is the actor's side; the targeted side is the
  country of the event's place (or target place) when it is not the acting side. Speakers of
  both sides make ``ConfirmedByBothSides``; a speaker of a third country, or a news agency, a
  ``ThirdPartyReport``.
- **textual** statuses come from the cue lexicon ``kg/data/rules/epistemic.tsv`` matched in the
  article's sentences: a cue in a sentence that tells of events (holds one of their mentions)
  qualifies those events; a cue in a sentence that tells of none (a stand-alone disclaimer such
  as "Reuters n'a pas pu vérifier ces informations") qualifies every event of the article.

Working on the records rather than the stored graph keeps the statuses inside the article's own
graph, replaced and removed with it, and lets them use what the graph does not keep (an
official's jurisdiction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg import data
from kg.errors import ModelError
from kg.model import Entity, Event, Extraction
from kg.text import fold

RULES = data.RULES / "epistemic.tsv"
STATUSES = ("ClaimedByActor", "ClaimedByTarget", "ThirdPartyReport", "ConfirmedByBothSides",
            "Unverified", "Hedged")
THIRD = "third party"  # the side of a news agency
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\s»”\"]*\s+(?=[«“\"A-ZÀ-ÖØ-Ý])")


@dataclass(frozen=True)
class Cue:
    """One row of the lexicon: the status it signals and how it is found."""

    status: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    local_officials: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Assessment:
    """The statuses of one event (by local id) and the words of the text that gave them."""

    event: str
    statuses: tuple[str, ...]
    cues: tuple[str, ...] = ()


@cache
def lexicon(path: Path = RULES) -> Lexicon:
    """Read the cue lexicon; a malformed row raises ModelError naming the file and line."""
    cues: list[Cue] = []
    officials: list[re.Pattern[str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ModelError(f"cannot read the epistemic cue lexicon {path}: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or fields[1] not in ("phrase", "regex") or (
                fields[0] not in STATUSES and fields[0] != "local-official"):
            raise ModelError(f"{path}:{number}: expected STATUS<TAB>phrase|regex<TAB>PATTERN, "
                             f"with STATUS one of {', '.join(STATUSES)} or local-official")
        status, kind, text = fields[0], fields[1], fields[2]
        try:
            pattern = re.compile(text if kind == "regex" else rf"\b{re.escape(fold(text))}\b")
        except re.error as error:
            raise ModelError(f"{path}:{number}: bad regular expression: {error}") from None
        if status == "local-official":
            officials.append(pattern)
        else:
            cues.append(Cue(status, pattern))
    return Lexicon(tuple(cues), tuple(officials))


def sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (a punctuation rule, no parser)."""
    ranges, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return [(b, e) for b, e in ranges if text[b:e].strip()]


class _Sides:
    """Which country (entity key) or 'third party' each entity of one extraction speaks for."""

    def __init__(self, extraction: Extraction, officials: tuple[re.Pattern[str], ...]) -> None:
        self.x = extraction
        self.officials = officials

    def country_of_place(self, entity: Entity | None) -> str | None:
        if entity is None:
            return None
        if entity.kind == "Country":
            return entity.key or entity.name
        return next((k for k in entity.located_in if k.startswith("country/")), None)

    def of(self, entity: Entity | None, seen: frozenset[str] = frozenset()) -> str | None:
        if entity is None or entity.id in seen:
            return None
        if entity.kind == "Country":
            return entity.key or entity.name
        if entity.affiliation:
            side = self.of(self.x.entity(entity.affiliation), seen | {entity.id})
            if side:
                return side
        if entity.jurisdiction:
            side = self.country_of_place(self.x.entity(entity.jurisdiction))
            if side:
                return side
        if entity.kind == "NewsAgency":
            return THIRD
        return None

    def is_local_official(self, entity: Entity | None) -> bool:
        if entity is None:
            return False
        words = fold(" ".join(filter(None, (entity.role, entity.name))))
        return any(p.search(words) for p in self.officials)

    def of_event(self, event: Event) -> tuple[str | None, str | None]:
        """(acting side, targeted side) of an event; the targeted side is never the acting one.

        An interception is acted by the side that shoots down, over its own ground: its place's
        country stands for an actor the text does not name, and its targeted side is unknown.
        """
        actor = self.of(self.x.entity(event.actor))
        where = self.country_of_place(self.x.entity(event.place)) or self.country_of_place(
            self.x.entity(event.target_entity))
        if event.type == "Interception":
            return actor or where, None
        return actor, (where if where != actor else None)


def side_statuses(extraction: Extraction, lex: Lexicon) -> dict[str, set[str]]:
    """Statuses from who reports each event, by local event id."""
    sides = _Sides(extraction, lex.local_officials)
    events = {e.id: e for e in extraction.events}
    found: dict[str, set[str]] = {e: set() for e in events}
    for statement in extraction.statements:
        speaker = extraction.entity(statement.speaker)
        for event_id in statement.reports:
            if event_id not in events:
                continue
            acting, targeted = sides.of_event(events[event_id])
            side = sides.of(speaker)
            # an official the text gives no side speaks for the country the event happened in
            if side is None and sides.is_local_official(speaker):
                side = sides.country_of_place(extraction.entity(events[event_id].place))
            if side is None:
                continue
            if side == acting:
                found[event_id].add("ClaimedByActor")
            elif side == targeted:
                found[event_id].add("ClaimedByTarget")
            elif side == THIRD or (acting and targeted):  # an agency, or a third country
                found[event_id].add("ThirdPartyReport")
    for statuses in found.values():
        if {"ClaimedByActor", "ClaimedByTarget"} <= statuses:
            statuses.add("ConfirmedByBothSides")
    return found


def text_statuses(extraction: Extraction, lex: Lexicon) -> dict[str, list[tuple[str, str]]]:
    """(status, words) pairs from the cue lexicon, by local event id."""
    text = extraction.document.text
    found: dict[str, list[tuple[str, str]]] = {e.id: [] for e in extraction.events}
    for begin, end in sentences(text):
        sentence = text[begin:end]
        folded = fold(sentence)
        hits = [(cue.status, m.group(0)) for cue in lex.cues if (m := cue.pattern.search(folded))]
        if not hits:
            continue
        told = [e.id for e in extraction.events
                if any(s.begin < end and s.end > begin for s in e.mentions)]
        for event_id in told or list(found):  # no event here: a disclaimer about the article
            found[event_id].extend(h for h in hits if h not in found[event_id])
    return found


def assess(extraction: Extraction) -> tuple[Assessment, ...]:
    """The epistemic statuses of every event of one extraction, in event order."""
    lex = lexicon()
    by_side = side_statuses(extraction, lex)
    by_text = text_statuses(extraction, lex)
    result = []
    for event in extraction.events:
        statuses = by_side[event.id] | {status for status, _ in by_text[event.id]}
        result.append(Assessment(
            event.id, tuple(s for s in STATUSES if s in statuses),
            tuple(dict.fromkeys(words for _, words in by_text[event.id]))))
    return tuple(result)
