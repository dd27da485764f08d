"""What the CLI commands share: option types, the error console, progress bars and output writers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitrep.errors import SitrepError
from sitrep.records import Status

err_console = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [default: sitrep.db]")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="JSON settings file")]


def fail(err: SitrepError) -> typer.Exit:
    """Print the error and return the exit (code 2) the command raises."""
    err_console.print(f"[red]error:[/red] {err}")
    return typer.Exit(code=2)


@contextmanager
def writer(path: Path | None) -> Iterator[Callable[[str], object]]:
    """A write function for the file at `path`, or one that discards when no path is given."""
    if path is None:
        yield lambda _text: None
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle.write


def progress_bar(quiet: bool) -> Progress:
    """A progress bar on standard error, hidden with --quiet."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, disable=quiet, transient=True)


def print_summary(statuses: Counter[str], types: Counter[str]) -> None:
    """The closing summary of a batch: documents by status, events by type."""
    err_console.print(
        f"documents: {statuses[Status.OK.value]} ok, {statuses[Status.SKIPPED.value]} skipped, "
        f"{statuses[Status.FAILED.value]} failed; events: {sum(types.values())}"
    )
    for name, count in types.most_common():
        err_console.print(f"  {name}: {count}")
