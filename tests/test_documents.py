"""Reading inputs into Documents: every input form, and each bad input reported, not raised."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.documents import read_documents


def read(*paths: Path | str) -> list:
    return list(read_documents(paths))


def test_text_file_takes_id_and_date_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "odesa-2024-12-02.fr.txt"
    path.write_text("Une frappe a touché Odesa.", encoding="utf-8")
    [doc] = read(path)
    assert (doc.id, doc.date, doc.text) == ("odesa-2024-12-02", dt.date(2024, 12, 2), "Une frappe a touché Odesa.")


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Texte z.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Texte a.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.id for d in read(tmp_path)] == ["a", "z"]


def test_jsonl_fields(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    record = {"id": "x1", "text": "Texte.", "url": "https://example.org/x1", "title": "T",
              "date": "2024-11-25T08:00:00Z", "source": "AFP", "lang": "fr"}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [doc] = read(path)
    assert doc.date == dt.date(2024, 11, 25)
    assert (doc.id, doc.url, doc.title, doc.source, doc.lang) == ("x1", "https://example.org/x1", "T", "AFP", "fr")
    assert doc.origin == f"{path}:1"


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "is not valid JSON"),
        ('{"id": "a"}', 'has no "text" string'),
        ('["text"]', "is not a JSON object"),
        ('{"text": "x", "date": 20241125}', "field 'date' must be an ISO date string"),
        ('{"text": "x", "date": "lundi dernier"}', "is not an ISO date"),
        ('{"text": "x", "title": ["a"]}', "field 'title' must be a string"),
        ('{"text": "   "}', "is empty"),
    ],
)
def test_bad_jsonl_lines_are_reported_and_the_rest_is_read(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": "Bon texte."}) + "\n", encoding="utf-8")
    problem, good = read(path)
    assert isinstance(problem, InputError)
    assert str(problem).startswith(f"{path}:1: ") and message in str(problem)
    assert good.text == "Bon texte."


FRENCH = "Des drones ont frappé un dépôt de carburant dans la région, a déclaré la source lundi soir. "


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not text"),
        (b"PK\x03\x04\x14\x00\x00\x00", "is a ZIP archive, not text"),
        (b"abc\x00\x01\x02def", "is a binary file (it holds NUL bytes)"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "is neither UTF-8 nor Windows-1252 text"),
        (("Ukrainian drones struck a fuel depot in the region overnight, a source said on Monday, "
          "and the governor said that air defence shot down eight drones.").encode(), "looks like English, not French"),
    ],
)
def test_refused_text_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [problem] = read(path)
    assert isinstance(problem, InputError) and message in str(problem)
    assert str(problem).startswith(str(path))


@pytest.mark.parametrize(
    "content, text, note",
    [
        (FRENCH.encode("latin-1"), FRENCH, "decoded as Windows-1252"),
        (FRENCH.encode() + b"\xff" + FRENCH.encode() * 20, None, "1 invalid UTF-8 byte(s) replaced"),
        (b"\xef\xbb\xbf" + FRENCH.encode(), FRENCH, None),
        (("<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head>"
          f"<body><p>{FRENCH}</p><p>Deuxi&egrave;me paragraphe.</p></body></html>").encode(),
         FRENCH.strip() + "\nDeuxième paragraphe.", "HTML reduced to its text"),
    ],
)
def test_repaired_text_files(tmp_path: Path, content: bytes, text: str | None, note: str | None) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(content)
    [doc] = read(path)
    assert not isinstance(doc, InputError), doc
    if text is not None:
        assert doc.text == text
    assert (note is None and doc.notes == ()) or any(note in n for n in doc.notes)


def test_other_languages_pass_when_forced(tmp_path: Path) -> None:
    path = tmp_path / "en.jsonl"
    path.write_text(json.dumps({"text": "Short text.", "lang": "en"}) + "\n", encoding="utf-8")
    [refused] = read(path)
    assert "is declared English, not French; pass --any-language" in str(refused)
    [doc] = list(read_documents([path], any_language=True))
    assert doc.lang == "en"


def test_symlink_loops_end_and_each_file_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a" / "x.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    found = read(tmp_path)
    assert [d.id for d in found if not isinstance(d, InputError)] == ["alias"]  # first path wins
    assert [str(e).split(": ")[1] for e in found if isinstance(e, InputError)] == [
        "is a broken symbolic link; fix or remove it"]


def test_missing_path_and_oversized_article(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("mot " * 100, encoding="utf-8")
    missing, oversized = list(read_documents([tmp_path / "nope.txt", big], max_chars=50))
    assert "no such file or folder" in str(missing)
    assert "over the limit of 50" in str(oversized)
