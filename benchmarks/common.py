"""Shared helpers for benchmark scripts: machine description and appending figures to RESULTS.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def record(title: str, command: str, lines: list[str]) -> None:
    """Append a dated section to benchmarks/RESULTS.md and print it."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    section = [f"\n## {title} ({stamp})", "", f"Machine: {machine()}", f"Command: `{command}`", ""]
    section += lines
    text = "\n".join(section) + "\n"
    print(text)
    with RESULTS.open("a") as f:
        f.write(text)
