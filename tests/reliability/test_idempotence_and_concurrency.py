"""Rebuilds change nothing, a changed article replaces its graph atomically, `kg remove` drops one
graph only, and a query during a build is refused as busy instead of reading a half-built store."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from faultkit import FRENCH, KG, article_graphs, graphs, kg, problems

from kg.cli import main
from kg.rdf.iris import article_iri_for_key

ENTITIES = "https://w3id.org/newskg/id/graph/entities"
INCIDENTS = "https://w3id.org/newskg/id/graph/incidents"
CHANGED = ("Des missiles russes ont frappé Odessa mardi, tuant trois personnes, a déclaré le "
           "gouverneur de la région.")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def feed(path: Path, **texts: str) -> Path:
    path.write_text("".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in texts.items()),
                    encoding="utf-8")
    return path


def test_rebuild_changes_nothing_and_a_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    store = tmp_path / "s"
    code, _, _ = run("build", str(feed(tmp_path / "a.jsonl", one=FRENCH, two=CHANGED)), "--store", str(store))
    assert code == 0
    before = graphs(store)
    code, out, _ = run("build", str(tmp_path / "a.jsonl"), "--store", str(store))
    assert code == 0 and out.startswith("Built 0 articles (2 unchanged, 0 skipped)")
    assert graphs(store) == before

    code, out, _ = run("build", str(feed(tmp_path / "b.jsonl", one=CHANGED)), "--store", str(store))
    assert code == 0 and out.startswith("Built 1 articles (0 unchanged")
    after = article_graphs(store)
    one = article_iri_for_key("one").value
    assert after[one] != before[one]
    texts = [q.object.value for q in after[one] if q.predicate.value.endswith("#isString")]
    assert texts == [CHANGED]  # the old text, its events and mentions are gone
    assert not any("dépôt de carburant" in q.object.value for q in after[one])
    assert problems(store) == []


REPLACER = """
import sys, pyoxigraph as ox
from kg.store.local import Store
store = Store(sys.argv[1])
article = ox.NamedNode("https://w3id.org/newskg/id/article/x")
def version(tag, size):
    return [ox.Quad(article, ox.NamedNode("https://example.org/p"), ox.Literal(f"{tag}{i}"), article)
            for i in range(size)]
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.write_article(article, version("a" if n % 2 else "b", 300 if n % 2 else 500))
"""


def test_replacing_an_article_is_one_transaction(tmp_path: Path) -> None:
    """A process replaces one article over and over (300 quads, then 500 others) and is killed at
    a random moment: the graph is always one version, whole, never a mix or empty."""
    import random
    import sys

    for attempt in range(4):
        path = tmp_path / f"s{attempt}"
        child = subprocess.Popen([sys.executable, "-c", REPLACER, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline() == "ready\n"
        time.sleep(0.5 + random.random())
        child.kill()
        child.wait()
        values = {q.object.value for q in ox.Store.read_only(str(path))}
        assert values in ({f"a{i}" for i in range(300)}, {f"b{i}" for i in range(500)}), len(values)


def test_remove_drops_one_article_and_keeps_the_shared_entities(tmp_path: Path) -> None:
    store = tmp_path / "s"
    run("build", str(feed(tmp_path / "a.jsonl", one=FRENCH, two=CHANGED)), "--store", str(store))
    before = graphs(store)
    code, out, _ = run("remove", "one", "--store", str(store))
    assert code == 0 and out.startswith(f"Removed {article_iri_for_key('one').value}.\n")
    after = graphs(store)
    assert set(before) - set(after) == {article_iri_for_key("one").value}
    assert all(after[g] == before[g] for g in after if g != INCIDENTS)  # entities, ontology and `two` untouched
    assert ENTITIES in after
    # the incidents graph is the one that follows: `one`'s events left their incidents, `two`'s stay
    one, two = (article_iri_for_key(key).value + "/" for key in ("one", "two"))
    assert not any(one in q.subject.value or one in q.object.value for q in after[INCIDENTS])
    members = [{q for q in graph if q.subject.value.startswith(two)} for graph in (before[INCIDENTS], after[INCIDENTS])]
    assert members[0] and members[0] == members[1]
    code, _, err = run("remove", "one", "--store", str(store))
    assert code == 1 and err == f"Error: one is not in store {store}; see `kg stats`\n"


def test_a_query_runs_during_a_build_and_sees_whole_batches(clean_build, tmp_path: Path) -> None:
    # Read commands open the store read-only: no lock, so they answer while the build writes, and
    # see the store as of a committed batch, never an article half written. The build reads
    # standard input, its last article held back until the queries are done: however fast it is,
    # they run while it builds.
    lines = clean_build.corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    store = tmp_path / "s"
    build = subprocess.Popen([KG, "build", "-", "--store", str(store)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writer = threading.Thread(target=lambda: (build.stdin.write("".join(lines[:-1])), build.stdin.flush()))
    writer.start()  # (in a thread: the pipe holds less than the corpus)
    answers, during = [], 0
    try:
        while not (store / "CURRENT").exists():
            assert build.poll() is None, build.communicate()
            time.sleep(0.05)
        while len(answers) < 5:
            answers.append(kg("query", "-e", "SELECT (COUNT(?a) AS ?n) (COUNT(?h) AS ?hashed) WHERE "
                              "{ ?a a nkg:Article OPTIONAL { ?a nkg:contentHash ?h } }",
                              "--store", str(store), "--format", "csv", "--timeout", "30"))
            during += build.poll() is None
        writer.join()
    finally:
        _, err = build.communicate(lines[-1], timeout=600)
    assert build.returncode == 0, err
    assert during == 5, "the build ended before the queries were answered"
    counts = []
    for answer in answers:
        assert answer.returncode == 0, answer.stderr
        n, hashed = answer.stdout.splitlines()[1].split(",")
        assert n == hashed  # an article is there whole (its hash is among its quads) or not at all
        counts.append(int(n))
    assert counts == sorted(counts) and counts[-1] <= len(clean_build.articles)
    assert article_graphs(store) == clean_build.articles
