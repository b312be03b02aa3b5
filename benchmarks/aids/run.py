"""Aid search benchmark: quality on the judged question set (BM25-only vs hybrid) and warm query speed.

Run after `regia load` (same REGIA_HOME):

    .venv/bin/python benchmarks/aids/run.py [--qrels benchmarks/aids/queries.jsonl] [--repeat 3]

Speed is measured on one core (the process pinned to CPU 0, BLAS threads set to 1 before numpy loads),
the whole `search()` call (place resolution, filter, BM25, query embedding, fusion, priors): questions
already seen (their vector cached), then new questions (an empty embedding cache), ``--repeat`` times
each, in wall-clock time and in CPU time (the machine is shared: CPU time is what an idle core takes).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.common import record  # noqa: E402
from regia.aids.evaluation import evaluate, read_qrels  # noqa: E402
from regia.aids.search import AidIndex, index_folder, search  # noqa: E402
from regia.db import reset_caches  # noqa: E402

CONFIGS = [
    ("BM25 seul, sans filtre de lieu ni priorités", dict(mode="bm25", priors=False, place_filter=False)),
    ("BM25 seul + filtre de lieu", dict(mode="bm25", priors=False, place_filter=True)),
    ("dense seul + filtre de lieu", dict(mode="dense", priors=False, place_filter=True)),
    ("hybride + filtre de lieu (sans priorités)", dict(mode="hybrid", priors=False, place_filter=True)),
    ("hybride + filtre de lieu + priorités (produit)", dict(mode="hybrid", priors=True, place_filter=True)),
]


def quality(qrels: Path) -> list[str]:
    judged = read_qrels(qrels.read_text(encoding="utf-8").splitlines())
    lines = [
        f"{len(judged)} questions ({qrels}).",
        "",
        "| configuration | nDCG@10 | rappel@10 | hors territoire@10 |",
        "|---|---|---|---|",
    ]
    for name, options in CONFIGS:
        s = evaluate(judged, top=10, **options)["overall"]
        oot = s["out_of_territory@10"]
        lines.append(
            f"| {name} | {s['ndcg@10']:.3f} | {s['recall@10']:.3f} | "
            f"{'-' if oot is None else f'{100 * oot:.1f} %'} |"
        )
    report = evaluate(judged, top=10)
    lines += [
        "",
        "Produit, par étiquette :",
        "",
        "| étiquette | questions | nDCG@10 | rappel@10 | hors territoire@10 |",
    ]
    lines.append("|---|---|---|---|---|")
    for tag, s in report["by_tag"].items():
        oot = s["out_of_territory@10"]
        lines.append(
            f"| {tag} | {s['queries']} | {s['ndcg@10']:.3f} | {s['recall@10']:.3f} | "
            f"{'-' if oot is None else f'{100 * oot:.1f} %'} |"
        )
    return lines


def _percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    p50 = timings[len(timings) // 2]
    p95 = timings[int(0.95 * (len(timings) - 1))]
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms ({len(timings)} requêtes)"


def _timed(queries: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each search (CPU: what an idle core would take)."""
    wall, cpu = [], []
    for q in queries:
        w, c = time.perf_counter(), time.thread_time()
        search(q)
        wall.append(1000 * (time.perf_counter() - w))
        cpu.append(1000 * (time.thread_time() - c))
    return wall, cpu


def speed(qrels: Path, repeat: int) -> list[str]:
    queries = [j.query for j in read_qrels(qrels.read_text(encoding="utf-8").splitlines())]
    started = time.perf_counter()
    index = AidIndex(index_folder())  # a cold load, as a new process does
    load_s = time.perf_counter() - started
    os.sched_setaffinity(0, {0})
    _timed(queries)  # warm: index in memory, lemma caches filled, question embeddings cached
    warm = [t for _ in range(repeat) for t in _timed(queries)[0]]
    fresh_wall, fresh_cpu = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as empty:  # an empty embedding cache: every question is new
            os.environ["REGIA_EMBEDDING_CACHE_DIR"] = empty
            reset_caches()
            wall, cpu = _timed(queries)
        fresh_wall += wall
        fresh_cpu += cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        f"Catalogue : {index.n} aides ; index chargé en {load_s * 1000:.0f} ms.",
        f"Recherche à chaud (index chargé, questions déjà vues), un cœur : {_percentiles(warm)}.",
        f"Questions nouvelles (vecteur calculé), un cœur, temps écoulé : {_percentiles(fresh_wall)}.",
        f"Questions nouvelles, temps de calcul (ce que prendrait un cœur libre) : {_percentiles(fresh_cpu)}.",
        f"Mémoire maximale du processus (RSS) : {rss:.0f} Mio.",
        f"Charge de la machine pendant la mesure (loadavg 1 min) : {os.getloadavg()[0]:.2f}.",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qrels", type=Path, default=Path(__file__).with_name("queries.jsonl"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = quality(args.qrels) + [""] + speed(args.qrels, args.repeat)
    record("Recherche d'aides : qualité et vitesse", "python benchmarks/aids/run.py", lines)


if __name__ == "__main__":
    main()
