"""Paths shared by test modules in every folder (tests/ is on sys.path through pyproject's pythonpath)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLD = ROOT / "tests" / "corpus" / "gold"
#: The real French corpus: third parties' texts, kept beside the repository (never in it).
CORPUS = ROOT.parent / "shared" / "corpus" / "news_fr"
