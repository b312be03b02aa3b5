"""Dask engine: the real offers replicated to 20,000, extracted on a LocalCluster of 1 then 2 worker
processes (one thread each), against the local engine; checks that all three give identical lines.

Run: python -m benchmarks.skills.dask_speed [N]   (after `regia load`)
"""

from __future__ import annotations

import sys
import time

from benchmarks.common import record
from benchmarks.skills.common import load_note, loaded


def main(n: int = 20_000) -> None:
    from sqlalchemy import select

    from regia.db import session_scope
    from regia.skills import models as m
    from regia.skills.batch import chunks, extract_chunk, run_dask, run_local
    from regia.skills.extraction import get_extractor

    loaded()
    with session_scope() as session:
        rows = [tuple(row) for row in session.execute(select(m.Offer.id, m.Offer.title, m.Offer.description))]
    offers = [
        {
            "id": f"{rows[i % len(rows)][0]}-{i // len(rows)}",
            "intitule": rows[i % len(rows)][1],
            "description": rows[i % len(rows)][2],
        }
        for i in range(n)
    ]
    model = get_extractor()
    model.extract_batch([(o["intitule"], o["description"]) for o in offers[:256]])  # warm-up

    def timed(run) -> tuple[float, list]:
        started = time.perf_counter()
        lines = list(run)  # the JSONL text of each chunk
        return time.perf_counter() - started, lines

    local_s, local = timed(run_local(model, chunks(offers)))
    ready = {}
    sample = next(chunks(offers[:32]))

    def on_ready(client, model_future):
        """Warm every worker up (imports, lemma caches) on a small chunk, then start the clock: the
        figure is the throughput of a running cluster, not the start of its processes."""
        for address in client.scheduler_info()["workers"]:
            client.submit(extract_chunk, model_future, sample, workers=[address], pure=False).result()
        ready["t"] = time.perf_counter()

    results = {}
    for workers in (1, 2):
        _, lines = timed(run_dask(model, chunks(offers), workers=workers, on_ready=on_ready))
        results[workers] = (time.perf_counter() - ready["t"], lines)
    identical = results[1][1] == local and results[2][1] == local
    one, two = results[1][0], results[2][0]
    record(
        "Skills extraction on Dask (LocalCluster)",
        f"python -m benchmarks.skills.dask_speed {n}",
        [
            f"- offers: {n} (the {len(rows)} real offers replicated), chunks of 256",
            f"- local engine (this process): {local_s:.1f} s, {n / local_s:.0f} offers/s",
            f"- Dask, 1 worker: {one:.1f} s, {n / one:.0f} offers/s (workers started, sent the model once "
            "and warmed up on 32 offers before the clock starts)",
            f"- **Dask, 2 workers: {two:.1f} s, {n / two:.0f} offers/s, "
            f"speed-up x{one / two:.2f} over 1 worker**",
            f"- identical output (local, 1 worker, 2 workers): {identical}",
            f"- {load_note()}",
        ],
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
