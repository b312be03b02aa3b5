import numpy as np

from regia.search import HybridIndex, ndcg_at_k, recall_at_k

DOCS = {
    "bus": "Tarification solidaire des transports en commun de Rennes Métropole",
    "permis": "Aide au financement du permis de conduire pour les jeunes",
    "velo": "Prime pour l'achat d'un vélo à assistance électrique",
    "bafa": "Aide à la formation au BAFA pour devenir animateur",
}


def build():
    return HybridIndex.build(list(DOCS), list(DOCS.values()))


def test_hybrid_finds_paraphrase_and_keywords():
    index = build()
    assert index.search("réduction sur le bus", k=1)[0].id == "bus"
    assert index.search("financer mon permis B", k=1)[0].id == "permis"


def test_filter_is_exact():
    index = build()
    allowed = np.array([doc != "velo" for doc in DOCS])
    ids = [h.id for h in index.search("vélo électrique", k=4, allowed=allowed)]
    assert "velo" not in ids and ids


def test_modes_and_persistence(tmp_path):
    index = build()
    index.save(tmp_path)
    again = HybridIndex.load(tmp_path)
    for mode in ("bm25", "dense", "hybrid"):
        assert [h.id for h in again.search("animateur BAFA", k=2, mode=mode)][0] == "bafa"


def test_metrics():
    relevant = {"a": 2, "b": 1}
    assert ndcg_at_k(["a", "b", "c"], relevant) == 1.0
    assert ndcg_at_k(["c", "b", "a"], relevant) < ndcg_at_k(["a", "c", "b"], relevant)
    assert recall_at_k(["a", "x"], relevant) == 0.5
