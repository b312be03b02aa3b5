"""Media for the heritage tests, composed once per session from the real clips of ../shared/data."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("heritage_clips", Path(__file__).with_name("clips.py"))
clips = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(clips)

CAPTION = "Basilique Saint-Sernin"


@pytest.fixture(scope="session")
def compose():
    """The clip composition helpers (tests/heritage/clips.py)."""
    return clips


@pytest.fixture(scope="session")
def reference(regia_home):
    """The territory referential and the heritage knowledge base in the session database."""
    from regia.heritage.describe import ensure_reference_data

    ensure_reference_data()
    return regia_home


@pytest.fixture(scope="session")
def media(tmp_path_factory, shared_data) -> dict:
    """Composed clips with their ground truth."""
    folder = tmp_path_factory.mktemp("heritage-media")
    misc = shared_data / "video" / "misc"
    fleurs = clips.fleurs(shared_data)
    speech = folder / "speech.wav"
    spans = clips.speech_track(speech, [fleurs[0]["path"]], gap_s=0, lead_s=1.0)
    still = folder / "saint-sernin.mp4"
    clips.still_with_speech(
        still, misc / "market_street_1906_pedestrians_20s_noaudio.mp4", 5.0, CAPTION, speech
    )
    silent = folder / "silence.mp4"
    clips.with_silence(silent, misc / "market_street_1906_pedestrians_b_20s_noaudio.mp4")
    video = shared_data / "video"
    segments = [
        (misc / "market_street_1906_pedestrians_20s_noaudio.mp4", 1.0, 2.4),
        (video / "intel-sample-videos" / "intel_preview_store-aisle-detection.mp4", 0.5, 2.0),
        (misc / "bigbuckbunny_5s_ccby3.mp4", 1.0, 2.2),
        (misc / "market_street_1906_pedestrians_b_20s_noaudio.mp4", 6.0, 2.6),
        (video / "falls-gmdcsa24" / "Subject_2-Fall-12.mp4", 2.0, 1.8),
        (video / "intel-sample-videos" / "intel_one-by-one-person-detection.mp4", 40.0, 2.0),
    ]
    cuts = folder / "cuts.mp4"
    cut_times = clips.compose_cuts(cuts, segments)
    return {
        "folder": folder,
        "still": still,
        "speech_spans": spans,
        "transcript": fleurs[0]["transcript"],
        "silent": silent,
        "no_audio": misc / "market_street_1906_pedestrians_20s_noaudio.mp4",
        "cuts": cuts,
        "cut_times": cut_times,
    }


STILL_TITLE = "Légende sur une image de 1906 (montage de test)"
MANIFEST = (
    "file;title;date;place;rights;credits\n"
    f"saint-sernin.mp4;{STILL_TITLE};2024;Toulouse;CC BY 4.0;FLEURS (Google)\n"
    "market.mp4;A Trip Down Market Street;1906;;Domaine public;Miles Brothers\n"
)


@pytest.fixture(scope="session")
def fund(media, reference, tmp_path_factory):
    """The composed clip and a real 1906 film, described into the session catalogue from a manifest."""
    from regia.heritage import catalogue

    folder = tmp_path_factory.mktemp("fund")
    shutil.copy(media["still"], folder / "saint-sernin.mp4")
    shutil.copy(media["no_audio"], folder / "market.mp4")
    manifest = folder / "manifest.csv"
    manifest.write_text(MANIFEST, encoding="utf-8")
    report = catalogue.import_videos(manifest)
    ids = {row["title"]: row["id"] for row in catalogue.list_videos()}
    return {
        "manifest": manifest,
        "report": report,
        "still": ids[STILL_TITLE],
        "market": ids["A Trip Down Market Street"],
    }
