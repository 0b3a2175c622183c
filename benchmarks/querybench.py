"""Measure 4 of the benchmark: every query of queries/ on synthetic graphs of 10,000 and 100,000
articles, in the embedded store; run by benchmarks/run.py, alone with ``--queries-only``."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from corpus import ROOT, synthetic_extraction

from kg.rdf.ontology import ontology_quads
from kg.rdf.quads import to_quads
from kg.store.local import Store
from kg.store.params import parse_header, prepare, tokens

RESULTS_START, RESULTS_END = "<!-- results:start -->", "<!-- results:end -->"
#: The graph rdflib is compared on; the query graphs are copies of it.
RDFLIB_ARTICLES = 1_000

#: Values for per-item parameters (one article, one event), so those queries run as an analyst
#: would use them; every other parameter is left unbound (its query then covers everything).
_ARTICLE = "<https://w3id.org/newskg/id/article/synthetic-0000001>"
SAMPLE_PARAMS = {"article": _ARTICLE, "event": _ARTICLE[:-1] + "/event/e0>",
                 "subject": _ARTICLE[:-1] + "/event/e0>"}
#: On the largest graph a query is stopped after this many seconds (reported as "> QUERY_CAP s"),
#: so that the whole run stays within its 20 minutes whatever the slowest query does.
QUERY_CAP = 5.0
#: A query is run up to 5 times (3 on the largest graph), and no more once this many seconds have passed.
QUERY_BUDGET = 2.0


def synthetic_graph(articles_count: int, workdir: Path, base: Path | None = None) -> tuple[Path, Path, int]:
    """An on-disk store of ``articles_count`` synthetic articles, bulk-loaded, plus its N-Quads file.

    With ``base`` (the N-Quads of a smaller synthetic graph made by this function without a
    base, of a power of ten articles dividing the count), the graph is that one repeated under
    new article IRIs, which takes seconds where generating 100,000 articles' records and quads
    takes minutes; otherwise every article is generated. Either way the store is then compacted,
    as ``kg optimize`` does (docs/build-and-store.md advises it after a large build): a bulk load
    leaves hundreds of overlapping files that every lookup of a string probes (reading 100,000
    article IRIs back took 3.9 s in the 100,000-article store as loaded), where a store written
    article by article is compacted by RocksDB as it goes. The queries open it read-only, so no
    compaction runs beside them.
    """
    nquads = workdir / f"synthetic-{articles_count}.nq"
    with nquads.open("wb") as stream:
        if base is None:
            rng = random.Random(articles_count)
            for n in range(articles_count):
                ox.serialize(to_quads(synthetic_extraction(n, rng), "h", "bench"), stream, ox.RdfFormat.N_QUADS)
        else:
            data = base.read_bytes()
            base_count = int(base.stem.rsplit("-", 1)[1])
            # ids synthetic-0000000 to synthetic-0000999 for 1,000: each copy gets new leading digits
            free = 7 - len(str(base_count - 1))
            zeros = b"synthetic-" + b"0" * free
            for copy in range(articles_count // base_count):
                stream.write(data.replace(zeros, b"synthetic-%0*d" % (free, copy)) if copy else data)
        ox.serialize(ontology_quads(), stream, ox.RdfFormat.N_QUADS)
    path = workdir / f"synthetic-{articles_count}"
    store = ox.Store(str(path))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    return path, nquads, len(store)


def query_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        sparql = path.read_text(encoding="utf-8")
        wanted = {p.name: SAMPLE_PARAMS[p.name] for p in parse_header(sparql).parameters
                  if p.default is None and p.name in SAMPLE_PARAMS}
        if any(kind == "word" and text.upper() == "SERVICE" for kind, text, _ in tokens(sparql)):
            continue  # federated queries need the network (the word in a comment is not SERVICE:
            # claims-by-side.rq, whose header mentions rescue services, was left out by a text search)
        texts[path.stem] = prepare(sparql, wanted, source=path.name)
    return texts


def is_incident_query(name: str) -> bool:
    return name.startswith("incident")


def latencies(run, repeats: int, budget: float) -> list[float]:
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < repeats and (not times or time.perf_counter() - started < budget):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return times


def oxigraph_latencies(path: Path, repeats: int, budget: float, cap: float | None = None,
                       expected: dict[str, float] | None = None,
                       only: Callable[[str], bool] = lambda name: True) -> dict[str, list[float]]:
    """Latencies of every query (or those whose name passes ``only``), run in this process.

    With ``cap``, a query ``expected`` (seconds, e.g. extrapolated from a smaller graph) to take
    over a quarter of it runs once only, in a child process stopped at ``cap`` (``kg query
    --timeout``'s path, whose time includes starting the child and passing its answer back); one
    that does not finish gets no time.
    """
    from kg.errors import QueryError

    # Read-only, as the child of a query with a time limit opens it: opened for writing, a
    # freshly loaded store starts compactions that run for minutes on both cores beside the queries.
    store = Store(path, read_only=True)
    out = {}
    for name, sparql in query_texts().items():
        if not only(name):
            continue
        if cap is not None and (expected is None or expected.get(name, cap) > cap / 4):
            started = time.perf_counter()
            try:
                result = store.query(sparql, timeout=cap)
                if result is not None and not isinstance(result, ox.QueryBoolean):
                    len(list(result))
                out[name] = [time.perf_counter() - started]
            except QueryError:
                out[name] = []
            continue

        def run(sparql=sparql):
            result = store.query(sparql)
            return len(list(result)) if result is not None and not isinstance(result, ox.QueryBoolean) else 0
        out[name] = latencies(run, repeats, budget)
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def query_measures(graphs: dict[int, tuple[Path, Path, int]], stage) -> dict[int, dict]:
    """Measure 4: every query on each synthetic graph, smallest first; on the larger ones a query
    expected (from the smaller graph) to be slow runs once, stopped at QUERY_CAP."""
    sizes = sorted(graphs)
    measured: dict[int, dict] = {}
    expected = None
    for size in sizes:
        stage(f"queries on the graph of {size:,} articles")
        path, _, quads = graphs[size]
        first = size == sizes[0]
        timings = oxigraph_latencies(path, repeats=5 if first else 3, budget=QUERY_BUDGET,
                                     cap=None if first else QUERY_CAP, expected=expected)
        expected = {n: statistics.median(t) * sizes[-1] / size for n, t in timings.items() if t}
        measured[size] = {"quads": quads, "latency": timings}
    return measured


def kept_graphs(sizes: tuple[int, ...], workdir: Path, stage) -> dict[int, tuple[Path, Path, int]]:
    """The synthetic query graphs in ``workdir``: those a previous run left there, else made now."""
    workdir.mkdir(parents=True, exist_ok=True)
    base_nq = workdir / f"synthetic-{RDFLIB_ARTICLES}.nq"
    if not base_nq.exists():
        stage(f"synthetic graph of {RDFLIB_ARTICLES:,} articles")
        synthetic_graph(RDFLIB_ARTICLES, workdir)
    graphs = {}
    for size in sizes:
        path, nquads = workdir / f"synthetic-{size}", workdir / f"synthetic-{size}.nq"
        if path.exists() and nquads.exists():
            store = ox.Store.read_only(str(path))
            graphs[size] = (path, nquads, len(store))
            del store
        else:
            stage(f"synthetic graph of {size:,} articles")
            graphs[size] = synthetic_graph(size, workdir, base_nq)
    return graphs


def queries_only(args: argparse.Namespace) -> None:
    """Only measure 4, written over the query rows of BENCHMARKS.md's table (the others are kept)."""
    sizes = (3000, 10_000) if args.quick else (10_000, 100_000)
    began = time.perf_counter()

    def stage(what: str) -> None:
        print(f"[{time.perf_counter() - began:5.0f} s] {what}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        graphs = kept_graphs(sizes, args.graphs or Path(tmp), stage)
        measured = query_measures(graphs, stage)
    stage("done")
    rows = query_rows(measured)
    note = (f"Measure 4 measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()} (`--queries-only`, {(time.perf_counter() - began) / 60:.1f} "
            "minutes); the other rows are from the earlier full run.")
    print(note + "\n\n" + "\n".join(rows))
    if args.no_write or args.quick:
        return
    results_path = ROOT / "benchmarks" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))
    results["queries"] = measured
    results_path.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(RESULTS_START, 1)
    block, tail = rest.split(RESULTS_END, 1)
    lines = block.strip("\n").splitlines()
    kept = [line for line in lines if not line.startswith("| 4 |") and not line.startswith("Measure 4 measured")]
    at = next(i for i, line in enumerate(kept) if line.startswith("| 5 |"))
    kept[1:1] = [note]  # under the full run's own "Measured …" line
    kept[at + 1:at + 1] = rows
    path.write_text(head + RESULTS_START + "\n" + "\n".join(kept) + "\n" + RESULTS_END + tail, encoding="utf-8")


def query_rows(queries: dict) -> list[str]:
    """The table rows of measure 4."""
    lines = []
    sizes = list(queries)
    for name in queries[sizes[0]]["latency"]:
        cells = []
        for size in sizes:
            t = queries[size]["latency"][name]
            cells.append(f"{statistics.median(t) * 1000:,.0f} / {percentile(t, 0.95) * 1000:,.0f} ms" if t
                         else f"> {QUERY_CAP:g} s (stopped)")
        first, last = queries[sizes[0]]["latency"][name], queries[sizes[-1]]["latency"][name]
        growth = f"×{statistics.median(last) / max(statistics.median(first), 1e-6):.1f}" if last else "—"
        empty = " (no incidents in these graphs: see 4 below)" if is_incident_query(name) else ""
        lines.append(f"| 4 | `{name}.rq` median / p95 at {' and '.join(f'{s:,}' for s in sizes)} articles{empty} | "
                     f"{' → '.join(cells)} ({growth}) | |")
    for size in sizes:
        lines.append(f"| 4 | synthetic graph of {size:,} articles | {queries[size]['quads']:,} quads | |")
    return lines


