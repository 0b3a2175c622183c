"""Wikidata QID coverage of the gazetteer, measured: python tests/link/qid_coverage.py prints the README table."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from testpaths import GOLD  # noqa: E402

from kg.link import Gazetteer, load_gazetteer  # noqa: E402

HOME = {"UA", "RU", "BY"}
WITHDRAWN = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro: no longer in ISO 3166-1
BIG_TOWN = 10_000


def corpus_people() -> list[str]:
    """The people the gold annotations of the real corpus name as speakers (a name, not a title)."""
    names: set[str] = set()
    for path in GOLD.glob("*.gold.json"):
        for statement in json.loads(path.read_text(encoding="utf-8"))["statements"]:
            speaker = statement.get("speaker") or {}
            label = speaker.get("label") or ""
            if speaker.get("kind") == "Person" and re.fullmatch(r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+)+", label):
                names.add(label)
    return sorted(names)


def coverage(gazetteer: Gazetteer) -> dict[str, tuple[int, int]]:
    """(with a QID, total) for each kind of thing the issue counts."""
    entries = list(gazetteer)
    countries = [e for e in entries if e.kind == "Country" and e.country not in WITHDRAWN]
    divisions = [e for e in entries if e.kind == "Region" and e.key.startswith("region/")]
    towns = [e for e in entries if e.kind == "City" and e.country in HOME and e.population >= BIG_TOWN]
    people = corpus_people()
    linked_people = [n for n in people
                     if any(e.wikidata for e in gazetteer.lookup(n) if e.kind == "Person")]
    weapons = [e for e in entries if e.kind == "Weapon" and e.name_fr[:1].isupper()]
    actors = [e for e in entries if e.key.startswith("org/")]  # actors.tsv: forces, ministries, agencies
    count = lambda found: (sum(1 for e in found if e.wikidata), len(found))  # noqa: E731
    return {
        "countries (ISO 3166-1)": count(countries),
        "first-level divisions of UA, RU, BY": count(divisions),
        "towns of UA, RU, BY with 10,000 people or more": count(towns),
        "people the corpus names as speakers": (len(linked_people), len(people)),
        "named weapon systems": count(weapons),
        "armed forces, ministries, services and news agencies": count(actors),
    }


def table(gazetteer: Gazetteer) -> list[str]:
    return [f"| {what} | {n} / {total} | {n / total:.0%} |" for what, (n, total) in coverage(gazetteer).items()]


if __name__ == "__main__":
    print("\n".join(table(load_gazetteer())))
