"""Synthetic corpora for the benchmarks: French articles recombined from our own sample sentences,
and event graphs shaped like the pipeline's output, at any size, deterministically.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from kg.model import (
    Document,
    Entity,
    Event,
    Extraction,
    Figure,
    Span,
    Statement,
    TimeRef,
)

ROOT = Path(__file__).resolve().parent.parent
_SENTENCE = re.compile(r"(?<=[.!?»”])\s+(?=[A-ZÀ-Ý“«])")


def sample_sentences() -> list[str]:
    """Every sentence of the example articles and of the test articles we wrote."""
    texts = [json.loads(line)["text"] for line in
             (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "articles").glob("*.txt"))]
    sentences = [s.strip() for text in texts for s in _SENTENCE.split(text) if len(s.split()) > 3]
    return sorted(set(sentences))


#: Articles per day: the corpora are dated like a news feed, so that a larger corpus covers more
#: days rather than crowding more reports into each (incident grouping compares a day's reports).
PER_DAY = 3


def articles(count: int, words: int, seed: int = 7) -> Iterator[dict]:
    """``count`` JSONL records of about ``words`` words each, sentences drawn at random, PER_DAY a day."""
    rng = random.Random(seed)
    pool = sample_sentences()
    start = dt.date(2024, 1, 1)
    for n in range(count):
        chosen: list[str] = []
        total = 0
        while total < words:
            sentence = rng.choice(pool)
            chosen.append(sentence)
            total += len(sentence.split())
        yield {"id": f"bench-{n:06d}", "date": (start + dt.timedelta(days=n // PER_DAY)).isoformat(),
               "source": rng.choice(["AFP", "Reuters", "Ukrinform", "TASS"]), "lang": "fr",
               "text": " ".join(chosen)}


def write_jsonl(path: Path, records: Iterator[dict]) -> int:
    """Write records as JSONL; returns the number of words written."""
    words = 0
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            words += len(record["text"].split())
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


CITIES = [("city/kharkiv", "Kharkiv", "region/kharkiv-oblast"), ("city/odesa", "Odesa", "region/odesa-oblast"),
          ("city/dnipro", "Dnipro", "region/dnipropetrovsk-oblast"), ("city/kyiv", "Kyiv", "region/kyiv-city"),
          ("city/belgorod", "Belgorod", "region/belgorod-oblast"), ("city/kursk", "Kursk", "region/kursk-oblast"),
          ("city/zaporizhzhia", "Zaporizhzhia", "region/zaporizhzhia-oblast"),
          ("city/kherson", "Kherson", "region/kherson-oblast")]
TYPES = ["DroneStrike", "MissileStrike", "AirStrike", "Shelling", "Attack", "Interception"]


def synthetic_extraction(n: int, rng: random.Random) -> Extraction:
    """One article's worth of records, shaped like real output: 4 events, 3 statements."""
    text = "x" * 2000
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    entities = [Entity("c1", "Country", "Russie", (Span(10, 15, "x" * 5),), key="country/russia", label="Russia"),
                Entity("c2", "Country", "Ukraine", (Span(20, 27, "x" * 7),), key="country/ukraine", label="Ukraine")]
    events, statements = [], []
    for k in range(4):
        key, name, region = rng.choice(CITIES)
        entities.append(Entity(f"p{k}", "City", name, (Span(100 + k * 50, 108 + k * 50, "x" * 8),), key=key,
                               label=name, located_in=(region, "country/ukraine")))
        entities.append(Entity(f"r{k}", "Region", region, key=region, label=region.split("/")[1],
                               located_in=("country/ukraine",)))
        figures = []
        if rng.random() < 0.5:
            figures.append(Figure("injured", rng.randrange(1, 40), rng.choice(["exact", "atLeast"]),
                                  Span(300 + k * 60, 305 + k * 60, "x" * 5), f"s{k % 3}"))
        if rng.random() < 0.3:
            figures.append(Figure("killed", rng.randrange(1, 10), "exact", Span(310 + k * 60, 312 + k * 60, "xx")))
        if rng.random() < 0.5:
            figures.append(Figure(rng.choice(["launched", "downed"]), rng.randrange(5, 150)))
        events.append(Event(f"e{k}", rng.choice(TYPES), (Span(500 + k * 100, 560 + k * 100, "x" * 60),),
                            actor=rng.choice(["c1", "c2"]), place=f"p{k}", figures=tuple(figures),
                            time=TimeRef("pendant la nuit", day - dt.timedelta(days=1), day)))
    for k in range(3):
        entities.append(Entity(f"s{k}-who", "AnonymousSource", "source", (Span(1000 + k * 30, 1006 + k * 30, "x" * 6),),
                               affiliation=rng.choice(["c1", "c2"]), shared=False))
        statements.append(Statement(f"s{k}", f"s{k}-who", rng.choice(["déclarer", "affirmer", "selon"]),
                                    (Span(1200 + k * 40, 1220 + k * 40, "x" * 20),), (f"e{k}", f"e{k + 1}")))
    document = Document(id=f"synthetic-{n:07d}", text=text, date=day, source=rng.choice(["AFP", "Reuters"]))
    return Extraction(document, tuple(entities), tuple(events), tuple(statements))
