"""Town QIDs (sources/town_qids.tsv, scripts/extract_town_qids.py): how sources are weighed, what was kept."""

from __future__ import annotations

import csv
import importlib.util
import re

import pytest
from testpaths import ROOT

from kg.link import Gazetteer

_SPEC = importlib.util.spec_from_file_location("extract_town_qids", ROOT / "scripts" / "extract_town_qids.py")
extract = importlib.util.module_from_spec(_SPEC)  # type: ignore[arg-type]
_SPEC.loader.exec_module(extract)  # type: ignore[union-attr]
CSC, CSC_2024, NE, KNOWN = extract.CSC, extract.CSC_2024, extract.NE, extract.KNOWN
WOF, CSC_SHARED, WOF_SHARED = extract.WOF, extract.CSC_SHARED, extract.WOF_SHARED


@pytest.mark.parametrize("by_source, expected", [
    # one source, one QID: kept, said so
    ({CSC_2024: {"Q1"}}, ("Q1", "one source")),
    # the two versions of countries-states-cities are one source, even when both agree
    ({CSC: {"Q1"}, CSC_2024: {"Q1"}}, ("Q1", "one source")),
    # Natural Earth is independent of countries-states-cities
    ({CSC_2024: {"Q1"}, NE: {"Q1"}}, ("Q1", "two sources agree")),
    # two sources disagree: left out
    ({CSC_2024: {"Q1"}, NE: {"Q2"}}, None),
    # the two versions of one source disagree: left out
    ({CSC: {"Q1"}, CSC_2024: {"Q2"}}, None),
    # one source gives two QIDs for one town: left out
    ({CSC_2024: {"Q1", "Q2"}}, None),
    # two independent sources against one settle it (Kyiv)
    ({CSC: {"Q517568"}, NE: {"Q1899"}, KNOWN: {"Q1899"}}, ("Q1899", "two sources agree")),
    # Who's On First is a source of its own
    ({CSC_2024: {"Q1"}, WOF: {"Q1"}}, ("Q1", "two sources agree")),
    ({CSC_2024: {"Q1"}, WOF: {"Q2"}}, None),
    # a QID a source gives two places confirms another source's (Alushta) ...
    ({WOF: {"Q46001"}, CSC_SHARED: {"Q46001"}}, ("Q46001", "two sources agree")),
    ({CSC: {"Q156739"}, WOF_SHARED: {"Q156739"}}, ("Q156739", "two sources agree")),
    # ... but alone gives nothing, and another QID of it is no disagreement (Izyum's is Iziaslav's)
    ({CSC_SHARED: {"Q1"}}, None),
    ({WOF_SHARED: {"Q1"}}, None),
    # two sources that each also give it to another place, agreeing on this one (Kostyantynivka)
    ({WOF_SHARED: {"Q165243"}, CSC_SHARED: {"Q165243"}}, ("Q165243", "two sources agree")),
    ({WOF: {"Q544003"}, CSC_SHARED: {"Q841029"}}, ("Q544003", "one source")),
])
def test_sources_weighed(by_source: dict[str, set[str]], expected: tuple[str, str] | None) -> None:
    decided = extract.decide(by_source)
    if expected is None:
        assert decided is None
    else:
        assert decided is not None
        assert (decided[0], decided[2].split(";")[0]) == expected


def _town_qids() -> list[dict[str, str]]:
    with (ROOT / "kg" / "data" / "gazetteer" / "sources" / "town_qids.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_town_qid_names_its_source() -> None:
    rows = _town_qids()
    assert rows
    # one QID names one town: a QID two towns share would be wrong for one of them
    assert len({r["wikidata"] for r in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"Q[1-9]\d*", row["wikidata"]), row
        assert row["source"] and row["check"].split(";")[0] in {"one source", "two sources agree"}, row


@pytest.mark.parametrize("geonames, expected", [
    ("703448", "Q1899"),   # Kyiv: Natural Earth and the capital list against countries-states-cities' Q517568
    ("625144", "Q2280"),   # Minsk: likewise against Q21579751
    ("524901", "Q649"),    # Moscow
    ("491422", ""),        # Sochi: Natural Earth Q39420, countries-states-cities Q37957455: left out
    ("710719", "Q157725"), # Chernivtsi: countries-states-cities gives its Q1999900 to another record too; Natural Earth's
    ("713513", "Q46001"),  # Alushta: countries-states-cities gives its QID to Amurskoye too; Who's On First agrees
    ("1512064", ""),       # Ak-Dovurak: likewise, shared with Akademgorodok
    ("623549", "Q204150"), # Pinsk: Natural Earth and Who's On First against countries-states-cities' Q21579783
    ("695594", "Q156739"), # Rivne: Who's On First gives it to a village Rivne too; countries-states-cities agrees
    ("695370", ""),        # that village: Who's On First's shared QID alone
    ("704422", "Q1000446"),  # Pokrovsk (Donetsk oblast): Who's On First alone
    ("688696", ""),        # Vysokyi: countries-states-cities Q4129291, Who's On First Q4129319: left out
    ("505230", ""),        # Priozersk: countries-states-cities gives two QIDs: left out
])
def test_disagreements_left_out(gazetteer: Gazetteer, geonames: str, expected: str) -> None:
    [town] = [e for e in gazetteer if e.kind == "City" and e.geonames == geonames]
    assert town.wikidata == expected

