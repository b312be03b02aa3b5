"""Theme classification on real records: keyword rules, the default for bare names, embeddings."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from regia.cli import app
from regia.projects.classify import classify_texts, is_bare_name, rank_rules, rule_scores
from regia.projects.importers import detr, scdl
from regia.projects.importers.common import Draft
from regia.projects.themes import RULES, THEMES


def _drafts(rows):
    return [d for d in rows if isinstance(d, Draft)]


def test_taxonomy_and_rules_are_consistent():
    assert len(THEMES) == 14 and set(RULES) == set(THEMES)
    for levels in RULES.values():
        for stems in levels.values():
            assert all(stem.strip() for stem in stems.split(",")), "empty stem"


def test_rules_on_real_subsidies(shared_data):
    drafts = _drafts(
        scdl.read(
            shared_data
            / "projets/subventions-pays-de-la-loire/donnees_subventions_agregees_PDL.reencoded-utf8.csv"
        )
    )
    found = classify_texts(d.text for d in drafts)
    falloux = [d.text for d in drafts if "falloux" in d.text.lower()]
    clubs = [d.text for d in drafts if d.text.startswith(("TENNIS CLUB", "FOOTBALL CLUB", "BASKET CLUB"))]
    assert len(falloux) > 20 and len(clubs) > 10
    assert all(found[t].themes[0] == "education" for t in falloux)
    assert all(found[t].themes[0] == "sport-jeunesse" and found[t].method == "rules" for t in clubs)


def test_facility_first_and_security_on_real_grants(shared_data):
    drafts = _drafts(detr.read(shared_data / "projets/detr-dsil-yvelines/validated_projects_list_78.csv"))
    texts = [d.text for d in drafts]
    found = classify_texts(texts)
    cameras = [t for t in texts if "vidéoprotection" in t.lower()]
    heating = ("chaudière", "pompe à chaleur")
    other_buildings = ("mairie", "hôtel de ville", "loisirs", "gymnase")
    schools_heating = [
        t
        for t in texts
        if "école" in t and any(h in t for h in heating) and not any(b in t for b in other_buildings)
    ]
    assert cameras and all(found[t].themes[0] == "securite" for t in cameras)
    # the facility served is the primary theme, whatever the works
    assert len(schools_heating) >= 4 and all(found[t].themes[0] == "education" for t in schools_heating)
    assert found["Installation d’une pompe à chaleur à l’école Mireille Poupart"].themes == [
        "education",
        "environnement",
    ]


def test_scores_prefer_the_decisive_cue():
    scores = rule_scores("Installation de panneaux solaires photovoltaïques sur les toitures des écoles")
    assert rank_rules(scores)[0] == "environnement"
    assert rank_rules(rule_scores("ECOLE DE MUSIQUE DE SAUTRON"))[0] == "culture-patrimoine"
    assert rank_rules(rule_scores("golfe du Morbihan")) == []  # "golf" must start and end a word


def test_unknown_texts_bare_names_and_descriptions():
    texts = [
        "ASSOCIATION LUNA",
        "ASSOCIATION LUNA",
        "Construction d'une Cité modulaire sur le site du parc Champeau",
        "",
    ]
    found = classify_texts(texts)
    assert len(found) == 3  # each distinct text once
    assert is_bare_name("ASSOCIATION LUNA") and found["ASSOCIATION LUNA"].method == "default"
    described = found["Construction d'une Cité modulaire sur le site du parc Champeau"]
    assert described.method == "embeddings" and described.themes[0] in THEMES
    assert found[""].themes == []


def test_classify_cli_contract(tmp_path):
    lines = [
        {"id": "a", "text": "Restauration de la toiture de l'église Saint-Martin"},
        {"id": 7, "text": "CLUB CANOE KAYAK DE SUCE S ERDRE"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["projects", "classify", str(source), "--json"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert out[0]["themes"][0] == "culture-patrimoine" and out[1]["themes"][0] == "sport-jeunesse"
    piped = CliRunner().invoke(app, ["projects", "classify", "-", "--json"], input=source.read_text())
    assert piped.stdout == result.stdout


def test_classify_cli_rejects_bad_lines():
    result = CliRunner().invoke(
        app, ["projects", "classify", "-", "--json"], input='{"id": 1, "text": "x"}\n{oops\n'
    )
    assert result.exit_code == 2 and "ligne 2" in result.output
    result = CliRunner().invoke(app, ["projects", "classify", "-", "--json"], input='{"id": 1}\n')
    assert result.exit_code == 2 and "text" in result.output
