"""Pairwise precision and recall of the incident grouping in a store against tests/incidents/gold.json.

A gold report (article, family, place) is matched by the article's events of that family whose place
is the gold place or lies in it (or contains it). Two gold reports are predicted together when some
event of one and some event of the other share an incident. Run: python tests/incidents/grouping.py STORE
"""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold.json"
ARTICLE = "https://w3id.org/newskg/id/article/"
EVENTS = """
SELECT ?event ?article ?class ?placeLabel ?parentLabel ?incident WHERE {
  GRAPH ?article { ?event a ?class ; nkg:mention ?m }
  ?class rdfs:subClassOf* nkg:Event .
  OPTIONAL { ?event nkg:place ?p . ?p rdfs:label ?placeLabel
             OPTIONAL { ?p nkg:locatedIn/rdfs:label ?parentLabel } }
  OPTIONAL { GRAPH <https://w3id.org/newskg/id/graph/incidents> { ?event nkg:incident ?incident } }
}"""


@dataclass
class Score:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    unmatched: list[str]


def score(store, gold_path: Path = GOLD) -> Score:
    events: dict[str, dict] = {}
    for row in store.query(EVENTS):
        e = events.setdefault(row["event"].value, {
            "article": row["article"].value.removeprefix(ARTICLE),
            "family": "interception" if row["class"].value.endswith("#Interception") else "attack",
            "places": set(), "incident": row["incident"].value if row["incident"] else None})
        for name in ("placeLabel", "parentLabel"):
            if row[name] is not None:
                e["places"].add(row[name].value)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["incidents"]
    items = [(g["id"], r) for g in gold for r in g["reports"]]
    incidents_of: list[set[str]] = []
    unmatched = []
    for _, r in items:
        found = {e["incident"] for e in events.values() if e["article"] == r["article"]
                 and e["family"] == r["family"] and r["place"] in e["places"] and e["incident"]}
        incidents_of.append(found)
        if not found:
            unmatched.append(f"{r['article']} {r['family']} {r['place']}")
    true_pairs = predicted = correct = 0
    for (i, (gi, _)), (j, (gj, _)) in itertools.combinations(enumerate(items), 2):
        same_gold = gi == gj
        same_pred = bool(incidents_of[i] & incidents_of[j])
        true_pairs += same_gold
        predicted += same_pred
        correct += same_gold and same_pred
    return Score(correct / predicted if predicted else 1.0, correct / true_pairs if true_pairs else 1.0,
                 true_pairs, predicted, correct, unmatched)


if __name__ == "__main__":
    from kg.store import open_store

    result = score(open_store(sys.argv[1]))
    print(f"pairwise precision {result.precision:.2f} ({result.correct_pairs}/{result.predicted_pairs}), "
          f"recall {result.recall:.2f} ({result.correct_pairs}/{result.true_pairs})")
    for miss in result.unmatched:
        print(f"  gold report with no extracted event: {miss}")
