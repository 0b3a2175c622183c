"""``kg serve``: a SPARQL 1.1 Protocol endpoint and query page, run by the ``oxigraph`` server.

The server binary comes from the ``oxigraph`` package on PyPI. It serves ``/query`` (GET and
POST), ``/update`` (read-write mode only), ``/store`` (Graph Store protocol) and, at ``/``, a
YASGUI query page whose script and style sheet it embeds, so the page works offline.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from kg.errors import StoreError

DEFAULT_BIND = "127.0.0.1:7878"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable: next to this Python first (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server is not installed; run: pip install oxigraph")
    return found


def command(location: str | Path, bind: str = DEFAULT_BIND, *, writable: bool = False,
            timeout: float | None = None, cors: bool = False) -> list[str]:
    """The oxigraph command line that serves ``location`` with the union of all graphs as the
    default graph, as ``kg query`` sees it."""
    argv = [oxigraph_binary(), "serve" if writable else "serve-read-only",
            "--location", str(location), "--bind", bind, "--union-default-graph"]
    if timeout is not None:
        argv += ["--timeout-s", str(int(timeout))]
    if cors:
        argv.append("--cors")
    return argv


@dataclass
class Server:
    """A running oxigraph server over a newskg store; stop it with :meth:`stop` or ``with``."""

    location: str
    bind: str
    writable: bool
    process: subprocess.Popen[bytes] = field(repr=False)

    @property
    def url(self) -> str:
        """The query page; the SPARQL endpoint is ``url + "query"``."""
        host, _, port = self.bind.rpartition(":")
        host = host.strip("[]")
        if host in ("", "0.0.0.0", "::"):
            host = "127.0.0.1"
        return f"http://{host if ':' not in host else f'[{host}]'}:{port}/"

    @property
    def endpoint(self) -> str:
        return self.url + "query"

    def wait(self) -> int:
        """Block until the server exits; returns its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(location: str | Path, bind: str = DEFAULT_BIND, *, writable: bool = False,
          timeout: float | None = None, cors: bool = False, ready_within: float = 30.0) -> Server:
    """Start serving the store at ``location`` and return once it answers queries.

    Read-only by default: the store cannot be changed through the endpoint. A read-only server
    must not run while ``kg build`` writes the same folder; serve ``writable`` and build through
    its URL instead.
    """
    where = Path(location)
    if not where.is_dir():
        raise StoreError(f"no store at {where}; build one first with `kg build INPUT --store {where}`")
    _check_free(bind)
    log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would block the server
    process = subprocess.Popen(command(where, bind, writable=writable, timeout=timeout, cors=cors),
                               stdout=log, stderr=log)
    server = Server(str(where), bind, writable, process)
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            problem = log.read().decode(errors="replace")
            last = problem.strip().splitlines()[-1] if problem.strip() else f"exit code {process.returncode}"
            raise StoreError(f"the oxigraph server could not serve {where} on {bind}: {last}")
        try:
            httpx.get(server.endpoint, params={"query": "ASK {}"}, timeout=2.0)
            if process.poll() is None:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.stop()
    raise StoreError(f"the oxigraph server did not start on {bind} within {ready_within:g} s")


def _check_free(bind: str) -> None:
    """Refuse an address another program listens on (its answers would look like ours)."""
    host, _, port = bind.rpartition(":")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET) as probe:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
    except (OSError, ValueError) as error:
        raise StoreError(f"the oxigraph server could not serve on {bind}: {error}; "
                         "choose another --bind HOST:PORT") from None

