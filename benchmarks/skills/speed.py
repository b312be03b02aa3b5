"""Extraction throughput of the local engine, per core, after warm-up: CPU time of `extract_batch` over
the real offers (each pass over all 1,278), and the peak memory of the process.

Run: python -m benchmarks.skills.speed   (after `regia load`)
"""

from __future__ import annotations

import resource
import time

from benchmarks.common import record
from benchmarks.skills.common import load_note, loaded

PASSES = 3
BATCH = 256


def main() -> None:
    from sqlalchemy import select

    from regia.db import session_scope
    from regia.skills import models as m
    from regia.skills.extraction import get_extractor

    loaded()
    with session_scope() as session:
        query = select(m.Offer.title, m.Offer.description).order_by(m.Offer.id)
        texts = [tuple(row) for row in session.execute(query)]
    started = time.perf_counter()
    model = get_extractor()
    load_s = time.perf_counter() - started
    model.extract_batch(texts[:BATCH])  # warm-up: lemma caches
    cpu, wall = [], []
    for _ in range(PASSES):
        c0, w0 = time.process_time(), time.perf_counter()
        for i in range(0, len(texts), BATCH):
            model.extract_batch(texts[i : i + BATCH])
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    n = len(texts)
    best_cpu, best_wall = min(cpu), min(wall)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    record(
        "Skills extraction speed (local engine, one process)",
        "python -m benchmarks.skills.speed",
        [
            f"- offers: {n} real offers (mean {sum(len(d) for _, d in texts) / n:.0f} characters), "
            f"{PASSES} passes after warm-up, batches of {BATCH}",
            f"- **throughput per core: {n / best_cpu:.0f} offers/s** (CPU time, best pass; "
            f"{1000 * best_cpu / n:.2f} ms per offer); wall clock {n / best_wall:.0f} offers/s",
            f"- model load from disk: {load_s:.2f} s; peak RSS of the process: {peak:.0f} MiB",
            f"- {load_note()}",
        ],
    )


if __name__ == "__main__":
    main()
