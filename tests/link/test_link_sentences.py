"""Linking in whole sentences through the real extractor: every division in its press forms, and real corpus rows."""

from __future__ import annotations

import re

import pytest
from link_helpers import link_sentence
from sentence_cases import CORPUS_ROWS, generated
from testpaths import CORPUS

from kg.link import Gazetteer

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
NO_ENTITY = "the extractor finds no entity for this name (its entity ruler does not know the division)"


@pytest.mark.parametrize("sentence, mention, expected", generated())
def test_division_in_a_wire_sentence(nlp, gazetteer: Gazetteer, sentence: str, mention: str,
                                     expected: str) -> None:
    name = re.sub(r"^(la |l'|le )?\w+ (de |d'|du |des )", "", mention)
    entity = link_sentence(nlp, gazetteer, sentence, name.removeprefix("l'"))
    if entity is None:
        pytest.xfail(NO_ENTITY)
    assert entity.key == expected and entity.same_as


def _sentence(file: str, words: str) -> str:
    text = (CORPUS / file).read_text(encoding="utf-8")
    start = text.index(words)
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    return text[begin:min(ends) + 1 if ends else len(text)]


@needs_corpus
@pytest.mark.parametrize("file, words, mention, expected", CORPUS_ROWS, ids=lambda v: str(v)[:30])
def test_real_sentence(nlp, gazetteer: Gazetteer, file: str, words: str, mention: str, expected: str) -> None:
    sentence = _sentence(file, words)
    where = sentence.index(words) + words.index(mention)
    entity = link_sentence(nlp, gazetteer, sentence[:where] + sentence[where:], mention, at=where)
    assert entity is not None, NO_ENTITY
    assert entity.key == expected and entity.same_as
