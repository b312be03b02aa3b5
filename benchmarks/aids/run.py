"""Aid search benchmark: quality on the judged question set (BM25-only vs hybrid) and warm query speed.

Run after `regia load` (same REGIA_HOME):

    .venv/bin/python benchmarks/aids/run.py [--qrels benchmarks/aids/queries.jsonl] [--repeat 3]

Speed is measured on one core (BLAS threads pinned to 1 before numpy loads), on warm caches: each question
is searched once first, then ``--repeat`` times timed (place resolution, filter, BM25, embedding lookup,
fusion, priors: the whole `search()` call).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.common import record  # noqa: E402
from regia.aids.evaluation import evaluate, read_qrels  # noqa: E402
from regia.aids.search import AidIndex, index_folder, search  # noqa: E402

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


def _timed(queries: list[str]) -> list[float]:
    timings = []
    for q in queries:
        t = time.perf_counter()
        search(q)
        timings.append(1000 * (time.perf_counter() - t))
    return timings


def speed(qrels: Path, repeat: int) -> list[str]:
    queries = [j.query for j in read_qrels(qrels.read_text(encoding="utf-8").splitlines())]
    started = time.perf_counter()
    index = AidIndex(index_folder())  # a cold load, as a new process does
    load_s = time.perf_counter() - started
    _timed(queries)  # warm: index in memory, lemma caches filled, question embeddings cached
    warm = [t for _ in range(repeat) for t in _timed(queries)]
    stamp = int(time.time())
    fresh = _timed([f"{q} ({stamp}-{i})" for i, q in enumerate(queries)])  # new texts: embedded now
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        f"Catalogue : {index.n} aides ; index chargé en {load_s * 1000:.0f} ms.",
        f"Recherche à chaud (index chargé, questions déjà vues), un cœur : {_percentiles(warm)}.",
        f"Questions nouvelles (vecteur calculé), un cœur : {_percentiles(fresh)}.",
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
