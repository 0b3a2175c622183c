"""Resource limits: building 10,000 short articles takes no more memory than building 1,000,
because articles are streamed from reading to the store (run with `pytest -m slow`).

Both corpora are dated like a news feed, three articles a day: ten times the articles cover ten
times the days. (Crammed into the same days, every day would hold ten times the reports of the
same strikes; each report keeps one incident link, so that now grows with the reports too:
BENCHMARKS.md, incidents on a big news day.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from faultkit import KG, generate, write_jsonl


def peak_rss_kb(corpus: Path, store: Path) -> tuple[int, str]:
    """Peak resident memory of a real `kg build` process, by GNU time."""
    report = store.parent / f"{store.name}.rss"
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), KG, "build", str(corpus),
                             "--store", str(store)], capture_output=True, text=True, timeout=7200)
    assert result.returncode == 0, result.stderr
    return int(report.read_text().split()[-1]), result.stdout


@pytest.mark.slow
def test_memory_stays_flat_from_1000_to_10000_articles(tmp_path: Path) -> None:
    if not Path("/usr/bin/time").exists():
        pytest.skip("GNU time (/usr/bin/time) measures the peak memory of the build")
    small = write_jsonl(tmp_path / "small.jsonl", generate(1_000, seed=1, sentences=(1, 2), per_day=3))
    large = write_jsonl(tmp_path / "large.jsonl", generate(10_000, seed=2, sentences=(1, 2), per_day=3))
    small_kb, small_out = peak_rss_kb(small, tmp_path / "small")
    large_kb, large_out = peak_rss_kb(large, tmp_path / "large")
    print(f"\npeak RSS: 1,000 articles {small_kb / 1024:.0f} MiB ({small_out.splitlines()[0]}); "
          f"10,000 articles {large_kb / 1024:.0f} MiB ({large_out.splitlines()[0]})")
    assert large_out.startswith("Built 10000 articles")
    assert large_kb < small_kb * 1.25 + 50 * 1024  # flat: at most a quarter (+50 MiB) more for 10x
