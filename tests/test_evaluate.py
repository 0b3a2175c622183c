"""Scores of the extractor on the seed and on the team's own articles, printed and held to a floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import (Counts, EventRecord, Records, StatementRecord, Thing, evaluate_article,
                         read_names, score)

ARTICLES = Path(__file__).parent / "articles"
NAMES = read_names(ARTICLES / "names.tsv")


def test_matching_rules_on_plain_records():
    kharkiv = Thing(frozenset({"Q42308"}), frozenset({"kharkiv"}))
    gold = Records((EventRecord("E1", "MissileStrike", Thing(names=frozenset({"russia"})), kharkiv, injured=23),),
                   (StatementRecord("S1", Thing(names=frozenset({"mayor"}), kind="Person"), ("E1",)),))
    predicted = Records((EventRecord("p1", "Attack", Thing(frozenset({"Q159"})), Thing(names=frozenset({"kharkiv"})),
                                     injured=23),),
                        (StatementRecord("s1", Thing(kind="Person"), ("p1",)),))
    report = score(predicted, gold, {"russia": "Q159"})
    assert report.events == Counts(1, 1, 1)
    assert report.slots["actor"] == (1, 1) and report.slots["type"] == (0, 1)
    assert report.statements == Counts(1, 1, 1) and report.slots["reports"] == (1, 1)


@pytest.mark.parametrize("gold_path", sorted(ARTICLES.glob("*.gold.json")), ids=lambda p: p.stem)
def test_article_scores(gold_path, capsys):
    text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".fr.txt"))
    report = evaluate_article(text_path, gold_path, NAMES)
    with capsys.disabled():
        print(f"\n{gold_path.stem}\n{report.summary()}")
    assert report.events.f1 >= 0.9
    assert report.statements.f1 >= 0.6
    for slot in ("weapon_count", "killed", "injured"):
        assert report.accuracy(slot) >= 0.75, slot
