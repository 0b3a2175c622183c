"""Extract the seas around the wars newskg follows into kg/data/gazetteer/sources/seas.tsv: English and
French names and a label point, from Natural Earth's 10m marine areas (public domain).

Usage: python scripts/extract_seas.py --marine FILE
  FILE: `10m/physical/ne_10m_geography_marine_polys.json` of github.com/martynafford/natural-earth-geojson
  (commit 0b9a6ceb), Natural Earth's marine polygons as GeoJSON. Air defence reports shoot-downs over
  the Black Sea and the Sea of Azov as often as over a region; the gazetteer had no sea at all.

The point is the mean of the largest polygon's outer ring: a label point inside a compact sea, not a
centroid computed on the sphere. Natural Earth gives no Wikidata or GeoNames id for these features,
so none is written (kg/data/gazetteer/SOURCES.md).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "gazetteer" / "sources" / "seas.tsv"
# the seas of the Russian-Ukrainian war's reports and of the Middle East's, by Natural Earth's English name
SEAS = ("Black Sea", "Sea of Azov", "Caspian Sea", "Baltic Sea", "Barents Sea",
        "Sea of Okhotsk", "Sea of Japan", "Mediterranean Sea", "Red Sea")
# other French forms the press uses, beside Natural Earth's
VARIANTS = {"Black Sea": ("mer Noire",), "Sea of Azov": ("mer d'Azov", "mer d’Azov"),
            "Mediterranean Sea": ("Méditerranée", "mer Méditerranée")}


def _ring_mean(geometry: dict) -> tuple[float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((p[0] for p in polygons), key=len)
    return sum(x for x, _y in ring) / len(ring), sum(y for _x, y in ring) / len(ring)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marine", type=Path, required=True, help="ne_10m_geography_marine_polys.json")
    args = parser.parse_args()
    features: dict[str, list[dict]] = {}
    for feature in json.loads(args.marine.read_text(encoding="utf-8"))["features"]:
        features.setdefault(feature["properties"].get("name") or "", []).append(feature)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(("name_en", "name_fr", "lon", "lat", "names"))
        for name in SEAS:
            found = features.get(name)
            if not found:
                raise SystemExit(f"{args.marine}: no feature named {name!r}")
            # the largest piece when Natural Earth splits a sea (the Mediterranean's basins)
            feature = max(found, key=lambda f: len(json.dumps(f["geometry"])))
            lon, lat = _ring_mean(feature["geometry"])
            french = feature["properties"]["name_fr"]
            names = sorted({french[:1].lower() + french[1:], *VARIANTS.get(name, ())})
            writer.writerow((name, french[:1].lower() + french[1:], f"{lon:.3f}", f"{lat:.3f}", "|".join(names)))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(SEAS)} seas")


if __name__ == "__main__":
    main()
