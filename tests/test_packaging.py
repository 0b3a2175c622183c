"""The package as shipped: pyproject lists every package, each module imports alone, modules stay small.

The wheel itself (its data files, and the commands run from a fresh venv without the checkout) is
checked by scripts/check_wheel.sh, which CI runs after the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from testpaths import ROOT

KG = ROOT / "kg"
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
PACKAGES: list[str] = SETUPTOOLS["packages"]
PACKAGE_DIR: dict[str, str] = SETUPTOOLS.get("package-dir", {})
MAX_LINES = 400
#: The newskg[validate] extra: needed only to check the ontology (HermiT) and validate data (SHACL).
OPTIONAL = ("owlready2", "pyshacl")
#: ... and spaCy, needed only to parse articles.
HEAVY = ("spacy", *OPTIONAL)


def package_folder(package: str) -> Path:
    """Where a listed package's files are: its package-dir mapping, else its dotted path."""
    if package in PACKAGE_DIR:
        return ROOT / PACKAGE_DIR[package]
    return ROOT.joinpath(*package.split("."))


def module_names() -> list[str]:
    """Every module of the package, as an import name, with the mapped packages (ontology, queries)."""
    names = []
    for path in sorted(KG.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names + sorted(PACKAGE_DIR)


MODULES = module_names()


def test_every_folder_with_an_init_is_a_listed_package_and_every_listed_package_is_one() -> None:
    without_init = {p.parent for p in KG.rglob("*.py")} - {p.parent for p in KG.rglob("__init__.py")}
    assert not without_init, "a folder of modules needs an __init__.py (and a line in pyproject.toml)"
    folders = {".".join(init.parent.relative_to(ROOT).parts) for init in KG.rglob("__init__.py")}
    listed = set(PACKAGES) - set(PACKAGE_DIR)
    assert folders == listed, "fix [tool.setuptools] packages in pyproject.toml"
    for package in PACKAGES:
        assert (package_folder(package) / "__init__.py").is_file(), package
    assert set(PACKAGE_DIR) <= set(PACKAGES)


def test_the_mapped_folders_hold_the_ontology_and_the_queries() -> None:
    ontology = {p.name for p in package_folder("kg.data.ontology").glob("*.ttl")}
    assert ontology == {"newskg.ttl", "shapes.ttl"}
    assert len(list(package_folder("kg.data.queries").glob("*.rq"))) >= 15


@pytest.fixture(scope="module")
def imports() -> dict[str, subprocess.CompletedProcess[str]]:
    """Each module imported first and alone, in its own fresh interpreter, run a few at a time."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    def run(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120, check=False)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        return dict(zip(MODULES, pool.map(run, MODULES), strict=True))


@pytest.mark.parametrize("name", MODULES)
def test_each_module_imports_first_in_a_fresh_interpreter(imports, name: str) -> None:
    # An import cycle, or a module that only works once another has been imported, fails here.
    done = imports[name]
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1:]


@pytest.mark.parametrize("name, absent", [
    ("kg", HEAVY),  # `import kg` stays light
    ("kg.cli", HEAVY),  # the `kg` command starts without loading the model
    ("kg.pipeline", HEAVY),  # spaCy loads only when there is something to parse
    ("kg.api", HEAVY),
    ("kg.rdf.ontology", OPTIONAL),  # owlready2 only when HermiT runs
    ("kg.rdf.shapes", OPTIONAL),  # pySHACL only when data is validated
])
def test_importing_does_not_load_heavy_or_optional_libraries(name: str, absent: tuple[str, ...]) -> None:
    code = f"import sys, {name}; print(' '.join(n for n in {absent!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split() == []


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by noun"
