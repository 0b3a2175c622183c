"""The seed article's entities link as its gold says, and enclosing places are added."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.link import Gazetteer, link
from kg.model import Document, Entity, Extraction, Span

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "kaluga-2024-11-25.fr.txt"
SEED_ALT = Path("/work/shared/seed/kaluga-2024-11-25.fr.txt")
WD, GN = "http://www.wikidata.org/entity/", "https://sws.geonames.org/"


def _text() -> str:
    for path in (SEED, SEED_ALT, Path(__file__).resolve().parents[3] / "shared" / "seed" / SEED.name):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.skip("shared/seed is not beside the repository")


def _mention(text: str, needle: str, after: str = "") -> tuple[Span, ...]:
    begin = text.index(needle, text.index(after) if after else 0)
    return (Span(begin, begin + len(needle), needle),)


@pytest.fixture(scope="module")
def linked(gazetteer: Gazetteer) -> dict[str, Entity]:
    text = _text()
    entities = (
        Entity("e1", "Region", "Kaluga", _mention(text, "Kaluga")),
        Entity("e2", "City", "Kharkiv", _mention(text, "Kharkiv")),
        Entity("e3", "City", "Dnipro", _mention(text, "Dnipro")),
        Entity("e4", "City", "Odesa", _mention(text, "Odesa")),
        Entity("e5", "Country", "Ukraine", _mention(text, "Ukraine")),
        Entity("e6", "Country", "Russie", _mention(text, "Russie")),
        Entity("e7", "Person", "Vladimir Poutine", _mention(text, "Vladimir Poutine"),
               role="président", affiliation="e6"),
        Entity("e8", "Organization", "armée de l'air ukrainienne",
               _mention(text, "armée de l’air ukrainienne")),
        Entity("e9", "Weapon", "Oreshnik", _mention(text, "Oreshnik")),
        Entity("e10", "Weapon", "drone", _mention(text, "drones")),
        Entity("e11", "Authority", "autorités ukrainiennes", affiliation="e5"),
        Entity("e12", "Authority", "autorités", jurisdiction="e4", affiliation="e5"),
        Entity("e13", "AnonymousSource", "une source du renseignement", shared=False),
        Entity("e14", "Place", "Kaluga", _mention(text, "Kaluga", "gouverneur")),
        Entity("e15", "Person", "Igor Terekhov", role="maire", jurisdiction="e2"),
        Entity("e16", "Country", "Kyiv", _mention(text, "Kyiv")),
    )
    result = link(Extraction(Document(id="seed", text=text), entities), gazetteer)
    return {e.id: e for e in result.entities}


@pytest.mark.parametrize("local_id, key, ids", [
    ("e1", "region/kaluga-oblast", (WD + "Q2842", GN + "553899/")),
    ("e14", "region/kaluga-oblast", (WD + "Q2842", GN + "553899/")),
    ("e2", "city/kharkiv", (WD + "Q42308", GN + "706483/")),
    ("e3", "city/dnipro", (WD + "Q48256", GN + "709930/")),
    ("e4", "city/odesa", (WD + "Q1874", GN + "698740/")),
    ("e5", "country/ukraine", (WD + "Q212", GN + "690791/")),
    ("e16", "country/ukraine", (WD + "Q212",)),
    ("e6", "country/russia", (WD + "Q159",)),
    ("e7", "person/vladimir-putin", (WD + "Q7747",)),
    ("e8", "org/ukrainian-air-force", ()),
    ("e9", "weapon/oreshnik", ()),
    ("e10", "weapon/drone", ()),
])
def test_seed_entity(linked: dict[str, Entity], local_id: str, key: str, ids: tuple[str, ...]) -> None:
    entity = linked[local_id]
    assert entity.key == key
    assert set(ids) <= set(entity.same_as)


def test_unlinked_keys(linked: dict[str, Entity]) -> None:
    assert linked["e11"].key == "authority/ukraine"
    assert linked["e12"].key == "authority/odesa"
    assert linked["e13"].key is None
    assert linked["e15"].key == "person/ihor-terekhov"


def test_enclosing_places_are_added(linked: dict[str, Entity]) -> None:
    keys = {e.key for e in linked.values()}
    assert {"region/kharkiv-oblast", "region/dnipropetrovsk-oblast", "region/odesa-oblast"} <= keys
    added = [e for e in linked.values() if not e.mentions and e.key and e.key.startswith("region/")]
    assert all(e.shared and e.same_as and e.label for e in added)
