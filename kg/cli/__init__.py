"""The ``kg`` command line: this package is the only code that prints or chooses exit codes.

The group and its error handling live here; the commands are in ``commands_build`` (writing),
``commands_feed`` (following feeds), ``commands_query`` (reading), ``commands_eval`` (scoring) and ``commands_views`` (drawing).

Exit codes: 0 success; 1 an error, or (for ``kg build``) some inputs were skipped; 2 usage error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from kg.errors import KgError, StoreError
from kg.store import Store, default_location, is_url, open_store

if TYPE_CHECKING:
    from kg.store import RemoteStore

err = Console(stderr=True)
out = Console()

class KgGroup(click.Group):
    """Turns every ``KgError`` into one ``Error: …`` line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # "kg export | head": the reader has what it wanted
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (so that Python's exit flush is quiet)
            ctx.exit(141)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: still one line, unless the user asks for the trace
            if os.environ.get("KG_DEBUG"):
                raise
            click.echo(f"Error: internal error ({type(error).__name__}: {error}); "
                       "set KG_DEBUG=1 to see the traceback and please report it", err=True)
            ctx.exit(1)


store_option = click.option(
    "--store", "store_path", metavar="PATH|URL", default=None,
    help="Store folder, or the URL of a SPARQL 1.1 server (default: $KG_STORE, else ./kg-store).",
)


def _open(store_path: str | None, *, create: bool = False, read_only: bool = False) -> Store | RemoteStore:
    """The store to work on; only ``kg build`` may create a local one that does not exist yet.

    Commands that only read open it ``read_only``: they run while a build writes the store, and
    start none of the compactions that opening a store for writing does.
    """
    location = store_path or default_location()
    if not create and not is_url(location) and not Path(location).exists():
        raise StoreError(f"there is no store at {location}; build one with `kg build INPUT --store {location}`")
    return open_store(location, read_only=read_only)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """Turn French war news into a knowledge graph and query it with SPARQL.

    \b
    Example:
      kg build examples/                     # read articles into ./kg-store
      kg query queries/events.rq             # who attacked what, where
      kg export --format turtle -o graph.ttl
    """


# The commands register themselves on `main` when their modules are imported.
from kg.cli import commands_build, commands_eval, commands_feed, commands_query, commands_views  # noqa: E402,F401
