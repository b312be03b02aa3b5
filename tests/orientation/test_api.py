"""POST /api/v1/orientation and saved profiles over HTTP, and `regia orient` on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CONTRACT_OCCUPATION = {"code", "label", "score", "matched_skills", "missing_skills", "why"}


def test_api_returns_the_contract(client, cv_dir):
    data = (cv_dir / "comptable-modern.pdf").read_bytes()
    answers = {"commune": "Nantes", "radius_km": 25, "interests": ["C"]}
    response = client.post(
        "/api/v1/orientation",
        files={"file": ("cv.bin", data, "application/octet-stream")},  # the name and type are ignored
        data={"answers": json.dumps(answers)},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"M1203", "M1213"} & {o["code"] for o in body["occupations"][:5]}
    assert all(set(o) >= CONTRACT_OCCUPATION for o in body["occupations"])
    assert all(o["distance_km"] <= 25 for o in body["offers"])
    assert "profile" not in body


def test_api_refuses_bad_input_with_json_errors(client, cv_dir):
    pdf = (cv_dir / "comptable-modern.pdf").read_bytes()
    cases = [
        ({"data": {"commune": "Nantes"}}, 422, "file"),
        ({"files": {"file": ("cv.pdf", pdf[:2000], "application/pdf")}}, 422, "file"),
        ({"files": {"file": ("cv.txt", b"x" * (5 * 1024 * 1024 + 10), "text/plain")}}, 413, "file"),
        ({"files": {"file": ("cv.pdf", pdf)}, "data": {"answers": "[1, 2"}}, 422, "answers"),
        ({"files": {"file": ("cv.pdf", pdf)}, "data": {"commune": "Zzyzxville-sur-Mer"}}, 404, "commune"),
        ({"files": {"file": ("cv.pdf", pdf)}, "data": {"radius_km": "-3"}}, 422, "radius_km"),
    ]
    for kwargs, status, field in cases:
        response = client.post("/api/v1/orientation", **kwargs)
        assert response.status_code == status, (kwargs.get("data"), response.text)
        assert response.json()["field"] == field and response.json()["error"]


def test_saved_profile_is_deleted_by_its_owner(client, cv_dir):
    data = (cv_dir / "magasinier-texte.txt").read_bytes()
    response = client.post("/api/v1/orientation", files={"file": ("cv.txt", data)}, data={"save": "true"})
    kept = response.json()["profile"]
    url = f"/api/v1/orientation/profiles/{kept['id']}"
    assert client.get(url, headers={"X-Profile-Secret": "devine"}).status_code == 404
    assert client.delete(url, headers={"X-Profile-Secret": "devine"}).status_code == 404
    profile = client.get(url, headers={"X-Profile-Secret": kept["secret"]}).json()
    assert profile["occupations"] and "secret" not in json.dumps(profile["answers"])
    assert client.delete(url, headers={"X-Profile-Secret": kept["secret"]}).status_code == 200
    assert client.get(url, headers={"X-Profile-Secret": kept["secret"]}).status_code == 404


def _regia(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from regia.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, env=dict(os.environ), timeout=120)


def test_cli_json_contract_and_errors(loaded, cv_dir, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"interests": ["R"], "contracts": ["CDI"]}))
    done = _regia(
        "orient", str(cv_dir / "macon-table.docx"), "--commune", "87000", "--radius-km", "40",
        "--answers", str(answers), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert "F1703" in [o["code"] for o in body["occupations"][:5]]
    assert all(o["distance_km"] <= 40 for o in body["offers"])
    assert all(
        {"id", "title", "place", "distance_km", "level", "covers"} <= set(t) for t in body["trainings"]
    )
    human = _regia("orient", str(cv_dir / "macon-table.docx"), "--commune", "Limoges")
    assert human.returncode == 0 and "Métiers proposés" in human.stdout and "Maçon" in human.stdout

    bad_answers = tmp_path / "bad.json"
    bad_answers.write_text("{not json")
    garbage = tmp_path / "cv.pdf"
    garbage.write_bytes(bytes(range(256)) * 20)
    for args, words in [
        (["orient", str(tmp_path / "absent.pdf")], "CV_FILE"),
        (["orient", str(cv_dir / "macon-table.docx"), "--answers", str(bad_answers)], "--answers"),
        (["orient", str(cv_dir / "macon-table.docx"), "--radius-km", "0"], "radius_km"),
        (["orient", str(garbage)], "Format"),
    ]:
        done = _regia(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert words in done.stderr and not done.stdout
