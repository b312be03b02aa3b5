"""Extraction quality on the HELD-OUT split of the real France Travail offers (never used to learn or
tune anything): occupation top-1 / top-5 accuracy against `romeCode`, recall of the recruiter-tagged
ROME items (20 skills at most per offer), and the share of text skills whose evidence is verbatim.

Run: python -m benchmarks.skills.quality   (after `regia load`)
"""

from __future__ import annotations

from collections import defaultdict

from benchmarks.common import record
from benchmarks.skills.common import load_note, loaded, scores


def main() -> None:
    from sqlalchemy import select

    from regia.db import session_scope
    from regia.skills import models as m
    from regia.skills.extraction import get_extractor, read_offers

    loaded()
    with session_scope() as session:
        held_out = read_offers(session, "test")
        sources = dict(session.execute(select(m.Offer.id, m.Offer.source)).all())
        n_train = len(read_offers(session, "train"))
    model = get_extractor()
    offers = [offer for _, offer in held_out]
    results = model.extract_batch([(o.title, o.description) for o in offers])
    overall = scores(offers, results)
    by_source = defaultdict(list)
    for (oid, offer), result in zip(held_out, results, strict=True):
        name = "Ardèche, tous secteurs" if "Ardeche" in sources[oid] else "numérique et data (national)"
        by_source[name].append((offer, result))
    lines = [
        f"- held-out offers: {overall['offers']} (training split: {n_train}; split by a hash of the "
        "description, so re-posted copies stay on one side)",
        f"- **occupation top-1 accuracy: {overall['top1']:.3f}**, **top-5: {overall['top5']:.3f}** "
        "(against romeCode)",
        f"- **skill recall of recruiter-tagged items: {overall['recall']:.3f}** over "
        f"{overall['tagged_offers']} tagged offers, at most {overall['max_skills']} skills per offer",
        f"- text skills: {overall['text_skills']} "
        f"({overall['text_skills'] / overall['offers']:.1f} per offer), "
        f"evidence verbatim in the offer: {overall['verbatim']:.3f}",
    ]
    for name, pairs in sorted(by_source.items()):
        part = scores([p[0] for p in pairs], [p[1] for p in pairs])
        lines.append(
            f"- {name}: {part['offers']} offers, top-1 {part['top1']:.3f}, top-5 {part['top5']:.3f}, "
            f"recall {part['recall']:.3f} ({part['tagged_offers']} tagged)"
        )
    lines.append(f"- {load_note()}")
    record("Skills extraction quality (held-out real offers)", "python -m benchmarks.skills.quality", lines)


if __name__ == "__main__":
    main()
