"""Speed of the whole description (probe, shots, OCR, speech, linking, writing, outputs) of a 640x360
video with French speech, against its duration; peak memory.

    .venv/bin/python -m benchmarks.heritage.speed [--no-record]

The video: the 1906 Market Street film (640x360) cut into 4 shots, a caption burnt in on one, under the
four FLEURS clips (about 60 s of sound, 52 s of speech). "Cold" includes loading the models (Whisper,
spaCy, the referential) in a fresh process; "warm" is a second description in the same process, the
case of `regia heritage import` on a fund. Set REGIA_HERITAGE_BENCH_CPUS=0,1 to pin the run to 2 cores.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.heritage.media import SHARED, clips, load_note


def compose(folder: Path) -> Path:
    film = SHARED / "video" / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4"
    other = SHARED / "video" / "misc" / "market_street_1906_pedestrians_b_20s_noaudio.mp4"
    speech = folder / "speech.wav"
    spans = clips.speech_track(speech, [item["path"] for item in clips.fleurs(SHARED)], gap_s=2.0)
    length = spans[-1][1] + 1.0
    quarter = round(length / 4, 2)
    pictures = folder / "pictures.mp4"
    clips.compose_cuts(
        pictures, [(film, 0.0, quarter), (other, 2.0, quarter), (film, 4.0, quarter), (other, 5.0, quarter)]
    )
    captioned = folder / "captioned.mp4"
    font = clips.FONT
    clips.ffmpeg(
        "-i", str(pictures), "-i", str(speech), "-filter_complex",
        f"[0:v]drawtext=fontfile={font}:text='Toulouse, le pont Neuf':fontsize=30:fontcolor=white:box=1:"
        f"boxcolor=black@0.6:boxborderw=10:x=(w-tw)/2:y=h-th-30:enable='lt(t,{quarter})'[v]",
        "-map", "[v]", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", "-b:a", "64k",
        "-shortest", str(captioned),
    )  # fmt: skip
    return captioned


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (tesseract)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main(record: bool = True) -> None:
    cpus = os.environ.get("REGIA_HERITAGE_BENCH_CPUS")
    if cpus:
        os.sched_setaffinity(0, {int(c) for c in cpus.split(",")})
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("REGIA_HOME", str(Path(tmp) / "home"))
        from regia.heritage.describe import describe_video, ensure_reference_data

        ensure_reference_data()
        video = compose(Path(tmp))
        runs = []
        for label in ("cold", "warm"):
            t = time.perf_counter()
            cpu = _cpu()
            result = describe_video(video, Path(tmp) / label)
            runs.append((label, time.perf_counter() - t, _cpu() - cpu, result["analysis"]["stages_s"]))
        duration = result["duration_s"]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines = [
            f"- video: {duration:.1f} s, 640x360, {len(result['shots'])} shots, "
            f"{result['speech']['speech_s']:.0f} s of speech, {len(result['transcript'])} segments",
            f"- cores used: {len(os.sched_getaffinity(0))} ({'pinned' if cpus else 'all of this machine'})",
        ]
        for label, wall, cpu, stages in runs:
            lines.append(
                f"- {label}: {wall:.1f} s wall ({duration / wall:.2f}x real time on this shared machine); "
                f"CPU {cpu:.1f} s including tesseract, so on idle cores at least {duration / cpu:.1f}x real "
                f"time even on one core, up to {2 * duration / cpu:.1f}x on two; "
                f"stages: {', '.join(f'{k} {v:.1f} s' for k, v in stages.items())}"
            )
        lines += [
            f"- places found: {', '.join(p['name'] for p in result['places']) or 'none'}",
            f"- peak RSS: {peak:.0f} MiB",
            f"- {load_note()}",
        ]
    if record:
        from benchmarks.common import record as write

        write("Heritage description speed", "python -m benchmarks.heritage.speed", lines)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main(record="--no-record" not in sys.argv)
