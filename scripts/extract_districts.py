"""Extract the second-level divisions (raions, districts) of Ukraine, Russia and Belarus from GeoNames'
admin2Codes.txt into kg/data/gazetteer/sources/districts.tsv.

Usage: python scripts/extract_districts.py --geonames DIR
  DIR: a git directory of github.com/pmsourcedump/geonames, a mirror of the GeoNames dumps (CC BY 4.0),
  read at geonames_mirror.COMMIT (admin2Codes.txt of 2020: Ukraine's raions before the 2020 reform).
Then rebuild places.tsv with scripts/build_gazetteer.py.
"""

from __future__ import annotations

from pathlib import Path

from geonames_mirror import mirrored

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "gazetteer" / "sources" / "districts.tsv"


def main() -> None:
    text = mirrored("admin2Codes.txt", __doc__.splitlines()[0])
    rows = []
    for line in text.splitlines():
        code, _name, ascii_name, geonames = line.split("\t")
        if code.split(".")[0] in {"UA", "RU", "BY"}:
            admin1 = ".".join(code.split(".")[:2])
            rows.append(f"{admin1}\t{geonames}\t{ascii_name}")
    OUT.write_text("admin1\tgeonames\tname_en\n" + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} districts")


if __name__ == "__main__":
    main()
