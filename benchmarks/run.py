"""The newskg benchmark: every figure measured side by side in one run, on this machine.

    python benchmarks/run.py            # full run (17.4 minutes on 2 cores, 2026-11-27)
    python benchmarks/run.py --quick    # small sizes, to check the script itself

It prints a Markdown table and rewrites the results block of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, articles, write_jsonl  # noqa: E402
from querybench import (  # noqa: E402
    QUERY_BUDGET,
    QUERY_CAP,
    RDFLIB_ARTICLES,
    RESULTS_END,
    RESULTS_START,
    latencies,
    oxigraph_latencies,
    query_measures,
    query_rows,
    query_texts,
    queries_only,
    synthetic_graph,
)

from kg.extract import nlp as kg_nlp  # noqa: E402
from kg.pipeline import (  # noqa: E402
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL,
    FLUSH_EVERY,
    WRITE_BATCH_QUADS,
    build,
    default_processes,
)
from kg.rdf.vocab import PREFIXES  # noqa: E402
from kg.store.local import Store  # noqa: E402

#: Articles built both with the default worker processes and in one process (measure 2).
SCALING_ARTICLES = 200
RDFLIB_QUERIES = ["events", "statements", "casualties-by-place"]


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def parse_only(texts: list[str], batch_size: int) -> tuple[float, float]:
    """Bare spaCy: the stock model with the same pipes, no newskg component, no extraction.

    Returns wall and CPU seconds of the parse; loading the model is not counted.
    """
    import spacy

    language = spacy.load(DEFAULT_MODEL, exclude=list(kg_nlp.UNUSED_PIPES))
    started, cpu = time.perf_counter(), time.process_time()
    for _doc in language.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def start_up() -> float:
    """What a build loads once before its first article: our pipeline and the gazetteer."""
    from kg.link import load_gazetteer

    seconds, _ = timed(lambda: (kg_nlp.load(DEFAULT_MODEL), load_gazetteer()))
    return seconds


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the build's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def build_into(path: Path, corpus: Path, **options) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``build`` (its workers' CPU included), start-up already done (start_up)."""
    store = Store(path)
    cpu = cpu_seconds()
    seconds, summary = timed(build, [corpus], store, **options)
    cpu = cpu_seconds() - cpu
    store.close()
    return seconds, cpu, summary


def article_quads(store_path: Path) -> dict[str, list[ox.Quad]]:
    """The quads a build wrote, grouped the way the pipeline writes them (per article)."""
    store = ox.Store.read_only(str(store_path))
    groups: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in store:
        if quad.graph_name.value.startswith(PREFIXES["id"] + "article/"):
            groups[quad.graph_name.value].append(quad)
        elif quad.graph_name.value.startswith(PREFIXES["id"]):  # entity graph: written with articles
            groups["_shared"].append(quad)
    return groups


def write_rates(groups: dict[str, list[ox.Quad]], workdir: Path) -> dict[str, float]:
    """The pipeline's write path against pyoxigraph's bulk_load of the same N-Quads.

    Articles are written as ``build`` writes them: in order, in batches of WRITE_BATCH_QUADS
    quads given to ``Store.write_articles``, a flush every FLUSH_EVERY articles and at the end.
    (``build`` also ends a batch after WRITE_BATCH_SECONDS, which only a slow parse reaches.)
    """
    total = sum(len(q) for q in groups.values())
    shared = groups.pop("_shared", [])
    store = Store(workdir / "write")
    started = time.perf_counter()
    batch: list[tuple[ox.NamedNode, list[ox.Quad]]] = []
    written = 0
    for index, (graph, quads) in enumerate(groups.items()):
        batch.append((ox.NamedNode(graph), quads + (shared if index == 0 else [])))
        if sum(len(q) for _, q in batch) >= WRITE_BATCH_QUADS or index == len(groups) - 1:
            store.write_articles(batch)
            if (written + len(batch)) // FLUSH_EVERY > written // FLUSH_EVERY:
                store.flush()
            written += len(batch)
            batch = []
    store.flush()
    ours = time.perf_counter() - started
    nquads = workdir / "all.nq"
    ox.serialize([q for g in groups.values() for q in g] + shared, str(nquads), ox.RdfFormat.N_QUADS)
    bulk = ox.Store(str(workdir / "bulk"))
    seconds, _ = timed(bulk.bulk_load, path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return {"quads": total, "ours_per_s": total / ours, "bulk_per_s": total / seconds}


class _Stopped(Exception):
    pass


def _stop(signum, frame):
    raise _Stopped


def rdflib_comparison(nquads: Path, names: list[str]) -> dict[str, object]:
    """The same N-Quads loaded into rdflib's in-memory dataset and the same queries; rdflib is
    pure Python, so a query still running after QUERY_CAP seconds is stopped by an alarm."""
    import signal

    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    load, _ = timed(dataset.parse, str(nquads), format="nquads")
    texts = query_texts()
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    times: dict[str, list[float]] = {}
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        for name in names:
            signal.setitimer(signal.ITIMER_REAL, QUERY_CAP)
            try:
                times[name] = latencies(lambda s=texts[name]: len(list(dataset.query(prologue + s))), 3, 30.0)
            except _Stopped:
                times[name] = []
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return {"load_s": load, "triples": len(dataset), "queries": times}


def peak_rss(corpus: Path, workdir: Path) -> tuple[float, float]:
    """Peak resident memory, in MiB, of a `kg build` of ``corpus`` run in its own process: the
    build process's and the largest of its workers'.

    The build's is read from its own VmHWM (/proc/self/status), which starts afresh at exec: its
    ``ru_maxrss`` does not, and reported this (large) benchmark process's size for every build.
    The workers' is the build's RUSAGE_CHILDREN ``ru_maxrss`` once the build has reaped them; they
    are forked after the model is loaded, so each counts the model pages it shares.
    """
    code = ("import re, resource; from pathlib import Path; from kg.pipeline import build; "
            "from kg.store.local import Store; "
            f"build([{str(corpus)!r}], Store({str(workdir / corpus.stem)!r})); "
            "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1), "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    main_kib, worker_kib = done.stdout.strip().splitlines()[-1].split()
    return int(main_kib) / 1024, int(worker_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    parser.add_argument("--queries-only", action="store_true",
                        help="only the query latencies (measure 4) on the synthetic graphs")
    parser.add_argument("--graphs", type=Path, default=None, metavar="DIR",
                        help="with --queries-only: make the synthetic graphs in DIR and keep them, or reuse "
                        "the ones a previous run left there (remove DIR after changing kg/rdf/quads.py)")
    args = parser.parse_args()
    if args.queries_only:
        queries_only(args)
        return
    n_articles, words = (100, 400) if args.quick else (2000, 400)
    graph_sizes = (3000, 10_000) if args.quick else (10_000, 100_000)
    rss_sizes = (100, 1000) if args.quick else (1000, 10_000)
    results: dict[str, object] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                                  "batch_size": args.batch_size}
    began = time.perf_counter()

    def stage(what: str) -> None:  # progress on stderr: the whole run should stay within 20 minutes
        print(f"[{time.perf_counter() - began:5.0f} s] {what}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        results["words"] = write_jsonl(corpus, articles(n_articles, words))
        results["articles"] = n_articles
        texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]

        stage(f"bare parse of {n_articles:,} articles")
        results["parse_s"], results["parse_cpu_s"] = parse_only(texts, args.batch_size)
        results["workers"] = default_processes()
        stage(f"kg build ({results['workers']} worker processes, the default)")
        results["startup_s"] = start_up()
        results["build_s"], results["build_cpu_s"], summary = build_into(
            work / "s1", corpus, batch_size=args.batch_size)
        results["events"], results["triples"] = summary.events, summary.triples
        # processes against one process, on the first articles only: a one-process build of the
        # whole corpus would take a quarter of the run's 20 minutes
        few = min(SCALING_ARTICLES, n_articles)
        subset = work / "subset.jsonl"
        subset.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:few]), encoding="utf-8")
        stage(f"kg build of the first {few:,} articles, default and --processes 0")
        scaling = results["scaling"] = {"articles": few}
        scaling["default_s"], scaling["default_cpu_s"], _ = build_into(work / "s2", subset, batch_size=args.batch_size)
        scaling["one_s"], scaling["one_cpu_s"], _ = build_into(work / "s3", subset, batch_size=args.batch_size, n_process=0)
        stage("writes against bulk_load")
        results["write"] = write_rates(article_quads(work / "s1"), work)

        stage(f"synthetic graph of {RDFLIB_ARTICLES:,} articles, rdflib against Oxigraph")
        path, base, _ = synthetic_graph(RDFLIB_ARTICLES, work)
        results["rdflib"] = rdflib_comparison(base, RDFLIB_QUERIES)
        results["rdflib"]["size"] = RDFLIB_ARTICLES
        results["rdflib"]["oxigraph_load_s"], _ = timed(
            ox.Store(str(work / "reload")).bulk_load, path=str(base), format=ox.RdfFormat.N_QUADS)
        results["rdflib"]["oxigraph"] = oxigraph_latencies(path, 5, QUERY_BUDGET, only=RDFLIB_QUERIES.__contains__)

        # The memory builds run in child processes while the query graphs are made and loaded,
        # which no figure times (and which does not change a build's peak memory); they are
        # awaited before any query is timed.
        stage("memory builds, and the synthetic graphs for the queries")
        shorts = []
        for size in rss_sizes:
            shorts.append(work / f"short-{size}.jsonl")
            write_jsonl(shorts[-1], articles(size, 20, seed=size))
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            memory = pool.submit(lambda: {size: peak_rss(short, work) for size, short in zip(rss_sizes, shorts)})
            graphs = {}
            for size in graph_sizes:
                graphs[size] = synthetic_graph(size, work, base)
            results["rss"] = memory.result()

        results["queries"] = query_measures(graphs, stage)
    stage("done")
    results["run_s"] = time.perf_counter() - began
    report = render(results)
    print(report)
    if not args.no_write and not args.quick:
        (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=1, default=str),
                                                         encoding="utf-8")
        path = ROOT / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8")
        head, rest = text.split(RESULTS_START, 1)
        path.write_text(head + RESULTS_START + "\n" + report + "\n" + RESULTS_END + rest.split(RESULTS_END, 1)[1],
                        encoding="utf-8")


def render(r: dict) -> str:
    words_per_s = r["words"] / r["parse_s"]
    sc = r["scaling"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {r['machine']}; model {DEFAULT_MODEL}, batch size {r['batch_size']}; "
        f"the whole run took {r['run_s'] / 60:.1f} minutes.",
        "",
        "| # | measure | result | goal |",
        "|---|---|---|---|",
        f"| 1 | bare `nlp.pipe` over {r['articles']:,} articles, {r['words']:,} words | {r['parse_s']:.1f} s ({words_per_s:,.0f} words/s), {r['parse_cpu_s']:.1f} s CPU | |",
        f"| 1 | `kg build` of the same corpus (by default {r['workers']} workers parse, extract and link; the main process maps, stores, groups incidents) | {r['build_s']:.1f} s: **{r['build_s'] / r['parse_s']:.2f}×** the bare parse; {r['build_cpu_s']:.1f} s CPU (all processes): {r['build_cpu_s'] / r['parse_cpu_s']:.2f}×; {r['events']:,} events, {r['triples']:,} triples | ≤ 1.15× |",
        f"| 1 | start-up of a build, not counted above (our pipeline and the gazetteer, loaded once) | {r['startup_s']:.1f} s | |",
        f"| 2 | the first {sc['articles']:,} articles: `kg build` ({r['workers']} workers) vs `kg build --processes 0` (one process) | {sc['default_s']:.1f} s ({sc['default_cpu_s']:.1f} s CPU) vs {sc['one_s']:.1f} s ({sc['one_cpu_s']:.1f} s CPU): **{sc['one_s'] / sc['default_s']:.2f}×** faster | |",
        f"| 3 | writing the build's {r['write']['quads']:,} quads as the build does (batches of new articles) | {r['write']['ours_per_s']:,.0f} quads/s vs `bulk_load` {r['write']['bulk_per_s']:,.0f} quads/s: **{r['write']['ours_per_s'] / r['write']['bulk_per_s']:.2f}×** | ≥ 0.7× |",
    ]
    lines += query_rows(r["queries"])
    rss = r["rss"]
    small, large = list(rss)
    (main_small, worker_small), (main_large, worker_large) = rss[small], rss[large]
    lines.append(f"| 5 | peak RSS of `kg build`, {small:,} vs {large:,} short articles: build process | "
                 f"{main_small:,.0f} MiB vs {main_large:,.0f} MiB | flat |")
    lines.append(f"| 5 | the same, the largest of its workers (counting the model pages they share) | "
                 f"{worker_small:,.0f} MiB vs {worker_large:,.0f} MiB | flat |")
    rd = r["rdflib"]
    lines.append(f"| 6 | load {rd['triples']:,} triples ({rd['size']:,} articles): rdflib vs Oxigraph `bulk_load` | {rd['load_s']:.1f} s vs {rd['oxigraph_load_s']:.1f} s | |")
    for name, t in rd["queries"].items():
        ox_t = rd["oxigraph"][name]
        theirs = f"{statistics.median(t) * 1000:,.0f} ms" if t else f"> {QUERY_CAP:g} s (stopped)"
        lines.append(f"| 6 | `{name}.rq` at {rd['size']:,} articles: rdflib vs Oxigraph (median) | "
                     f"{theirs} vs {statistics.median(ox_t) * 1000:,.0f} ms | |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
