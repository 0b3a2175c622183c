"""Remote stores measured on this machine: write throughput of kg's write path to Oxigraph's server
and to Virtuoso 7.2, and every query of queries/ on Virtuoso at a large synthetic graph.

    python benchmarks/remote.py                       # 100,000 articles on Virtuoso
    python benchmarks/remote.py --articles 10000      # a smaller graph
    python benchmarks/remote.py --quick               # small sizes, to check the script itself

Needs Debian's virtuoso-opensource (virtuoso-t, isql-vt); not run by CI. It prints Markdown
tables (BENCHMARKS.md, "Remote stores") and writes benchmarks/remote-ARTICLES.json.

- Writes: synthetic articles (benchmarks/corpus.py) written as ``kg build`` writes to a server:
  ``RemoteStore.write_articles``, one ``DROP SILENT GRAPH … ; INSERT DATA`` request per article.
- Queries: the synthetic graph of benchmarks/run.py (1,000 generated articles, copied under new
  IRIs up to the size asked), bulk-loaded with Virtuoso's own loader (ld_dir, rdf_loader_run),
  then each query (the per-item parameters of benchmarks/run.py bound, the rest unbound) sent
  through ``RemoteStore.query`` with every row read: median of up to 3 runs, stopped at the cap.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
from corpus import synthetic_extraction  # noqa: E402
from oxigraph_process import oxigraph_server  # noqa: E402
from run import query_texts  # noqa: E402
from virtuoso_process import virtuoso_server  # noqa: E402

from kg.errors import KgError  # noqa: E402
from kg.rdf.iris import article_iri  # noqa: E402
from kg.rdf.ontology import ontology_quads  # noqa: E402
from kg.rdf.quads import to_quads  # noqa: E402
from kg.store.remote import RemoteStore  # noqa: E402

#: Articles of the generated graph that larger ones copy.
BASE = 1_000
#: Virtuoso's buffers for the query graph: the packaged ini's "4 GB of free memory" values.
BUFFERS, DIRTY = 340_000, 250_000


def article_quads(count: int, seed: int = 11) -> list[tuple[ox.NamedNode, list[ox.Quad]]]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        extraction = synthetic_extraction(n, rng)
        out.append((article_iri(extraction.document), list(to_quads(extraction, "h", "bench"))))
    return out


def write_rate(url: str, articles: list[tuple[ox.NamedNode, list[ox.Quad]]]) -> dict[str, float]:
    """Quads per second written by kg's remote write path, the ontology first (as a build does)."""
    store = RemoteStore(url, timeout=600)
    store.ensure_ontology(ontology_quads())
    quads = sum(len(q) for _, q in articles)
    started = time.perf_counter()
    store.write_articles(articles)
    seconds = time.perf_counter() - started
    store.close()
    return {"articles": len(articles), "quads": quads, "seconds": seconds, "quads_per_s": quads / seconds}


def graph_file(count: int, folder: Path) -> tuple[Path, int]:
    """The N-Quads of ``count`` synthetic articles (BASE generated, then copied), and the ontology."""
    rng = random.Random(BASE)
    base = folder / "base.nq"
    with base.open("wb") as stream:
        for n in range(BASE):
            ox.serialize(to_quads(synthetic_extraction(n, rng), "h", "bench"), stream, ox.RdfFormat.N_QUADS)
    data = base.read_bytes()
    base.unlink()
    path = folder / f"synthetic-{count}.nq"
    free = 7 - len(str(BASE - 1))  # ids synthetic-0000000…: each copy gets new leading digits
    zeros = b"synthetic-" + b"0" * free
    with path.open("wb") as stream:
        for copy in range(max(1, count // BASE)):
            stream.write(data.replace(zeros, b"synthetic-%0*d" % (free, copy)) if copy else data)
        ox.serialize(ontology_quads(), stream, ox.RdfFormat.N_QUADS)
    lines = 0
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 24), b""):
            lines += chunk.count(b"\n")
    return path, lines


def query_times(server_at, cap: float, repeats: int) -> dict[str, dict]:
    """Every query's latencies on the server ``server_at()`` starts on the loaded database; a
    query the server crashed on is recorded so, and the server restarted for the next one."""
    out: dict[str, dict] = {}
    names = list(query_texts().items())
    while names:
        with server_at() as server:
            store = RemoteStore(server.url, timeout=cap)
            while names:
                name, sparql = names.pop(0)
                times: list[float] = []
                rows, error = None, None
                while len(times) < repeats:
                    started = time.perf_counter()
                    try:
                        result = store.query(sparql, timeout=cap)
                        rows = len(list(result)) if result is not None and not isinstance(result, ox.QueryBoolean) else 1
                    except KgError as caught:
                        error = str(caught)
                        break
                    times.append(time.perf_counter() - started)
                    if times[-1] > cap / 4:  # a slow query runs once
                        break
                out[name] = {"ms": 1000 * statistics.median(times) if times else None, "runs": len(times),
                             "rows": rows, "error": error}
                print(f"  {name}: {out[name]}", file=sys.stderr, flush=True)
                if error and "cannot reach" in error:
                    out[name]["error"] = "the server crashed (segmentation fault); restarted"
                    break
            store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the query graph")
    parser.add_argument("--write-articles", type=int, default=2_000, help="articles written per server")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a query may take")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-writes", dest="writes", action="store_false", help="measure the queries only")
    parser.add_argument("--workdir", default=None, help="folder for the scratch data (default: the system's)")
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.write_articles, args.cap = BASE, 100, 10.0
    results: dict = {"date": time.strftime("%Y-%m-%d"), "articles": args.articles, "cap_s": args.cap}
    with tempfile.TemporaryDirectory(prefix="kg-remote-bench-", dir=args.workdir) as scratch:
        work = Path(scratch)
        if args.writes:
            articles = article_quads(args.write_articles)
            print("writes: oxigraph", file=sys.stderr, flush=True)
            with oxigraph_server(work / "oxigraph") as url:
                results["write_oxigraph"] = write_rate(url, articles)
            print("writes: virtuoso", file=sys.stderr, flush=True)
            with virtuoso_server(work / "virtuoso-write") as server:
                results["write_virtuoso"] = write_rate(server.url, articles)
            del articles

        print(f"graph: {args.articles} articles", file=sys.stderr, flush=True)
        load = work / "load"
        load.mkdir()
        started = time.perf_counter()
        nquads, quads = graph_file(args.articles, load)
        results["graph"] = {"quads": quads, "file_s": time.perf_counter() - started,
                            "file_bytes": nquads.stat().st_size}

        def server_at():
            return virtuoso_server(work / "virtuoso", max_rows=1_048_576, max_seconds=int(args.cap) + 10,
                                   buffers=BUFFERS, dirty_buffers=DIRTY, load_dir=load)

        with server_at() as server:
            started = time.perf_counter()
            server.sql(f"ld_dir('{load}', '*.nq', 'urn:kg:bench');")
            server.sql("rdf_loader_run();", timeout=7200)
            server.sql("checkpoint;")
            seconds = time.perf_counter() - started
            results["load_virtuoso"] = {"seconds": seconds, "quads_per_s": quads / seconds}
        nquads.unlink()
        print(f"loaded in {seconds:.0f} s; queries", file=sys.stderr, flush=True)
        results["queries_virtuoso"] = query_times(server_at, args.cap, args.repeats)
    (HERE / ("remote-quick.json" if args.quick else f"remote-{args.articles}.json")).write_text(
        json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(render(results))


def render(r: dict) -> str:
    lines = ["| server | articles | quads | seconds | quads/s |", "|---|---|---|---|---|"]
    for name, key in (("Oxigraph server", "write_oxigraph"), ("Virtuoso 7.2", "write_virtuoso")):
        if (w := r.get(key)) is not None:
            lines.append(f"| {name} | {w['articles']:,} | {w['quads']:,} | {w['seconds']:.1f} | {w['quads_per_s']:,.0f} |")
    g, load = r["graph"], r["load_virtuoso"]
    lines += ["", f"Virtuoso bulk load of {r['articles']:,} articles: {g['quads']:,} quads in "
              f"{load['seconds']:.0f} s ({load['quads_per_s']:,.0f} quads/s).", "",
              "| query | median ms | runs | rows | result |", "|---|---|---|---|---|"]
    for name, q in r["queries_virtuoso"].items():
        ms = f"{q['ms']:,.0f}" if q["ms"] is not None else "–"
        rows = f"{q['rows']:,}" if q["rows"] is not None else "–"
        lines.append(f"| {name} | {ms} | {q['runs']} | {rows} | {(q['error'] or 'ok')[:160]} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
