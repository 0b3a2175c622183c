"""Every query of queries/ gives the same rows on Oxigraph's server and on Virtuoso 7.2, over the
graph of examples/; the ones that do not are exactly those README lists, with the server defect
behind each (README, "Remote stores")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from remote_servers import empty_server
from sparql_helpers import QUERIES, ROOT

from kg.errors import KgError
from kg.store import RemoteStore, Store
from kg.store.params import parse_header, prepare

SEED = "https://w3id.org/newskg/id/article/kaluga-2024-11-25"
#: Values for the per-item parameters; every other parameter stays unbound (the whole listing).
PARAMS = {"article": f"<{SEED}>", "event": f"<{SEED}/event/ev2>", "subject": f"<{SEED}/event/ev2>"}
LISTED = re.compile(r"<!-- virtuoso-differences:start -->(.*?)<!-- virtuoso-differences:end -->", re.DOTALL)


def listed() -> set[str]:
    """The queries README says answer differently on Virtuoso."""
    block = LISTED.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md has no virtuoso-differences block"
    return set(re.findall(r"^\| `([\w-]+)\.rq` \|", block.group(1), re.MULTILINE))


def queries() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.rq") if "SERVICE" not in p.read_text(encoding="utf-8").upper())


@pytest.fixture(scope="module")
def servers(built, request, tmp_path_factory) -> Iterator[dict[str, RemoteStore]]:
    """Both servers, holding the graphs the examples were built into."""
    local = Store(built[0], read_only=True)
    graphs: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in local._store:
        graphs.setdefault(quad.graph_name, []).append(quad)
    local.close()
    with (empty_server("oxigraph", request, tmp_path_factory.mktemp("ox")) as oxigraph,
          empty_server("virtuoso", request, tmp_path_factory.mktemp("v")) as virtuoso):
        stores = {"oxigraph": RemoteStore(oxigraph), "virtuoso": RemoteStore(virtuoso)}
        for store in stores.values():
            store.write_articles(graphs.items())
        yield stores
        for store in stores.values():
            store.close()


def answer(store: RemoteStore, name: str) -> list[tuple[str, ...]] | str:
    """The rows (or triples) as sorted N-Triples tuples, blank nodes unnamed; or the error."""
    path = QUERIES / f"{name}.rq"
    sparql = path.read_text(encoding="utf-8")
    wanted = {p.name: PARAMS[p.name] for p in parse_header(sparql).parameters if p.name in PARAMS}
    try:
        result = store.query(prepare(sparql, wanted, source=path.name))
        if isinstance(result, ox.QueryBoolean):
            return [(str(bool(result)),)]
        if hasattr(result, "variables"):
            names = result.variables
            rows = [tuple(term(row[v]) for v in names) for row in result]
        else:
            rows = [tuple(term(t) for t in (x.subject, x.predicate, x.object)) for x in result]
    except KgError as error:
        return f"error: {error}"
    return sorted(rows)


def term(value: ox.Term | None) -> str:
    return "" if value is None else "_:" if isinstance(value, ox.BlankNode) else str(value)


@pytest.mark.parametrize("name", queries())
def test_a_query_agrees_on_both_servers_unless_readme_lists_it(servers, name: str) -> None:
    on_oxigraph, on_virtuoso = answer(servers["oxigraph"], name), answer(servers["virtuoso"], name)
    assert not isinstance(on_oxigraph, str), on_oxigraph
    if name in listed():
        assert on_virtuoso != on_oxigraph, f"{name}.rq now agrees on Virtuoso: take it off README's list"
    else:
        assert on_virtuoso == on_oxigraph, f"{name}.rq differs on Virtuoso and README does not list it"


def test_readme_lists_only_queries_that_exist() -> None:
    assert listed() <= set(queries())

