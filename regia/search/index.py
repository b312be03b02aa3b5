"""A hybrid index over short documents: BM25 on French lemmas plus dense e5 vectors, fused by RRF.

Documents are scored exhaustively (catalogues of a few thousand to a few tens of thousands of records),
which makes filters exact: a document outside ``allowed`` is never returned.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from regia.text.embeddings import embed_passages, embed_query
from regia.text.lemmas import lemma_tokens

Mode = Literal["hybrid", "bm25", "dense"]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    bm25_rank: int | None
    dense_rank: int | None


def _bm25s():
    """bm25s, imported without JAX: when JAX is installed (mediapipe brings it), bm25s imports it and
    compiles a top-k at import, a second of CPU at every process start for a selection done here with
    numpy. An import of JAX during this one is made to fail; JAX stays importable afterwards."""
    import sys

    if "bm25s" in sys.modules or "jax" in sys.modules:
        import bm25s

        return bm25s
    sys.modules["jax"] = None  # `import jax` raises ImportError
    try:
        import bm25s
    finally:
        del sys.modules["jax"]
    return bm25s


def rrf(rankings: list[np.ndarray], weights: list[float], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion of rankings given as arrays of document positions, best first."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, doc in enumerate(ranking.tolist()):
            fused[doc] = fused.get(doc, 0.0) + weight / (k + rank + 1)
    return fused


class HybridIndex:
    def __init__(self, ids: list[str], bm25, vectors: np.ndarray):
        if len(ids) != vectors.shape[0]:
            raise ValueError("ids and vectors differ in length")
        self.ids = ids
        self.bm25 = bm25
        self.vectors = vectors
        self.position = {doc_id: i for i, doc_id in enumerate(ids)}

    @classmethod
    def build(
        cls,
        ids: list[str],
        texts: list[str],
        dense_texts: list[str] | None = None,
        progress: str | None = None,
    ) -> HybridIndex:
        """``texts`` feed BM25; ``dense_texts`` (default: the same) feed the embeddings."""
        bm25 = _bm25s().BM25(k1=1.2, b=0.75)
        bm25.index([lemma_tokens(t) or ["_"] for t in texts], show_progress=False)
        vectors = embed_passages(dense_texts or texts, progress=progress)
        return cls(list(ids), bm25, vectors)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.bm25.save(str(folder / "bm25"), show_progress=False)
        np.save(folder / "vectors.npy", self.vectors)
        (folder / "ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, folder: Path) -> HybridIndex:
        bm25 = _bm25s().BM25.load(str(folder / "bm25"), show_progress=False)
        vectors = np.load(folder / "vectors.npy")
        ids = json.loads((folder / "ids.json").read_text())
        return cls(ids, bm25, vectors)

    def __len__(self) -> int:
        return len(self.ids)

    def bm25_scores(self, query: str) -> np.ndarray:
        tokens = lemma_tokens(query)
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def dense_scores(self, query: str) -> np.ndarray:
        return self.vectors @ embed_query(query)

    def search(
        self,
        query: str,
        k: int = 10,
        allowed: np.ndarray | None = None,
        mode: Mode = "hybrid",
        candidates: int = 100,
        weights: tuple[float, float] = (1.0, 1.0),
        boost: np.ndarray | None = None,
        dense_query: str | None = None,
    ) -> list[Hit]:
        """Best ``k`` documents for ``query``.

        ``allowed``: boolean mask over documents (False: never returned).
        ``boost``: optional additive score per document applied after fusion (ranking priors).
        ``dense_query``: the text to embed when it differs from the lexical query (default: ``query``).
        """
        n = len(self.ids)
        mask = np.ones(n, dtype=bool) if allowed is None else allowed.astype(bool)
        rankings, used_weights = [], []
        bm25_rank: dict[int, int] = {}
        dense_rank: dict[int, int] = {}
        if mode in ("hybrid", "bm25"):
            scores = self.bm25_scores(query)
            order = _top(scores, mask & (scores > 0), candidates)
            bm25_rank = {doc: r for r, doc in enumerate(order.tolist())}
            rankings.append(order)
            used_weights.append(weights[0])
        if mode in ("hybrid", "dense"):
            scores = self.dense_scores(dense_query or query)
            order = _top(scores, mask, candidates)
            dense_rank = {doc: r for r, doc in enumerate(order.tolist())}
            rankings.append(order)
            used_weights.append(weights[1])
        fused = rrf(rankings, used_weights)
        if boost is not None:
            fused = {doc: s + float(boost[doc]) for doc, s in fused.items()}
        best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [Hit(self.ids[d], round(s, 6), bm25_rank.get(d), dense_rank.get(d)) for d, s in best]


def _top(scores: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` best scores among masked documents, best first."""
    candidates = np.flatnonzero(mask)
    if candidates.size == 0:
        return candidates
    sub = scores[candidates]
    if candidates.size > n:
        part = np.argpartition(-sub, n - 1)[:n]
        candidates, sub = candidates[part], sub[part]
    return candidates[np.argsort(-sub, kind="stable")]
