"""Read one file of the GeoNames dumps from a git mirror (github.com/pmsourcedump/geonames, CC BY 4.0),
at the commit the gazetteer's extracted sources were made from; the extract scripts' shared reader."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

COMMIT = "1fae1502f6cb386d7b3866157efea82ef60b2c87"


def mirrored(name: str, description: str) -> str:
    """The text of ``name`` (e.g. "admin1CodesASCII.txt") in the mirror given by ``--geonames DIR``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--geonames", type=Path, required=True, help="git dir of pmsourcedump/geonames")
    args = parser.parse_args()
    return subprocess.run(["git", f"--git-dir={args.geonames}", "show", f"{COMMIT}:{name}"],
                          check=True, capture_output=True, text=True).stdout
