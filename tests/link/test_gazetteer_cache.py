"""The gazetteer's cache file: read back, it is the gazetteer of the TSV files, and a change to the
files, a damaged file or a folder that cannot be written never gives another gazetteer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.link.gazetteer import DATA_DIR, FILES, Gazetteer, build, load, read_stopnames

PATHS = [DATA_DIR / name for name in FILES]
STOPNAMES = DATA_DIR / "stopnames.txt"


def contents(gazetteer: Gazetteer) -> tuple[object, ...]:
    """Everything a gazetteer answers from: its entries in order and its indexes."""
    return (list(gazetteer), dict(gazetteer.exact), dict(gazetteer.loose), gazetteer.by_country,
            gazetteer.by_geonames, gazetteer.stopnames)


def small(folder: Path) -> tuple[list[Path], Path]:
    """A copy of the actors' and weapons' files and the stop names, small enough to edit."""
    folder.mkdir()
    paths = [Path(shutil.copy(DATA_DIR / name, folder)) for name in ("actors.tsv", "weapons.tsv")]
    return paths, Path(shutil.copy(STOPNAMES, folder))


def test_the_cached_gazetteer_is_the_gazetteer_of_the_files(tmp_path: Path) -> None:
    read = build(PATHS, read_stopnames(STOPNAMES))
    first = load(PATHS, STOPNAMES, tmp_path)  # reads the files and writes the cache
    [cached] = tmp_path.glob("gazetteer-*.marshal")
    second = load(PATHS, STOPNAMES, tmp_path)  # reads the cache
    assert isinstance(second.entries.rows[0], str)  # (packed rows: it did come from the cache)
    assert contents(second) == contents(first) == contents(read)
    assert [second.get(e.key) for e in read] == list(read)
    assert list(tmp_path.glob("gazetteer-*.marshal")) == [cached]


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    paths, stopnames = small(tmp_path / "data")
    before = load(paths, stopnames, tmp_path / "cache")
    assert before.lookup("Kremlin") and not before.lookup("Kremlin Zwei")
    text = paths[0].read_text(encoding="utf-8")
    paths[0].write_text(text.replace("\tKremlin|", "\tKremlin Zwei|Kremlin|", 1), encoding="utf-8")
    after = load(paths, stopnames, tmp_path / "cache")
    assert contents(after) == contents(build(paths, read_stopnames(stopnames)))
    assert after.lookup("Kremlin Zwei") == after.lookup("Kremlin")
    assert len(list((tmp_path / "cache").glob("gazetteer-*.marshal"))) == 2


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),  # cut short
    lambda path: path.write_bytes(b"not marshal data"),
    lambda path: path.write_bytes(b""),
])
def test_a_damaged_cache_is_read_from_the_files_and_written_again(tmp_path: Path, damage) -> None:
    paths, stopnames = small(tmp_path / "data")
    expected = contents(build(paths, read_stopnames(stopnames)))
    load(paths, stopnames, tmp_path / "cache")
    [cached] = (tmp_path / "cache").glob("gazetteer-*.marshal")
    damage(cached)
    assert contents(load(paths, stopnames, tmp_path / "cache")) == expected
    assert contents(load(paths, stopnames, tmp_path / "cache")) == expected  # from the rewritten cache


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    paths, stopnames = small(tmp_path / "data")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert contents(load(paths, stopnames, blocked / "newskg")) == contents(build(paths, read_stopnames(stopnames)))


def test_without_a_cache_folder_the_files_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.link import gazetteer

    paths, stopnames = small(tmp_path / "data")
    assert contents(load(paths, stopnames, None)) == contents(build(paths, read_stopnames(stopnames)))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", lambda: (_ for _ in ()).throw(RuntimeError("no home")))
    assert gazetteer.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gazetteer.cache_dir() == tmp_path / "xdg" / "newskg"
