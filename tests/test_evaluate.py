"""Scores of the extractor on the seed and on the team's own articles, printed and held to a floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate.score import (
    Counts,
    EventRecord,
    Records,
    StatementRecord,
    Thing,
    evaluate_article,
    read_names,
    score,
)

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


def _speaker(kind: str, *names: str, ids: tuple[str, ...] = ()) -> Thing:
    return Thing(frozenset(ids), frozenset(names), kind)


@pytest.mark.parametrize(("predicted", "gold", "same"), [
    # kinds are compared by family: the graph's Country speaks for its government (gold: Authority)
    (_speaker("Country", "ukraine"), _speaker("Authority", "ukrainian government kyiv"), True),
    (_speaker("Country", "ukraine"), _speaker("Authority", "russian government moscow"), False),
    (_speaker("Country", "ukraine"), _speaker("Organization", "ukrainian air force"), False),
    # surnames across Russian, Ukrainian, French and English spellings
    (_speaker("Person", "serguii popko"), _speaker("Person", "serhiy popko"), True),
    (_speaker("Person", "oleg sinegoubov"), _speaker("Person", "oleh syniehubov"), True),
    (_speaker("Person", "igor terekhov"), _speaker("Person", "ihor klymenko"), False),
    (_speaker("Person", "kyrylo timochenko"), _speaker("Person", "kyrylo tymoshenko"), True),
    (_speaker("Person", "viatcheslav tchaous"), _speaker("Person", "viacheslav chaus"), True),
    (_speaker("Person", "denis pouchiline"), _speaker("Person", "denis pushilin"), True),
    (_speaker("Person", "serguii lyssak"), _speaker("Person", "serhiy lysak"), True),
    (_speaker("Person", "valerii zaloujnii"), _speaker("Person", "valerii zaluzhnyi"), True),
    # an institution's label is the other's with words more
    (_speaker("Organization", "ministry defence russian federation"), _speaker("Organization", "russian ministry defence"), True),
    (_speaker("Organization", "ministere"), _speaker("Organization", "russian ministry defence"), False),
    # two linked speakers are told apart by their ids only
    (_speaker("Person", "vladimir putin", ids=("Q7747",)), _speaker("Person", "v putin", ids=("Q1",)), False),
    # the French text's words, glossed into the gold's English (kg/data/evaluation/glosses.tsv)
    (_speaker("AnonymousSource", "responsable palestinien"), _speaker("AnonymousSource", "a palestinian official"), True),
    (_speaker("AnonymousSource", "responsables medicaux palestiniens"),
     _speaker("AnonymousSource", "palestinian medical officials"), True),
    (_speaker("Organization", "forces francaises"), _speaker("Organization", "french forces"), True),
    (_speaker("Authority", "autorites locales"), _speaker("Authority", "kharkiv local authorities"), True),
    (_speaker("Organization", "ministere interieur"), _speaker("Organization", "ukrainian ministry internal affairs"), True),
    (_speaker("AnonymousSource", "source militaire"), _speaker("AnonymousSource", "a palestinian official"), False),
    (_speaker("Organization", "armee israelienne"), _speaker("Organization", "lebanese army"), False),
    (_speaker("Organization", "armee"), _speaker("Organization", "malian army"), False),  # one word says too little
])
def test_speakers_match_across_spellings(predicted: Thing, gold: Thing, same: bool) -> None:
    records = lambda speaker, event: Records((EventRecord(event, "Attack", Thing(), Thing()),),  # noqa: E731
                                             (StatementRecord("s", speaker, (event,)),))
    report = score(records(predicted, "p1"), records(gold, "E1"))
    assert report.statements == Counts(1, 1, 1)  # matched through the reported event in any case
    assert report.slots["speaker"] == (int(same), 1)


# The seed and the article written with the first rules: held to a high floor each.
TUNED = ("kaluga-2024-11-25", "belgorod-2024-12-02")
# Articles written before the rules were tuned on them: they measure generality, held to a floor together.
UNSEEN = sorted(p for p in ARTICLES.glob("*.gold.json") if p.name.replace(".gold.json", "") not in TUNED)


def _report(gold_path: Path):
    text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".fr.txt"))
    return evaluate_article(text_path, gold_path, NAMES)


@pytest.mark.parametrize("stem", TUNED)
def test_article_scores(stem, capsys):
    report = _report(ARTICLES / f"{stem}.gold.json")
    with capsys.disabled():
        print(f"\n{stem}\n{report.summary()}")
    assert report.events.f1 >= 0.9
    assert report.statements.f1 >= 0.6
    for slot in ("weapon_count", "killed", "injured"):
        assert report.accuracy(slot) >= 0.75, slot


def test_unseen_article_scores(capsys):
    assert len(UNSEEN) >= 8
    total = None
    for gold_path in UNSEEN:
        report = _report(gold_path)
        total = report if total is None else total + report
    with capsys.disabled():
        print(f"\n{len(UNSEEN)} articles written before tuning\n{total.summary()}")
    # floors a little under the scores reached, so a regression shows
    assert total.events.f1 >= 0.65
    assert total.statements.f1 >= 0.75
    for slot in ("actor", "type", "weapon_count", "killed", "injured"):
        assert total.accuracy(slot) >= 0.7, slot
