"""Republished articles: a copy is found before parsing, recorded with its similarity, not parsed
again, and carries its original's facts with evidence offsets into its own text."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ingest.duplicates import Republications
from kg.pipeline import build
from kg.store.local import Store

QUERIES = Path(__file__).resolve().parents[1] / "queries"
A = "https://w3id.org/newskg/id/article/"
STORY = [
    "Des drones ukrainiens ont frappé une raffinerie dans la région de Krasnodar dans la nuit de lundi à mardi, a déclaré le gouverneur.",
    "Le ministère russe de la Défense a affirmé avoir abattu 57 drones au-dessus de la région.",
    "Un incendie s'est déclaré dans la raffinerie de Slaviansk-sur-Kouban, selon les autorités locales.",
    "Aucune victime n'a été signalée, a précisé le gouverneur Veniamine Kondratiev.",
]
UNTIMED = [  # no time in the text: its events' window is the original's publication day
    "Des missiles russes ont frappé une gare à Dnipro, tuant cinq personnes, a annoncé le gouverneur.",
    "Les secours ont dégagé plusieurs blessés des décombres de la gare de Dnipro.",
    "Le trafic ferroviaire a été interrompu dans toute la région, selon la compagnie nationale.",
]
OTHER = [
    "Une frappe de missiles russes a tué trois personnes à Kharkiv, a annoncé le maire Igor Terekhov.",
    "Le bâtiment d'une école a été endommagé dans le quartier de Saltivka, selon les secours.",
    "L'armée de l'air ukrainienne a dit avoir abattu 20 des 25 drones lancés dans la nuit.",
]


@pytest.mark.parametrize("text, copy", [
    ("\n".join(STORY), True),                                                   # the same text
    ("Raffinerie en feu\nPar Jean Dupont (AFP)\n" + "\n".join(STORY), True),     # another headline, a byline
    ("\n".join(STORY) + "\nTous droits réservés. Abonnez-vous à notre lettre.", True),  # a footer
    ("\n".join(STORY[:3] + ["La Russie dit viser des cibles militaires.", STORY[3]]), True),  # a paragraph more
    ("\n".join(reversed(STORY)), True),                                          # the paragraphs in another order
    ("\n".join(OTHER), False),                                                   # another story
    ("\n".join(STORY[:1] + OTHER), False),                                       # one sentence in common
])
def test_copies_are_told_from_new_stories(text: str, copy: bool) -> None:
    seen = Republications()
    assert seen.check("original", "\n".join(STORY)) is None
    found = seen.check("other", text)
    assert (found is not None) == copy
    if copy:
        assert found.original == "original" and 0.7 <= found.similarity <= 1.0


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("republished")
    records = [{"id": "orig", "text": "\n".join(STORY), "date": "2024-05-14", "source": "AFP"},
               {"id": "copy-headline", "text": "Raffinerie en feu\nPar Jean Dupont\n" + "\n".join(STORY),
                "date": "2024-05-14", "source": "Le Site"},
               {"id": "copy-footer", "text": "\n".join(STORY) + "\nTous droits réservés.", "date": "2024-05-15",
                "source": "Un Autre Site"},
               {"id": "other", "text": "\n".join(OTHER), "date": "2024-05-14"},
               {"id": "untimed", "text": "\n".join(UNTIMED), "date": "2024-06-01"},
               {"id": "untimed-copy", "text": "Dnipro : la gare touchée\n" + "\n".join(UNTIMED), "date": "2024-06-05"}]
    store = Store(folder / "s")
    path = write(folder / "a.jsonl", records)
    summary = build([path], store, n_process=0)
    yield store, summary, path
    store.close()


def test_a_copy_is_recorded_and_not_parsed(built) -> None:
    store, summary, _ = built
    assert summary.articles == 6 and summary.copies == summary.reused == 3
    copies = {(r["a"].value, r["o"].value) for r in store.query(
        "SELECT ?a ?o WHERE { GRAPH ?a { ?a nkg:copyOf ?o } }")}
    assert copies == {(A + "copy-headline", A + "orig"), (A + "copy-footer", A + "orig"),
                      (A + "untimed-copy", A + "untimed")}


def test_a_copy_published_days_later_is_in_the_incidents_of_its_original(built) -> None:
    store, _, _ = built
    incidents = {}
    for row in store.query("SELECT ?e ?i WHERE { ?e nkg:incident ?i }"):
        incidents.setdefault(row["e"].value.split("/event/")[0].removeprefix(A), set()).add(row["i"].value)
    assert incidents["untimed"] and incidents["untimed-copy"] == incidents["untimed"]
    assert incidents["copy-footer"] == incidents["orig"]


def test_a_copy_carries_the_facts_of_its_original_at_its_own_offsets(built) -> None:
    store, _, _ = built
    events = {}
    for key in ("orig", "copy-headline", "copy-footer"):
        rows = store.query(f"SELECT ?t WHERE {{ GRAPH <{A}{key}> {{ ?e nkg:eventType ?t }} }} ORDER BY ?t")
        events[key] = [r["t"].value for r in rows]
    assert events["orig"] and events["orig"] == events["copy-headline"] == events["copy-footer"]
    text = next(iter(store.query(f"SELECT ?s WHERE {{ GRAPH <{A}copy-headline> {{ ?c nif:isString ?s }} }}")))["s"].value
    mentions = list(store.query(f"""SELECT ?b ?e ?anchor WHERE {{ GRAPH <{A}copy-headline> {{
        ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor }} }}"""))
    assert mentions
    for row in mentions:
        assert text[int(row["b"].value):int(row["e"].value)] == row["anchor"].value


def test_republication_counts_are_queryable(built) -> None:
    store, _, _ = built
    rows = list(store.query((QUERIES / "republications.rq").read_text(encoding="utf-8")))
    assert [(r["original"].value, int(r["carried"].value), int(r["sources"].value)) for r in rows] == [
        (A + "orig", 3, 3), (A + "untimed", 2, 0)]


def test_copies_are_unchanged_on_the_next_build(built) -> None:
    store, _, path = built
    again = build([path], store, n_process=0)
    assert (again.articles, again.unchanged, again.copies) == (0, 6, 0)


def test_copies_and_their_incidents_conform_to_the_shapes(built) -> None:
    from kg.rdf.shapes import validate

    store, _, _ = built
    data = store._store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    report = validate(data, "nquads")
    assert report.conforms, report.text


def graph_of(store: Store, key: str) -> set[ox.Quad]:
    return set(store._store.quads_for_pattern(None, None, None, ox.NamedNode(A + key)))


def test_a_copy_of_an_article_stored_by_an_earlier_build_is_built_as_in_one_build(built, tmp_path: Path) -> None:
    """As after a build stopped between an original and its copy: the original is unchanged, so
    it is parsed again for its copy only, and the copy's graph is the one a single build gives."""
    reference, _, _ = built
    original = {"id": "orig", "text": "\n".join(STORY), "date": "2024-05-14", "source": "AFP"}
    copy = {"id": "copy-headline", "text": "Raffinerie en feu\nPar Jean Dupont\n" + "\n".join(STORY),
            "date": "2024-05-14", "source": "Le Site"}
    store = Store(tmp_path / "s")
    build([write(tmp_path / "first.jsonl", [original])], store, n_process=0)
    again = build([write(tmp_path / "both.jsonl", [original, copy])], store, n_process=0)
    assert (again.articles, again.unchanged, again.copies, again.reused) == (1, 1, 1, 1)
    assert graph_of(store, "copy-headline") == graph_of(reference, "copy-headline")
    store.close()


def test_a_copy_read_far_from_its_original_is_parsed_and_still_said_to_be_a_copy(tmp_path: Path) -> None:
    from kg.ingest.duplicates import CopyDesk, settings
    from kg.model import Document

    desk = CopyDesk(settings().__class__(**{**settings().__dict__, "reuse_window": 2}))
    text = "\n".join(STORY)
    others = [f"Article numéro {n} : la banque centrale relève son taux de {n} points, une première." for n in range(3)]
    assert desk.read("a", Document("a", text), unchanged=False) == [Document("a", text)]
    for n, other in enumerate(others):
        desk.read(f"o{n}", Document(f"o{n}", other), unchanged=False)
    far = Document("far", "Titre\n" + text)
    assert desk.read("far", far, unchanged=False) == [far]  # parsed: its original is 4 articles back
    assert desk.parsed_copies["far"].original == "a"
