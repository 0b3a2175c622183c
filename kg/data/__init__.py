"""newskg's data files, each the one source of truth for what it holds.

``rules/`` (extraction lexicons and patterns), ``gazetteer/`` (places, actors, weapons),
``evaluation/`` (the scorer's French-English glosses), ``views/``
and ``leaflet/`` (page templates) live here; the ontology and the query library live at the top of
the repository (``ontology/``, ``queries/``) and are mapped into this package by pyproject.toml, so a
checkout, an editable install and a wheel all read the same files through these paths.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources
from pathlib import Path

DATA = Path(str(resources.files(__name__)))
RULES = DATA / "rules"
GAZETTEER = DATA / "gazetteer"
VIEWS = DATA / "views"
LEAFLET = DATA / "leaflet"
EVALUATION = DATA / "evaluation"
ONTOLOGY = Path(str(resources.files("kg.data.ontology")))
QUERIES = Path(str(resources.files("kg.data.queries")))


@functools.cache
def war_countries(tier: str | None = None) -> frozenset[str]:
    """ISO codes of the countries at war whose towns the press names and transliterates
    (gazetteer/war_countries.tsv): ``tier`` "home" (the war newskg follows first) or "other"; all
    when None. The gazetteer keeps their small towns, and linking reads their names loosely."""
    with (GAZETTEER / "war_countries.tsv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["iso"] for row in csv.DictReader(handle, delimiter="\t")
                         if tier is None or row["tier"] == tier)
