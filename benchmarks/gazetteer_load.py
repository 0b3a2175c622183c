"""How long a fresh process takes to load the gazetteer (kg.link.load_gazetteer): CPU and wall
seconds, each run in a new Python process, in turn with or without its cache file.

Cases: ``files`` reads the TSV files (no cache folder); ``cache`` loads the cache file, written
beforehand by one unmeasured run. With ``--code DIR``, DIR (a copy of another version's kg/
package, e.g. ``git archive REV kg | tar -x -C DIR``) is measured too, as ``DIR``, for a
before/after comparison in the same conditions. Other jobs on the machine disturb wall times;
the load average is printed with the figures.

Run: python benchmarks/gazetteer_load.py [--repeat 7] [--code /tmp/old]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json, sys, time
from pathlib import Path
import kg.text, kg.link.names  # imported apart: their cost is not the gazetteer's
from kg.link import gazetteer
cache = None if sys.argv[1] == "-" else Path(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
if hasattr(gazetteer, "load"):
    found = gazetteer.load([gazetteer.DATA_DIR / n for n in gazetteer.FILES],
                           gazetteer.DATA_DIR / "stopnames.txt", cache)
else:  # a version before the cache: it reads the files
    found = gazetteer.load_gazetteer()
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "entries": len(found), "from": gazetteer.__file__}))
"""


def probe(cache: str, code: str | None) -> dict[str, float]:
    env = {**os.environ, **({"PYTHONPATH": code} if code else {})}
    out = subprocess.run([sys.executable, "-c", PROBE, cache], capture_output=True, text=True,
                         check=True, env=env, cwd=tempfile.gettempdir()).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--code", help="another version's package folder, measured in turn")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        probe(folder, None)  # writes the cache file
        cases = {"files": ("-", None), "cache": (folder, None)}
        if options.code:
            cases[options.code] = ("-", options.code)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
        print("load average before:", os.getloadavg())
        for _ in range(options.repeat):  # in turn, so that a change of load touches every case
            for name, (cache, code) in cases.items():
                runs[name].append(probe(cache, code))
        print("load average after:", os.getloadavg())
    for name, found in runs.items():
        cpu, wall = sorted(r["cpu"] for r in found), sorted(r["wall"] for r in found)
        print(f"{name}: {found[0]['entries']} entries ({found[0]['from']}); CPU median "
              f"{statistics.median(cpu):.3f} s ({cpu[0]:.3f}-{cpu[-1]:.3f}), wall median "
              f"{statistics.median(wall):.3f} s ({wall[0]:.3f}-{wall[-1]:.3f}), {len(found)} runs")


if __name__ == "__main__":
    main()
