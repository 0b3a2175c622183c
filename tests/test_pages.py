"""Saved web pages: the article's text without the page around it, and its metadata.

The pages in tests/pages/ were written for these tests, each in the layout of a news site.
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest
from testpaths import ROOT

from kg.errors import InputError
from kg.ingest.decoding import html_to_text
from kg.ingest.documents import read_documents
from kg.ingest.pages import read_page

PAGES = ROOT / "tests" / "pages"

#: Per page: metadata expected, words of the article that must be kept, words of the page around
#: it (menus, "read also" blocks, comments, sharing buttons, footers) that must not.
CASES = [
    ("kharkiv-drones.html",
     dict(id="kharkiv-drones", title="Frappe de drones sur Kharkiv",
          url="https://veilleur.example/monde/2025/03/14/frappe-kharkiv", date=dt.date(2025, 3, 14),
          modified=dt.date(2025, 3, 15), source="Le Veilleur", author="Claire Dupont", lang="fr"),
     ["vingtaine de drones Shahed", "quinze drones ont été abattus", "rester dans les abris"],
     ["Accueil", "S'abonner", "Lire aussi", "marchés européens", "Quelle honte", "Mentions légales"]),
    ("odessa-missiles.html",  # JSON-LD NewsArticle only, no <meta> dates
     dict(id="odessa-missiles", title="Des missiles frappent Odessa",
          url="https://infoest.example/a/odessa-missiles", date=dt.date(2025, 2, 2),
          modified=dt.date(2025, 2, 3), source="Info Est", author="Marc Leroy", lang=None),
     ["trois missiles balistiques", "employé a été tué", "toujours sur place"],
     ["Politique", "À lire aussi", "Recettes d'hiver", "bravo à la défense"]),
    ("donbass-shelling.html",  # no date, no canonical URL, no site name
     dict(id="donbass-shelling", title="Bombardements dans le Donbass", url=None, date=None,
          modified=None, source=None, author=None, lang="fr"),
     ["plusieurs villages près de Pokrovsk", "crimes de guerre"],
     ["Vidéos", "Podcasts", "Partager sur"]),
]


@pytest.mark.parametrize("name, metadata, kept, dropped", CASES, ids=[c[0] for c in CASES])
def test_page_text_and_metadata(name: str, metadata: dict, kept: list[str], dropped: list[str]) -> None:
    [document] = read_documents([PAGES / name])
    assert {key: getattr(document, key) for key in metadata} == metadata
    for words in kept:
        assert words in document.text
    for words in dropped:
        assert words not in document.text, words


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_plain_html_to_text_keeps_what_the_page_reader_drops(name: str) -> None:
    # The comparison that chose trafilatura: the tag stripper used for HTML in .txt/.jsonl keeps
    # menus, "read also" blocks and comments as if they were the article.
    [case] = [c for c in CASES if c[0] == name]
    stripped = html_to_text((PAGES / name).read_text(encoding="utf-8"))
    assert any(words in stripped for words in case[3])


def test_gzipped_page_reads_as_the_page(tmp_path: Path) -> None:
    (tmp_path / "kharkiv-drones.html.gz").write_bytes(gzip.compress((PAGES / "kharkiv-drones.html").read_bytes()))
    [plain] = read_documents([PAGES / "kharkiv-drones.html"])
    [packed] = read_documents([tmp_path / "kharkiv-drones.html.gz"])
    assert packed.text == plain.text and packed.date == plain.date and packed.id == plain.id


def test_date_in_the_file_name_dates_a_page_without_one(tmp_path: Path) -> None:
    page = tmp_path / "donbass-2025-01-20.htm"
    page.write_bytes((PAGES / "donbass-shelling.html").read_bytes())
    [document] = read_documents([page])
    assert (document.id, document.date) == ("donbass-2025-01-20", dt.date(2025, 1, 20))


def test_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    markup = (PAGES / "donbass-shelling.html").read_text(encoding="utf-8")
    markup = markup.replace("<head>", '<head><meta charset="windows-1252">')
    (tmp_path / "p.html").write_bytes(markup.encode("cp1252"))
    [document] = read_documents([tmp_path / "p.html"])
    assert "près de Pokrovsk" in document.text


def test_relative_canonical_is_resolved_against_the_fetched_address() -> None:
    markup = (PAGES / "donbass-shelling.html").read_bytes().replace(
        b"<head>", b'<head><link rel="canonical" href="/guerre/donbass">')
    fetched = read_page(markup, "page", url="https://info.example/feed-item?id=3")
    saved = read_page(markup, "page")
    assert (fetched.url, saved.url) == ("https://info.example/guerre/donbass", None)


@pytest.mark.parametrize("content, problem", [
    ((PAGES / "menu-only.html").read_bytes(), "is a web page with no article text found"),
    (b"\x1f\x8b\x08\x00broken", "is not valid gzip data"),
    (b"<html>\x00\x00\x00", "is a binary file"),
    (b"", "is a web page with no article text found"),
])
def test_a_bad_page_is_one_error_naming_it_and_the_others_are_read(tmp_path: Path, content: bytes,
                                                                    problem: str) -> None:
    (tmp_path / "a-bad.html.gz" if content.startswith(b"\x1f") else tmp_path / "a-bad.html").write_bytes(content)
    (tmp_path / "b-good.html").write_bytes((PAGES / "donbass-shelling.html").read_bytes())
    error, good = read_documents([tmp_path])
    assert isinstance(error, InputError) and problem in str(error)
    assert str(error).startswith(str(tmp_path / "a-bad.html")) and "\n" not in str(error)
    assert good.id == "b-good"


def test_evidence_offsets_point_into_the_text_read_from_the_page() -> None:
    from kg.pipeline import build
    from kg.store.local import Store

    store = Store()
    summary = build([PAGES / "kharkiv-drones.html"], store, n_process=0)
    assert summary.articles == 1 and summary.events >= 1
    [row] = store.query("SELECT ?text ?date WHERE { ?a a nkg:Article ; nif:isString ?text ; schema:datePublished ?date }")
    text = row["text"].value
    assert text.startswith("Frappe de drones sur Kharkiv\n") and row["date"].value == "2025-03-14"
    spans = [(int(r["b"].value), int(r["e"].value), r["s"].value) for r in store.query(
        "SELECT ?b ?e ?s WHERE { ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?s }")]
    assert len(spans) >= 3
    assert all(text[begin:end] == anchor for begin, end, anchor in spans)
    # the page's author and update date are in the graph, which the shapes accept
    import io

    from kg.rdf.shapes import validate

    [row] = store.query("SELECT ?author ?modified WHERE { ?a schema:author ?author ; schema:dateModified ?modified }")
    assert (row["author"].value, row["modified"].value) == ("Claire Dupont", "2025-03-15")
    output = io.BytesIO()
    store.export(output, "nquads")
    assert validate(output.getvalue().decode()).conforms


def _warc(path: Path, records: list[tuple[str, int, str, bytes]], *, gzipped: bool) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        for uri, status, kind, body in records:
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("name, gzipped", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_web_archive_pages_are_read_and_the_rest_left(tmp_path: Path, name: str, gzipped: bool) -> None:
    _warc(tmp_path / name, [
        ("https://info.example/donbass", 200, "text/html; charset=utf-8", (PAGES / "donbass-shelling.html").read_bytes()),
        ("https://info.example/logo.png", 200, "image/png", b"\x89PNG..."),
        ("https://info.example/old", 301, "text/html", b""),
        ("https://info.example/menu", 200, "text/html", (PAGES / "menu-only.html").read_bytes()),
        ("https://info.example/odessa", 200, "text/html", (PAGES / "odessa-missiles.html").read_bytes()),
    ], gzipped=gzipped)
    donbass, menu, odessa = read_documents([tmp_path])
    assert (donbass.url, donbass.id, donbass.title) == ("https://info.example/donbass", "", "Bombardements dans le Donbass")
    assert isinstance(menu, InputError)
    assert str(menu).startswith(f"{tmp_path / name}#https://info.example/menu: is a web page with no article text")
    assert odessa.url == "https://infoest.example/a/odessa-missiles" and odessa.date == dt.date(2025, 2, 2)


@pytest.mark.parametrize("content, problem", [
    (b"this is not an archive", "is not a WARC archive"),
    (gzip.compress(b"nor is this"), "is not a WARC archive"),
    (b"\x1f\x8b\x08\x00 broken gzip", "is not a"),
    (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ncut short", "is not a readable WARC archive"),
])
def test_a_file_that_is_not_a_web_archive_is_one_error(tmp_path: Path, content: bytes, problem: str) -> None:
    (tmp_path / "broken.warc.gz").write_bytes(content)
    errors = list(read_documents([tmp_path / "broken.warc.gz"]))
    assert len(errors) == 1 and isinstance(errors[0], InputError) and problem in str(errors[0]), errors
