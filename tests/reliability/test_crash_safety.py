"""Crash safety: a build killed with SIGKILL or stopped with Ctrl-C leaves only whole articles,
and running the same command again completes the rest, ending where a clean build ends.

A *whole article* is an article graph whose quads are exactly the quads a clean build writes for
that article (so its nkg:contentHash, text, events and mentions are all there, and nothing else).
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox

from faultkit import KG, article_graphs, kg, problems


def start_build(corpus: Path, store: Path) -> subprocess.Popen[str]:
    """A real build, parsing 8 articles at a time so that they reach the store steadily."""
    return subprocess.Popen([KG, "build", str(corpus), "--store", str(store), "--batch-size", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_building(process: subprocess.Popen[str], store: Path, size: int = 3_000_000) -> None:
    """Wait until the store folder holds ``size`` bytes (its write-ahead log grows by about
    200 kB an article): articles are being written, far from the last one."""
    deadline = time.monotonic() + 300
    while sum(f.stat().st_size for f in store.glob("*") if f.is_file()) < size:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build wrote nothing in 5 minutes"
        time.sleep(0.1)


def assert_only_whole_articles(store: Path, clean_build) -> int:
    stored = article_graphs(store)
    for name, quads in stored.items():
        assert quads == clean_build.articles[name], f"{name} is not whole"
    assert problems(store) == []
    return len(stored)


def test_sigkill_mid_build_keeps_whole_articles_and_a_rerun_completes(clean_build, tmp_path: Path) -> None:
    store = tmp_path / "store"
    process = start_build(clean_build.corpus, store)
    wait_until_building(process, store)
    process.send_signal(signal.SIGKILL)
    process.wait()
    kept = assert_only_whole_articles(store, clean_build)
    assert 0 < kept < len(clean_build.articles), f"killed with {kept} articles built: not mid-build"

    result = kg("build", str(clean_build.corpus), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Built {len(clean_build.articles) - kept} articles ({kept} unchanged, 0 skipped)")
    assert assert_only_whole_articles(store, clean_build) == len(clean_build.articles)
    assert len(ox.Store.read_only(str(store))) == clean_build.quads


def test_ctrl_c_stops_after_the_current_article_with_a_summary(clean_build, tmp_path: Path) -> None:
    store = tmp_path / "store"
    process = start_build(clean_build.corpus, store)
    wait_until_building(process, store)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Stopping after the current article (Ctrl-C again to stop now)..." in err
    match = re.match(r"Interrupted after building (\d+) articles \(0 unchanged, 0 skipped\): ", out)
    assert match, out
    built = int(match.group(1))
    assert 0 < built < len(clean_build.articles)
    assert assert_only_whole_articles(store, clean_build) == built

    result = kg("build", str(clean_build.corpus), "--store", str(store))
    assert result.returncode == 0
    assert result.stdout.startswith(f"Built {len(clean_build.articles) - built} articles ({built} unchanged")
    assert len(ox.Store.read_only(str(store))) == clean_build.quads
