"""French word error rate of the transcription on the FLEURS read-speech clips (exact transcripts),
as the raw recordings and inside a composed 640x360 video (AAC sound, the pipeline's real path).

    .venv/bin/python -m benchmarks.heritage.wer [--no-record]

The clips are held out: no setting of the transcriber was chosen on them (beam size 5, voice detection
on, temperatures and thresholds: faster-whisper's defaults).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.heritage.media import SHARED, clips, load_note


def main(record: bool = True) -> None:
    from regia.heritage.metrics import word_errors
    from regia.heritage.speech import get_model, transcribe_file

    items = clips.fleurs(SHARED)
    started = time.perf_counter()
    get_model()
    load_s = time.perf_counter() - started
    lines = [f"- model assembly and load: {load_s:.1f} s"]
    with tempfile.TemporaryDirectory() as tmp:
        for label, wrap in (("raw recordings (Opus)", False), ("inside a 640x360 video (AAC 64 kb/s)", True)):
            errors = words = 0
            audio_s = elapsed = 0.0
            per_clip = []
            for item in items:
                path = item["path"]
                if wrap:
                    path = Path(tmp) / f"{path.stem}.mp4"
                    clips.still_with_speech(
                        path, SHARED / "video" / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4",
                        5.0, "Essai", item["path"],
                    )  # fmt: skip
                t = time.perf_counter()
                result = transcribe_file(path)
                elapsed += time.perf_counter() - t
                audio_s += item["duration_s"]
                e, n = word_errors(item["transcript"], " ".join(s["text"] for s in result.segments))
                errors, words = errors + e, words + n
                per_clip.append(f"{item['audio']} {e / n:.2f}")
            lines.append(
                f"- {label}: WER {errors / words:.3f} ({errors} errors / {words} words, {len(items)} clips: "
                f"{', '.join(per_clip)}); {audio_s:.0f} s of speech in {elapsed:.1f} s "
                f"({audio_s / elapsed:.1f}x real time)"
            )
    lines.append(f"- {load_note()}")
    if record:
        from benchmarks.common import record as write

        write("Heritage transcription WER (FLEURS fr)", "python -m benchmarks.heritage.wer", lines)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main(record="--no-record" not in sys.argv)
