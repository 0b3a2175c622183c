"""timeline-figures.rq tells a launched or downed figure's weapon kind from the event's type, else its
weapon (a table joined by the weapon), else "other"; an event with no weapon has no kind."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from sparql_helpers import QUERIES, table

from kg.store.local import Store
from kg.store.params import prepare

NKG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"


def one_figure(event_type: str, quantity: str, weapon: str | None) -> str:
    """An article graph with one dated event of ``event_type`` and one figure of ``quantity``."""
    a, e = f"<{ID}article/a>", f"<{ID}article/a/event/e1>"
    lines = [f"{e} a nkg:{event_type} ; nkg:eventType nkg:{event_type} ; nkg:figure <{ID}article/a/event/e1/figure/f1> ;"
             f' nkg:day "2025-01-10"^^<http://www.w3.org/2001/XMLSchema#date> .',
             f"<{ID}article/a/event/e1/figure/f1> nkg:quantity nkg:{quantity} ; nkg:value 7 .",
             f"{a} a nkg:Article ."]
    if weapon:
        lines.append(f"{e} nkg:weapon <{ID}weapon/{weapon}> .")
    return f"@prefix nkg: <{NKG}> .\nGRAPH {a} {{\n" + "\n".join(lines) + "\n}\n"


@pytest.mark.parametrize("event_type, quantity, weapon, kind", [
    ("Interception", "Downed", "shahed", "drone"),  # a drone by its name
    ("Interception", "Downed", "kh-101", "missile"),  # a missile by its name
    ("Interception", "Downed", "glide-bomb", "other"),  # a weapon of neither list
    ("Interception", "Downed", None, None),  # no weapon: no kind
    ("DroneStrike", "Launched", "kh-101", "drone"),  # a drone strike's own kind wins over its weapon
    ("MissileStrike", "Launched", None, "missile"),
    ("Attack", "Killed", "shahed", ""),  # a toll has no weapon kind
])
def test_a_figures_weapon_kind(event_type: str, quantity: str, weapon: str | None, kind: str | None) -> None:
    store = Store()
    quads = list(ox.parse(one_figure(event_type, quantity, weapon).encode(), ox.RdfFormat.TRIG))
    store.write_article(quads[0].graph_name, quads)
    rows = table(store.query(prepare((QUERIES / "timeline-figures.rq").read_text(encoding="utf-8"))))
    assert [row.get("weaponKind") for row in rows] == [kind]
