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
Towns: scripts/extract_town_qids.py. Then rebuild places.tsv with scripts/build_gazetteer.py.
"""

from __future__ import annotations

import argparse
import csv
import io
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csc", type=Path, required=True, help="git dir of countries-states-cities-database")
    parser.add_argument("--protomaps", type=Path, required=True, help="git dir of protomaps/basemaps")
    args = parser.parse_args()
    problems = regions(args.csc, args.protomaps) + countries(args.csc)
    print("\n".join(problems) or "no disagreement", file=sys.stderr)


if __name__ == "__main__":
    main()
