"""The e5 vectors of the default catalogue, shipped in ``data/aids/embeddings.npz`` so that a fresh
`regia load` fills its embedding cache from the file instead of running the model on every aid.

Regenerate after an importer or a source file changes: ``python -m regia.aids.bundle`` (after `regia load`).
"""

from __future__ import annotations

from pathlib import Path

from regia.config import get_settings
from regia.text.embeddings import export_bundle, import_bundle


def bundle_path() -> Path:
    return get_settings().data_dir / "aids" / "embeddings.npz"


def seed_cache() -> int:
    """Vectors of the shipped bundle into the embedding cache; returns how many were new."""
    return import_bundle(bundle_path())


def main() -> None:
    from regia.aids.catalogue import all_aids
    from regia.aids.search import dense_text

    export_bundle([dense_text(a) for a in all_aids()], bundle_path())
    print(bundle_path())


if __name__ == "__main__":
    main()
