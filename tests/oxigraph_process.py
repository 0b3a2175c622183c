"""A real ``oxigraph serve`` on a free 127.0.0.1 port, for tests of remote stores and endpoints."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from kg.store.server import oxigraph_binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path, *, union: bool = True, start_timeout: float = 15.0,
                    stop_timeout: float = 10.0) -> Iterator[str]:
    """A read-write ``oxigraph serve`` on a free 127.0.0.1 port; yields its base URL. It is given
    ``start_timeout`` seconds to answer and ``stop_timeout`` to stop."""
    port = free_port()
    argv = [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union:
        argv.append("--union-default-graph")
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(int(start_timeout / 0.05)):
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=stop_timeout)
