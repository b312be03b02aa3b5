"""Test and benchmark clips composed with ffmpeg from the real media of ../shared/data.

Every composition knows its ground truth (where the cuts are, what is said, what is written on screen),
so tests and benchmarks can score the analysis against it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SIZE = (640, 360)
FPS = 25


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, stdin=subprocess.DEVNULL)


def media_duration(path: Path) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return float(out.stdout.strip())


def compose_cuts(
    out: Path, segments: list[tuple[Path, float, float]], audio: Path | None = None
) -> list[float]:
    """Concatenate (source, start_s, duration_s) segments at 640x360, 25 fps: hard cuts between them.
    Each segment is cut to a whole number of frames, so the returned cut times (seconds) are exact.
    With ``audio``, that sound track runs under the pictures."""
    inputs: list[str] = []
    chains = []
    frames = [max(1, round(duration * FPS)) for _, _, duration in segments]
    for i, ((src, start, _), n) in enumerate(zip(segments, frames, strict=True)):
        inputs += ["-ss", f"{start}", "-i", str(src)]
        chains.append(
            f"[{i}:v]fps={FPS},trim=end_frame={n},setpts=PTS-STARTPTS,"
            f"scale={SIZE[0]}:{SIZE[1]}:force_original_aspect_ratio=decrease,"
            f"pad={SIZE[0]}:{SIZE[1]}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[v{i}]"
        )
    graph = ";".join(chains) + ";" + "".join(f"[v{i}]" for i in range(len(segments)))
    graph += f"concat=n={len(segments)}:v=1:a=0[v]"
    maps = ["-map", "[v]"]
    if audio is not None:
        inputs += ["-i", str(audio)]
        maps += ["-map", f"{len(segments)}:a", "-c:a", "aac", "-b:a", "64k", "-shortest"]
    ffmpeg(*inputs, "-filter_complex", graph, *maps, "-c:v", "libx264", "-preset", "veryfast", str(out))
    cuts, total = [], 0
    for n in frames[:-1]:
        total += n
        cuts.append(round(total / FPS, 3))
    return cuts


def speech_track(
    out: Path, clips: list[Path], gap_s: float = 1.5, lead_s: float = 1.0
) -> list[tuple[float, float]]:
    """Real speech clips one after the other with silences between: returns (start, end) of each clip."""
    parts, spans, t = [], [], lead_s
    graph = []
    inputs = []
    for i, clip in enumerate(clips):
        inputs += ["-i", str(clip)]
        delay = int(t * 1000)
        graph.append(f"[{i}:a]aresample=16000,pan=mono|c0=c0,adelay={delay}|{delay}[a{i}]")
        duration = media_duration(clip)
        spans.append((round(t, 3), round(t + duration, 3)))
        parts.append(f"[a{i}]")
        t += duration + gap_s
    graph.append("".join(parts) + f"amix=inputs={len(clips)}:normalize=0,apad=whole_dur={t:.3f}[a]")
    ffmpeg(
        *inputs,
        "-filter_complex",
        ";".join(graph),
        "-map",
        "[a]",
        "-t",
        f"{t:.3f}",
        "-c:a",
        "pcm_s16le",
        str(out),
    )
    return spans


def still_with_speech(
    out: Path, picture_from: Path, at_s: float, caption: str, speech: Path, subtitle_size: int = 34
) -> None:
    """A still picture (a frame of a real video) with a caption burnt in, over a real speech track."""
    escaped = caption.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\u2019")
    draw = (
        f"drawtext=fontfile={FONT}:text='{escaped}':fontsize={subtitle_size}:fontcolor=white:"
        "box=1:boxcolor=black@0.6:boxborderw=12:x=(w-tw)/2:y=h-th-40"
    )
    ffmpeg(
        "-ss", f"{at_s}", "-i", str(picture_from), "-i", str(speech),
        "-filter_complex",
        f"[0:v]trim=end_frame=1,scale={SIZE[0]}:{SIZE[1]},setsar=1,{draw},loop=-1:1,fps={FPS},format=yuv420p[v]",
        "-map", "[v]", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage",
        "-c:a", "aac", "-b:a", "64k", "-shortest", str(out),
    )  # fmt: skip


def with_silence(out: Path, src: Path) -> None:
    """The pictures of ``src`` with a silent sound track: audio present, no speech."""
    ffmpeg(
        "-i", str(src), "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-map", "0:v", "-map", "1:a",
        "-c:v", "copy", "-c:a", "aac", "-shortest", str(out),
    )  # fmt: skip


def long_video(out: Path, duration_s: int) -> None:
    """A long, cheap video (a small grey picture at 1 fps, silent sound) to check bounded memory."""
    ffmpeg(
        "-f", "lavfi", "-i", f"color=c=0x556677:s=160x90:r=1:d={duration_s}",
        "-f", "lavfi", "-i", f"anullsrc=r=16000:cl=mono:d={duration_s}",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "600", "-c:a", "aac", "-b:a", "16k", str(out),
    )  # fmt: skip


def truncated(out: Path, src: Path, keep: float = 0.5) -> None:
    """A copy of ``src`` cut short mid-file, index first (as a broken download leaves it)."""
    full = out.with_suffix(".full.mp4")
    ffmpeg("-i", str(src), "-c", "copy", "-movflags", "+faststart", str(full))
    data = full.read_bytes()
    out.write_bytes(data[: int(len(data) * keep)])
    full.unlink()


def fleurs(shared: Path) -> list[dict]:
    """The FLEURS French clips with their exact transcripts."""
    folder = shared / "speech" / "fleurs-fr"
    items = json.loads((folder / "manifest.json").read_text())
    return [dict(item, path=folder / item["audio"]) for item in items]
