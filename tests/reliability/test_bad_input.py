"""Bad input: every broken article is skipped with one line naming it, the others are built, and
the exit code says so (0 all built, 1 some skipped, 2 usage); --strict stops at the first."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from faultkit import FRENCH, article_graphs, kg, problems

from kg.cli import main
from kg.errors import InputError
from kg.ingest.documents import read_documents

GOOD = FRENCH
OTHER_GOOD = ("Le gouverneur de Belgorod a déclaré que la défense aérienne avait abattu huit drones "
              "pendant la nuit, selon l'agence.")
ENGLISH = ("Ukrainian drones struck a fuel depot in the region overnight, a source said on Monday, "
           "and the governor said that air defence shot down eight drones.")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def zip_bytes(tmp: Path) -> bytes:
    with zipfile.ZipFile(tmp / "a.zip", "w") as archive:
        archive.writestr("article.txt", GOOD)
    return (tmp / "a.zip").read_bytes()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of scraped articles: two good ones and one of every kind of breakage."""
    root = tmp_path / "scraped"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "good2.txt").write_text(OTHER_GOOD, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\t \n")
    (root / "image.txt").write_bytes(png())
    (root / "archive.txt").write_bytes(zip_bytes(tmp_path))
    (root / "latin1.txt").write_bytes(OTHER_GOOD.replace("huit", "neuf").encode("latin-1"))
    (root / "garbage.txt").write_bytes(bytes(range(0x80, 0xA0)) * 10)
    (root / "page.txt").write_text(
        f"<!DOCTYPE html><html><head><script>var x = 1;</script></head><body><p>{GOOD}</p></body></html>",
        encoding="utf-8")
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "run-on.txt").write_text("drone " * 100_000, encoding="utf-8")
    (root / "feed.jsonl").write_text("\n".join([
        json.dumps({"id": "feed-ok", "text": OTHER_GOOD.replace("huit", "dix")}),
        '{"id": "broken", "text": "Des drones',
        json.dumps({"id": "no-text", "title": "Titre"}),
        json.dumps({"id": "bad-date-type", "date": 20241125, "text": GOOD}),
        json.dumps({"id": "bad-date", "date": "lundi dernier", "text": GOOD}),
    ]) + "\n", encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root)
    return root


# (input, message) for each skipped input; the path is relative to the corpus folder.
SKIPPED = [
    ("archive.txt", "is a ZIP archive, not text; give a .txt or .jsonl file"),
    ("blank.txt", "is empty; nothing to extract"),
    ("empty.txt", "is empty; nothing to extract"),
    ("english.txt", "looks like English, not French; pass --any-language to build it anyway"),
    ("feed.jsonl:2", "is not valid JSON ("),
    ("feed.jsonl:3", 'has no "text" string; every article needs its text'),
    ("feed.jsonl:4", "field 'date' must be an ISO date string, not 20241125"),
    ("feed.jsonl:5", "field 'date' 'lundi dernier' is not an ISO date (YYYY-MM-DD)"),
    ("garbage.txt", "is neither UTF-8 nor Windows-1252 text; re-encode it as UTF-8"),
    ("image.txt", "is a PNG image, not text; give a .txt or .jsonl file"),
    ("run-on.txt", "has 600,000 characters without a sentence end (. ! ?), over the limit of 30,000"),
]
BUILT = ["feed-ok", "good", "good2", "latin1", "page"]


def test_a_folder_of_broken_articles_builds_the_good_ones_and_names_each_skipped_one(
        corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, out, err = run("build", str(corpus), "--store", str(store))
    assert code == 1, err
    skipped = sorted(line for line in err.splitlines() if line.startswith("Skipped "))
    assert len(skipped) == len(SKIPPED), err
    for line, (name, message) in zip(skipped, SKIPPED):
        assert line.startswith(f"Skipped {corpus / name}: "), line
        assert message in line, line
    notes = [line for line in err.splitlines() if line.startswith("Note ")]
    assert f"Note {corpus / 'latin1.txt'}: not UTF-8; decoded as Windows-1252 (Latin-1)" in notes
    assert f"Note {corpus / 'page.txt'}: HTML reduced to its text" in notes
    assert out.startswith(f"Built {len(BUILT)} articles (0 unchanged, {len(SKIPPED)} skipped)")
    stored = article_graphs(store)
    assert sorted(g.rsplit("/", 1)[1] for g in stored) == BUILT
    assert problems(store) == []
    # the same corpus again: nothing to build, the same problems, the same exit code
    code, out, err = run("build", str(corpus), "--store", str(store))
    assert code == 1 and out.startswith(f"Built 0 articles ({len(BUILT)} unchanged, {len(SKIPPED)} skipped)")


def test_other_languages_are_built_when_asked(corpus: Path, tmp_path: Path) -> None:
    code, out, _ = run("build", str(corpus / "english.txt"), "--store", str(tmp_path / "s"),
                       "--any-language")
    assert code == 0 and out.startswith("Built 1 articles")


def test_all_good_exits_0_and_a_usage_mistake_exits_2(corpus: Path, tmp_path: Path) -> None:
    code, out, err = run("build", str(corpus / "good.txt"), "--store", str(tmp_path / "s"))
    assert (code, err) == (0, "") and out.startswith("Built 1 articles (0 unchanged, 0 skipped)")
    code, _, err = run("build", str(corpus / "good.txt"), "--max-chars", "0")
    assert code == 2 and "Invalid value for '--max-chars'" in err
    code, _, err = run("build")
    assert code == 2 and "Missing argument 'INPUT...'" in err


def test_a_missing_path_and_a_binary_given_by_name(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(png())
    code, out, err = run("build", str(tmp_path / "nope.txt"), str(tmp_path / "photo.png"),
                         str(corpus / "good.txt"), "--store", str(tmp_path / "s"))
    assert code == 1 and out.startswith("Built 1 articles (0 unchanged, 2 skipped)")
    assert err.splitlines() == [
        f"Skipped {tmp_path / 'nope.txt'}: no such file or folder; check the path",
        f"Skipped {tmp_path / 'photo.png'}: is a PNG image, not text; give a .txt or .jsonl file",
    ]


def test_strict_stops_at_the_first_problem_and_keeps_what_came_before(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "s"
    code, out, err = run("build", str(corpus / "good.txt"), str(corpus / "empty.txt"),
                         str(corpus / "sub" / "good2.txt"), "--store", str(store), "--strict")
    assert code == 1 and out == ""
    assert err == (f"Error: {corpus / 'empty.txt'}: is empty; nothing to extract (--strict: stopped "
                   "here; the 1 articles built before it are kept)\n")
    assert sorted(g.rsplit("/", 1)[1] for g in article_graphs(store)) == ["good"]


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        for _ in range(53):
            stream.write(b"Des drones ont frapp\xc3\xa9 la ville. " * 29_000)  # ~1 MB
    assert big.stat().st_size > 50_000_000
    tracemalloc.start()
    started = time.perf_counter()
    [problem] = list(read_documents([big]))
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(problem, InputError)
    assert str(problem) == (f"{big}: has {big.stat().st_size:,} bytes, over the limit of 1,000,000 "
                            "characters; split it or raise --max-chars")
    assert seconds < 0.5 and peak < 1_000_000  # refused by its size, not read


def test_a_50_mb_jsonl_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as stream:
        stream.write('{"id": "huge", "text": "')
        for _ in range(50):
            stream.write("Des drones ont frappé la ville. " * 32_000)
        stream.write('"}\n' + json.dumps({"id": "after", "text": GOOD}) + "\n")
    tracemalloc.start()
    found = list(read_documents([feed]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [type(f).__name__ for f in found] == ["InputError", "Document"]
    assert str(found[0]).startswith(f"{feed}:1: is a line over the limit of 1,000,000 characters")
    assert found[1].id == "after"
    assert peak < 30_000_000  # a few 6 MB read chunks, never the 50 MB line


def test_a_100000_word_sentence_is_refused_quickly(tmp_path: Path) -> None:
    """spaCy's parse time grows with the square of a sentence's length (a 100,000-word sentence
    ran for over 6 minutes), so a stretch of over 30,000 characters without . ! ? is refused."""
    path = tmp_path / "run-on.txt"
    path.write_text(" ".join(["frappé"] * 100_000) + ".", encoding="utf-8")
    started = time.perf_counter()
    [problem] = list(read_documents([path]))
    assert time.perf_counter() - started < 1.0
    assert "has 699,999 characters without a sentence end" in str(problem)


def test_an_unreadable_file_is_skipped_when_not_root(tmp_path: Path) -> None:
    """Root reads anything, so the build runs as `nobody` (setpriv), in a folder it may use."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to run kg as another user")
    work = Path(tempfile.mkdtemp(prefix="kg-perm-"))  # pytest's tmp_path is private to root
    try:
        work.chmod(0o777)
        (work / "in").mkdir()
        (work / "in" / "a-open.txt").write_text(GOOD, encoding="utf-8")
        secret = work / "in" / "b-secret.txt"
        secret.write_text(OTHER_GOOD, encoding="utf-8")
        secret.chmod(0o600)
        (work / "in" / "c-feed.jsonl").write_text(json.dumps({"id": "x", "text": GOOD}) + "\n")
        (work / "in" / "c-feed.jsonl").chmod(0o600)
        os.chmod(work / "in", 0o755)
        result = kg("build", str(work / "in"), "--store", str(work / "store"), user="nobody",
                    cwd=str(work))
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines() == [
            f"Skipped {secret}: cannot be read (Permission denied); check its permissions",
            f"Skipped {work / 'in' / 'c-feed.jsonl'}: cannot be read (Permission denied); check its permissions",
        ]
        assert result.stdout.startswith("Built 1 articles (0 unchanged, 2 skipped)")
        # a store the user may not write is one clear error, not a traceback
        (work / "locked").mkdir(mode=0o755)
        result = kg("build", str(work / "in" / "a-open.txt"), "--store", str(work / "locked" / "s"),
                    user="nobody", cwd=str(work))
        assert result.returncode == 1 and result.stderr.startswith(f"Error: cannot open store {work / 'locked' / 's'}")
        assert len(result.stderr.splitlines()) == 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
