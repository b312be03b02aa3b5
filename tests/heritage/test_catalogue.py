"""The catalogue: importing a manifest or a folder, searching, the JSON API and the portal pages."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from regia.db import session_scope
from regia.errors import DataFileError, InputError
from regia.heritage import catalogue
from regia.heritage.models import HeritageVideo

pytestmark = pytest.mark.slow


def _count() -> int:
    with session_scope() as session:
        return session.execute(select(func.count(HeritageVideo.id))).scalar_one()


@pytest.fixture(scope="module")
def client(fund):
    from regia.web.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


def test_manifest_import_and_idempotence(fund):
    assert len(fund["report"].described) == 2 and not fund["report"].skipped
    again = catalogue.import_videos(fund["manifest"])
    assert sorted(again.unchanged) == sorted(fund["report"].described) and not again.described
    market = catalogue.get_video(fund["market"])
    assert market.date == "1906" and market.rights == "Domaine public" and not market.has_audio
    assert (
        market.result["jsonld"]["dateCreated"] == "1906"
        and market.result["jsonld"]["creditText"] == "Miles Brothers"
    )


def test_search_finds_what_is_shown_and_said(fund):
    hits = catalogue.search("Saint-Sernin")
    assert hits[0]["id"] == fund["still"]
    assert hits[0]["moments"][0] == {"start_s": 0.0, "text": "Basilique Saint-Sernin", "source": "ocr"}
    spoken = catalogue.search("terrain montagneux")
    assert [h["id"] for h in spoken] == [fund["still"]] and spoken[0]["moments"][0]["source"] == "speech"
    assert [h["id"] for h in catalogue.search("noir et blanc")][:2] != []
    assert catalogue.search("xylophone quantique") == []
    with pytest.raises(InputError):
        catalogue.search("   ")


def test_bad_manifests_change_nothing(fund, tmp_path):
    before = _count()
    cases = {
        "titre;date\nx.mp4;2020\n": "colonne 'file' absente",
        "file;title\nabsent.mp4;Titre\n": "ligne 2, champ file",
        f"file,date\n{fund['manifest'].parent / 'market.mp4'},juin 1906\n": "champ date",
    }
    for text, message in cases.items():
        manifest = tmp_path / "bad.csv"
        manifest.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError, match=message):
            catalogue.import_videos(manifest)
    assert _count() == before


def test_a_corrupt_file_stops_a_folder_import_unless_skipped(fund, tmp_path, shared_data):
    before = _count()
    shutil.copy(shared_data / "video" / "misc" / "bigbuckbunny_5s_ccby3.mp4", tmp_path / "bunny.mp4")
    (tmp_path / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(3000))
    with pytest.raises(InputError, match="broken.mp4.*Rien n'a été importé"):
        catalogue.import_videos(tmp_path)
    assert _count() == before
    report = catalogue.import_videos(tmp_path, skip_invalid=True)
    assert len(report.described) == 1 and report.skipped[0]["file"].endswith("broken.mp4")
    assert _count() == before + 1


def test_api_serves_only_catalogued_files_with_ranges(client, fund):
    base = f"/api/v1/heritage/videos/{fund['still']}"
    full = client.get(f"{base}/media")
    assert full.status_code == 200 and full.headers["accept-ranges"] == "bytes"
    part = client.get(f"{base}/media", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == full.content[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(full.content)}"
    assert client.get(f"{base}/subtitles.vtt").text.startswith("WEBVTT")
    assert client.get(f"{base}/chapters.vtt").headers["content-type"].startswith("text/vtt")
    assert client.get(f"{base}/keyframes/1").headers["content-type"] == "image/jpeg"
    assert client.get(f"{base}/jsonld").json()["@type"] == "VideoObject"
    assert client.get(base).json()["places"][0]["name"] == "basilique Saint-Sernin"
    for bad in (
        "/api/v1/heritage/videos/0123456789ab/media",
        "/api/v1/heritage/videos/..%2F..%2Fetc%2Fpasswd/media",
    ):
        assert client.get(bad).status_code == 404
    assert client.get(f"{base}/other.vtt").status_code == 422
    assert client.get("/api/v1/heritage/search", params={"q": ""}).status_code == 422


def test_portal_pages(client, fund):
    page = client.get("/patrimoine")
    assert (
        page.status_code == 200
        and "A Trip Down Market Street" in page.text
        and "notices de l'Inventaire" in page.text
    )
    found = client.get("/patrimoine", params={"q": "Saint-Sernin"}).text
    assert "1 résultat pour « Saint-Sernin »" in found and "texte à l&#39;écran" in found
    player = client.get(f"/patrimoine/videos/{fund['still']}").text
    assert '<track kind="subtitles"' in player and '<track kind="chapters"' in player
    assert 'kind="descriptions"' in player and "application/ld+json" in player
    ref = catalogue.get_video(fund["still"]).places[0]["ref"]
    notice = client.get(f"/patrimoine/notices/{ref}").text
    assert "basilique Saint-Sernin" in notice and "Légende sur une image de 1906" in notice
    assert client.get("/patrimoine/videos/ffffffffffff").status_code == 404


def test_command_line_contracts(fund):
    import json

    from typer.testing import CliRunner

    from regia.cli import app

    runner = CliRunner()
    imported = runner.invoke(app, ["heritage", "import", str(fund["manifest"]), "--json"])
    assert imported.exit_code == 0, imported.stderr
    assert sorted(json.loads(imported.stdout)["unchanged"]) == sorted(fund["report"].described)
    found = runner.invoke(app, ["heritage", "search", "pont Neuf Saint-Sernin", "--json"])
    hits = json.loads(found.stdout)
    assert found.exit_code == 0 and hits[0]["id"] == fund["still"]
    assert {"id", "title", "video", "duration_s", "places", "description", "score", "moments", "url"} <= set(
        hits[0]
    )
    listed = json.loads(runner.invoke(app, ["heritage", "list", "--json"]).stdout)
    assert {v["id"] for v in listed} >= {fund["still"], fund["market"]}
    shown = json.loads(runner.invoke(app, ["heritage", "show", fund["market"], "--json"]).stdout)
    assert shown["title"] == "A Trip Down Market Street" and shown["language"] is None
