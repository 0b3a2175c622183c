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
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, articles, synthetic_extraction, write_jsonl  # noqa: E402

from kg.extract import nlp as kg_nlp  # noqa: E402
from kg.pipeline import (  # noqa: E402
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL,
    FLUSH_EVERY,
    WRITE_BATCH_QUADS,
    build,
    default_processes,
)
from kg.rdf.ontology import ontology_quads  # noqa: E402
from kg.rdf.quads import to_quads  # noqa: E402
from kg.rdf.vocab import PREFIXES  # noqa: E402
from kg.store.local import Store  # noqa: E402
from kg.store.params import parse_header, prepare  # noqa: E402

#: Values for per-item parameters (one article, one event), so those queries run as an analyst
#: would use them; every other parameter is left unbound (its query then covers everything).
_ARTICLE = "<https://w3id.org/newskg/id/article/synthetic-0000001>"
SAMPLE_PARAMS = {"article": _ARTICLE, "event": _ARTICLE[:-1] + "/event/e0>",
                 "subject": _ARTICLE[:-1] + "/event/e0>"}
RESULTS_START, RESULTS_END = "<!-- results:start -->", "<!-- results:end -->"
#: On the largest graph a query is stopped after this many seconds (reported as "> QUERY_CAP s"),
#: so that the whole run stays within its 20 minutes whatever the slowest query does.
QUERY_CAP = 5.0
#: A query is run up to 5 times (3 on the largest graph), and no more once this many seconds have passed.
QUERY_BUDGET = 2.0
#: Articles built both with the default worker processes and in one process (measure 2).
SCALING_ARTICLES = 200
#: The graph rdflib is compared on; the query graphs are copies of it.
RDFLIB_ARTICLES = 1_000
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


def synthetic_graph(articles_count: int, workdir: Path, base: Path | None = None) -> tuple[Path, Path, int]:
    """An on-disk store of ``articles_count`` synthetic articles, bulk-loaded, plus its N-Quads file.

    With ``base`` (the N-Quads of a smaller synthetic graph made by this function without a
    base, of a power of ten articles dividing the count), the graph is that one repeated under
    new article IRIs, which takes seconds where generating 100,000 articles' records and quads
    takes minutes; otherwise every article is generated. Either way the store is left as the
    bulk load leaves it, not compacted (the queries open it read-only, so it stays that way).
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
    return path, nquads, len(store)


def query_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        sparql = path.read_text(encoding="utf-8")
        wanted = {p.name: SAMPLE_PARAMS[p.name] for p in parse_header(sparql).parameters
                  if p.default is None and p.name in SAMPLE_PARAMS}
        if "SERVICE" in sparql.upper():
            continue  # federated queries need the network
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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args()
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

        results["queries"] = {}
        expected = None
        for size in graph_sizes:
            stage(f"queries on the graph of {size:,} articles")
            path, _, quads = graphs[size]
            first = size == graph_sizes[0]
            timings = oxigraph_latencies(path, repeats=5 if first else 3, budget=QUERY_BUDGET,
                                         cap=None if first else QUERY_CAP, expected=expected)
            expected = {n: statistics.median(t) * graph_sizes[-1] / size for n, t in timings.items() if t}
            results["queries"][size] = {"quads": quads, "latency": timings}
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
    sizes = list(r["queries"])
    for name in r["queries"][sizes[0]]["latency"]:
        cells = []
        for size in sizes:
            t = r["queries"][size]["latency"][name]
            cells.append(f"{statistics.median(t) * 1000:,.0f} / {percentile(t, 0.95) * 1000:,.0f} ms" if t
                         else f"> {QUERY_CAP:g} s (stopped)")
        first, last = r["queries"][sizes[0]]["latency"][name], r["queries"][sizes[-1]]["latency"][name]
        growth = f"×{statistics.median(last) / max(statistics.median(first), 1e-6):.1f}" if last else "—"
        empty = " (no incidents in these graphs: see 4 below)" if is_incident_query(name) else ""
        lines.append(f"| 4 | `{name}.rq` median / p95 at {' and '.join(f'{s:,}' for s in sizes)} articles{empty} | "
                     f"{' → '.join(cells)} ({growth}) | |")
    for size in sizes:
        lines.append(f"| 4 | synthetic graph of {size:,} articles | {r['queries'][size]['quads']:,} quads | |")
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
