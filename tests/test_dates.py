"""Articles without a date in their metadata take it from their URL or their dateline, never from a weekday alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.ingest.dates import date_from_dateline, date_from_url
from kg.ingest.documents import read_documents


@pytest.mark.parametrize("url, expected", [
    ("https://www.dhnet.be/dernieres-depeches/2023/07/07/invasion-de-lukraine-DEFHKPY2J5FYLIU67SKDERG2KY/", dt.date(2023, 7, 7)),
    ("https://www.rtl.be/actu/monde/europe/deux-morts/2024-09-04/article/706944", dt.date(2024, 9, 4)),
    ("https://www.zonebourse.com/actualite/x-44001261/?utm_medium=RSS&utm_content=20230531", dt.date(2023, 5, 31)),
    ("https://www.bfmtv.com/international/en-direct-ukraine_LN-202303090041.html", dt.date(2023, 3, 9)),
    ("https://example.org/2024/02/30/no-such-day", None),
    ("https://www.upday.com/fr/guerre-en-ukraine-au-moins-41-morts", None),
    ("https://r1.mu/?p=8368", None),
])
def test_a_date_is_read_from_the_url(url: str, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize("text, expected", [
    ("KIEV, 13 juillet 2024 (AFP) - Des drones ont frappé la ville.", dt.date(2024, 7, 13)),
    ("Publié le 1er août 2023\nDes drones ont frappé la ville.", dt.date(2023, 8, 1)),
    ("Titre\n27.12.2023 08:14\nPhoto prise le 25 novembre 2023", dt.date(2023, 12, 27)),
    ("Des drones ont frappé mardi la ville de Kharkiv.", None),  # a weekday alone
    ("Des drones ont frappé la ville. " * 10 + "Le 13 juillet 2024, un autre.", None),  # not at the top
])
def test_a_date_is_read_from_the_dateline(text: str, expected: dt.date | None) -> None:
    assert date_from_dateline(text) == expected


def test_metadata_wins_and_the_url_fills_a_gap(tmp_path: Path) -> None:
    text = "Des drones russes ont frappé la ville de Kharkiv dans la nuit, a déclaré le gouverneur."
    records = [{"id": "a", "text": text, "url": "https://x.fr/2024/07/13/a", "date": "2024-07-14"},
               {"id": "b", "text": text, "url": "https://x.fr/2024/07/13/b"},
               {"id": "c", "text": text}]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    dates = {d.id: d.date for d in read_documents([path])}
    assert dates == {"a": dt.date(2024, 7, 14), "b": dt.date(2024, 7, 13), "c": None}
