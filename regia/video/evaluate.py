"""Precision and recall per event type against timed labels (`regia video evaluate LABELS.json`).

LABELS.json::

    {"clips": [
        {"video": "fall-01.mp4",                 # relative to the labels file, or absolute
         "config": "camera.yaml",                # optional camera configuration
         "types": ["fall"],                      # optional: types labelled in this clip (default: all)
         "events": [{"type": "fall", "start_s": 1.8, "end_s": 6.0}]}
    ]}

A detected event is right when its interval overlaps a labelled interval of its type (``tolerance_s``
widens the labels) and, when the label gives a ``bbox`` [x, y, w, h], its box meets that box; a label
is found when some detected event of its type matches it. False alarms
per hour are counted against the footage that carries no label of that type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from regia.errors import InputError
from regia.video.camera import load_config
from regia.video.events import EVENT_TYPES
from regia.video.pipeline import analyze


def _interval(item: dict, where: str) -> tuple[float, float]:
    try:
        start, end = float(item["start_s"]), float(item["end_s"])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{where} : start_s et end_s (secondes) sont requis", where) from None
    if end < start:
        raise InputError(f"{where} : end_s précède start_s", where)
    return start, end


def read_labels(path: Path) -> list[dict]:
    """Validated clips of a labels file, paths resolved."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"fichier d'étiquettes introuvable : {path}", "labels")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name} : JSON invalide ({exc})", "labels") from None
    clips = data.get("clips") if isinstance(data, dict) else data
    if not isinstance(clips, list) or not clips:
        raise InputError(f"{path.name} : une liste « clips » non vide est attendue", "clips")
    out = []
    for i, clip in enumerate(clips):
        where = f"clips[{i}]"
        if not isinstance(clip, dict) or not isinstance(clip.get("video"), str):
            raise InputError(f"{where}.video : chemin de la vidéo requis", f"{where}.video")
        video = Path(clip["video"])
        video = video if video.is_absolute() else path.parent / video
        config = clip.get("config")
        if config is not None:
            config = Path(config) if Path(config).is_absolute() else path.parent / config
        types = clip.get("types", list(EVENT_TYPES))
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise InputError(f"{where}.types : types inconnus : {', '.join(unknown)}", f"{where}.types")
        events = []
        for j, item in enumerate(clip.get("events", [])):
            if not isinstance(item, dict) or item.get("type") not in EVENT_TYPES:
                raise InputError(
                    f"{where}.events[{j}].type : type d'événement inconnu", f"{where}.events[{j}].type"
                )
            box = item.get("bbox")
            if box is not None and not (isinstance(box, list) and len(box) == 4):
                raise InputError(
                    f"{where}.events[{j}].bbox : [x, y, largeur, hauteur] attendu",
                    f"{where}.events[{j}].bbox",
                )
            events.append(
                {"type": item["type"], "interval": _interval(item, f"{where}.events[{j}]"), "bbox": box}
            )
        out.append({"video": video, "config": config, "types": types, "events": events})
    return out


def _matches(label: dict, event: dict, tolerance: float) -> bool:
    (a0, a1), b0, b1 = label["interval"], event["start_s"], event["end_s"]
    if not (a0 <= b1 + tolerance and b0 <= a1 + tolerance):
        return False
    box, other = label.get("bbox"), event.get("bbox")
    if not box or not other:
        return True
    return (
        box[0] <= other[0] + other[2]
        and other[0] <= box[0] + box[2]
        and box[1] <= other[1] + other[3]
        and other[1] <= box[1] + box[3]
    )


def _covered(intervals: list[tuple[float, float]], duration: float) -> float:
    total, end = 0.0, 0.0
    for start, stop in sorted(intervals):
        start, stop = max(start, end), min(stop, duration)
        if stop > start:
            total += stop - start
            end = stop
    return total


def score(clips: list[dict], tolerance_s: float = 0.0) -> dict:
    """Per-type figures from clips that carry both ``events`` (labels) and ``predicted`` events."""
    per_type = {}
    for type_ in EVENT_TYPES:
        labels = found = predictions = right = 0
        free_s = 0.0
        for clip in clips:
            if type_ not in clip["types"]:
                continue
            truth = [e for e in clip["events"] if e["type"] == type_]
            guess = [e for e in clip["predicted"] if e["type"] == type_]
            labels += len(truth)
            found += sum(any(_matches(t, g, tolerance_s) for g in guess) for t in truth)
            predictions += len(guess)
            right += sum(any(_matches(t, g, tolerance_s) for t in truth) for g in guess)
            free_s += max(
                0.0, clip["duration_s"] - _covered([t["interval"] for t in truth], clip["duration_s"])
            )
        if not labels and not predictions and not free_s:
            continue
        false_alarms = predictions - right
        per_type[type_] = {
            "labels": labels,
            "predictions": predictions,
            "true_positives": right,
            "false_positives": false_alarms,
            "missed": labels - found,
            "precision": round(right / predictions, 3) if predictions else None,
            "recall": round(found / labels, 3) if labels else None,
            "event_free_hours": round(free_s / 3600, 4),
            "false_alarms_per_hour": round(false_alarms / (free_s / 3600), 2) if free_s > 0 else None,
        }
    return per_type


def evaluate(
    labels_path: Path,
    config_path: Path | None = None,
    tolerance_s: float = 0.0,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Analyse every labelled clip and score the detections."""
    clips = read_labels(labels_path)
    results = []
    for clip in clips:
        if progress:
            progress(clip["video"].name)
        config = load_config(clip["config"] or config_path, camera=clip["video"].stem)
        result = analyze(clip["video"], config)
        clip["predicted"] = [e.to_dict() for e in result.events]
        clip["duration_s"] = result.duration_s
        results.append(
            {
                "video": str(clip["video"]),
                "duration_s": round(result.duration_s, 2),
                "fps_processed": round(result.fps_processed, 1),
                "labels": [
                    {
                        "type": e["type"],
                        "start_s": e["interval"][0],
                        "end_s": e["interval"][1],
                        "bbox": e["bbox"],
                    }
                    for e in clip["events"]
                ],
                "events": clip["predicted"],
            }
        )
    return {
        "labels": str(labels_path),
        "clips": len(clips),
        "duration_s": round(sum(c["duration_s"] for c in clips), 2),
        "tolerance_s": tolerance_s,
        "per_type": score(clips, tolerance_s),
        "results": results,
    }
