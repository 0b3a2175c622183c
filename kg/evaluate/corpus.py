"""Scoring a whole annotated corpus: build its articles into a store, read them back, score them
against their gold files, and sum up by split (dev, test) and group.

A corpus folder holds one ``.txt`` file per article in the evaluation format: line 1 the source
URL, line 2 the date (``YYYY-MM-DD``, or something else when unknown), line 3 blank, then the
text. A gold folder holds ``<article file stem>.gold.json`` files (the seed's format) with a
``group`` field; an article's split is fixed by its number: ``d003``, ``d006`` … (multiples of 3)
are **test**, the others **dev**. Only dev errors may guide rule changes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.evaluate.readback import article_records
from kg.evaluate.score import Report, gold_records, read_gold, score
from kg.rdf.iris import article_iri_for_key
from kg.store.base import GraphStore

SPLITS = ("dev", "test", "all")
_NUMBER = re.compile(r"^d(\d+)")


def split_of(name: str) -> str:
    """``test`` for an article whose number is a multiple of 3, else ``dev``.

    >>> split_of("d003_europe1_poltava.txt"), split_of("d004_boursier.gold.json")
    ('test', 'dev')
    """
    found = _NUMBER.match(Path(name).name)
    if found is None:
        raise InputError(name, "not a corpus article name (dNNN_…); cannot tell its split")
    return "test" if int(found.group(1)) % 3 == 0 else "dev"


def read_article(path: Path) -> dict:
    """One corpus file as a JSONL record for ``kg build``: id, url, date (when a full date), text."""
    try:
        url, date, blank, text = path.read_text(encoding="utf-8").split("\n", 3)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(str(path), f"not a corpus article (URL, date, blank line, text): {error}") from None
    record = {"id": path.name.split(".")[0], "text": text, "url": url.strip() or None}
    try:
        record["date"] = dt.date.fromisoformat(date.strip()).isoformat()
    except ValueError:  # "unknown", "2024-09": no day, so no date
        pass
    return record


@dataclass
class Scored:
    """One article's report, with where it belongs."""

    key: str
    split: str
    group: str
    report: Report


@dataclass
class CorpusReport:
    articles: list[Scored] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # articles the build skipped: scored as empty

    def total(self, groups: Iterable[str] = ()) -> Report | None:
        """The summed report of the articles of ``groups`` (all articles if none given)."""
        wanted = set(groups)
        reports = [a.report for a in self.articles if not wanted or a.group in wanted]
        if not reports:
            return None
        total = reports[0]
        for report in reports[1:]:
            total = total + report
        return total

    def quiet_articles(self, group: str) -> tuple[int, int]:
        """(articles of ``group`` with no predicted event, articles of ``group``)."""
        members = [a for a in self.articles if a.group == group]
        return sum(a.report.events.predicted == 0 for a in members), len(members)


def score_corpus(corpus: Path, gold: Path, store: GraphStore | None = None, *, split: str = "dev",
                 names: dict[str, str] | None = None) -> CorpusReport:
    """Build every article of ``corpus`` that has a gold file in ``gold`` and belongs to ``split``
    into ``store`` (a temporary one if None; unchanged articles are not rebuilt), then score each."""
    if split not in SPLITS:
        raise InputError(split, f"unknown split; use one of {', '.join(SPLITS)}")
    gold_files = sorted(gold.glob("*.gold.json"))
    if not gold_files:
        raise InputError(str(gold), "no *.gold.json files here")
    chosen = [g for g in gold_files if split == "all" or split_of(g.name) == split]
    texts = {}
    for gold_file in chosen:
        text = corpus / gold_file.name.replace(".gold.json", ".txt")
        if not text.is_file():
            raise InputError(str(text), f"the article of {gold_file.name} is missing from the corpus")
        texts[gold_file] = text
    from kg.pipeline import build

    with tempfile.TemporaryDirectory(prefix="kg-eval-") as scratch:
        own = store is None
        if store is None:
            from kg.store import Store

            store = Store(Path(scratch) / "store")
        records = Path(scratch) / "corpus.jsonl"
        with records.open("w", encoding="utf-8") as stream:
            for text in texts.values():
                stream.write(json.dumps(read_article(text), ensure_ascii=False) + "\n")
        summary = build([records], store)
        report = CorpusReport(skipped=[str(problem) for problem in summary.skipped])
        for gold_file, text in texts.items():
            data = read_gold(gold_file)
            key = text.name.split(".")[0]
            predicted = article_records(store, article_iri_for_key(key))
            report.articles.append(Scored(key, split_of(text.name), str(data.get("group") or "?"),
                                          score(predicted, gold_records(data), names or {}, label=key)))
        if own:
            store.close()
    return report
