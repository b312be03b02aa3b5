"""Progress reporting for long work: a rich bar on stderr in a terminal, log lines otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")
log = logging.getLogger("regia.progress")
_console = Console(stderr=True)


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate over ``items`` showing progress on stderr (never on stdout, which carries data)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if not _console.is_terminal:
        log.info("%s (%s)", description, total if total is not None else "?")
        step = max(1, (total or 0) // 10)
        for i, item in enumerate(items, 1):
            if i % step == 0:
                log.info("%s: %d/%s", description, i, total if total is not None else "?")
            yield item
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=_console, transient=False) as bar:
        yield from bar.track(items, total=total, description=description)


def status(message: str) -> None:
    """One line of progress on stderr."""
    print(message, file=sys.stderr, flush=True)
