"""Stores of article graphs: the embedded Oxigraph store on disk, or any SPARQL 1.1 server.

``open_store`` picks one from a location: an ``http(s)://`` URL is a server, anything else a folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import FORMATS, GraphStore, default_location
from kg.store.local import Store
from kg.store.remote import RemoteStore, is_url

__all__ = ["FORMATS", "GraphStore", "RemoteStore", "Store", "default_location", "is_url", "open_store"]


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store | RemoteStore:
    """Open the store at ``location`` or the default one (``$KG_STORE``, else ``./kg-store``).

    A folder is created when first written; with ``read_only`` it must exist, is not locked (a build
    may be writing it) and starts no compaction.
    """
    where = str(location) if location is not None else default_location()
    if is_url(where):
        return RemoteStore(where, update_url=os.environ.get("KG_UPDATE_URL") or None)
    return Store(where, read_only=read_only)
