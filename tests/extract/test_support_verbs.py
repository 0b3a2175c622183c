"""Every example of kg/data/rules/support_verbs.tsv: a verb that carries an event noun ("mener une
frappe") gives one event whose slots come from the verb's clause (its subject's side, its place)."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import rows

EXAMPLES = [(lemma, example) for lemma, example, *_ in rows("support_verbs.tsv")]


@pytest.mark.parametrize(("lemma", "example"), EXAMPLES)
def test_the_verbs_clause_gives_the_events_slots(read, lemma: str, example: str) -> None:
    extraction = read(example)
    assert len(extraction.events) == 1, extraction.events
    event = extraction.events[0]
    assert extraction.entity(event.place) is not None, "no place: the verb's obliques were not read"
    # the event's words reach back to the verb's subject
    assert example.lower().startswith(event.mentions[0].text.lower()[:12]), event.mentions[0].text
    side = "Russie" if "russe" in example else "Ukraine" if "Ukraine" in example else None
    actor = extraction.entity(event.actor)
    assert (actor.name if actor else None) == side
