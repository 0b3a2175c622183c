"""newskg's data files, each the one source of truth for what it holds.

``rules/`` (extraction lexicons and patterns), ``gazetteer/`` (places, actors, weapons),
``evaluation/`` (the scorer's French-English glosses), ``views/``
and ``leaflet/`` (page templates) live here; the ontology and the query library live at the top of
the repository (``ontology/``, ``queries/``) and are mapped into this package by pyproject.toml, so a
checkout, an editable install and a wheel all read the same files through these paths.
"""

from __future__ import annotations

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
