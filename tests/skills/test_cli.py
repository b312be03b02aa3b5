"""`regia skills extract`: JSONL in and out, bad lines skipped with their reason, Dask gives the same."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from regia.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def real_lines(shared_data, skills_loaded):
    with open(shared_data / "emploi" / "offres" / "offres_france_travail.jsonl", encoding="utf-8") as f:
        return [next(f) for _ in range(40)]


def _run(args, stdin: str):
    return runner.invoke(app, ["skills", "extract", *args], input=stdin)


def test_bad_lines_are_skipped_and_counted(real_lines):
    good = [json.loads(line) for line in real_lines[:3]]
    bad = [
        "{not json",
        json.dumps({"id": "X1", "intitule": "Boulanger", "description": ""}),
        json.dumps({"id": "X2", "intitule": "Boulanger", "description": "pain " * 250_000}),  # > 1 MB
        json.dumps(
            {
                "id": "X3",
                "intitule": "Data engineer",
                "description": "We are hiring a data engineer "
                "to build and run the pipelines of our team on the cloud, with the best tools.",
            }
        ),
        json.dumps(["not", "an", "object"]),
        json.dumps({"intitule": "Sans identifiant", "description": "Vente et conseil en magasin."}),
    ]
    stdin = (
        "\n".join([json.dumps(good[0]), *bad[:3], json.dumps(good[1]), *bad[3:], json.dumps(good[2])]) + "\n"
    )
    result = _run(["-"], stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [g["id"] for g in good]
    err = result.stderr
    assert "JSON invalide" in err and "description vide" in err and "trop long" in err
    assert "non français" in err and "pas un objet" in err and "id manquant" in err
    assert "3 offres extraites, 6 lignes ignorées" in err


def test_output_shape(real_lines, tmp_path):
    path = tmp_path / "offres.jsonl"
    path.write_text("".join(real_lines[:5]), encoding="utf-8")
    result = _run([str(path), "--json"], "")
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        data = json.loads(line)
        assert set(data) >= {"id", "occupations", "skills"}
        assert len(data["occupations"]) == 5 and len(data["skills"]) <= 20
        assert set(data["skills"][0]) >= {"code", "label", "kind", "score", "source", "evidence"}


def test_missing_file_and_bad_engine():
    assert _run(["/nonexistent.jsonl"], "").exit_code == 2
    assert _run(["-", "--engine", "spark"], "").exit_code == 2


@pytest.mark.slow
def test_dask_gives_identical_results_on_a_local_cluster(real_lines):
    local = _run(["-"], "".join(real_lines))
    dask = _run(["-", "--engine", "dask", "--workers", "2"], "".join(real_lines))
    assert local.exit_code == 0 and dask.exit_code == 0, dask.output
    assert dask.stdout == local.stdout
    assert len(local.stdout.splitlines()) == 40
    assert "moteur dask" in dask.stderr
