"""kg show highlights exactly the spans the graph's mentions give, in the terminal and in HTML."""

from __future__ import annotations

import re
from html import unescape

import pyoxigraph as ox
import pytest
from view_helpers import SEED, kg

from kg.store.local import Store
from kg.views.article import read_article, terminal


@pytest.fixture(scope="module")
def mentions(built) -> set[tuple[str, int, int]]:
    """(resource, begin, end) of every mention of the seed article, straight from the store."""
    store = ox.Store(str(built[0]))
    rows = store.query(
        "PREFIX nkg: <https://w3id.org/newskg/ontology#> "
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        f"SELECT ?r ?b ?e WHERE {{ ?r nkg:mention ?m . ?m nif:referenceContext <{SEED}> ; "
        "nif:beginIndex ?b ; nif:endIndex ?e }", use_default_graph_as_union=True)
    found = {(r["r"].value, int(r["b"].value), int(r["e"].value)) for r in rows}
    del store
    return found


@pytest.fixture(scope="module")
def page(built, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    path = tmp_path_factory.mktemp("show") / "seed.html"
    code, out, err = kg("show", "kaluga-2024-11-25", "--store", str(built[0]), "--html", str(path))
    assert code == 0, err
    return out, path.read_text(encoding="utf-8")


def test_the_terminal_shows_the_text_and_the_facts(page) -> None:
    out = page[0]
    assert "Des drones ukrainiens frappent un dépôt de carburant" in out  # the headline
    assert "Facts read from the article" in out
    assert "DroneStrike" in out and "Statement" in out and "Interception" in out


def test_terminal_highlights_are_the_mention_offsets(built, mentions) -> None:
    store = Store(built[0])
    view = read_article(store, ox.NamedNode(SEED))
    store.close()
    text = terminal(view).renderables[3]
    assert text.plain == view.text
    assert {(s.start, s.end) for s in text.spans} == {(b, e) for _, b, e in mentions}
    assert {(f.resource, f.begin, f.end) for f in view.facts} == mentions
    assert all(view.text[f.begin:f.end] == f.anchor for f in view.facts)


def test_html_highlights_are_the_mention_offsets(page, mentions) -> None:
    html = page[1]
    text = unescape(re.sub(r"<[^>]+>", "", re.search(r'<div class="text" id="text">(.*?)</div>',
                                                      html, re.S).group(1)))
    facts = {int(i): (int(b), int(e)) for i, b, e in re.findall(
        r'<tr data-fact="(\d+)" data-begin="(\d+)" data-end="(\d+)">', html)}
    assert sorted(facts.values()) == sorted((b, e) for _, b, e in mentions)
    covered: dict[int, list[tuple[int, int, str]]] = {i: [] for i in facts}
    for b, e, ids, chunk in re.findall(
            r'<span class="[^"]*" data-b="(\d+)" data-e="(\d+)" data-facts="([\d ]+)"[^>]*>(.*?)</span>',
            html, re.S):
        assert text[int(b):int(e)] == unescape(chunk)  # a highlighted piece sits at its offsets
        for i in ids.split():
            covered[int(i)].append((int(b), int(e), unescape(chunk)))
    for i, (begin, end) in facts.items():
        pieces = sorted(covered[i])
        assert pieces[0][0] == begin and pieces[-1][1] == end, i
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:])), i  # contiguous
        assert "".join(p[2] for p in pieces) == text[begin:end]


def test_the_html_page_is_self_contained(page) -> None:
    assert not re.search(r'<script[^>]+src=|<link[^>]+href=', page[1])
    assert "kaluga-2024-11-25" in page[1]


def test_an_unknown_article_is_one_line_error(built) -> None:
    code, _, err = kg("show", "no-such-article", "--store", str(built[0]))
    assert code == 1
    assert err.strip() == ("Error: https://w3id.org/newskg/id/article/no-such-article is not in "
                           f"store {built[0]}; see `kg stats`, or build it first with `kg build`")
