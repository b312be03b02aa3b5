"""Theme classification of project texts: keyword rules first, sentence embeddings for the rest.

Each distinct text is classified once. The rules (``regia.projects.themes.RULES``) decide when any
of their stems occurs; a text that no rule recognises (often a bare association name) gets the theme
whose description is closest in the e5 embedding space, and that embedding is cached on disk, so a
reload costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from regia.projects.themes import DESCRIPTIONS, RULES, THEMES
from regia.text import normalize

MAX_THEMES = 3
SECONDARY_SHARE = 0.5  # a secondary theme scores at least this share of the primary one
DEFAULT_THEME = "sport-jeunesse"


@dataclass(frozen=True)
class Classification:
    themes: list[str]  # best first
    method: str  # "rules", "default", "embeddings" or "none" (empty text)


@lru_cache
def _patterns() -> dict[str, tuple[re.Pattern, dict[str, float]]]:
    """Per theme, one regular expression over all its stems (longest first) and each stem's weight."""
    compiled = {}
    for theme, levels in RULES.items():
        weights: dict[str, float] = {}
        for weight, stems in levels.items():
            for stem in (s.strip() for s in stems.split(",")):
                weights[stem] = max(weights.get(stem, 0.0), float(weight))
        parts = [
            re.escape(stem.removesuffix("$")) + (r"\b" if stem.endswith("$") else "")
            for stem in sorted(weights, key=len, reverse=True)
        ]
        bare = {stem.removesuffix("$"): w for stem, w in weights.items()}
        compiled[theme] = (re.compile(r"\b(?:" + "|".join(parts) + ")"), bare)
    return compiled


def rule_scores(text: str) -> dict[str, tuple[float, int]]:
    """Theme -> (score, position of its first cue) for the themes whose stems occur in ``text``.

    The score is the strongest cue plus a fifth of the others: one decisive word outweighs many weak
    ones, and among equal cues the theme with more evidence wins.
    """
    folded = normalize(text)
    scores = {}
    for theme, (pattern, weights) in _patterns().items():
        found = [(m.start(), weights[m.group(0)]) for m in pattern.finditer(folded)]
        if found:
            strongest = max(w for _, w in found)
            total = sum(w for _, w in found)
            scores[theme] = (strongest + 0.2 * (total - strongest), min(p for p, _ in found))
    return scores


def rank_rules(scores: dict[str, tuple[float, int]]) -> list[str]:
    ordered = sorted(scores, key=lambda t: (-scores[t][0], scores[t][1]))
    if not ordered:
        return []
    top = scores[ordered[0]][0]
    return [t for t in ordered if scores[t][0] >= SECONDARY_SHARE * top][:MAX_THEMES]


@lru_cache
def _prototypes() -> np.ndarray:
    from regia.text.embeddings import embed_passages

    return embed_passages([f"{THEMES[slug]} : {DESCRIPTIONS[slug]}" for slug in THEMES])


def is_bare_name(text: str) -> bool:
    """True for a registry-style name in capitals ("KEN ZEN"), which says nothing of its field."""
    return not any(c.islower() for c in text)


def classify_texts(texts: Iterable[str]) -> dict[str, Classification]:
    """Classification of each distinct text.

    Order: keyword rules; then, for a bare organisation name that no rule recognises, the default
    theme "vie associative" (what such a subsidy funds, as far as anyone can tell); then, for a
    descriptive text that no rule recognises, the nearest theme description by embeddings.
    """
    results: dict[str, Classification] = {}
    described: list[str] = []
    for text in dict.fromkeys(texts):
        themes = rank_rules(rule_scores(text))
        if themes:
            results[text] = Classification(themes, "rules")
        elif not text.strip():
            results[text] = Classification([], "none")
        elif is_bare_name(text):
            results[text] = Classification([DEFAULT_THEME], "default")
        else:
            described.append(text)
    if described:
        results.update(_nearest_description(described))
    return results


def _nearest_description(texts: Sequence[str]) -> dict[str, Classification]:
    from regia.progress import status
    from regia.text.embeddings import embed_queries

    if len(texts) > 20:
        status(f"projets : {len(texts)} textes sans mot-clé de thème, classés par similarité")
    slugs = list(THEMES)
    sims = embed_queries([f"Projet financé : {t}" for t in texts]) @ _prototypes().T
    return {
        t: Classification([slugs[int(np.argmax(row))]], "embeddings")
        for t, row in zip(texts, sims, strict=True)
    }


def classify(text: str) -> list[str]:
    """Themes of one text, best first."""
    return classify_texts([text])[text].themes
