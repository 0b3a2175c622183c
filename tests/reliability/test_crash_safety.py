"""Crash safety: a build killed with SIGKILL or stopped with Ctrl-C leaves only whole articles,
and running the same command again completes the rest, ending where a clean build ends.

A *whole article* is an article graph whose quads are exactly the quads a clean build writes for
that article (so its nkg:contentHash, text, events and mentions are all there, and nothing else).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pyoxigraph as ox
from faultkit import KG, article_graphs, kg, problems

from kg.pipeline import WRITE_BATCH_SECONDS
from kg.rdf.vocab import NKG
from kg.store.local import Store


PENDING = NKG.incidentsPending


def start_build(store: Path) -> subprocess.Popen[str]:
    """A real build of standard input with a worker process, in a process group of its own as a
    shell runs a command. One worker parsing 8 articles at a time brings them to the store steadily."""
    return subprocess.Popen([KG, "build", "-", "--store", str(store), "--batch-size", "8", "--processes", "1"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def feed(process: subprocess.Popen[str], lines: list[str]) -> None:
    """Write ``lines`` to the build's standard input (in a thread: the pipe holds less than the
    corpus) and leave it open, so that the build, however fast, cannot have read to its end:
    a signal then always lands mid-build, never after the last article."""
    def write() -> None:
        try:
            process.stdin.write("".join(lines))
            process.stdin.flush()
        except (BrokenPipeError, ValueError):  # the build was stopped before it read them all
            pass

    threading.Thread(target=write, daemon=True).start()


def corpus_lines(clean_build) -> list[str]:
    return clean_build.corpus.read_text(encoding="utf-8").splitlines(keepends=True)


def group_ends(process: subprocess.Popen[str], within: float = 30) -> bool:
    """Whether every process of the build's group (its workers) has ended within ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def stored_articles(store: Path) -> int:
    """How many article graphs a read-only view of a store being written holds (0 while the
    view cannot be opened: RocksDB may delete a file it is compacting as the view opens it)."""
    try:
        return len(article_graphs(store))
    except (OSError, RuntimeError):
        return 0


def wait_until_building(process: subprocess.Popen[str], store: Path, articles: int = 1) -> None:
    """Wait until the build has stored ``articles`` articles."""
    deadline = time.monotonic() + 300
    while stored_articles(store) < articles:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"the build did not store {articles} articles in 5 minutes"
        time.sleep(0.2)


def assert_only_whole_articles(store: Path, clean_build) -> int:
    stored = article_graphs(store)
    for name, quads in stored.items():
        assert quads == clean_build.articles[name], f"{name} is not whole"
    assert problems(store) == []
    return len(stored)


def test_sigkill_mid_build_keeps_whole_articles_and_a_rerun_completes(clean_build, tmp_path: Path) -> None:
    lines = corpus_lines(clean_build)
    store = tmp_path / "store"
    process = start_build(store)
    feed(process, lines[:-1])  # the last article held back: the build is mid-build, whenever the kill lands
    wait_until_building(process, store)
    time.sleep(random.uniform(0, WRITE_BATCH_SECONDS))  # so that the kill may come while a batch is written
    process.send_signal(signal.SIGKILL)  # the build process alone, as the OOM killer would
    process.wait(timeout=120)
    assert group_ends(process), "worker processes outlived the killed build"
    kept = assert_only_whole_articles(store, clean_build)
    assert 0 < kept < len(lines)

    result = kg("build", str(clean_build.corpus), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Built {len(lines) - kept} articles ({kept} unchanged, 0 skipped)")
    assert assert_only_whole_articles(store, clean_build) == len(lines)
    assert len(ox.Store.read_only(str(store))) == clean_build.quads
    assert not list(store.glob("bulk-*.sst"))  # a killed batch's unfinished files are gone


def test_ctrl_c_stops_after_the_current_article_with_a_summary(clean_build, tmp_path: Path) -> None:
    """Ctrl-C at a known stage, not a lucky moment: the build has stored the first articles of its
    standard input and waits for more. It stops there, says what it built and what it left of the
    incidents, exits 130; building the whole corpus again completes it."""
    lines = corpus_lines(clean_build)
    sent = len(lines) // 8
    store = tmp_path / "store"
    process = start_build(store)
    feed(process, lines[:sent])
    wait_until_building(process, store, sent)  # all of them: the build now waits for the next line
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in a terminal: the build and its workers
    assert process.wait(timeout=120) == 130, process.stderr.read()
    process.stdin.close()
    out, err = process.stdout.read(), process.stderr.read()
    assert "Traceback" not in err and group_ends(process)
    assert "Stopping after the current article (Ctrl-C again to stop now)..." in err
    match = re.match(rf"Interrupted after building {sent} articles \(0 unchanged, 0 skipped\): .* s(.*)\.\n", out)
    assert match, out
    assert assert_only_whole_articles(store, clean_build) == sent
    # grouped or not, as the build says: a live input's incidents are grouped when it pauses for 30 s
    waiting = len(list(ox.Store.read_only(str(store)).quads_for_pattern(None, PENDING, None, None)))
    assert match.group(1) == (f"; incidents not updated for {waiting} articles: run `kg incidents --update` "
                              "(or this build again) to group them" if waiting else "")

    result = kg("build", str(clean_build.corpus), "--store", str(store))
    assert result.returncode == 0
    assert result.stdout.startswith(f"Built {len(lines) - sent} articles ({sent} unchanged")
    assert len(ox.Store.read_only(str(store))) == clean_build.quads


BATCH_WRITER = """
import sys, pyoxigraph as ox
from kg.store.local import Store
store = Store(sys.argv[1])
p = ox.NamedNode("https://example.org/p")
batch = 0
while True:
    articles = []
    for a in range(64):
        iri = ox.NamedNode(f"https://w3id.org/newskg/id/article/b{batch}-{a}")
        articles.append((iri, [ox.Quad(iri, p, ox.Literal(f"{batch} {a} {i}"), iri) for i in range(1000)]))
    print("writing", batch, flush=True)
    store.write_articles(articles)
    print("wrote", batch, flush=True)
    batch += 1
"""


def test_sigkill_during_a_bulk_batch_leaves_the_batch_all_or_nothing(tmp_path: Path) -> None:
    """A process writes batches of 64 new articles (1,000 quads each) with Store.write_articles
    and is killed at a random moment: every batch is in the store whole or not at all, and
    reopening the store deletes the files a killed batch left beside it."""
    import sys

    killed_mid_batch = 0
    # at least three kills, and more (up to twelve) until one lands while a batch is written: on
    # a loaded machine five random kills can all fall between batches
    for attempt in range(12):
        if attempt >= 3 and killed_mid_batch:
            break
        path = tmp_path / f"s{attempt}"
        child = subprocess.Popen([sys.executable, "-c", BATCH_WRITER, str(path)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline() == "writing 0\n"
        assert child.stdout.readline() == "wrote 0\n"
        time.sleep(random.uniform(0.2, 2.0))
        child.kill()
        child.wait()
        last = ["wrote 0", *child.stdout.read().splitlines()][-1].split()
        killed_mid_batch += last[0] == "writing"

        stored: dict[str, int] = {}
        for quad in ox.Store.read_only(str(path)):
            stored[quad.graph_name.value] = stored.get(quad.graph_name.value, 0) + 1
        assert set(stored.values()) == {1000}, "an article is not whole"
        batches = {int(name.rsplit("/b", 1)[1].split("-")[0]) for name in stored}
        assert batches == set(range(len(batches))), batches
        assert len(stored) == 64 * len(batches), "a batch is not whole"
        assert len(batches) in (int(last[1]), int(last[1]) + 1)  # the one being written: 0 or all

        Store(path).close()
        assert not list(path.glob("bulk-*.sst"))
    assert killed_mid_batch, "no kill came while a batch was being written"
