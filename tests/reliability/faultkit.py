"""Helpers for the reliability tests: a generated corpus, real `kg` processes, and store checks."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from testpaths import EXAMPLES

KG = str(Path(sys.executable).parent / "kg")
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
NKG = "https://w3id.org/newskg/ontology#"
SHARED_GRAPHS = ("https://w3id.org/newskg/id/graph/", "https://w3id.org/newskg/ontology")
ARTICLE_PREFIX = "https://w3id.org/newskg/id/article/"
FRENCH = ("Des drones ukrainiens ont frappé un dépôt de carburant dans la région de Kaluga, "
          "a déclaré lundi une source du renseignement militaire ukrainien.")


def example_sentences() -> list[str]:
    """The sentences of examples/articles.jsonl, the material generated articles are made of."""
    sentences = []
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        sentences += [s for s in re.split(r"(?<=[.!?»”])\s+", text) if len(s) > 20]
    return sentences


def generate(count: int, *, seed: int = 0, sentences: tuple[int, int] = (2, 4),
             prefix: str = "gen", per_day: int | None = None) -> Iterator[dict[str, str]]:
    """``count`` French articles made of recombined example sentences, each with its own id.

    Dated over 336 days of 2024 in turn, or, with ``per_day``, that many a day from 1 January
    on, like a news feed: a longer corpus then covers a longer period, not denser days.
    """
    pool = example_sentences()
    chance = random.Random(seed)
    first = dt.date(2024, 1, 1)
    for number in range(count):
        date = (first + dt.timedelta(days=number // per_day) if per_day
                else dt.date(2024, 1 + number % 12, 1 + number % 28))
        yield {"id": f"{prefix}-{number:05d}", "date": date.isoformat(),
               "lang": "fr", "text": " ".join(chance.choice(pool) for _ in range(chance.randint(*sentences)))}


def write_jsonl(path: Path, records: Iterator[dict[str, str]] | list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def kg(*args: str, user: str | None = None, timeout: float = 600, **options: object
       ) -> subprocess.CompletedProcess[str]:
    """Run the real ``kg`` command in a new process (as ``user`` if given, through setpriv)."""
    argv = [KG, *args]
    if user is not None:
        argv = ["setpriv", f"--reuid={user}", f"--regid={user_group(user)}", "--clear-groups", *argv]
    env = {**os.environ, "KG_DEBUG": ""}
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env,
                          **options)  # type: ignore[call-overload]


def user_group(user: str) -> str:
    import grp
    import pwd

    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name


def graphs(store_path: Path | ox.Store) -> dict[str, frozenset[ox.Quad]]:
    """Every named graph of a store (a closed store's folder is opened read-only) and its quads."""
    store = store_path if isinstance(store_path, ox.Store) else ox.Store.read_only(str(store_path))
    found: dict[str, set[ox.Quad]] = {}
    for quad in store:
        found.setdefault(quad.graph_name.value, set()).add(quad)
    return {name: frozenset(quads) for name, quads in found.items()}


def article_graphs(store_path: Path | ox.Store) -> dict[str, frozenset[ox.Quad]]:
    return {g: q for g, q in graphs(store_path).items() if g.startswith(ARTICLE_PREFIX)}


def problems(store_path: Path | ox.Store) -> list[str]:
    """What makes a store invalid: an article graph without its content hash or text, a mention
    whose anchorOf is not the article text's slice, a mention without its offsets."""
    found = []
    for name, quads in article_graphs(store_path).items():
        by = {}
        for q in quads:
            by.setdefault((q.subject.value, q.predicate.value), []).append(q.object)
        if (name, NKG + "contentHash") not in by:
            found.append(f"{name}: no nkg:contentHash")
        texts = by.get((name, NIF + "isString"))
        if not texts:
            found.append(f"{name}: no nif:isString")
            continue
        text = texts[0].value
        for (subject, predicate), objects in by.items():
            if predicate != NIF + "anchorOf":
                continue
            begin = by.get((subject, NIF + "beginIndex"))
            end = by.get((subject, NIF + "endIndex"))
            if not begin or not end:
                found.append(f"{subject}: mention without offsets")
            elif text[int(begin[0].value):int(end[0].value)] != objects[0].value:
                found.append(f"{subject}: anchorOf {objects[0].value!r} is not the text slice")
    return found
