"""Shared fixtures for the linking tests: the shipped gazetteer, loaded once per session."""

from __future__ import annotations

import pytest

from kg.link import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp():
    from kg.extract.nlp import load

    return load()
