"""drones-per-night.rq adds each count to one defender: a drone strike's to the country its place is
(or lies in), an interception's to its actor, and a count whose defender the graph does not tell to
"(unknown)", never to every side."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from sparql_helpers import QUERIES, table

from kg.store.local import Store
from kg.store.params import prepare

NKG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
ENTITIES = f"""@prefix nkg: <{NKG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
GRAPH <{ID}graph/entities> {{
  <{ID}country/russia> a nkg:Country , nkg:Place ; rdfs:label "Russia"@en .
  <{ID}country/ukraine> a nkg:Country , nkg:Place ; rdfs:label "Ukraine"@en .
  <{ID}city/kharkiv> a nkg:City , nkg:Place ; nkg:locatedIn <{ID}country/ukraine> ; rdfs:label "Kharkiv"@en .
}}
"""


def one_count(event_type: str, place: str | None = None, actor: str | None = None,
              weapon: str | None = None) -> str:
    """An article graph with one event of ``event_type`` that counts 10 drones, on one day."""
    e = f"<{ID}article/a/event/e1>"
    lines = [f"{e} a nkg:{event_type} ; nkg:eventType nkg:{event_type} ; nkg:weaponCount 10 ;"
             f' nkg:day "2025-01-10"^^<http://www.w3.org/2001/XMLSchema#date> .']
    lines += [f"{e} nkg:{prop} <{ID}{value}> ." for prop, value in
              (("place", place), ("actor", actor), ("weapon", weapon)) if value]
    return f"@prefix nkg: <{NKG}> .\nGRAPH <{ID}article/a> {{\n" + "\n".join(lines) + "\n}\n"


@pytest.mark.parametrize("event, defender, launched, downed", [
    (one_count("DroneStrike", place="city/kharkiv"), "Ukraine", 10, 0),  # the country the city lies in
    (one_count("DroneStrike", place="country/russia"), "Russia", 10, 0),  # the place is the country
    (one_count("DroneStrike"), "(unknown)", 10, 0),  # no place: no defender, and no side guessed
    (one_count("Interception", actor="country/ukraine", weapon="weapon/shahed"), "Ukraine", 0, 10),
    (one_count("Interception", weapon="weapon/shahed"), "(unknown)", 0, 10),  # no actor
])
def test_a_count_goes_to_one_defender(event: str, defender: str, launched: int, downed: int) -> None:
    store = Store()
    quads = list(ox.parse((ENTITIES + event).encode(), ox.RdfFormat.TRIG))
    for graph in {q.graph_name for q in quads}:
        store.write_article(graph, [q for q in quads if q.graph_name == graph])
    rows = table(store.query(prepare((QUERIES / "drones-per-night.rq").read_text(encoding="utf-8"))))
    assert rows == [{"night": "2025-01-10", "defender": defender, "launched": str(launched),
                     "downed": str(downed), "articles": "1"}]
