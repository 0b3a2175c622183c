"""Offline entity linking to Wikidata and GeoNames: ``link(extraction)`` and ``load_gazetteer()``."""

from __future__ import annotations

from kg.link.gazetteer import Entry, Gazetteer, load_gazetteer
from kg.link.linker import link

__all__ = ["Entry", "Gazetteer", "link", "load_gazetteer"]
