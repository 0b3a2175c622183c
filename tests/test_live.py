"""Live input: articles that arrive slowly are stored as they come, and Ctrl-C stops cleanly.

``kg build -`` is run as users run it, in its own process, with the real model; the test writes
one JSONL article a second on its standard input and reads the store (read-only, as `kg query`
does) until each article is there.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from testpaths import EXAMPLES

from kg.errors import StoreError
from kg.ingest.live import Prefetched
from kg.rdf.vocab import ID_BASE
from kg.store.local import Store

KG = str(Path(sys.executable).with_name("kg"))
#: How soon after it arrives an article must be queryable.
LATENCY = 5.0
#: The first article also waits for the model to load and the workers to start: a loaded
#: machine takes 10-15 s for that, so it is given longer; every later one must meet LATENCY.
STARTUP = 90.0


def _articles(count: int) -> list[str]:
    records = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return [json.dumps({**records[i % len(records)], "id": f"live-{i}"}, ensure_ascii=False) + "\n"
            for i in range(count)]


def _stored(store: Path, key: str) -> bool:
    try:
        return Store(store, read_only=True).article_hash(NamedNode(f"{ID_BASE}article/{key}")) is not None
    except StoreError:  # not created yet
        return False


@pytest.mark.parametrize("processes, ending, code, verb", [
    ("0", "end of input", 0, "Built"),
    ("2", "ctrl-c", 130, "Interrupted after building"),
])
def test_each_article_of_a_slow_stdin_is_queryable_within_seconds(
        tmp_path: Path, processes: str, ending: str, code: int, verb: str) -> None:
    store = tmp_path / "store"
    build = subprocess.Popen([KG, "build", "-", "--store", str(store), "--processes", processes],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, encoding="utf-8")
    assert build.stdin is not None
    latencies = []
    try:
        for number, line in enumerate(_articles(5)):
            build.stdin.write(line)
            build.stdin.flush()
            arrived = time.monotonic()
            limit = STARTUP if number == 0 else LATENCY
            while not _stored(store, f"live-{number}") and time.monotonic() - arrived < limit:
                time.sleep(0.1)
            latencies.append(time.monotonic() - arrived)
            assert latencies[-1] < limit, f"article {number} not stored {limit} s after it arrived"
            time.sleep(max(0.0, 1.0 - latencies[-1]))  # one article a second
        if ending == "ctrl-c":  # while the build waits for the next article
            build.send_signal(signal.SIGINT)
        build.stdin.close()
        build.wait(timeout=60)
        out, err = build.stdout.read(), build.stderr.read()
    finally:
        build.kill()
    assert build.returncode == code, err
    assert out.startswith(f"{verb} 5 articles (0 unchanged, 0 skipped)")
    assert "Traceback" not in err
    assert all(_stored(store, f"live-{number}") for number in range(5))


def test_prefetched_says_when_it_waits_and_ends_with_its_source() -> None:
    gate = threading.Event()

    def slow():
        yield 1
        gate.wait(5)
        yield 2

    items = Prefetched(slow())
    reading = iter(items)
    assert next(reading) == 1
    time.sleep(0.1)
    assert items.waiting()  # 2 has not arrived
    gate.set()
    assert list(reading) == [2] and not items.waiting()


def test_prefetched_stops_while_waiting_when_asked() -> None:
    stop = threading.Event()
    never = threading.Event()

    def stalled():
        yield "a"
        never.wait(30)
        yield "b"

    items = iter(Prefetched(stalled(), stop.is_set))
    assert next(items) == "a"
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    assert list(items) == [] and time.monotonic() - started < 2


def test_prefetched_raises_what_reading_raised_in_the_consumer() -> None:
    def broken():
        yield 1
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        list(Prefetched(broken()))


def test_incidents_of_a_live_input_are_grouped_while_it_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.pipeline
    from kg.incidents.grouping import pending_articles
    from kg.ingest.documents import document_from_record

    monkeypatch.setattr(kg.pipeline, "INCIDENT_SECONDS", 0.0)
    store = Store()
    ungrouped_while_waiting = []

    def slow():
        for number, line in enumerate(_articles(2)):
            if number:  # the first article is written and grouped while the second is awaited
                time.sleep(2)
                ungrouped_while_waiting.append(pending_articles(store))
            yield document_from_record(json.loads(line), f"line {number}")

    summary = kg.pipeline.build([], store, n_process=0, documents=slow())
    assert summary.articles == 2 and ungrouped_while_waiting == [[]]
    assert pending_articles(store) == []
