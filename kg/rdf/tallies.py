"""An article's statements counted per side and kind of speaker, for queries/claims-by-side.rq.

claims-by-side counts every statement of the store by its speaker's side and type, with the
distinct events they report and the cues they use. Counted at query time that joins every
statement to its cue, side, type and reported events (over 5 s at 100,000 articles); counted
here, from the article's own records, one tally per side and type is written with the article
(kg/rdf/quads.py) and replaced or removed with it, and the query sums the tallies. The sums are
the query's counts: a statement belongs to one article, and so do the events it reports, so the
distinct events of one article's tally are distinct from every other article's.

A statement's side and type are those of its stored ``nkg:speakerSide`` and ``nkg:speakerType``
(kg/rdf/quads.py): the side its speaker speaks for (``claims.side``), and the speaker's kind, or
nkg:AnonymousSource for a statement the text does not attribute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg.model import Extraction
from kg.rdf.claims import side

#: The speaker type of a statement whose speaker the text does not give (an unnamed source).
UNNAMED_SPEAKER_KIND = "AnonymousSource"


@dataclass(frozen=True)
class Tally:
    """The statements of one article whose speakers speak for one side (or none) and are of one kind."""

    side: NamedNode | None
    speaker_kind: str  # the local name of the speakers' nkg: class
    statements: int
    events: int  # distinct events these statements report
    cues: tuple[str, ...]  # their distinct cues, sorted


def tallies(extraction: Extraction, iris: Mapping[str, NamedNode]) -> list[Tally]:
    """One tally per side and speaker kind among the article's statements, in a fixed order.

    ``iris`` maps the extraction's entity ids to their IRIs (sides are compared as resources, as
    the stored ``nkg:speakerSide`` is). Events a statement reports that the extraction does not
    hold are not counted, as they are not stored.
    """
    known_events = {event.id for event in extraction.events}
    groups: dict[tuple[str, str], tuple[NamedNode | None, list[str], set[str], set[str]]] = {}
    for statement in extraction.statements:
        speaker = extraction.entity(statement.speaker)
        their = side(speaker, iris) if speaker is not None else None
        kind = speaker.kind if speaker is not None else UNNAMED_SPEAKER_KIND
        key = (their.value if their is not None else "", kind)
        _, ids, events, cues = groups.setdefault(key, (their, [], set(), set()))
        ids.append(statement.id)
        events.update(e for e in statement.reports if e in known_events)
        cues.add(statement.cue)
    return [Tally(their, kind, len(ids), len(events), tuple(sorted(cues)))
            for (_, kind), (their, ids, events, cues) in sorted(groups.items())]
