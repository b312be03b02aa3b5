"""French speech-to-text with the Whisper base model of the PyPI packages, on real read speech."""

from __future__ import annotations

import numpy as np
import pytest

from regia.heritage.metrics import wer
from regia.heritage.probe import probe
from regia.heritage.speech import SAMPLE_RATE, audio_chunks, model_dir, transcribe


def test_sound_is_streamed_in_chunks_cut_in_pauses(shared_data):
    clip = str(shared_data / "speech" / "fleurs-fr" / "fleurs-fr-001.ogg")
    whole = np.concatenate([a for _, a in audio_chunks(clip, chunk_s=1000)])
    chunks = list(audio_chunks(clip, chunk_s=6))
    assert len(chunks) >= 3 and np.array_equal(np.concatenate([a for _, a in chunks]), whole)
    offsets = [0.0]
    for _, audio in chunks[:-1]:
        offsets.append(offsets[-1] + audio.size / SAMPLE_RATE)
    assert [round(o, 4) for o, _ in chunks] == [round(o, 4) for o in offsets]
    level = np.sqrt(np.mean(whole**2))
    for _, audio in chunks[:-1]:  # each cut falls in a quieter moment than the clip's average
        assert np.sqrt(np.mean(audio[-1600:] ** 2)) < level


@pytest.mark.slow
def test_the_model_folder_is_assembled_once():
    folder = model_dir()
    model = folder / "model.bin"
    assert model.stat().st_size > 140_000_000 and (folder / "tokenizer.json").is_file()
    stamp = model.stat().st_mtime_ns
    assert model_dir() == folder and model.stat().st_mtime_ns == stamp


@pytest.mark.slow
def test_real_french_speech_is_transcribed_with_times(media):
    result = transcribe(probe(media["still"]))
    assert result.status == "transcribed" and result.language == "fr"
    text = " ".join(s["text"] for s in result.segments)
    assert wer(media["transcript"], text) <= 0.4, text
    start, end = media["speech_spans"][0]
    assert start - 0.5 <= result.segments[0]["start_s"] and result.segments[-1]["end_s"] <= end + 0.5
    assert all(start - 0.5 <= w["start_s"] <= w["end_s"] <= end + 0.5 for w in result.words)
    assert 5 < result.speech_s <= end - start + 0.5


@pytest.mark.slow
def test_no_sound_track_and_silence_are_told_apart(media):
    assert transcribe(probe(media["no_audio"])).status == "no_audio"
    silent = transcribe(probe(media["silent"]))
    assert silent.status == "no_speech" and silent.segments == [] and silent.language is None


@pytest.mark.slow
def test_music_and_effects_are_not_transcribed(shared_data):
    result = transcribe(probe(shared_data / "video" / "misc" / "bigbuckbunny_5s_ccby3.mp4"))
    assert result.segments == [] and result.status == "no_speech"
