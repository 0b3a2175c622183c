"""Linking in whole sentences through the real extractor: every division in its press forms, and real corpus rows."""

from __future__ import annotations

import pytest
from link_helpers import PLACES, link_sentence
from sentence_cases import CORPUS_ROWS, bare, corpus_sentence, generated
from testpaths import CORPUS

from kg.link import Gazetteer

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
NO_ENTITY = "the extractor finds no entity for this name (its entity ruler does not know the division)"


GENERATED = generated()
# Of the 636 generated sentences, those whose name the extractor finds (measured 455; README).
EXTRACTED_FLOOR = 608


@pytest.fixture(scope="module")
def generated_links(nlp, gazetteer: Gazetteer) -> dict[str, object]:
    """Each generated sentence's linked entity (None: the extractor found no entity there)."""
    return {sentence: link_sentence(nlp, gazetteer, sentence, bare(mention), kinds=PLACES)
            for sentence, mention, _ in GENERATED}


@pytest.mark.parametrize("sentence, mention, expected", GENERATED)
def test_division_in_a_wire_sentence(generated_links, sentence: str, mention: str, expected: str) -> None:
    entity = generated_links[sentence]
    if entity is None:
        pytest.skip(NO_ENTITY)
    assert entity.key == expected and entity.same_as


def test_how_many_division_names_are_extracted(generated_links) -> None:
    assert sum(1 for e in generated_links.values() if e is not None) >= EXTRACTED_FLOOR


@needs_corpus
@pytest.mark.parametrize("file, words, mention, expected", CORPUS_ROWS, ids=lambda v: str(v)[:30])
def test_real_sentence(nlp, gazetteer: Gazetteer, file: str, words: str, mention: str, expected: str) -> None:
    sentence = corpus_sentence(file, words)
    where = sentence.index(words) + words.index(mention)
    entity = link_sentence(nlp, gazetteer, sentence, mention, at=where)
    if not expected:  # a city's own district, which no gazetteer holds: no link rather than a wrong one
        assert entity is None or not entity.same_as
        return
    assert entity is not None, NO_ENTITY
    assert entity.key == expected and entity.label  # linked; people and weapons may have no QID yet
