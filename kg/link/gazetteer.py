"""The offline gazetteer: places, actors and weapons read from kg/data/gazetteer/, indexed by name."""

from __future__ import annotations

import csv
import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Gazetteer:
    """Entries by key, and two indexes from folded and skeleton names to keys."""

    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    loose: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_country: dict[str, str] = field(default_factory=dict)  # ISO code → country key
    by_geonames: dict[str, str] = field(default_factory=dict)
    stopnames: frozenset[str] = frozenset()  # folded words never linked as places

    def add(self, entry: Entry, prefolded: bool = False) -> None:
        self.entries[entry.key] = entry
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
                keys = index[form]
                if entry.key not in keys:
                    keys.append(entry.key)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def lookup(self, name: str, loose: bool = False) -> list[Entry]:
        """Entries with this name (folded), or with the same skeleton when ``loose`` (failing that,
        the skeleton of another reading of a French transliteration)."""
        if not loose:
            return [self.entries[k] for k in self.exact.get(fold(name), ())]
        if keys := self.loose.get(skeleton(name)):
            return [self.entries[k] for k in keys]
        keys = {k: None for form in french_readings(name) for k in self.loose.get(skeleton(form), ())}
        return [self.entries[k] for k in keys]

    def country_of(self, entry: Entry) -> Entry | None:
        return self.entries.get(self.by_country.get(entry.country, ""))


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
    """The shipped gazetteer, read once per process."""
    return build((DATA_DIR / name for name in FILES), read_stopnames(DATA_DIR / "stopnames.txt"))
