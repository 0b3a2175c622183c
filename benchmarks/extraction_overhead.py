"""What extraction adds to spaCy's parse, on real French news: the acceptance of issue #16 asks
for at most 20%.

    python benchmarks/extraction_overhead.py [CORPUS_DIR] [--repeat 3]

Parses every article of the corpus (default ../shared/corpus/news_fr, the evaluation corpus) once
with the pipeline kg builds with (bare parse: the model, its sentence rule and entity ruler), then
runs extraction and linking over the parsed documents, each in one process, and prints the best
of --repeat runs of each, and their ratio. It measures this machine; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.evaluate.corpus import read_article
from kg.extract import extract, nlp
from kg.ingest.documents import document_from_record
from kg.link import link, load_gazetteer
from kg.pipeline import DEFAULT_BATCH_SIZE, DEFAULT_MODEL

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news_fr"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        print(f"{args.corpus}: no .txt articles here", file=sys.stderr)
        return 1
    documents = [document_from_record(read_article(p), str(p)) for p in paths]
    words = sum(len(d.text.split()) for d in documents)
    language = nlp.load(DEFAULT_MODEL)
    load_gazetteer()
    parse_times, extract_times = [], []
    for _ in range(args.repeat):
        started = time.process_time()
        docs = list(language.pipe((d.text for d in documents), batch_size=DEFAULT_BATCH_SIZE))
        parse_times.append(time.process_time() - started)
        started = time.process_time()
        for doc, document in zip(docs, documents, strict=True):
            link(extract(doc, document))
        extract_times.append(time.process_time() - started)
    parse, extraction = min(parse_times), min(extract_times)
    print(f"{len(documents)} articles, {words:,} words, best of {args.repeat} (CPU seconds, one process)")
    print(f"parse:                {parse:6.2f} s ({words / parse:,.0f} words/s)")
    print(f"extraction + linking: {extraction:6.2f} s")
    print(f"extraction adds {100 * extraction / parse:.1f}% to the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
