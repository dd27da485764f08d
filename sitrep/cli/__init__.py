"""The `sitrep` command line: thin commands over the library; SitrepError -> exit code 2.

Each command lives in its own module; this table is the whole command list.
"""

from __future__ import annotations

import typer

from sitrep.cli import browse, extract, merge, serve, watch

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News reports of armed conflict in, events out.")
app.command("extract")(extract.extract)
app.command("events")(browse.list_events)
app.command("export")(browse.export)
app.command("stats")(browse.stats)
app.command("merge")(merge.merge)
app.command("serve")(serve.serve)
app.command("watch")(watch.watch)

__all__ = ["app"]
