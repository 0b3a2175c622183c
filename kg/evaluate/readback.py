"""Reading an article's events and statements back from the store as scoring records (kg eval).

Scoring the graph, not the extractor's records, checks everything a user's query would see:
extraction, linking, mapping and storage together. Types are stored with their nkg: closure, so an
event's type is its nkg:eventType and an entity's kind the one of its nkg: types that no other is
a subclass of (a country is also an nkg:Actor and an nkg:Place).
"""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from kg.evaluate.score import (
    EventRecord,
    Records,
    StatementRecord,
    Thing,
    english_role,
    normalise,
)
from kg.store import queries
from kg.store.local import Store
from kg.store.params import bind

_THING = """
SELECT ?x ?kind ?label ?same ?role WHERE {
  VALUES ?x { %s }
  OPTIONAL { ?x a ?class FILTER(STRSTARTS(STR(?class), STR(nkg:)))
    FILTER NOT EXISTS { ?x a ?narrower . ?narrower rdfs:subClassOf ?class }
    BIND(STRAFTER(STR(?class), "#") AS ?kind) }
  OPTIONAL { ?x rdfs:label ?label }
  OPTIONAL { ?x owl:sameAs ?same }
  OPTIONAL { ?x nkg:role ?role }
}"""

def _things(store: Store, iris: set[str]) -> dict[str, Thing]:
    if not iris:
        return {}
    values = " ".join(str(NamedNode(iri)) for iri in sorted(iris))
    kinds: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, str] = {}
    for row in store.query(_THING % values):
        x = row["x"].value
        if row["kind"] is not None:
            kinds[x] = row["kind"].value
        if row["label"] is not None:
            names[x].add(normalise(row["label"].value))
        if row["same"] is not None:
            ids[x].add(row["same"].value.rstrip("/").rsplit("/", 1)[-1])
        if row["role"] is not None:
            roles[x] = english_role(row["role"].value)
    return {x: Thing(frozenset(ids[x]), frozenset(names[x] - {""}), kinds.get(x), roles.get(x))
            for x in iris}


def _int(term: object) -> int | None:
    return None if term is None else int(term.value)  # type: ignore[attr-defined]


def article_records(store: Store, article: NamedNode) -> Records:
    """The events and statements stored in ``article``'s graph, as scoring records."""
    event_rows = list(store.query(bind(queries.load("article-events.rq"), {"article": article})))
    statement_rows = list(store.query(bind(queries.load("article-statements.rq"), {"article": article})))
    iris = {r[k].value for r in event_rows for k in ("actor", "place") if r[k] is not None}
    iris |= {r["speaker"].value for r in statement_rows}
    things = _things(store, iris)
    events: dict[str, EventRecord] = {}
    for r in event_rows:
        e = r["event"].value
        if e not in events:
            events[e] = EventRecord(
                e, r["type"].value,
                things.get(r["actor"].value, Thing()) if r["actor"] is not None else Thing(),
                things.get(r["place"].value, Thing()) if r["place"] is not None else Thing(),
                _int(r["count"]), _int(r["killed"]), _int(r["injured"]), r["target"] is not None)
    reports: dict[str, list[str]] = defaultdict(list)
    speakers: dict[str, str] = {}
    for r in statement_rows:
        s = r["statement"].value
        speakers[s] = r["speaker"].value
        if r["event"] is not None and r["event"].value not in reports[s]:
            reports[s].append(r["event"].value)
    statements = tuple(StatementRecord(s, things[speakers[s]], tuple(reports[s])) for s in sorted(speakers))
    return Records(tuple(events[e] for e in sorted(events)), statements)
