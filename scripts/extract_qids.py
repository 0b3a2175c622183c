"""Extract the Wikidata QIDs of countries and of the UA/RU/BY first-level divisions from two public
sources, cross-check them, and write kg/data/gazetteer/sources/{region_qids,country_qids}.tsv.

Usage:
  python scripts/extract_qids.py --csc DIR --protomaps DIR
    DIR: git directories of github.com/dr5hn/countries-states-cities-database (ODbL 1.0; read at
    CSC_COMMIT: csv/states.csv and csv/countries.csv, their `wikiDataId` fields) and of
    github.com/protomaps/basemaps (BSD-3, data from Natural Earth, public domain; read at
    PROTOMAPS_COMMIT: RegionInfos.java, a table of ISO 3166-2 code → QID).

Divisions are matched on GeoNames' admin1 code (the `fips_code` of countries-states-cities) and on
the ISO 3166-2 code. A QID is kept when the second source agrees or has no entry (Belarus: kept,
marked "one source"); when the two disagree it is left out and printed, and SOURCES.md lists it.
Countries: the QIDs verified before (waldenn/conzept, already in country_qids.tsv) are checked
against countries-states-cities; a country only the latter knows takes its QID, marked so.
Towns of Ukraine and Belarus: countries-states-cities' city records matched to the gazetteer's
GeoNames towns by name and place, checked against the QIDs verified before (city_qids.tsv, capitals);
written to town_qids.tsv. Then rebuild places.tsv with scripts/build_gazetteer.py.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "kg" / "data" / "gazetteer" / "sources"
CSC_COMMIT = "7fda0afd3e75391d9480c22ed3a2b91f50e08eb6"
PROTOMAPS_COMMIT = "c4f61c8aec6fe748902297727e1710af80110adc"
REGION_INFOS = "tiles/src/main/java/com/protomaps/basemap/feature/RegionInfos.java"
CSC = f"dr5hn/countries-states-cities-database@{CSC_COMMIT[:8]} (ODbL 1.0)"
PROTOMAPS = f"protomaps/basemaps@{PROTOMAPS_COMMIT[:8]} RegionInfos (Natural Earth, public domain)"
# protomaps swaps the ISO codes of Moscow city and Moscow Oblast; its names (Moskva → Q649, the
# city; Moskovskaya → Q1697, the oblast) agree with countries-states-cities, so its codes are read so.
MAX_KM = 10
PROTOMAPS_ERRATA = {"RU-MOW": "Q649", "RU-MOS": "Q1697"}


def _show(git_dir: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            handle.write("\t".join(row[c] for c in columns) + "\n")


def regions(csc: Path, protomaps: Path) -> list[str]:
    states = csv.DictReader(io.StringIO(_show(csc, CSC_COMMIT, "csv/states.csv")))
    by_admin1 = {f"{s['country_code']}.{s['fips_code']}": s for s in states
                 if s["country_code"] in {"UA", "RU", "BY"}}
    second = {m[1]: m[2] for m in re.finditer(r"^\s*[^|\n]+\|([A-Z]{2}-[A-Z0-9]+)\|[^|]*\|[^|]*\|(Q\d+)\s*$",
                                               _show(protomaps, PROTOMAPS_COMMIT, REGION_INFOS), re.M)}
    second.update(PROTOMAPS_ERRATA)
    out, problems = [], []
    for row in _tsv(SOURCES / "regions.tsv"):
        state = by_admin1.get(row["admin1"])
        if state is None or not state["wikiDataId"]:
            problems.append(f"{row['admin1']} {row['name_en']}: not in countries-states-cities")
            continue
        qid, iso = state["wikiDataId"], state["iso3166_2"]
        other = second.get(iso)
        if other and other != qid:
            problems.append(f"{row['admin1']} {row['name_en']} ({iso}): {qid} ({CSC}) ≠ {other} (protomaps); left out")
            continue
        check = "two sources agree" if other else "one source (protomaps has no entry)"
        out.append({"admin1": row["admin1"], "iso3166_2": iso, "wikidata": qid,
                    "source": f"{CSC}; {PROTOMAPS if other else ''}".rstrip("; "), "check": check})
    _write(SOURCES / "region_qids.tsv", ["admin1", "iso3166_2", "wikidata", "source", "check"], out)
    return problems


def countries(csc: Path) -> list[str]:
    second = {c["iso2"]: c["wikiDataId"] for c in
              csv.DictReader(io.StringIO(_show(csc, CSC_COMMIT, "csv/countries.csv"))) if c["wikiDataId"]}
    rows = {r["iso"]: r for r in _tsv(SOURCES / "country_qids.tsv")}
    problems = []
    for iso, row in list(rows.items()):
        if iso in second and second[iso] != row["wikidata"]:
            problems.append(f"country {iso}: {row['wikidata']} (conzept) ≠ {second[iso]} ({CSC}); left out")
            del rows[iso]
        elif iso in second and CSC not in row["source"]:
            row["source"] += f"; agrees with {CSC}"
    for iso, qid in second.items():
        if iso not in rows:
            rows[iso] = {"iso": iso, "wikidata": qid, "source": f"{CSC} (one source)"}
    _write(SOURCES / "country_qids.tsv", ["iso", "wikidata", "source"], [rows[k] for k in sorted(rows)])
    return problems


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat, dlon = a[1] - b[1], (a[0] - b[0]) * math.cos(math.radians(a[1]))
    return 111.2 * math.hypot(dlat, dlon)


def towns(csc: Path) -> list[str]:
    """QIDs of UA and BY towns (countries-states-cities has no Russian file in its snapshot), matched to
    the gazetteer's GeoNames towns by name (transliteration-loose) and place (within MAX_KM)."""
    sys.path.insert(0, str(ROOT))
    from kg.link.names import skeleton

    places = [r for r in _tsv(ROOT / "kg" / "data" / "gazetteer" / "places.tsv")
              if r["kind"] == "City" and r["country"] in {"UA", "BY"}]
    by_name: dict[str, list[dict[str, str]]] = {}
    for row in places:
        by_name.setdefault(skeleton(row["name_en"]), []).append(row)
    known = {r["geonames"]: r["wikidata"] for r in _tsv(SOURCES / "city_qids.tsv")}
    capitals = {"703448": "Q1899", "625144": "Q2280"}  # Kyiv, Minsk: capital_qids.tsv (conzept)
    known.update(capitals)
    out, problems = [], []
    for iso in ("UA", "BY"):
        for city in json.loads(_show(csc, CSC_COMMIT, f"contributions/cities/{iso}.json")):
            qid = city.get("wikiDataId") or ""
            if city.get("type") in {"district", "section", "historical", "abandoned"} or not qid:
                continue
            point = (float(city["longitude"]), float(city["latitude"]))
            near = [r for r in by_name.get(skeleton(city["name"]), [])
                    if _km(point, (float(r["lon"]), float(r["lat"]))) <= MAX_KM]
            if len(near) != 1:
                continue
            gid = near[0]["geonames"]
            other = known.get(gid)
            if other and other != qid:
                problems.append(f"town {city['name']} (GeoNames {gid}): {qid} ({CSC}) ≠ {other}; left out")
                continue
            out.append({"geonames": gid, "wikidata": qid, "source": CSC,
                        "check": "two sources agree" if other else "one source"})
    rows = {r["geonames"]: r for r in out}
    _write(SOURCES / "town_qids.tsv", ["geonames", "wikidata", "source", "check"],
           [rows[k] for k in sorted(rows, key=int)])
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csc", type=Path, required=True, help="git dir of countries-states-cities-database")
    parser.add_argument("--protomaps", type=Path, required=True, help="git dir of protomaps/basemaps")
    args = parser.parse_args()
    problems = regions(args.csc, args.protomaps) + countries(args.csc) + towns(args.csc)
    print("\n".join(problems) or "no disagreement", file=sys.stderr)


if __name__ == "__main__":
    main()
