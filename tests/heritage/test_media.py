"""Probing and the frame pass on real and composed clips: bad files, known cuts, keyframes, descriptors."""

from __future__ import annotations

import os

import cv2
import numpy as np
import pytest

from regia.errors import InputError
from regia.heritage.metrics import boundary_f1
from regia.heritage.probe import probe
from regia.heritage.shots import detect_shots


def test_probe_reads_streams_of_real_clips(shared_data):
    info = probe(shared_data / "video" / "misc" / "bigbuckbunny_5s_ccby3.mp4")
    assert (info.width, info.height, info.fps, info.video_codec) == (1280, 720, 25.0, "h264")
    assert info.has_audio and info.audio_channels == 6 and 5.2 < info.duration_s < 5.4 and info.playable
    silent = probe(shared_data / "video" / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4")
    assert not silent.has_audio and (silent.width, silent.height) == (640, 360)


def test_bad_files_get_clear_messages(tmp_path, shared_data):
    with pytest.raises(InputError, match="introuvable"):
        probe(tmp_path / "absent.mp4")
    (tmp_path / "empty.mp4").write_bytes(b"")
    with pytest.raises(InputError, match="vide"):
        probe(tmp_path / "empty.mp4")
    (tmp_path / "noise.mp4").write_bytes(os.urandom(20_000))
    with pytest.raises(InputError, match="illisible ou corrompu") as caught:
        probe(tmp_path / "noise.mp4")
    assert caught.value.field == "video"
    with pytest.raises(InputError, match="Aucune piste vidéo"):
        probe(shared_data / "speech" / "fleurs-fr" / "fleurs-fr-000.ogg")


def test_too_long_files_are_refused(shared_data, monkeypatch):
    from regia.db import reset_caches

    monkeypatch.setenv("REGIA_HERITAGE_MAX_DURATION_S", "10")
    reset_caches()
    try:
        with pytest.raises(InputError, match="REGIA_HERITAGE_MAX_DURATION_S"):
            probe(shared_data / "video" / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4")
    finally:
        monkeypatch.delenv("REGIA_HERITAGE_MAX_DURATION_S")
        reset_caches()


@pytest.mark.slow
def test_known_cuts_are_found_with_keyframes_inside_their_shot(media, tmp_path):
    result = detect_shots(probe(media["cuts"]), tmp_path / "keyframes")
    found = [shot.start_s for shot in result.shots[1:]]
    score = boundary_f1(found, media["cut_times"], tolerance_s=0.1)
    assert score["f1"] >= 0.9, (found, media["cut_times"])
    for shot in result.shots:
        assert shot.start_s <= shot.keyframe_s < shot.end_s
        image = cv2.imread(shot.keyframe)
        assert image.shape == (360, 640, 3)
        assert {"setting", "time_of_day", "dominant_colours", "motion_label", "camera", "monochrome"} <= set(
            shot.descriptors
        )
    first, third = result.shots[0].descriptors, result.shots[2].descriptors
    assert first["monochrome"] and not third["monochrome"]  # the 1906 film, then Big Buck Bunny
    assert third["setting"] == "extérieur" and third["dominant_colours"][0]["name"] == "vert"


@pytest.mark.slow
def test_a_truncated_file_is_analysed_as_far_as_it_goes(compose, tmp_path, shared_data):
    broken = tmp_path / "broken.mp4"
    compose.truncated(
        broken, shared_data / "video" / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4"
    )
    info = probe(broken)
    result = detect_shots(info, tmp_path / "keyframes")
    assert result.shots and result.analysed_until_s < info.duration_s - 5
    assert result.shots[-1].end_s < info.duration_s - 5  # no chapter beyond the readable pictures


@pytest.mark.slow
def test_damaged_bytes_mid_file_are_skipped_not_fatal(tmp_path, shared_data):
    from regia.heritage.speech import audio_chunks

    data = bytearray((shared_data / "video" / "misc" / "bigbuckbunny_5s_ccby3.mp4").read_bytes())
    noise = np.random.default_rng(8).integers(0, 256, 2000, dtype=np.uint8).tobytes()
    for k in range(20):  # 20 bursts of noise over the middle of the file
        at = int(len(data) * (0.3 + 0.02 * k))
        data[at : at + 2000] = noise
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(bytes(data))
    info = probe(damaged)
    result = detect_shots(info, tmp_path / "keyframes")
    assert result.decode_errors > 0 and result.shots and result.frames > 100
    seconds = sum(audio.size for _, audio in audio_chunks(str(damaged))) / 16000
    assert 4 < seconds < 6
