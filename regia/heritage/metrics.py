"""Quality measures of the analysis: word error rate of a transcript, F1 of shot boundaries."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein


def words(text: str) -> list[str]:
    """Lower-case words without punctuation; apostrophes split ("l'accident" -> "l", "accident")."""
    text = text.lower().replace("’", "'")
    return re.sub(r"[^\w]+", " ", text).split()


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, number of reference words)."""
    ref = words(reference)
    return Levenshtein.distance(ref, words(hypothesis)), len(ref)


def wer(reference: str, hypothesis: str) -> float:
    errors, n = word_errors(reference, hypothesis)
    return errors / max(1, n)


def boundary_f1(predicted: list[float], truth: list[float], tolerance_s: float = 0.1) -> dict:
    """Precision, recall and F1 of cut times: a prediction matches one true cut within ``tolerance_s``."""
    used: set[int] = set()
    hits = 0
    for cut in truth:
        close = [i for i, p in enumerate(predicted) if i not in used and abs(p - cut) <= tolerance_s]
        if close:
            used.add(min(close, key=lambda i: abs(predicted[i] - cut)))
            hits += 1
    precision = hits / len(predicted) if predicted else float(not truth)
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "hits": hits,
        "predicted": len(predicted),
        "true": len(truth),
    }
