"""The whole description of composed and real clips: the JSON contract, the French text, the WebVTT
files and the JSON-LD, through the command line."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from regia.cli import app

pytestmark = pytest.mark.slow

CUE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$", re.M)


def _cues(path) -> list[tuple[float, float, str]]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert text.startswith("WEBVTT\n")
    cues = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            m = CUE.match(line)
            if m:
                g = [int(x) for x in m.groups()]
                start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
                end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
                cues.append((start, end, "\n".join(lines[i + 1 :])))
    return cues


def _describe(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["heritage", "describe", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def described(media, reference, tmp_path_factory):
    out = tmp_path_factory.mktemp("described")
    code, stdout, stderr = _describe(str(media["still"]), "--json", "--out", str(out), "--place", "Toulouse")
    assert code == 0, stderr
    return json.loads(stdout)


def test_contract_fields_and_types(described, media):
    d = described
    assert d["video"] == str(media["still"].resolve()) and isinstance(d["duration_s"], float)
    for shot in d["shots"]:
        assert {"start_s", "end_s", "keyframe", "ocr_text", "descriptors"} <= set(shot)
        assert isinstance(shot["start_s"], float) and isinstance(shot["ocr_text"], str)
    assert all(set(s) >= {"start_s", "end_s", "text"} for s in d["transcript"])
    assert d["language"] == "fr"
    assert all(set(p) >= {"name", "ref", "kind"} for p in d["places"])
    assert isinstance(d["description"], str) and all(isinstance(k, str) for k in d["keywords"])
    assert d["jsonld"]["@type"] == "VideoObject"
    assert set(d["files"]) >= {"subtitles", "chapters", "descriptions"}


def test_caption_speech_and_monument_are_found_and_sourced(described):
    d = described
    assert "Basilique Saint-Sernin" in d["shots"][0]["ocr_text"]
    places = {p["name"]: p for p in d["places"]}
    assert places["basilique Saint-Sernin"]["source"] == "ocr"
    assert places["Toulouse"]["sources"] == ["manifest"]
    text = d["description"]
    assert "basilique Saint-Sernin (abbaye, Toulouse ; lu à l'écran" in text
    assert "Toulouse (Haute-Garonne, indiqué par la fiche)" in text
    assert "notice de l'Inventaire général (base Mérimée)" in text and "saint Sylve" in text
    assert "une voix en français" in text and "à relire" in text
    assert "ne sont pas reconnus à l'image" in text  # honest about what is not done
    assert "patrimoine religieux" in d["themes"]
    assert d["keywords"][:2] == ["basilique Saint-Sernin", "Toulouse"]


def test_subtitles_follow_the_speech(described):
    cues = _cues(described["files"]["subtitles"])
    assert cues and all(a < b for a, b, _ in cues)
    assert all(cues[i][1] <= cues[i + 1][0] + 1e-3 for i in range(len(cues) - 1))
    assert all(len(line) <= 42 for _, _, text in cues for line in text.splitlines() if " " in line)
    said = " ".join(text.replace("\n", " ") for _, _, text in cues)
    assert said.split() == " ".join(s["text"] for s in described["transcript"]).split()


def test_chapters_and_audio_description_stay_out_of_speech(described):
    chapters = _cues(described["files"]["chapters"])
    assert len(chapters) == len(described["shots"]) and chapters[0][2].startswith("Plan 1")
    descriptions = _cues(described["files"]["descriptions"])
    assert descriptions and "Basilique Saint-Sernin" in descriptions[0][2]
    for start, end, _ in descriptions:
        for seg in described["transcript"]:
            assert end <= seg["start_s"] + 1e-3 or start >= seg["end_s"] - 1e-3


def test_jsonld_video_object(described):
    ld = described["jsonld"]
    assert ld["@context"] == "https://schema.org" and ld["name"] == "saint sernin"
    assert re.fullmatch(r"PT\d+(\.\d)?S", ld["duration"])
    assert ld["transcript"].split()[:3] == described["transcript"][0]["text"].split()[:3]
    assert [c["@type"] for c in ld["hasPart"]] == ["Clip"] * len(described["shots"])
    kinds = {p["name"]: p["@type"] for p in ld["contentLocation"]}
    assert kinds["basilique Saint-Sernin"] == "LandmarksOrHistoricalBuildings" and kinds["Toulouse"] == "City"
    assert ld["thumbnailUrl"] and ld["caption"]["encodingFormat"] == "text/vtt"


def test_video_without_sound_and_with_silence(media, reference, tmp_path):
    code, stdout, _ = _describe(str(media["no_audio"]), "--json", "--out", str(tmp_path / "a"))
    quiet = json.loads(stdout)
    assert code == 0 and quiet["transcript"] == [] and quiet["language"] is None
    assert "pas de piste sonore" in quiet["description"] and "en noir et blanc" in quiet["description"]
    assert "Lieu : non reconnu" in quiet["description"]
    assert _cues(quiet["files"]["subtitles"]) == []
    code, stdout, _ = _describe(str(media["silent"]), "--json", "--out", str(tmp_path / "b"))
    silent = json.loads(stdout)
    assert code == 0 and silent["transcript"] == [] and "aucune parole détectée" in silent["description"]


def test_bad_input_exits_2_with_a_message(tmp_path, reference):
    import subprocess
    import sys
    from pathlib import Path

    regia = Path(sys.executable).with_name("regia")
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(5000))
    run = subprocess.run([regia, "heritage", "describe", broken, "--json"], capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == "" and "illisible ou corrompu" in run.stderr
    run = subprocess.run(
        [regia, "heritage", "describe", tmp_path / "absent.mp4"], capture_output=True, text=True
    )
    assert run.returncode == 2 and "introuvable" in run.stderr


def test_optional_rewording_keeps_the_facts(media, reference, tmp_path, monkeypatch):
    from llm_standin import StandIn

    from regia.db import reset_caches
    from regia.heritage.describe import Meta, describe_video

    def reply(prompt: str) -> str:
        paragraph = prompt.split("\n\n", 1)[1]
        if paragraph.startswith("Limites"):
            return paragraph + " Le monument a été construit en 1096."  # an invented fact: refused
        return paragraph.replace("Texte à l'écran :", "Texte lu à l'écran :")

    with StandIn(reply) as standin:
        monkeypatch.setenv("REGIA_LLM_URL", standin.url)
        reset_caches()
        try:
            result = describe_video(media["no_audio"], tmp_path, Meta(title="Rue en 1906"), use_llm=True)
        finally:
            monkeypatch.delenv("REGIA_LLM_URL")
            reset_caches()
    assert standin.requests
    assert "Texte lu à l'écran" in result["description"]
    assert "1096" not in result["description"] and "Limites :" in result["description"]
    assert "Rue (Somme" not in result["description"]  # a title is no place name
