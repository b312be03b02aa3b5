"""Hybrid retrieval: BM25 + dense vectors + reciprocal rank fusion, exact filters, ranking metrics."""

from regia.search.index import Hit, HybridIndex, rrf
from regia.search.metrics import ndcg_at_k, recall_at_k

__all__ = ["Hit", "HybridIndex", "ndcg_at_k", "recall_at_k", "rrf"]
