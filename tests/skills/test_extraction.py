"""Extraction quality on the held-out split of real France Travail offers, and the output contract."""

from __future__ import annotations

import pytest

KINDS = {"competence", "macro-competence", "savoir"}


@pytest.fixture(scope="module")
def results(held_out):
    from regia.skills.extraction import get_extractor

    offers = [offer for _, offer in held_out]
    return offers, get_extractor().extract_batch([(o.title, o.description) for o in offers])


def test_held_out_split_is_real_and_disjoint(held_out, skills_loaded):
    from regia.db import session_scope
    from regia.skills.extraction import read_offers

    with session_scope() as session:
        train = {oid for oid, _ in read_offers(session, "train")}
        train_texts = {o.description for _, o in read_offers(session, "train")}
    test_ids = {oid for oid, _ in held_out}
    assert 300 <= len(test_ids) <= 450 and not test_ids & train
    assert not {o.description for _, o in held_out} & train_texts  # re-posted copies stay on one side


def test_occupations_against_rome_code(results):
    offers, found = results
    top1 = sum(r["occupations"][0]["code"] == o.rome for o, r in zip(offers, found, strict=True)) / len(
        offers
    )
    top5 = sum(o.rome in [x["code"] for x in r["occupations"]] for o, r in zip(offers, found, strict=True))
    assert top1 >= 0.70, top1
    assert top5 / len(offers) >= 0.90, top5 / len(offers)


def test_skill_recall_of_recruiter_tags(results):
    offers, found = results
    recalls = [
        len(set(o.tagged) & {s["code"] for s in r["skills"]}) / len(set(o.tagged))
        for o, r in zip(offers, found, strict=True)
        if o.tagged
    ]
    assert len(recalls) >= 50
    assert sum(recalls) / len(recalls) >= 0.60


def test_contract_and_verbatim_evidence(results):
    offers, found = results
    text_skills = 0
    for offer, result in zip(offers, found, strict=True):
        assert len(result["occupations"]) == 5
        assert 0 < len(result["skills"]) <= 20
        assert len({s["code"] for s in result["skills"]}) == len(result["skills"])
        for skill in result["skills"]:
            assert skill["kind"] in KINDS and 0 < skill["score"] <= 1
            if skill["source"] == "text":
                text_skills += 1
                assert skill["evidence"] and (
                    skill["evidence"] in offer.description or skill["evidence"] in offer.title
                )
            else:
                assert skill["source"] == "occupation" and skill["evidence"] is None
    assert text_skills > len(offers)  # the text itself evidences several skills per offer


def test_a_bakery_offer():
    import regia.skills as skills

    result = skills.extract(
        "Boulanger / Boulangère (H/F)",
        "Boulangerie artisanale recherche un boulanger. Vous assurez le pétrissage, le façonnage et "
        "la cuisson du pain et des viennoiseries. Respect des règles d'hygiène et de sécurité.",
    )
    assert result["occupations"][0]["code"] == "D1102"
    quoted = {s["label"]: s["evidence"] for s in result["skills"] if s["source"] == "text"}
    assert any("hygiène" in (e or "") for e in quoted.values()), quoted


def test_cv_text_without_offer_priors():
    import regia.skills as skills

    result = skills.extract_text(
        "Expérience\nAgent d'entretien des espaces verts, mairie de Privas (2018-2022)\n"
        "Tonte, taille des haies, désherbage, utilisation de débroussailleuse."
    )
    assert result["occupations"][0]["code"] == "A1203"
    evidence = [s["evidence"] for s in result["skills"] if s["source"] == "text"]
    assert "entretien des espaces verts" in evidence
