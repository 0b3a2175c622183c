"""Sharded builds: N processes build one corpus into one server at once, each its own share, and the
graph is the one a single build gives, incidents and republished copies included."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from oxigraph_process import oxigraph_server
from testpaths import EXAMPLES, ROOT

from kg.cli import main
from kg.errors import SettingError
from kg.pipeline import build
from kg.rdf.vocab import NKG
from kg.shards import Shard, shard_of
from kg.store import open_store
from kg.store.local import Store

KG = str(Path(sys.executable).with_name("kg"))
A = "https://w3id.org/newskg/id/article/"
INCIDENT_CORPUS = ROOT / "tests" / "incidents" / "corpus"


# -- the shard spec and the share of each article ---------------------------------------------------

@pytest.mark.parametrize("spec, shard", [
    ("1/1", Shard(1, 1)),
    ("2/3", Shard(2, 3)),
    (" 3 / 3 ", Shard(3, 3)),
    ("12/40", Shard(12, 40)),
])
def test_a_shard_is_spelled_k_of_n(spec: str, shard: Shard) -> None:
    assert Shard.parse(spec) == shard and str(shard) == f"{shard.number}/{shard.count}"


@pytest.mark.parametrize("spec, message", [
    ("4/3", "'4/3' is not a shard: K must be from 1 to N (here 1 to 3), as in 1/3"),
    ("0/3", "'0/3' is not a shard: K must be from 1 to N (here 1 to 3), as in 1/3"),
    ("1/0", "'1/0' is not a shard: N, the number of shares, must be 1 or more"),
    ("x", "'x' is not a shard: give K/N, this build's share K of N shares, as in 2/3"),
    ("-1/3", "'-1/3' is not a shard: give K/N"),
    ("1/2/3", "'1/2/3' is not a shard: give K/N"),
    ("", "'' is not a shard: give K/N"),
])
def test_a_bad_shard_spec_says_what_to_give(spec: str, message: str) -> None:
    with pytest.raises(SettingError) as caught:
        Shard.parse(spec)
    assert str(caught.value).startswith(message)


# Known answers: the share of an article is a digest of its IRI, so it must be the same on every
# machine and in every run (Python's hash() of a str is not: it is salted per process).
@pytest.mark.parametrize("key, shares", [
    ("kaluga-2024-11-25", {2: 2, 3: 1, 4: 4}),
    ("odesa-2024-12-02", {2: 1, 3: 1, 4: 3}),
    ("belgorod-2024-12-03", {2: 2, 3: 3, 4: 4}),
    ("kharkiv-2024-12-05", {2: 1, 3: 3, 4: 1}),
])
def test_an_article_has_the_same_share_everywhere(key: str, shares: dict[int, int]) -> None:
    assert {n: shard_of(A + key, n) for n in shares} == shares
    code = f"from kg.shards import shard_of; print([shard_of({A + key!r}, n) for n in {sorted(shares)}])"
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert again.stdout.strip() == str([shares[n] for n in sorted(shares)])


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_the_shares_split_a_corpus_once_and_evenly(count: int) -> None:
    articles = [f"{A}bench-{n:06d}" for n in range(3000)]
    takers = [[k for k in range(1, count + 1) if Shard(k, count).takes(a)] for a in articles]
    assert all(len(t) == 1 for t in takers)
    sizes = [sum(t == [k] for t in takers) for k in range(1, count + 1)]
    mean = len(articles) / count
    assert all(abs(size - mean) < 0.15 * mean for size in sizes), sizes  # chance: ±3.5 standard deviations


# -- the command line -------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["build", "examples/", "--shard", "4/3"], "Error: Invalid value for '--shard': '4/3' is not a shard: "
     "K must be from 1 to N (here 1 to 3), as in 1/3"),
    (["build", "examples/", "--shard", "x"], "Error: Invalid value for '--shard': 'x' is not a shard: "
     "give K/N, this build's share K of N shares, as in 2/3"),
    (["build", "-", "--shard", "1/2"], "Error: --shard shares out files and folders; standard input "
     "cannot be shared"),
    (["build", "examples/", "--shard", "1/2", "--incident-threshold", "4"],
     "Error: a shard does not group incidents: give the threshold to `kg incidents --update --threshold`"),
    (["incidents", "--update", "--rebuild"], "Error: give --rebuild (regroup everything) or --update"),
])
def test_bad_shard_options_are_one_line_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--store", str(tmp_path / "s")], input="")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert errors == [errors[0]] and errors[0].startswith(message), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()  # refused before any store is made


def test_the_library_refuses_a_shard_of_a_live_input(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    with pytest.raises(SettingError, match="standard input and live documents cannot be shared out"):
        build([], store, documents=[], shard=Shard(1, 2))
    store.close()


# -- three writers against one server ---------------------------------------------------------------

def _copy(record: dict, key: str, **changes: str) -> dict:
    """A republication of ``record`` under another id and outlet, with a headline and a footer."""
    return {**record, "id": key, "url": f"https://example.org/{key}", **changes,
            "text": f"{changes.get('title', record['title'])}\n{record['text']}\nTous droits réservés."}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The incident test corpus, three republished copies and a line that is no article."""
    folder = tmp_path_factory.mktemp("sharded") / "corpus"
    shutil.copytree(INCIDENT_CORPUS, folder)
    records = {json.loads(line)["id"]: json.loads(line) for f in sorted(folder.glob("*.jsonl"))
               for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    copies = [
        _copy(records["afp-kharkiv-2025-03-10"], "lemonde-kharkiv-2025-03-10", source="Le Monde",
              title="Kharkiv : une frappe fait trois morts"),
        _copy(records["afp-kharkiv-2025-03-10"], "liberation-kharkiv-2025-03-10", source="Libération",
              title="Frappe meurtrière à Kharkiv"),
        _copy(records["reuters-syzran-2025-03-16"], "lemonde-syzran-2025-03-16", source="Le Monde",
              title="Syzran : la raffinerie touchée", date="2025-03-17"),
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in copies] + ['{"id": "no-text-here"}']
    (folder / "republished.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def canonical(store: object) -> set[str]:
    """Every quad of a store, blank nodes named canonically (the ontology's are named anew on a server)."""
    buffer = io.BytesIO()
    store.export(buffer, "nquads")
    dataset = ox.Dataset(ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(quad) for quad in dataset}


def test_three_concurrent_shards_build_what_one_build_builds(corpus: Path, tmp_path: Path) -> None:
    # what the copies test: one whose original is another shard's, one beside its original
    assert shard_of(A + "lemonde-kharkiv-2025-03-10", 3) != shard_of(A + "afp-kharkiv-2025-03-10", 3)
    assert shard_of(A + "lemonde-syzran-2025-03-16", 3) != shard_of(A + "reuters-syzran-2025-03-16", 3)
    assert shard_of(A + "liberation-kharkiv-2025-03-10", 3) == shard_of(A + "afp-kharkiv-2025-03-10", 3)

    single = Store(tmp_path / "single")
    one = build([corpus], single, n_process=0)
    assert (one.articles, one.copies, one.skipped_count) == (20, 3, 1)
    expected = canonical(single)
    single.close()

    with oxigraph_server(tmp_path / "server") as url:
        writers = [subprocess.Popen([KG, "build", str(corpus), "--store", url, "--shard", f"{k}/3",
                                     "--processes", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for k in (1, 2, 3)]
        done = [(w.wait(timeout=600), *w.communicate()) for w in writers]
        built = [int(out.split()[1]) for _code, out, _err in done]
        assert sum(built) == 20 and all(built), done
        skipped = [err.count("Skipped") for _code, _out, err in done]
        assert sorted(skipped) == [0, 0, 1]  # the bad line is reported once, by its shard
        assert [code for code, *_ in done] == [int(bool(s)) for s in skipped]
        assert all("run `kg incidents --update` once every shard is done" in out for _c, out, _e in done)

        grouped = subprocess.run([KG, "incidents", "--update", "--store", url], capture_output=True, text=True,
                                 timeout=300)
        assert grouped.returncode == 0, grouped.stderr
        assert grouped.stdout.startswith("Grouped the incidents of 20 articles that waited.")

        remote = open_store(url)
        got = canonical(remote)
        copies = {(r["a"].value, r["o"].value) for r in remote.query(
            "SELECT ?a ?o WHERE { GRAPH ?a { ?a nkg:copyOf ?o } }")}
        pending = bool(remote.query(f"ASK {{ ?a {NKG.incidentsPending} ?x }}"))
        remote.close()
    assert copies == {(A + "lemonde-kharkiv-2025-03-10", A + "afp-kharkiv-2025-03-10"),
                      (A + "liberation-kharkiv-2025-03-10", A + "afp-kharkiv-2025-03-10"),
                      # republished.jsonl is read before samara.jsonl: the later text is the copy
                      (A + "reuters-syzran-2025-03-16", A + "lemonde-syzran-2025-03-16")}
    assert not pending
    assert any(f"{NKG.incident}" in quad for quad in got)
    assert got == expected, (sorted(expected - got)[:5], sorted(got - expected)[:5])


def test_shards_one_after_another_into_a_folder_build_what_one_build_builds(tmp_path: Path) -> None:
    single = Store(tmp_path / "single")
    build([EXAMPLES], single, n_process=0)
    expected = canonical(single)
    single.close()
    sharded = Store(tmp_path / "sharded")
    summaries = [build([EXAMPLES], sharded, n_process=0, shard=Shard(k, 2)) for k in (1, 2)]
    assert [s.articles for s in summaries] == [2, 2] and all(s.incidents is None for s in summaries)
    assert canonical(sharded) != expected  # no incidents yet
    runner = CliRunner()
    sharded.close()
    result = runner.invoke(main, ["incidents", "--update", "--store", str(tmp_path / "sharded")])
    assert result.exit_code == 0 and "of 4 articles that waited" in result.stdout
    again = Store(tmp_path / "sharded")
    assert canonical(again) == expected
    rebuilt = build([EXAMPLES], again, n_process=0, shard=Shard(1, 2))  # a shard run again changes nothing
    assert (rebuilt.articles, rebuilt.unchanged) == (0, 2)
    assert canonical(again) == expected
    again.close()
