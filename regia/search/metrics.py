"""Ranking metrics for evaluation sets: nDCG@k and recall@k with graded relevance."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain; 1.0 when the best documents come first."""
    if not relevant:
        return 0.0
    gains = [relevant.get(doc, 0) for doc in ranked[:k]]
    ideal = sorted(relevant.values(), reverse=True)[:k]
    return dcg(gains) / dcg(ideal)


def recall_at_k(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    """Share of the relevant documents found in the first ``k``."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & {d for d, g in relevant.items() if g > 0}) / sum(
        1 for g in relevant.values() if g > 0
    )
