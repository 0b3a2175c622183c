"""The newskg benchmark: every figure measured side by side in one run, on this machine.

    python benchmarks/run.py            # full run (about 15 minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes, to check the script itself

It prints a Markdown table and rewrites the results block of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, articles, synthetic_extraction, write_jsonl  # noqa: E402

from kg import nlp as kg_nlp  # noqa: E402
from kg.mapping import to_quads  # noqa: E402
from kg.ontology import ontology_quads  # noqa: E402
from kg.params import parse_header, prepare  # noqa: E402
from kg.pipeline import (  # noqa: E402
    DEFAULT_BATCH_SIZE, DEFAULT_MODEL, FLUSH_EVERY, WRITE_BATCH_QUADS, build,
)
from kg.store import Store  # noqa: E402
from kg.vocab import PREFIXES  # noqa: E402

#: Values for per-item parameters (one article, one event), so those queries run as an analyst
#: would use them; every other parameter is left unbound (its query then covers everything).
_ARTICLE = "<https://w3id.org/newskg/id/article/synthetic-0000001>"
SAMPLE_PARAMS = {"article": _ARTICLE, "event": _ARTICLE[:-1] + "/event/e0>",
                 "subject": _ARTICLE[:-1] + "/event/e0>"}
RESULTS_START, RESULTS_END = "<!-- results:start -->", "<!-- results:end -->"


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def parse_only(texts: list[str], batch_size: int) -> float:
    """Bare spaCy: the stock model with the same pipes, no newskg component, no extraction."""
    import spacy

    language = spacy.load(DEFAULT_MODEL, exclude=list(kg_nlp.UNUSED_PIPES))
    started = time.perf_counter()
    for _doc in language.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def build_into(path: Path, corpus: Path, **options) -> tuple[float, object]:
    store = Store(path)
    seconds, summary = timed(build, [corpus], store, **options)
    del store
    return seconds, summary


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


def synthetic_graph(articles_count: int, workdir: Path) -> tuple[Path, Path, int]:
    """An on-disk store of ``articles_count`` synthetic articles, bulk-loaded, plus its N-Quads file."""
    rng = random.Random(articles_count)
    nquads = workdir / f"synthetic-{articles_count}.nq"
    with nquads.open("wb") as stream:
        for n in range(articles_count):
            ox.serialize(to_quads(synthetic_extraction(n, rng), "h", "bench"), stream, ox.RdfFormat.N_QUADS)
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
        if "SERVICE" in sparql.upper():
            continue  # federated queries need the network
        texts[path.stem] = prepare(sparql, wanted, source=path.name)
    return texts


def latencies(run, repeats: int, budget: float) -> list[float]:
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < repeats and (not times or time.perf_counter() - started < budget):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return times


def oxigraph_latencies(path: Path, repeats: int, budget: float) -> dict[str, list[float]]:
    store = Store(path)
    out = {}
    for name, sparql in query_texts().items():
        def run(sparql=sparql):
            result = store.query(sparql)
            return len(list(result)) if result is not None and not isinstance(result, ox.QueryBoolean) else 0
        out[name] = latencies(run, repeats, budget)
    return out


def rdflib_comparison(nquads: Path, names: list[str]) -> dict[str, object]:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    load, _ = timed(dataset.parse, str(nquads), format="nquads")
    texts = query_texts()
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    times = {name: latencies(lambda s=texts[name]: len(list(dataset.query(prologue + s))), 3, 30.0)
             for name in names}
    return {"load_s": load, "triples": len(dataset), "queries": times}


def peak_rss(corpus: Path, workdir: Path) -> float:
    """Peak resident memory, in MiB, of a `kg build` of ``corpus`` in its own process."""
    code = ("import resource, sys; from kg.pipeline import build; from kg.store import Store; "
            f"build([{str(corpus)!r}], Store({str(workdir / corpus.stem)!r})); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


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
    graph_sizes = (1000, 3000) if args.quick else (10_000, 100_000)
    rss_sizes = (100, 1000) if args.quick else (1000, 10_000)
    results: dict[str, object] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                                  "batch_size": args.batch_size}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        results["words"] = write_jsonl(corpus, articles(n_articles, words))
        results["articles"] = n_articles
        texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]

        results["parse_s"] = parse_only(texts, args.batch_size)
        results["build_s"], summary = build_into(work / "s1", corpus, batch_size=args.batch_size)
        results["events"], results["triples"] = summary.events, summary.triples
        results["build2_s"], _ = build_into(work / "s2", corpus, batch_size=args.batch_size, n_process=2)
        results["write"] = write_rates(article_quads(work / "s1"), work)

        results["queries"] = {}
        for size in graph_sizes:
            path, nquads, quads = synthetic_graph(size, work)
            timings = oxigraph_latencies(path, repeats=7 if size == graph_sizes[0] else 3, budget=60.0)
            results["queries"][size] = {"quads": quads, "latency": timings}
            if size == graph_sizes[0]:
                results["rdflib"] = rdflib_comparison(nquads, ["events", "statements", "casualties-by-place"])
                results["rdflib"]["oxigraph_load_s"], _ = timed(
                    ox.Store(str(work / "reload")).bulk_load, path=str(nquads), format=ox.RdfFormat.N_QUADS)

        results["rss"] = {}
        for size in rss_sizes:
            short = work / f"short-{size}.jsonl"
            write_jsonl(short, articles(size, 40, seed=size))
            results["rss"][size] = peak_rss(short, work)
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
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {r['machine']}; model {DEFAULT_MODEL}, batch size {r['batch_size']}.",
        "",
        "| # | measure | result | goal |",
        "|---|---|---|---|",
        f"| 1 | bare `nlp.pipe` over {r['articles']:,} articles, {r['words']:,} words | {r['parse_s']:.1f} s ({words_per_s:,.0f} words/s) | |",
        f"| 1 | `kg build` of the same corpus (parse, extract, link, map, store) | {r['build_s']:.1f} s: **{r['build_s'] / r['parse_s']:.2f}×** the bare parse; {r['events']:,} events, {r['triples']:,} triples | ≤ 1.15× |",
        f"| 2 | `kg build --processes 2` | {r['build2_s']:.1f} s: **{r['build_s'] / r['build2_s']:.2f}×** faster than 1 process | |",
        f"| 3 | writing the build's {r['write']['quads']:,} quads as the build does (batches of new articles) | {r['write']['ours_per_s']:,.0f} quads/s vs `bulk_load` {r['write']['bulk_per_s']:,.0f} quads/s: **{r['write']['ours_per_s'] / r['write']['bulk_per_s']:.2f}×** | ≥ 0.7× |",
    ]
    sizes = list(r["queries"])
    for name in r["queries"][sizes[0]]["latency"]:
        cells = []
        for size in sizes:
            t = r["queries"][size]["latency"][name]
            cells.append(f"{statistics.median(t) * 1000:,.0f} / {percentile(t, 0.95) * 1000:,.0f} ms")
        growth = statistics.median(r["queries"][sizes[-1]]["latency"][name]) / max(
            statistics.median(r["queries"][sizes[0]]["latency"][name]), 1e-6)
        lines.append(f"| 4 | `{name}.rq` median / p95 at {' and '.join(f'{s:,}' for s in sizes)} articles | "
                     f"{' → '.join(cells)} (×{growth:.1f}) | |")
    for size in sizes:
        lines.append(f"| 4 | synthetic graph of {size:,} articles | {r['queries'][size]['quads']:,} quads | |")
    rss = r["rss"]
    small, large = list(rss)
    lines.append(f"| 5 | peak RSS of `kg build`, {small:,} vs {large:,} short articles | {rss[small]:,.0f} MiB vs {rss[large]:,.0f} MiB | flat |")
    rd = r["rdflib"]
    lines.append(f"| 6 | load {rd['triples']:,} triples: rdflib vs Oxigraph `bulk_load` | {rd['load_s']:.1f} s vs {rd['oxigraph_load_s']:.1f} s | |")
    for name, t in rd["queries"].items():
        ox_t = r["queries"][sizes[0]]["latency"][name]
        lines.append(f"| 6 | `{name}.rq` at {sizes[0]:,} articles: rdflib vs Oxigraph (median) | "
                     f"{statistics.median(t) * 1000:,.0f} ms vs {statistics.median(ox_t) * 1000:,.0f} ms | |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
