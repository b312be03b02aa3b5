"""Tune the extraction weights by 3-fold cross-validation on the TRAINING split only (the held-out split
is never read), by coordinate search around the current defaults. Prints the best weights.

Run: python -m benchmarks.skills.tune   (after `regia load`)
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib

from benchmarks.common import record
from benchmarks.skills.common import load_note, loaded, scores

GRID = {
    "title_power": [0.5, 1.0, 2.0],
    "knn": [0.25, 0.5, 1.0],
    "knn_k": [5, 10, 20],
    "prior": [0.0, 0.05, 0.1, 0.2],
    "fiche_text": [0.0, 0.5, 1.0, 2.0],
    "parent": [0.0, 0.5, 0.8, 1.0],
    "occupations_for_skills": [1, 2, 3, 5],
    "learned": [0.5, 1.0, 2.0],
    "fiche": [0.25, 0.5, 1.0],
    "text": [0.0, 0.1, 0.2, 0.4],
    "text_min_coverage": [0.6, 0.75, 0.9],
}


def fold_of(offer_id: str) -> int:
    return int(hashlib.sha1(f"fold:{offer_id}".encode()).hexdigest(), 16) % 3


def main() -> None:
    from regia.db import session_scope
    from regia.skills.engine import Extractor, Weights
    from regia.skills.extraction import read_offers, read_referential

    loaded()
    with session_scope() as session:
        referential = read_referential(session)
        train = read_offers(session, "train")
    folds = []
    for k in range(3):
        fit = [o for oid, o in train if fold_of(oid) != k]
        held = [o for oid, o in train if fold_of(oid) == k]
        folds.append((Extractor(referential, fit), held))

    def objective(weights: Weights) -> tuple[float, dict]:
        total = {"top1": 0.0, "top5": 0.0, "recall": 0.0}
        for model, held in folds:
            model = copy.copy(model)
            model.weights = weights
            result = scores(held, model.extract_batch([(o.title, o.description) for o in held]))
            for key in total:
                total[key] += result[key] / len(folds)
        return total["top1"] + total["top5"] + total["recall"], total

    best = Weights()
    best_value, best_scores = objective(best)
    start = best_scores
    for name, values in GRID.items():
        for value in values:
            trial = dataclasses.replace(best, **{name: value})
            if trial == best:
                continue
            value_, scores_ = objective(trial)
            if value_ > best_value + 1e-9:
                best, best_value, best_scores = trial, value_, scores_
    changed = {
        f.name: getattr(best, f.name) for f in dataclasses.fields(best) if getattr(best, f.name) != f.default
    }
    record(
        "Skills extraction: weights tuned by 3-fold cross-validation on the training split",
        "python -m benchmarks.skills.tune",
        [
            f"- training offers: {len(train)} (3 folds); the held-out split is not read",
            f"- defaults: top-1 {start['top1']:.3f}, top-5 {start['top5']:.3f}, "
            f"skill recall {start['recall']:.3f}",
            f"- best: top-1 {best_scores['top1']:.3f}, top-5 {best_scores['top5']:.3f}, "
            f"skill recall {best_scores['recall']:.3f}",
            f"- weights changed from the defaults: {changed or 'none'}",
            f"- {load_note()}",
        ],
    )


if __name__ == "__main__":
    main()
