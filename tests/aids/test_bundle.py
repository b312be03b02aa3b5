"""The shipped e5 vectors must match the default catalogue, or a fresh `regia load` runs the model again."""

from regia.aids.bundle import bundle_path
from regia.aids.catalogue import all_aids
from regia.aids.search import dense_text
from regia.text.embeddings import bundle_keys, text_key


def test_shipped_embeddings_cover_the_default_catalogue(loaded):
    shipped = bundle_keys(bundle_path())
    missing = [a.id for a in all_aids() if text_key(dense_text(a)) not in shipped]
    assert not missing, f"regenerate data/aids/embeddings.npz (python -m regia.aids.bundle): {missing[:5]}"
