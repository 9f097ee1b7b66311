"""``kehoach`` command line. Each module registers its commands on :data:`app`.

The commands are thin: they parse options, call one library function and print
what it returns. Library errors (:class:`KehoachError`) become one clean message.
"""

from __future__ import annotations

import importlib
import sys

from pipeline.errors import KehoachError

COMMAND_MODULES = ("core", "references", "targets", "calendar", "audit")


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"pipeline.cli.{name}")


def main() -> None:
    if sys.argv[1:2] == ["ingest"]:
        # The workers' fork server imports the extractors (about half a second); started
        # before the command line itself loads (Typer, Rich), both imports run at once.
        from pipeline.limits import WORKER_MODULES
        from pipeline.workers import start_fork_server

        start_fork_server(WORKER_MODULES)
    from pipeline.cli.app import app

    _register()
    try:
        app()
    except KehoachError as err:
        print(f"Error: {err}", file=sys.stderr)
        sys.exit(1)
