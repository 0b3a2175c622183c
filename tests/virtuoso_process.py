"""A real Virtuoso 7.2 (Debian's ``virtuoso-opensource``) on free 127.0.0.1 ports, for tests of
remote stores and for benchmarks/remote.py: its own database in a given folder, stopped after."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from oxigraph_process import free_port

SERVER = "virtuoso-t"
SQL_CLIENT = "isql-vt"
#: Where Debian's package keeps the VAD packages a new database may look for.
_VAD = "/usr/share/virtuoso-opensource-7/vad"

# The packaged virtuoso.ini's settings that matter here, with the database, ports and limits ours.
# ResultSetMaxRows stays at the packaged 10,000 (tests read answers past it to see it refused);
# MaxQueryCostEstimationTime = 0 turns off the refusal of queries by estimated cost, which
# refuses several of queries/ that run in a second (../shared/design/virtuoso-probe.md, 4j).
_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., {vad}, {db}{load_dir}
VADInstallDir            = {vad}/
MaxQueryMem              = 2G
ThreadsPerQuery          = 2
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {dirty_buffers}

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {db}
MaxClientConnections        = 10
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
Charset                     = UTF-8
EnabledGzipContent          = 0

[URIQA]
DefaultHost  = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = {max_seconds}
"""


def virtuoso_installed() -> bool:
    return shutil.which(SERVER) is not None and shutil.which(SQL_CLIENT) is not None


def isql(sql_port: int, statement: str, timeout: float = 600) -> str:
    """Run one SQL statement as dba (a new database's password is dba); its output."""
    done = subprocess.run([SQL_CLIENT, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement}"],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or "*** Error" in done.stdout:
        raise RuntimeError(f"isql {statement!r} failed: {(done.stdout + done.stderr).strip()[-500:]}")
    return done.stdout


class Virtuoso:
    """A running server: its SPARQL endpoint URL and its SQL port (for isql)."""

    def __init__(self, url: str, sql_port: int, folder: Path) -> None:
        self.url = url
        self.sql_port = sql_port
        self.folder = folder

    def sql(self, statement: str, timeout: float = 600) -> str:
        return isql(self.sql_port, statement, timeout)


@contextmanager
def virtuoso_server(folder: Path, *, max_rows: int = 10_000, max_seconds: int = 120,
                    buffers: int = 10_000, dirty_buffers: int = 6_000,
                    load_dir: Path | None = None) -> Iterator[Virtuoso]:
    """A new Virtuoso database in ``folder``, served on free 127.0.0.1 ports; stopped after.

    Anonymous SPARQL updates are granted (fine on the loopback only), as kg writes through the
    SPARQL 1.1 Update protocol. ``load_dir`` is a folder the bulk loader (ld_dir) may read.
    """
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    while sql_port == http_port:
        sql_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(db=folder, sql_port=sql_port, http_port=http_port, vad=_VAD,
                               load_dir=f", {load_dir}" if load_dir else "", max_rows=max_rows,
                               max_seconds=max_seconds, buffers=buffers, dirty_buffers=dirty_buffers),
                   encoding="utf-8")
    log = (folder / "virtuoso.out").open("wb")
    process = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {process.returncode}; see {folder}/virtuoso.log")
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"virtuoso-t did not answer on {url} within 120 s")
            time.sleep(0.2)
        isql(sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        yield Virtuoso(url, sql_port, folder)
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def required_or_skip() -> str | None:
    """Why Virtuoso tests cannot run here (None if they can); in CI (CI=true) they must run."""
    if virtuoso_installed():
        return None
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError("CI=true but Virtuoso is not installed: .ci/run installs virtuoso-opensource")
    return "Virtuoso is not installed (apt-get install virtuoso-opensource runs these tests)"
