"""The kg command end to end: build the examples with the real model, query, export, stats."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from testpaths import EXAMPLES, ROOT

from kg.cli import main


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def rows(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


def test_build_summary_counts_what_it_built(built) -> None:
    _path, summary = built
    assert summary.articles == 4 and not summary.skipped
    assert summary.events >= 8 and summary.statements >= 7 and summary.triples > 0


def test_events_query_prints_the_seed_events(built) -> None:
    path, _ = built
    code, out, _err = run("query", "queries/events.rq", "--store", str(path), "--format", "csv")
    assert code == 0
    seed = [r for r in rows(out) if r["article"].endswith("/kaluga-2024-11-25")]
    types = sorted(r["type"] for r in seed)
    assert types.count("Interception") >= 3
    assert "DroneStrike" in types and "MissileStrike" in types
    counts = sorted(int(r["weaponCount"]) for r in seed if r["weaponCount"])
    assert 145 in counts and 8 in counts and counts.count(71) == 2
    assert any(r["injured"] == "23" for r in seed)


def test_rebuilding_the_same_input_changes_nothing(built) -> None:
    path, _ = built
    before = len(ox.Store(str(path)))
    code, out, _ = run("build", str(EXAMPLES), "--store", str(path))
    assert code == 0 and "Built 0 articles (4 unchanged, 0 skipped)" in out
    code, out, _ = run("build", str(EXAMPLES), "--store", str(path), "--force")
    assert code == 0 and "Built 4 articles" in out
    assert len(ox.Store(str(path))) == before


def test_turtle_export_parses_and_reimports_with_the_same_triples(built, tmp_path: Path) -> None:
    path, _ = built
    target = tmp_path / "graph.ttl"
    code, _, _ = run("export", "--store", str(path), "--format", "turtle", "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("@prefix") and "nkg:DroneStrike" in text
    graph = rdflib.Graph().parse(target, format="turtle")
    fresh = ox.Store(str(tmp_path / "fresh"))
    fresh.load(path=str(target), format=ox.RdfFormat.TURTLE)
    distinct = {(q.subject, q.predicate, q.object) for q in ox.Store(str(path))}
    assert len(graph) == len(fresh) == len(distinct)


def test_export_one_article_graph(built) -> None:
    path, _ = built
    iri = "https://w3id.org/newskg/id/article/kaluga-2024-11-25"
    code, out, _ = run("export", "--store", str(path), "--format", "nquads", "--graph", iri)
    assert code == 0 and out and all(line.endswith(f"<{iri}> .") for line in out.splitlines())


def test_stats(built) -> None:
    code, out, _ = run("stats", "--store", str(built[0]))
    assert code == 0 and re.search(r"articles\s*│\s*4", out)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["query", "-e", "DELETE WHERE { ?s ?p ?o }"], 1, "Error: this is a SPARQL UPDATE"),
        (["query", "-e", "SELECT WHERE {"], 1, "Error: the query is not valid SPARQL"),
        (["query", "-e", "SELECT * WHERE { GRAPH id:article/x { ?s ?p ?o } }"], 1,
         "Error: the query is not valid SPARQL: error at 1:"),
        (["query"], 2, "give either a query FILE or -e"),
        (["export", "--graph", "https://example.org/none"], 1, "Error: graph <https://example.org/none> is not in store"),
        (["export", "--graph", "not an iri"], 1, "Error: 'not an iri': not a valid IRI (Invalid IRI code point ' '); "
         "give a named graph's full IRI, such as https://w3id.org/newskg/id/article/kaluga-2024-11-25"),
        (["show", "http://x y"], 1, "Error: 'http://x y': not a valid IRI (Invalid IRI code point ' '); "
         "give an article's key (kaluga-2024-11-25) or its full IRI"),
        (["remove", "https://w3id.org/newskg/id/article/a>b"], 1, "Error: 'https://w3id.org/newskg/id/article/a>b': "
         "not a valid IRI"),
        # pyoxigraph refuses some ports outright: a SERVICE failure that needs no network at all
        (["query", "-e", "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "--format", "json"], 1,
         "Error: the query failed while its results were read: The port 9 is not allowed for HTTP(S)"),
        (["build", "no/such/file.txt"], 1, "Error: no/such/file.txt: no such file or folder; nothing was built"),
        (["build", "examples/", "--processes", "-1"], 2, "Invalid value for '--processes'"),
    ],
)
def test_errors_are_one_line_messages(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    from kg.store.local import Store

    del Store(tmp_path / "s")._store  # an empty store exists
    exit_code, _out, err = run(*args, "--store", str(tmp_path / "s"))
    assert exit_code == code
    assert message in err
    assert "Traceback" not in err
    if code == 1 and not message.startswith("Skipped"):
        assert err.count("\n") == 1, err  # one line, however long the parser's own message


def test_jsonl_on_stdin(tmp_path: Path) -> None:
    line = '{"id": "stdin-1", "date": "2024-11-26", "text": "Des drones russes ont frappé Kharkiv mardi, a déclaré le maire."}\n'
    code, out, _ = run("build", "-", "--store", str(tmp_path / "s"), input=line)
    assert code == 0 and out.startswith("Built 1 articles")


COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example" in out
    assert f"`kg {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_built_graph_conforms_to_the_shapes(built) -> None:
    from kg.rdf.shapes import validate

    data = ox.Store(str(built[0])).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    report = validate(data, "nquads")
    assert report.conforms, report.text


def test_eval_scores_the_stored_seed_against_its_gold(built) -> None:
    code, out, _ = run("eval", "examples/gold/kaluga-2024-11-25.gold.json", "--store", str(built[0]),
                       "--names", "tests/articles/names.tsv")
    assert code == 0
    events = re.search(r"events\s+P=(\S+) R=(\S+) F1=(\S+)", out)
    statements = re.search(r"statements P=(\S+) R=(\S+) F1=(\S+)", out)
    assert float(events.group(3)) >= 0.9 and float(statements.group(3)) >= 0.9, out
    for slot in ("weapon_count", "killed", "injured"):
        assert re.search(rf"{slot}\s+1\.00", out), out


@pytest.mark.parametrize("command", ["query", "export", "stats", "eval"])
def test_reading_commands_do_not_create_a_missing_store(tmp_path: Path, command: str) -> None:
    args = {"query": ["-e", "ASK {}"], "eval": ["examples/gold/kaluga-2024-11-25.gold.json"]}.get(command, [])
    code, _, err = run(command, *args, "--store", str(tmp_path / "none"))
    assert code == 1 and f"Error: there is no store at {tmp_path / 'none'}" in err
    assert not (tmp_path / "none").exists()


def test_a_reader_that_closes_the_pipe_early_ends_the_export_quietly(built) -> None:
    # "kg export | head": no internal error, no traceback, the shell's code for a closed pipe
    import subprocess
    import sys
    from pathlib import Path

    kg = str(Path(sys.executable).with_name("kg"))
    export = subprocess.Popen([kg, "export", "--store", str(built[0]), "--format", "nquads"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None
    export.stdout.readline()
    export.stdout.close()
    _, stderr = export.communicate(timeout=60)
    assert export.returncode == 141 and stderr == b""
