#!/usr/bin/env bash
# Build newskg's wheel, check what it ships, install it (without extras) in a fresh venv outside
# the checkout and run the main commands from another folder, where only the wheel can be imported.
#
#   scripts/check_wheel.sh            # from anywhere; needs python3 (3.11+) and PyPI (pip's cache helps)
#
# Each command must exit 0. The validate extra (owlready2, pyshacl) is not installed, so this
# also shows that building, querying and drawing do not need it.
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }

# The wheel is built from a copy, so that no build/ folder is left in (or reused from) the checkout.
step "building the wheel"
mkdir "$work/src"
tar -C "$checkout" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist \
    --exclude='*.egg-info' --exclude=__pycache__ --exclude=./kg-store --exclude=./.hypothesis \
    --exclude=./.ruff_cache -cf - . | tar -C "$work/src" -xf -
python3 -m venv "$work/venv"
venv="$work/venv/bin"
"$venv/pip" wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src"
wheel="$(ls "$work"/dist/newskg-*.whl)"
echo "$wheel"

step "checking the wheel's files"
"$venv/python" - "$checkout" "$wheel" <<'EOF'
"""Every module and data file of the checkout is in the wheel, where kg.data looks for it."""
import sys
import zipfile
from pathlib import Path

checkout, wheel = Path(sys.argv[1]), sys.argv[2]
shipped = {name for name in zipfile.ZipFile(wheel).namelist() if not name.endswith("/")}
kept = lambda path: path.is_file() and "__pycache__" not in path.parts
expected = {"kg/py.typed"}
for path in [*(checkout / "kg").rglob("*.py"), *(checkout / "kg" / "data").rglob("*")]:
    if kept(path):
        expected.add(path.relative_to(checkout).as_posix())
for folder, pattern in (("ontology", "*.ttl"), ("queries", "*.rq")):  # mapped into kg.data
    files = [*(checkout / folder).glob(pattern), checkout / folder / "__init__.py"]
    expected |= {f"kg/data/{folder}/{p.name}" for p in files}
missing = sorted(expected - shipped)
if missing:
    sys.exit("the wheel lacks: " + ", ".join(missing))
unexpected = sorted(n for n in shipped if n.endswith((".pyc", ".orig", ".rej")) or "/tests/" in n)
if unexpected:
    sys.exit("the wheel holds stray files: " + ", ".join(unexpected))
print(f"{len(shipped)} files, all {len(expected)} expected ones among them")
EOF

step "installing the wheel in a fresh venv"
"$venv/pip" install --quiet "$wheel"
mkdir "$work/run"
cd "$work/run"  # not the checkout: `import kg` must find the installed wheel
"$venv/python" - "$checkout" <<'EOF'
"""kg comes from the venv, and the validate extra is absent."""
import importlib.util
import sys
from pathlib import Path

import kg

where = Path(kg.__file__).resolve()
if Path(sys.argv[1]) in where.parents:
    sys.exit(f"kg was imported from the checkout ({where}), not from the wheel")
extras = [name for name in ("owlready2", "pyshacl") if importlib.util.find_spec(name)]
if extras:
    sys.exit(f"the validate extra should not be installed here: {extras}")
print(f"kg {kg.__version__} from {where.parent}")
EOF

export PATH="$venv:$PATH"
store="$work/run/kg-store"
run() { printf '$ %s\n' "$*"; "$@" >"$work/run/out.txt" 2>"$work/run/err.txt" || {
          status=$?; cat "$work/run/out.txt" "$work/run/err.txt"; echo "exit code $status: $*"; exit 1; }
        head -n 3 "$work/run/out.txt"; }

step "running the commands from $work/run"
run kg --version
run kg build "$checkout/examples/" --store "$store"
run kg build "$checkout/examples/" --store "$store"  # unchanged: nothing re-extracted
grep -q "(4 unchanged" "$work/run/out.txt" || { echo "a second build re-extracted articles"; exit 1; }
run kg stats --store "$store"
run kg query "$checkout/queries/events.rq" --store "$store" --format csv
run kg query -e 'SELECT (COUNT(*) AS ?events) WHERE { ?e a nkg:Event }' --store "$store"
run kg incidents --store "$store"
run kg map --store "$store" -o map.html
run kg timeline --store "$store" -o timeline.png
run kg show kaluga-2024-11-25 --store "$store"
run kg export --store "$store" --format turtle -o graph.ttl
run kg eval "$checkout/examples/gold/kaluga-2024-11-25.gold.json" --store "$store" --quiet
run kg optimize --store "$store"
run kg incidents --rebuild --threshold 3 --store "$store"
run kg link --help  # the only command that needs the network: its help, offline
# kg serve for real: the SPARQL endpoint answers, then the server stops with its process
port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '$ kg serve --store %s --bind 127.0.0.1:%s\n' "$store" "$port"
kg serve --store "$store" --bind "127.0.0.1:$port" >"$work/run/serve.txt" 2>&1 &
served=$!
python - "$port" <<'PY' || { cat "$work/run/serve.txt"; kill "$served"; exit 1; }
import sys, time, urllib.parse, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
for _ in range(100):
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            print(answer.read().decode()[:80]); break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("kg serve did not answer within 20 s")
PY
kill "$served"; wait "$served" 2>/dev/null || true
run kg remove kaluga-2024-11-25 --store "$store"
for made in map.html timeline.png timeline.csv graph.ttl; do
  [ -s "$made" ] || { echo "$made was not written"; exit 1; }
done

step "the wheel works"
