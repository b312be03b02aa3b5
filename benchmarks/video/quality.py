"""Detection quality: real falls (GMDCSA24 clips with their timed labels) and the scenario set
(scenarios.py), per event type: precision, recall, false alarms per hour of event-free footage, and
the share of false positives among abandoned-object alerts.

    .venv/bin/python -m benchmarks.video.quality [--out /tmp/regia-video-scenarios] [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from benchmarks.common import record
from benchmarks.video.scenarios import ALL_TYPES, build
from regia.config import get_settings
from regia.video.evaluate import evaluate


def falling(clip: dict) -> tuple[float, float] | None:
    """The labelled falling interval of a GMDCSA24 clip (its CSV row), None for daily activities."""
    match = re.search(r"Falling[^\[]*\[\s*([\d.]+)\s*to\s*([\d.]+)", clip["csv_row"][-1])
    return (float(match[1]), float(match[2])) if clip["type"] == "Fall" and match else None


def fall_labels(out: Path) -> Path:
    """labels.json for the real fall and daily-activity clips, from the dataset's own CSV labels."""
    folder = get_settings().shared_data_dir / "video" / "falls-gmdcsa24"
    clips = []
    for clip in json.loads((folder / "clips_index.json").read_text()):
        interval = falling(clip)
        events = [{"type": "fall", "start_s": interval[0], "end_s": interval[1]}] if interval else []
        clips.append({"video": str(folder / clip["file"]), "types": ALL_TYPES, "events": events})
    path = out / "labels-chutes.json"
    path.write_text(json.dumps({"clips": clips}, indent=1), encoding="utf-8")
    return path


def table(per_type: dict) -> list[str]:
    lines = [
        "| type | étiquettes | alertes | précision | rappel | fausses alertes / h sans événement |",
        "|---|---|---|---|---|---|",
    ]
    for type_, m in per_type.items():
        if not (m["labels"] or m["predictions"]):
            if m["event_free_hours"]:
                lines.append(f"| {type_} | 0 | 0 | - | - | 0 (sur {m['event_free_hours'] * 60:.0f} min) |")
            continue
        p = "-" if m["precision"] is None else f"{m['precision']:.2f}"
        r = "-" if m["recall"] is None else f"{m['recall']:.2f}"
        fa = "-" if m["false_alarms_per_hour"] is None else f"{m['false_alarms_per_hour']:.1f}"
        free = f"{fa} (sur {m['event_free_hours'] * 60:.0f} min)"
        lines.append(f"| {type_} | {m['labels']} | {m['predictions']} | {p} | {r} | {free} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "regia-video-scenarios")
    parser.add_argument("--quick", action="store_true", help="half of the scenario clips")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    falls = evaluate(fall_labels(args.out))
    fall = falls["per_type"]["fall"]
    adl_falls = sum(e["type"] == "fall" for r in falls["results"] if "ADL" in r["video"] for e in r["events"])
    lines = [
        f"Chutes réelles (GMDCSA24, {falls['clips']} clips, {falls['duration_s']:.0f} s) : "
        f"rappel {fall['recall']}, précision {fall['precision']}, "
        f"chutes signalées sur les activités quotidiennes : {adl_falls}",
        "",
        *table(falls["per_type"]),
        "",
    ]
    scenarios = evaluate(build(args.out, args.quick))
    abandoned = scenarios["per_type"].get("abandoned_object", {})
    share = abandoned["false_positives"] / abandoned["predictions"] if abandoned.get("predictions") else 0.0
    lines += [
        f"Scénarios composés ({scenarios['clips']} clips, {scenarios['duration_s'] / 60:.0f} min, "
        "fonds et passants réels, changements de lumière) : objets abandonnés, "
        f"fausses alertes = {100 * share:.0f} % des alertes (2024 : 62 %)",
        "",
        *table(scenarios["per_type"]),
    ]
    record(
        "Vidéo : qualité de détection",
        "python -m benchmarks.video.quality" + (" --quick" if args.quick else ""),
        lines,
    )
    (args.out / "quality.json").write_text(
        json.dumps({"falls": falls, "scenarios": scenarios}, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
