"""Wikidata QID coverage of the gazetteer, measured: python tests/link/qid_coverage.py prints the README table."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
ROOT_DIR = Path(__file__).resolve().parents[2]

from testpaths import GOLD  # noqa: E402

from kg.link import Gazetteer, load_gazetteer  # noqa: E402
from kg.link.gazetteer import Entry  # noqa: E402

HOME = {"UA", "RU", "BY"}
WITHDRAWN = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro: no longer in ISO 3166-1
BIG_TOWN = 10_000
# What a town is, by GeoNames' feature codes (sources/town_features.tsv): any populated place (class P)
# but a section of one (PPLX: Kyiv's Obolon, Moscow's Lyublino, which GeoNames lists with their own
# population), a historical (PPLH), abandoned (PPLQ) or destroyed (PPLW) one. A town the GeoNames list
# of 2023 lacks has no code here, and counts as a town.
NOT_TOWNS = {"P.PPLX", "P.PPLH", "P.PPLQ", "P.PPLW"}
FEATURES = ROOT_DIR / "kg" / "data" / "gazetteer" / "sources" / "town_features.tsv"


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


def feature_codes() -> dict[str, str]:
    """GeoNames id → feature class and code ("P.PPLX") of the towns that have one here."""
    lines = [line for line in FEATURES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return dict(line.split("\t") for line in lines[1:])


def big_towns(gazetteer: Gazetteer) -> tuple[list[Entry], list[Entry]]:
    """The towns of UA, RU and BY with 10,000 people or more, and the places of that size GeoNames
    lists as populated that are no towns (NOT_TOWNS)."""
    codes = feature_codes()
    places = [e for e in gazetteer if e.kind == "City" and e.country in HOME and e.population >= BIG_TOWN]
    return ([e for e in places if codes.get(e.geonames) not in NOT_TOWNS],
            [e for e in places if codes.get(e.geonames) in NOT_TOWNS])


def coverage(gazetteer: Gazetteer) -> dict[str, tuple[int, int]]:
    """(with a QID, total) for each kind of thing the issue counts."""
    entries = list(gazetteer)
    countries = [e for e in entries if e.kind == "Country" and e.country not in WITHDRAWN]
    divisions = [e for e in entries if e.kind == "Region" and e.key.startswith("region/") and e.country in HOME]
    towns = big_towns(gazetteer)[0]
    coded = [e for e in towns if e.geonames in feature_codes()]
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
        "… of them with a GeoNames feature code here": count(coded),
        "people the corpus names as speakers": (len(linked_people), len(people)),
        "named weapon systems": count(weapons),
        "armed forces, ministries, services and news agencies": count(actors),
    }


def table(gazetteer: Gazetteer) -> list[str]:
    return [f"| {what} | {n} / {total} | {n / total:.0%} |" for what, (n, total) in coverage(gazetteer).items()]


if __name__ == "__main__":
    print("\n".join(table(load_gazetteer())))
