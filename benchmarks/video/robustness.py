"""Falls under changed viewing conditions: each real GMDCSA24 clip re-encoded smaller (320x240), larger
(1280x720), darker, mirrored, zoomed in, started 0.1 s later, and played backwards (a person rising:
never a fall), scored like the quality benchmark.

These variants are not held-out data: they were used to find where the fall rule was fragile (a
person lost by the pose detector once on the ground, a backward fall onto a bed). They measure how
much the result depends on incidental conditions of the recording.

    .venv/bin/python -m benchmarks.video.robustness [--out /tmp/regia-video-robustness]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import av
import cv2
import numpy as np

from benchmarks.common import record
from benchmarks.video.quality import falling
from benchmarks.video.scenarios import ALL_TYPES
from regia.config import get_settings
from regia.video.evaluate import evaluate
from regia.video.recording import write_clip

SHIFT_S = 0.1


def _zoom(image: np.ndarray) -> np.ndarray:
    h, w = image.shape[:2]
    dy, dx = h // 16, w // 16
    return cv2.resize(image[dy : h - dy, dx : w - dx], (w, h), interpolation=cv2.INTER_LINEAR)


VARIANTS = {
    "320x240": lambda f: cv2.resize(f, (320, 240), interpolation=cv2.INTER_AREA),
    "1280x720": lambda f: cv2.resize(f, (1280, 720), interpolation=cv2.INTER_LINEAR),
    "sombre": lambda f: cv2.convertScaleAbs(f, alpha=0.8, beta=-30),
    "miroir": lambda f: cv2.flip(f, 1),
    "zoom": _zoom,
}


def read(path: Path) -> tuple[list[np.ndarray], float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate)
        return [f.to_ndarray(format="bgr24") for f in container.decode(stream)], fps


def variants(frames: list[np.ndarray], fps: float, interval: tuple[float, float] | None):
    """(name, images, labelled events) of one clip's variants."""
    label = [{"type": "fall", "start_s": interval[0], "end_s": interval[1]}] if interval else []
    for name, change in VARIANTS.items():
        yield name, [change(f) for f in frames], label
    shifted = [
        {**e, "start_s": max(0.0, e["start_s"] - SHIFT_S), "end_s": e["end_s"] - SHIFT_S} for e in label
    ]
    yield "decale", frames[round(SHIFT_S * fps) :], shifted
    if interval:
        yield "envers", frames[::-1], []


def build(out: Path) -> Path:
    """The variants and their labels.json."""
    folder = get_settings().shared_data_dir / "video" / "falls-gmdcsa24"
    clips = []
    for clip in json.loads((folder / "clips_index.json").read_text()):
        frames, fps = read(folder / clip["file"])
        for name, images, events in variants(frames, fps, falling(clip)):
            path = out / f"{name}-{Path(clip['file']).stem}.mp4"
            write_clip(path, images, fps, crf=23)
            clips.append({"video": str(path), "types": ALL_TYPES, "events": events})
    path = out / "labels-robustesse.json"
    path.write_text(json.dumps({"clips": clips}, indent=1), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "regia-video-robustness")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    result = evaluate(build(args.out))
    fall = result["per_type"]["fall"]
    missed, false = [], []
    for r in result["results"]:
        found = any(e["type"] == "fall" for e in r["events"])
        if r["labels"] and not found:
            missed.append(Path(r["video"]).stem)
        if not r["labels"] and found:
            false.append(Path(r["video"]).stem)
    negatives = sum(not r["labels"] for r in result["results"])
    lines = [
        f"- {result['clips']} clips ({len(VARIANTS) + 1} variantes des 7 clips réels, et les 6 chutes "
        f"à l'envers) : {fall['labels']} chutes étiquetées, **rappel {fall['recall']}**, "
        f"précision {fall['precision']}",
        f"- chutes manquées : {', '.join(missed) or 'aucune'}",
        f"- chutes signalées sur les {negatives} clips sans chute (activité quotidienne, personne qui se "
        f"relève) : {len(false)}{' (' + ', '.join(false) + ')' if false else ''}",
        "- variantes ayant servi à trouver les faiblesses de la règle (pas des données réservées)",
    ]
    record("Vidéo : robustesse des chutes", "python -m benchmarks.video.robustness", lines)


if __name__ == "__main__":
    main()
