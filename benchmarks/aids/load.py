"""Time `regia load --only territory,aids` (``--all``: the whole `regia load`) in a new home: with the
embedding cache already filled, and (``--fresh``) with an empty cache, as on a new machine.

    .venv/bin/python benchmarks/aids/load.py [--fresh] [--all]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.common import record  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_load(home: Path, cache: Path, only: list[str]) -> str:
    """Wall-clock and CPU seconds of one `regia load` process (CPU: what an idle machine would take)."""
    env = {**os.environ, "REGIA_HOME": str(home), "REGIA_EMBEDDING_CACHE_DIR": str(cache)}
    env.pop("REGIA_DATABASE_URL", None)
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "regia.cli", "load", *(arg for step in only for arg in ("--only", step))],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return f"{time.perf_counter() - started:.1f} s (CPU {_children_cpu() - cpu:.1f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="also time a load with an empty embedding cache")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "regia-tests")
    parser.add_argument("--all", action="store_true", help="the whole `regia load`, every capability")
    args = parser.parse_args()
    only = [] if args.all else ["territory", "aids"]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = args.cache
        if args.fresh:
            cache = tmp / "cache"
            timing = timed_load(tmp / "fresh", cache, only)
            lines.append(f"Nouvelle machine (cache d'embeddings vide) : {timing}.")
        timing = timed_load(tmp / "cached", cache, only)
        lines.append(f"Nouvelle base, embeddings en cache : {timing}.")
        timing = timed_load(tmp / "cached", cache, only)
        lines.append(f"Second passage sur la même base (rien ne change) : {timing}.")
    lines.append(f"Charge de la machine (loadavg 1 min) : {os.getloadavg()[0]:.2f}.")
    flags = [flag for flag, on in (("--fresh", args.fresh), ("--all", args.all)) if on]
    command = " ".join(["python benchmarks/aids/load.py", *flags])
    title = "Chargement complet (`regia load`)" if args.all else "Chargement du territoire et des aides"
    record(title, command, lines)


if __name__ == "__main__":
    main()
