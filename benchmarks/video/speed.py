"""Speed of the video analysis on one CPU core, against pure decoding of the same file (the upper bound).

The clip: 60 s at 640x480 and 25 frames per second, composed from a real warehouse background with
real people walking through and light changes (scenarios.py). Measured on one core (the process is
pinned to CPU 0): decoding alone, then `analyze` with the default configuration (motion detector, and
pose around the descent of a close-range person: some of these passers-by, tall and walking towards
the camera, wake it) in a fresh process (MediaPipe imported during the run) and again once imported,
then the same without pose.

    .venv/bin/python -m benchmarks.video.speed [--out /tmp/regia-video-scenarios]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import av
import cv2

from benchmarks.common import record
from benchmarks.video import materials as M
from benchmarks.video.scenarios import Clip, Light, Walker, load_materials
from regia.video.camera import parse_config
from regia.video.pipeline import analyze

SECONDS = 60
FPS = 25
WALKERS = 18


def speed_clip(out: Path) -> Path:
    path = out / "vitesse-640x480-25ips.mp4"
    if path.is_file():
        return path
    mat = load_materials(out)
    scene = mat["scenes"]["warehouse"]
    y0, y1 = scene.floor
    people = mat["people"]

    def row(j: int, k: int) -> float:
        return y0 + (y1 - y0) * ((j * k) % 100) / 100

    walkers = [
        Walker(people[j % len(people)], (-30, row(j, 37)), (M.W + 30, row(j, 53)), 3.0 * j, 1.3, scene)
        for j in range(WALKERS)
    ]
    clip = Clip(
        "vitesse-640x480-25ips", SECONDS, scene, lambda t: scene.image, walkers, [Light("ramp", 20, -0.2)]
    )
    return clip.write(out, fps=FPS)


def timed(run) -> tuple[object, float, float]:
    """(result, wall seconds, CPU seconds of this process): on a busy shared machine the CPU time
    is what one free core would have taken."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def decode(path: Path) -> int:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        return sum(1 for _ in container.decode(stream))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "regia-video-scenarios")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    path = speed_clip(args.out)
    os.sched_setaffinity(0, {0})
    cv2.setNumThreads(1)
    load = os.getloadavg()[0]
    frames, decode_wall, decode_cpu = min((timed(lambda: decode(path)) for _ in range(2)), key=lambda r: r[2])
    result, wall, cpu = timed(lambda: analyze(path, parse_config({"camera": "vitesse"})))
    _, warm_wall, warm_cpu = timed(lambda: analyze(path, parse_config({"camera": "vitesse"})))
    no_pose = parse_config({"camera": "vitesse", "pose": "off"})
    motion_only, _, motion_cpu = timed(lambda: analyze(path, no_pose))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    decoding, analysis = frames / decode_cpu, result.frames / cpu
    analysed_rate = result.frames_analysed / result.duration_s
    lines = [
        f"- clip: {result.frames} images, 640x480, {FPS} images/s, {result.duration_s:.0f} s "
        f"(fond réel d'entrepôt, {WALKERS} passants réels, variation de lumière)",
        f"- décodage seul (borne haute) : {decoding:.0f} images par seconde de calcul "
        f"({decoding / FPS:.1f}x le temps réel ; {frames / decode_wall:.0f} images/s en temps écoulé)",
        f"- analyse, détecteur par défaut : {analysis:.0f} images par seconde de calcul, soit "
        f"{analysis / FPS:.1f}x le temps réel ({result.frames / wall:.0f} images/s en temps écoulé ; "
        f"{100 * analysis / decoding:.0f} % du décodage seul ; "
        f"{result.frames_analysed} images analysées, {analysed_rate:.1f} par seconde ; posture sur "
        f"{result.pose_images} images)",
        f"- la même analyse une fois MediaPipe importé (service de longue durée) : "
        f"{result.frames / warm_cpu:.0f} images par seconde de calcul, soit "
        f"{result.frames / warm_cpu / FPS:.1f}x le temps réel ({result.frames / warm_wall:.0f} images/s "
        "en temps écoulé)",
        f"- le même sans le détecteur de posture (`pose: off`, régions en mouvement seules) : "
        f"{motion_only.frames / motion_cpu:.0f} images par seconde de calcul, soit "
        f"{motion_only.frames / motion_cpu / FPS:.1f}x le temps réel ; la posture (MediaPipe, environ 30 ms "
        "par image) ne tourne qu'autour d'un mouvement vers le bas d'une personne proche",
        f"- événements : {len(result.events)} ; mémoire max du processus : {peak_mib:.0f} Mio",
        f"- un cœur (CPU 0), charge moyenne de la machine au départ : {load:.1f} (temps de calcul du "
        "processus, moins sensible que le temps écoulé aux autres travaux de la machine)",
    ]
    record("Vidéo : vitesse sur un cœur", "python -m benchmarks.video.speed", lines)


if __name__ == "__main__":
    main()
