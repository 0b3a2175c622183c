"""Sharded builds: one corpus built into one Oxigraph server by one `kg build`, then by two
`kg build --shard K/2` processes at once followed by `kg incidents --update`, then by one `kg build`
again; wall and CPU times side by side.

The corpus is benchmarks/corpus.py's recombined articles (about 400 words, three a day) with one
article in ten followed by a republished copy of an earlier one (a headline and a footer added),
so that some copies land in another shard than their original. Each configuration builds into a
fresh server (`oxigraph serve`, 127.0.0.1) in processes of its own, model loading included; the
single build runs before and after the shards, so that a change of the machine's load during the
run shows as a difference between the two, and the speed-up is taken against their mean. The
graphs are then compared quad for quad (blank nodes named canonically), since a speed-up of a build
that gives another graph would mean nothing. Also measured: what every shard repeats, reading every
input and checking it for copies (kg.ingest), in this process.

Run: python benchmarks/shards.py [--articles 400] [--processes 0] [--workdir DIR]
``--processes`` is given to every `kg build` (0: each build parses in its own process only; the
default of kg build is one worker per CPU). It prints a Markdown table, rewrites the block between the shards markers of
BENCHMARKS.md and writes benchmarks/shards.json.
The machine's load average is recorded before and after: other jobs may run beside the benchmark.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from corpus import articles, write_jsonl  # noqa: E402
from oxigraph_process import oxigraph_server  # noqa: E402

from kg.ingest.documents import read_documents  # noqa: E402
from kg.ingest.duplicates import Republications  # noqa: E402
from kg.rdf.iris import article_iri  # noqa: E402
from kg.store import open_store  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
COPY_EVERY = 10


def corpus(count: int) -> list[dict]:
    """``count`` recombined articles, and after every COPY_EVERY-th a copy of an earlier one."""
    rng = random.Random(11)
    records: list[dict] = []
    for n, record in enumerate(articles(count, 400)):
        records.append(record)
        if n % COPY_EVERY == COPY_EVERY - 1:
            original = rng.choice(records)
            records.append({**original, "id": f"{original['id']}-copy-{n}", "source": "Le Republieur",
                            "text": f"Ce que l'on sait\n{original['text']}\nTous droits réservés."})
    return records


def server(location: Path):
    """Oxigraph's server for the builds, given longer to start and stop than in the tests (a loaded machine)."""
    return oxigraph_server(location, start_timeout=30.0, stop_timeout=30.0)


def run(argvs: list[list[str]]) -> tuple[float, float, list[str]]:
    """Start the commands at once; the wall time until the last ends, their CPU time (every process
    they started), and their outputs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    processes = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for argv in argvs]
    outputs = []
    for process in processes:
        out, err = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(process.args)} failed ({process.returncode}): {err.strip()[-500:]}")
        outputs.append(out.strip())
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, usage.ru_utime + usage.ru_stime - cpu, outputs


def canonical(url: str) -> set[str]:
    store = open_store(url)
    buffer = io.BytesIO()
    store.export(buffer, "nquads")
    store.close()
    dataset = ox.Dataset(ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in dataset}


def reading(path: Path) -> tuple[float, int]:
    """What every shard does for every input: read it, take its IRI, check it for copies."""
    started = time.perf_counter()
    seen = Republications()
    copies = 0
    for document in read_documents([path]):
        copies += seen.check(article_iri(document).value, document.text) is not None
    return time.perf_counter() - started, copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--processes", type=int, default=0, help="--processes of every kg build")
    parser.add_argument("--workdir", type=Path, default=None)
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="kg-shards-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "corpus.jsonl"
    records = corpus(options.articles)
    words = write_jsonl(path, iter(records))
    load_before = os.getloadavg()
    workers = ["--processes", str(options.processes)]

    with server(work / "one") as url:
        one, one_cpu, one_out = run([[KG, "build", str(path), "--store", url, *workers]])
        one_graph = canonical(url)
    with server(work / "two") as url:
        shards, shards_cpu, shard_out = run([[KG, "build", str(path), "--store", url, "--shard", f"{k}/2",
                                              *workers] for k in (1, 2)])
        update, update_cpu, update_out = run([[KG, "incidents", "--update", "--store", url]])
        two_graph = canonical(url)
    with server(work / "again") as url:
        again, again_cpu, _ = run([[KG, "build", str(path), "--store", url, *workers]])
    read_seconds, copies = reading(path)
    load_after = os.getloadavg()
    single = (one + again) / 2

    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "articles": len(records), "words": words, "copies_found": copies, "processes": options.processes,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "one_build_seconds": round(one, 1), "one_build_cpu_seconds": round(one_cpu, 1),
        "one_build_output": one_out[0],
        "two_shards_seconds": round(shards, 1), "two_shards_cpu_seconds": round(shards_cpu, 1),
        "shard_outputs": shard_out,
        "incidents_update_seconds": round(update, 1), "incidents_update_cpu_seconds": round(update_cpu, 1),
        "update_output": update_out[0],
        "one_build_again_seconds": round(again, 1), "one_build_again_cpu_seconds": round(again_cpu, 1),
        "speed_up": round(single / (shards + update), 2),
        "read_and_check_seconds": round(read_seconds, 1),
        "graphs_equal": one_graph == two_graph, "quads": len(one_graph),
    }
    (ROOT / "benchmarks" / "shards.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                                                     encoding="utf-8")
    lines = [
        f"Measured {result['date']} on {result['machine']}; load average (1, 5, 15 min) "
        f"{result['load_average_before']} before, {result['load_average_after']} after.", "",
        "| measure | result |", "|---|---|",
        f"| corpus | {len(records):,} articles ({words:,} words), {copies} republished copies |",
        f"| one `kg build --processes {options.processes}` into a fresh server | {one:.1f} s ({one_cpu:.1f} s CPU) |",
        f"| two `kg build --shard K/2 --processes {options.processes}` at once into a fresh server | "
        f"{shards:.1f} s ({shards_cpu:.1f} s CPU), then `kg incidents --update` {update:.1f} s "
        f"({update_cpu:.1f} s CPU): {shards + update:.1f} s |",
        f"| one `kg build --processes {options.processes}` again, after the shards | {again:.1f} s ({again_cpu:.1f} s CPU) |",
        f"| speed-up: the single build's mean wall time / the shards' and the update's | **{result['speed_up']:.2f}×** |",
        f"| CPU time of the shards and the update / of the single build (mean) | "
        f"{(shards_cpu + update_cpu) / ((one_cpu + again_cpu) / 2):.2f}× |",
        f"| reading and checking every input for copies, which each shard repeats | {read_seconds:.1f} s |",
        f"| the two graphs ({len(one_graph):,} quads) equal | {'yes' if result['graphs_equal'] else 'NO'} |",
    ]
    table = "\n".join(lines)
    print(table)
    bench = ROOT / "BENCHMARKS.md"
    text = bench.read_text(encoding="utf-8")
    start, end = "<!-- shards:start -->", "<!-- shards:end -->"
    if start in text and result["graphs_equal"]:
        text = text.split(start)[0] + start + "\n" + table + "\n" + end + text.split(end, 1)[1]
        bench.write_text(text, encoding="utf-8")
    if not result["graphs_equal"]:
        raise SystemExit("the sharded build gave another graph than the single build")


if __name__ == "__main__":
    main()
