"""Print linking precision and coverage on the test tables: python tests/link/link_metrics.py.

With --sentences, also on whole sentences through the real extractor (spaCy model): the generated
wire sentences of every division, and the real corpus rows, each counted apart.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from link_cases import LINKED, UNLINKED, regions  # noqa: E402
from link_helpers import link_one  # noqa: E402

from kg.link import load_gazetteer  # noqa: E402


def main() -> None:
    start = time.perf_counter()
    gazetteer = load_gazetteer()
    loaded = time.perf_counter() - start
    cases = [(n, k, c, e) for n, k, c, e in LINKED]
    correct = wrong = missed = 0
    start = time.perf_counter()
    for name, kind, context, expected in cases:
        entity = link_one(gazetteer, name, kind, context)
        if not (entity.same_as or entity.label):
            missed += 1
        elif entity.key == expected:
            correct += 1
        else:
            wrong += 1
    for name_fr, geonames in regions():
        entity = link_one(gazetteer, name_fr, "Region")
        if not entity.same_as:
            missed += 1
        elif f"https://sws.geonames.org/{geonames}/" in entity.same_as:
            correct += 1
        else:
            wrong += 1
    false_links = sum(1 for n, k, c in UNLINKED if link_one(gazetteer, n, k, c).same_as)
    total = correct + wrong + missed
    elapsed = time.perf_counter() - start
    print(f"gazetteer: {len(gazetteer)} entries, loaded in {loaded:.2f} s")
    print(f"should link: {total}; linked correctly {correct}, wrongly {wrong}, not linked {missed}")
    print(f"precision {correct / max(1, correct + wrong):.3f}, coverage {correct / total:.3f}")
    print(f"must stay unlinked: {len(UNLINKED)}; wrongly linked {false_links}")
    print(f"linking: {1000 * elapsed / (total + len(UNLINKED)):.2f} ms per entity")


def sentences() -> None:
    from link_helpers import PLACES, link_sentence
    from sentence_cases import CORPUS_ROWS, bare, corpus_sentence, generated

    from kg.extract.nlp import load

    nlp, gazetteer = load(), load_gazetteer()
    real = []
    for file, words, mention, expected in CORPUS_ROWS:
        text = corpus_sentence(file, words)
        real.append((text, mention, expected, text.index(words) + words.index(mention)))
    made = [(t, bare(m), k, None) for t, m, k in generated()]
    for label, rows, kinds in (("generated wire sentences", made, PLACES), ("real corpus sentences", real, None)):
        correct = wrong = missed = no_entity = false_links = expected_links = 0
        for text, mention, expected, at in rows:
            entity = link_sentence(nlp, gazetteer, text, mention, at, kinds)
            linked = entity.key if entity is not None and (entity.same_as or entity.label) else None
            if not expected:
                false_links += linked is not None
                continue
            expected_links += 1
            if entity is None:
                no_entity += 1
            elif linked == expected:
                correct += 1
            elif linked:
                wrong += 1
            else:
                missed += 1
        print(f"{label}: {len(rows)} rows, {expected_links} must link: right {correct}, wrong {wrong}, "
              f"unlinked {missed}, no entity extracted {no_entity}; must stay unlinked "
              f"{len(rows) - expected_links}, linked {false_links}")
        print(f"  precision {correct / max(1, correct + wrong):.3f}, coverage {correct / expected_links:.3f}"
              f" (of the entities extracted: {correct / max(1, expected_links - no_entity):.3f})")


if __name__ == "__main__":
    main()
    if "--sentences" in sys.argv:
        sentences()
