"""The offline gazetteer: places, actors and weapons read from kg/data/gazetteer/, indexed by name.

The TSV files are the one source of truth. Reading them (folding and transliterating 120,000
names) takes about 1.2 s of CPU, so the first process that reads them keeps the result in a cache
file (:func:`cache_dir`): the entries as packed lines and the name indexes as row numbers, in
:mod:`marshal`'s format, which loads in about 0.1 s. The file is named by a digest of the data
files and of the code that folds names and builds the indexes, so any change to either makes a
new one; a missing, unwritable or unreadable cache only means the files are read again.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import marshal
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import kg.link.names
import kg.text
from kg.data import GAZETTEER, war_countries
from kg.errors import ModelError
from kg.link.names import french_readings, skeleton
from kg.text import fold

DATA_DIR = GAZETTEER
# Every runtime file shares these columns; ``names`` holds '|'-separated alternate names. weapons.tsv,
# which the extractor reads too, adds ``class`` and ``words`` (what the extractor recognises, also
# names for linking), and has rows without a key (words the gazetteer has no entry for).
COLUMNS = (
    "key", "kind", "name_en", "name_fr", "geonames", "wikidata", "country", "located_in",
    "lon", "lat", "population", "names", "source",
)
FILES = ("places.tsv", "actors.tsv", "weapons.tsv")
# The build writes these files' ``names`` already folded (kg.text.fold), so loading skips it.
PREFOLDED = frozenset({"places.tsv"})
WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"


@dataclass(frozen=True)
class Entry:
    """One real-world thing the gazetteer knows, with its identifiers and names."""

    key: str
    kind: str  # Country, Region, City, Organization, NewsAgency, Person, Weapon
    name_en: str
    name_fr: str
    geonames: str = ""
    wikidata: str = ""
    country: str = ""  # ISO 3166-1 alpha-2 code of the country it is in or belongs to
    located_in: tuple[str, ...] = ()  # keys of enclosing places, nearest first
    point: tuple[float, float] | None = None  # (lon, lat)
    population: int = 0
    names: tuple[str, ...] = ()
    source: str = ""

    @property
    def same_as(self) -> tuple[str, ...]:
        iris = []
        if self.wikidata:
            iris.append(WIKIDATA + self.wikidata)
        if self.geonames:
            iris.append(f"{GEONAMES}{self.geonames}/")
        return tuple(iris)

    @property
    def labels(self) -> tuple[tuple[str, str], ...]:
        return ((self.name_en, "en"), (self.name_fr or self.name_en, "fr"))

    @property
    def prominence(self) -> float:
        """A prior for ties: log of population, countries and regions above towns."""
        bonus = {"Country": 9.0, "Region": 6.5}.get(self.kind, 0.0)
        return max(bonus, math.log10(self.population + 10))


#: Row numbers a name indexes, in the order their entries were added: one number, or several.
Rows = int | tuple[int, ...]


def _rows(found: Rows | None) -> Sequence[int]:
    return () if found is None else (found,) if isinstance(found, int) else found


class Entries(Mapping[str, Entry]):
    """Entries by key, in the order they were added; a packed row (a cache's) is made an
    :class:`Entry` when it is first asked for: a build asks for a few hundred of 23,000."""

    def __init__(self, rows: list[Entry | str] | None = None, keys: dict[str, int] | None = None) -> None:
        self.rows: list[Entry | str] = rows if rows is not None else []
        self.keys: dict[str, int] = keys if keys is not None else {}

    def at(self, row: int) -> Entry:
        entry = self.rows[row]
        if isinstance(entry, str):
            entry = self.rows[row] = _unpack(entry)
        return entry

    def __getitem__(self, key: str) -> Entry:
        return self.at(self.keys[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: object) -> bool:
        return key in self.keys


@dataclass
class Gazetteer:
    """Entries by key, and two indexes from folded and skeleton names to row numbers of entries."""

    entries: Entries = field(default_factory=Entries)
    exact: dict[str, Rows] = field(default_factory=dict)
    loose: dict[str, Rows] = field(default_factory=dict)
    by_country: dict[str, str] = field(default_factory=dict)  # ISO code → country key
    by_geonames: dict[str, str] = field(default_factory=dict)
    stopnames: frozenset[str] = frozenset()  # folded words never linked as places

    def add(self, entry: Entry, prefolded: bool = False) -> None:
        row = self.entries.keys.setdefault(entry.key, len(self.entries.rows))
        if row == len(self.entries.rows):
            self.entries.rows.append(entry)
        else:  # the same key again: the later row replaces the earlier, in its place
            self.entries.rows[row] = entry
        if entry.kind == "Country" and entry.country:
            self.by_country[entry.country] = entry.key
        if entry.geonames:
            self.by_geonames[entry.geonames] = entry.key
        # loose (transliteration) matching only where the press transliterates: countries at war
        loose = entry.kind != "City" or entry.country in war_countries()
        folded = {fold(entry.name_en), fold(entry.name_fr)}
        folded.update(entry.names if prefolded else (fold(n) for n in entry.names))
        for name in folded:
            if not name:
                continue
            forms = [(self.exact, name)]
            if loose:
                forms.append((self.loose, skeleton(name)))
            for index, form in forms:
                rows = _rows(index.get(form))
                if row not in rows:
                    index[form] = (*rows, row) if rows else row

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return (self.entries.at(row) for row in range(len(self.entries.rows)))

    def get(self, key: str) -> Entry | None:
        row = self.entries.keys.get(key)
        return None if row is None else self.entries.at(row)

    def lookup(self, name: str, loose: bool = False) -> list[Entry]:
        """Entries with this name (folded), or with the same skeleton when ``loose`` (failing that,
        the skeleton of another reading of a French transliteration)."""
        if not loose:
            return [self.entries.at(r) for r in _rows(self.exact.get(fold(name)))]
        if rows := _rows(self.loose.get(skeleton(name))):
            return [self.entries.at(r) for r in rows]
        found = {r: None for form in french_readings(name) for r in _rows(self.loose.get(skeleton(form)))}
        return [self.entries.at(r) for r in found]

    def country_of(self, entry: Entry) -> Entry | None:
        return self.get(self.by_country.get(entry.country, ""))


def _entry(row: dict[str, str], origin: str) -> Entry:
    try:
        point = (float(row["lon"]), float(row["lat"])) if row["lon"] else None
        return Entry(
            key=row["key"], kind=row["kind"], name_en=row["name_en"], name_fr=row["name_fr"],
            geonames=row["geonames"], wikidata=row["wikidata"], country=row["country"],
            located_in=tuple(k for k in row["located_in"].split("|") if k), point=point,
            population=int(row["population"] or 0),
            names=tuple(n for n in f'{row["names"]}|{row.get("words") or ""}'.split("|") if n),
            source=row["source"],
        )
    except (KeyError, ValueError, TypeError) as err:
        raise ModelError(f"{origin}: malformed gazetteer row ({err}); rebuild it with "
                         "scripts/build_gazetteer.py") from err


def read_rows(path: Path) -> Iterable[Entry]:
    """Entries of one TSV file, in file order; '#' lines are comments, a row without a key no entry."""
    if not path.is_file():
        raise ModelError(f"gazetteer file {path} is missing; rebuild it with "
                         "scripts/build_gazetteer.py or reinstall newskg")
    with path.open(encoding="utf-8", newline="") as handle:
        comments = 0

        def content() -> Iterator[str]:
            nonlocal comments
            for line in handle:
                if line.startswith("#"):
                    comments += 1
                else:
                    yield line

        reader = csv.DictReader(content(), delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ModelError(f"{path}: columns {sorted(missing)} missing from the header")
        for row in reader:
            if row["key"]:
                yield _entry(row, f"{path}:{reader.line_num + comments}")


def read_stopnames(path: Path) -> frozenset[str]:
    if not path.is_file():
        raise ModelError(f"gazetteer file {path} is missing; reinstall newskg")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


def build(paths: Iterable[Path], stopnames: frozenset[str] = frozenset()) -> Gazetteer:
    gazetteer = Gazetteer(stopnames=stopnames)
    for path in paths:
        for entry in read_rows(path):
            gazetteer.add(entry, prefolded=path.name in PREFOLDED)
    return gazetteer


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process (from its cache file when there is one)."""
    return load([DATA_DIR / name for name in FILES], DATA_DIR / "stopnames.txt", cache_dir())


def load(paths: Sequence[Path], stopnames: Path, cache: Path | None) -> Gazetteer:
    """The gazetteer of these files, from the cache folder ``cache`` if it holds their current
    digest's file, else read from them and then written there (when it can be: a cache is only a
    shortcut). ``cache`` None reads the files."""
    if cache is None:
        return build(paths, read_stopnames(stopnames))
    path = cache / f"gazetteer-{_digest([*paths, stopnames])}.marshal"
    try:
        return _unmarshal(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # not there yet, or not a cache of this format
        pass
    gazetteer = build(paths, read_stopnames(stopnames))
    written = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache, prefix=".gazetteer-", delete=False) as handle:
            written = Path(handle.name)
            handle.write(_marshal(gazetteer))
        os.replace(written, path)  # whole or not at all, whichever process writes it last
        _prune(cache, keep=path)
    except OSError:
        if written is not None:  # a disk full, say: no half-written file is left behind
            with contextlib.suppress(OSError):
                written.unlink(missing_ok=True)
    return gazetteer


#: Changed whenever what a cache file holds changes shape.
CACHE_FORMAT = "newskg-gazetteer-1"
#: Cache files kept besides the current one (other versions of the data or code, most recent first).
CACHE_KEPT = 3


def cache_dir() -> Path | None:
    """Where the cache file goes: $XDG_CACHE_HOME/newskg, else ~/.cache/newskg (None without a home)."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return Path(base) / "newskg"


def _digest(paths: Iterable[Path]) -> str:
    """A digest of the data files, the code that builds the indexes (this module, kg/text.py and
    kg/link/names.py, which fold and transliterate), the list of countries whose names are read
    loosely (war_countries.tsv) and the Python version whose marshal format the cache uses."""
    digest = hashlib.sha256(f"{CACHE_FORMAT} {sys.version_info[:2]} {marshal.version}".encode())
    for path in [*paths, GAZETTEER / "war_countries.tsv", Path(__file__), Path(kg.text.__file__),
                 Path(kg.link.names.__file__)]:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:  # a missing file is the reader's to report (ModelError)
            digest.update(path.name.encode() + b"\0missing")
    return digest.hexdigest()[:20]


def _pack(entry: Entry) -> str:
    """An entry as one line, tab-separated (the TSV files hold no tab within a field)."""
    lon, lat = (repr(entry.point[0]), repr(entry.point[1])) if entry.point else ("", "")
    return "\t".join((entry.key, entry.kind, entry.name_en, entry.name_fr, entry.geonames, entry.wikidata,
                      entry.country, "|".join(entry.located_in), lon, lat, str(entry.population),
                      "|".join(entry.names), entry.source))


def _unpack(line: str) -> Entry:
    (key, kind, name_en, name_fr, geonames, wikidata, country, located_in, lon, lat, population,
     names, source) = line.split("\t")
    return Entry(key, kind, name_en, name_fr, geonames, wikidata, country,
                 tuple(located_in.split("|")) if located_in else (),
                 (float(lon), float(lat)) if lon else None, int(population),
                 tuple(names.split("|")) if names else (), source)


def _marshal(gazetteer: Gazetteer) -> bytes:
    g = gazetteer
    rows = [row if isinstance(row, str) else _pack(row) for row in g.entries.rows]
    return marshal.dumps((CACHE_FORMAT, rows, g.entries.keys, g.exact, g.loose, g.by_country,
                          g.by_geonames, sorted(g.stopnames)))


def _unmarshal(data: bytes) -> Gazetteer:
    form, rows, keys, exact, loose, by_country, by_geonames, stopnames = marshal.loads(data)
    if form != CACHE_FORMAT:
        raise ValueError(f"cache format {form!r}")
    return Gazetteer(Entries(rows, keys), exact, loose, by_country, by_geonames, frozenset(stopnames))


def _prune(cache: Path, keep: Path) -> None:
    """Delete the oldest cache files but CACHE_KEPT (another worktree or version may still use those)."""
    others = sorted((p for p in cache.glob("gazetteer-*.marshal") if p != keep),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[CACHE_KEPT:]:
        old.unlink(missing_ok=True)
