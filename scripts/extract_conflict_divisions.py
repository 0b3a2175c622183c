"""Extract the first-level divisions of the other wars' countries (gazetteer/war_countries.tsv) from
GeoNames' admin1CodesASCII.txt into kg/data/gazetteer/sources/conflict_divisions.tsv.

Usage: python scripts/extract_conflict_divisions.py --geonames DIR
  DIR: a git directory of github.com/pmsourcedump/geonames, a mirror of the GeoNames dumps (CC BY 4.0),
  read at geonames_mirror.COMMIT. Then rebuild places.tsv with scripts/build_gazetteer.py.
Divisions curated in sources/divisions_abroad.tsv (with their French names) are left to that file.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from geonames_mirror import mirrored

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.data import war_countries  # noqa: E402

SOURCES = ROOT / "kg" / "data" / "gazetteer" / "sources"
OUT = SOURCES / "conflict_divisions.tsv"


def _column(name: str, column: str) -> set[str]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle, delimiter="\t")}


def main() -> None:
    text = mirrored("admin1CodesASCII.txt", __doc__.splitlines()[0])
    countries, curated = war_countries("other"), _column("divisions_abroad.tsv", "admin1")
    rows = []
    for line in text.splitlines():
        code, name, ascii_name, geonames = line.split("\t")
        if code.split(".")[0] in countries and code not in curated:
            rows.append((code, geonames, name, ascii_name))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("admin1\tgeonames\tname\tascii_name\n")
        handle.writelines("\t".join(row) + "\n" for row in sorted(rows))
    print(f"wrote {OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
