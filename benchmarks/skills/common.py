"""Shared by the skills benchmarks: the loaded database's referential and offers, and the scores."""

from __future__ import annotations

import os

import numpy as np


def loaded() -> None:
    """Make sure the territory and skills data are loaded in REGIA_HOME (idempotent, fast when done)."""
    from regia.loading import load_all

    load_all(only=["territory", "skills"])


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average during the run: {one:.1f} / {five:.1f} (1 / 5 min), {os.cpu_count()} cores"


def scores(offers, results) -> dict:
    """Occupation top-1/top-5 accuracy against romeCode; skill recall of the recruiter-tagged items
    (offers with tags only); share of text skills whose evidence is verbatim in the title or description."""
    top1 = top5 = 0
    recalls = []
    text = verbatim = 0
    for offer, result in zip(offers, results, strict=True):
        codes = [o["code"] for o in result["occupations"]]
        top1 += bool(codes) and codes[0] == offer.rome
        top5 += offer.rome in codes
        tagged = set(offer.tagged)
        if tagged:
            recalls.append(len(tagged & {s["code"] for s in result["skills"]}) / len(tagged))
        for skill in result["skills"]:
            if skill["source"] == "text":
                text += 1
                verbatim += skill["evidence"] in offer.title or skill["evidence"] in offer.description
    n = max(1, len(offers))
    return {
        "offers": len(offers),
        "top1": top1 / n,
        "top5": top5 / n,
        "recall": float(np.mean(recalls)) if recalls else 0.0,
        "tagged_offers": len(recalls),
        "text_skills": text,
        "verbatim": verbatim / text if text else 1.0,
        "max_skills": max((len(r["skills"]) for r in results), default=0),
    }
