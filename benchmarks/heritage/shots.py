"""Shot boundary F1 on sequences composed from real clips with known hard cuts.

    .venv/bin/python -m benchmarks.heritage.shots [--sequences N] [--no-record]

Each sequence joins 8 segments (1.5 to 4 s) of real videos; a cut joins two different sources
("distinct"), or two moments of the same film ("jump cut", harder: same look). A detected cut matches
a true one within 0.1 s (2.5 frames at 25 fps). The detector's settings are PySceneDetect's defaults
(AdaptiveDetector); none was tuned on these sequences.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.heritage.media import SHARED, clips, load_note

V = SHARED / "video"
SOURCES = {
    "market-a": (V / "misc" / "market_street_1906_pedestrians_20s_noaudio.mp4", 20.0),
    "market-b": (V / "misc" / "market_street_1906_pedestrians_b_20s_noaudio.mp4", 20.0),
    "bunny": (V / "misc" / "bigbuckbunny_5s_ccby3.mp4", 5.3),
    "cars": (V / "intel-sample-videos" / "intel_car-detection_noaudio.mp4", 30.0),
    "corridor": (V / "intel-sample-videos" / "intel_one-by-one-person-detection.mp4", 139.0),
    "store": (V / "intel-sample-videos" / "intel_preview_store-aisle-detection.mp4", 4.4),
    "workers": (V / "intel-sample-videos" / "intel_preview_worker-zone-detection.mp4", 4.7),
    "fall-1": (V / "falls-gmdcsa24" / "Subject_1-Fall-14.mp4", 5.0),
    "fall-2": (V / "falls-gmdcsa24" / "Subject_2-Fall-12.mp4", 12.0),
    "room": (V / "falls-gmdcsa24" / "Subject_2-ADL-23.mp4", 7.2),
}
JUMPS = ("market-a", "market-b", "corridor", "cars")  # long enough for two distant moments


def sequence(rng: random.Random, jump: bool) -> list[tuple[Path, float, float]]:
    segments, previous = [], None
    for _ in range(8):
        if jump and previous in JUMPS and rng.random() < 0.5:
            name = previous
        else:
            name = rng.choice([n for n in SOURCES if n != previous])
        path, length = SOURCES[name]
        duration = round(rng.uniform(1.5, 4.0), 2)
        start = round(rng.uniform(0, max(0.0, length - duration - 0.3)), 2)
        segments.append((path, start, duration))
        previous = name
    return segments


def main(n: int = 12, record: bool = True) -> None:
    from regia.heritage.metrics import boundary_f1
    from regia.heritage.probe import probe
    from regia.heritage.shots import detect_shots

    rng = random.Random(2026)
    totals = {"distinct": [0, 0, 0], "with jump cuts": [0, 0, 0]}
    seconds = video_s = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            kind = "with jump cuts" if k % 3 == 2 else "distinct"
            out = Path(tmp) / f"seq{k}.mp4"
            truth = clips.compose_cuts(out, sequence(rng, kind != "distinct"))
            info = probe(out)
            t = time.perf_counter()
            found = [s.start_s for s in detect_shots(info, Path(tmp) / f"kf{k}").shots[1:]]
            seconds += time.perf_counter() - t
            video_s += info.duration_s
            score = boundary_f1(found, truth, tolerance_s=0.1)
            for i, key in enumerate(("hits", "predicted", "true")):
                totals[kind][i] += score[key]
    lines = []
    for kind, (hits, predicted, true) in totals.items():
        p, r = hits / max(1, predicted), hits / max(1, true)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(
            f"- {kind}: F1 {f1:.3f} (precision {p:.3f}, recall {r:.3f}; {true} true cuts, {predicted} found)"
        )
    hits = sum(t[0] for t in totals.values())
    predicted = sum(t[1] for t in totals.values())
    true = sum(t[2] for t in totals.values())
    p, r = hits / predicted, hits / true
    lines.insert(0, f"- all {n} sequences: F1 {2 * p * r / (p + r):.3f} (precision {p:.3f}, recall {r:.3f})")
    lines.append(
        f"- frame pass (decode, detection, keyframes, descriptors): {video_s / seconds:.1f}x real time "
        "at 640x360"
    )
    lines.append(f"- {load_note()}")
    if record:
        from benchmarks.common import record as write

        write("Heritage shot boundaries", f"python -m benchmarks.heritage.shots --sequences {n}", lines)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--sequences") + 1]) if "--sequences" in sys.argv else 12
    main(count, record="--no-record" not in sys.argv)
