"""Scenario clips with exact ground truth, composed from real backgrounds, people and objects.

For the events that no real clip of the shared data shows (an object left behind, an intrusion, a
wrong-way walker, a growing crowd, a rush, a fire), each scenario composes, frame by frame, real
footage or a real background, real people and objects cut from real clips (materials.py), light
changes (ramps, switches, pools of light, sun patches, flicker) and, for fire only, a procedural
flame. It knows exactly when each event happens and writes it to ``labels.json`` in the format of
`regia video evaluate`, with a camera configuration per clip.

    .venv/bin/python -m benchmarks.video.scenarios --out /tmp/regia-video-scenarios [--quick]
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import yaml

from benchmarks.video import materials as M
from regia.video.events import EVENT_TYPES

FPS = 12.5  # scenario clips; the speed benchmark writes its own 25 fps clip
DWELL_ABANDONED = 10.0
ALL_TYPES = list(EVENT_TYPES)  # the eight types décret 2023-828 allows


# -- materials, cached on disk (cutting them takes a minute) -------------------------------------------


def load_materials(cache: Path) -> dict:
    path = cache / "materials.pkl"
    if path.is_file():
        return {**pickle.loads(path.read_bytes()), "room": M.room_footage()}
    data = {
        "scenes": {n: M.scene(n) for n in ("room", "warehouse", "hall")},
        "objects": M.objects(),
        "people": M.people(),
    }
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return {**data, "room": M.room_footage()}


# -- actors ---------------------------------------------------------------------------------------------


@dataclass
class Prop:
    """A still object (or a still person) on the floor between ``t_in`` and ``t_out``."""

    cut: M.Cutout
    foot: tuple[float, float]
    height: float
    t_in: float
    t_out: float = 1e9
    sway: float = 0.0  # pixels of breathing-like motion (still people)

    def draw(self, canvas, t):
        if self.t_in <= t < self.t_out:
            dy = self.sway * math.sin(2 * math.pi * 0.3 * t)
            return M.paste(canvas, self.cut, (self.foot[0], self.foot[1] + dy), self.height)
        return None


@dataclass
class Walker:
    """A real walking silhouette moving in a straight line at ``speed`` metres per second."""

    visit: list
    start: tuple[float, float]
    end: tuple[float, float]
    t_in: float
    speed: float
    scene: M.Scene
    tint: tuple | None = None
    path: list = field(default_factory=list)  # (t, x, y) filled by position()

    def position(self, t: float) -> tuple[float, float] | None:
        if t < self.t_in:
            return None
        (x0, y0), (x1, y1) = self.start, self.end
        length_m = math.hypot(x1 - x0, y1 - y0) / self.scene.ppm((y0 + y1) / 2)
        progress = (t - self.t_in) * self.speed / max(length_m, 1e-6)
        if progress > 1:
            return None
        return x0 + (x1 - x0) * progress, y0 + (y1 - y0) * progress

    def draw(self, canvas, t):
        pos = self.position(t)
        if pos is None:
            return None
        cut = self.visit[int(t * 10 * max(1.0, self.speed / 1.3)) % len(self.visit)]
        height = 1.7 * self.scene.ppm(pos[1])
        return M.paste(canvas, cut, pos, height, flip=self.end[0] < self.start[0], tint=self.tint)


@dataclass
class Flame:
    """A procedural flickering flame (no real fire footage is in the shared data)."""

    foot: tuple[float, float]
    height: float
    t_in: float
    seed: int

    def draw(self, canvas, t):
        if t < self.t_in:
            return None
        rng = np.random.default_rng(self.seed * 100003 + int(t * FPS))
        grow = min(1.0, 0.4 + (t - self.t_in) / 4)
        h = self.height * grow * (0.8 + 0.4 * rng.random())
        w = h * 0.5
        x0, y0 = int(self.foot[0] - w), int(self.foot[1] - h * 1.2)
        gw, gh = int(2 * w), int(h * 1.2)
        if gw < 4 or gh < 4:
            return None
        yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float32)
        u = (xx - gw / 2) / (w * (0.3 + 0.7 * (yy / gh) ** 0.8))
        v = 1 - yy / gh
        noise = cv2.resize(rng.random((6, 4)).astype(np.float32), (gw, gh), interpolation=cv2.INTER_CUBIC)
        heat = np.clip(1 - u**2 - 0.9 * v**1.5 + 0.35 * (noise - 0.5), 0, 1)
        colour = np.stack(
            [
                np.clip(255 * (heat - 0.5) * 2, 0, 255),
                np.clip(255 * heat**0.6, 0, 255),
                np.full_like(heat, 255.0),
            ],
            axis=2,
        )
        alpha = np.clip(heat * 2.5, 0, 1)[..., None]
        cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(M.W, x0 + gw), min(M.H, y0 + gh)
        if cx1 <= cx0 or cy1 <= cy0:
            return None
        region = canvas[cy0:cy1, cx0:cx1].astype(np.float32)
        c = colour[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
        a = alpha[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
        canvas[cy0:cy1, cx0:cx1] = np.clip(region * (1 - a) + c * a, 0, 255).astype(np.uint8)
        return (cx0, cy0, cx1 - cx0, cy1 - cy0)


# -- light -----------------------------------------------------------------------------------------------


@dataclass
class Light:
    kind: str  # ramp, switch, pool, sun, flicker, lamp
    t0: float
    amount: float = 0.3
    centre: tuple[float, float] = (320, 380)
    size: float = 90
    _mask: np.ndarray | None = None

    def gain(self, t: float) -> np.ndarray | float:
        if t < self.t0:
            return 1.0
        dt = t - self.t0
        if self.kind == "ramp":
            return 1 + self.amount * min(1.0, dt / 3)
        if self.kind == "switch":
            return 1 + self.amount
        if self.kind == "flicker":
            return 1 + (0.12 * math.sin(2 * math.pi * 4 * dt) if dt < 3 else 0.0)
        if self._mask is None:
            mask = np.zeros((M.H, M.W), np.float32)
            cx, cy = self.centre
            if self.kind == "sun":
                pts = np.array(
                    [
                        [cx - self.size, cy - self.size / 2],
                        [cx + self.size, cy - self.size / 2],
                        [cx + 1.4 * self.size, cy + self.size / 2],
                        [cx - 0.6 * self.size, cy + self.size / 2],
                    ],
                    np.int32,
                )
                cv2.fillPoly(mask, [pts], 1.0)
                mask = cv2.GaussianBlur(mask, (0, 0), 3)
            else:  # pool of light, or a warm lamp that comes on
                yy, xx = np.mgrid[0 : M.H, 0 : M.W]
                mask = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * self.size**2)).astype(np.float32)
            self._mask = mask
        fade = min(1.0, dt / (2.0 if self.kind == "sun" else 1.0))
        return 1 + self.amount * fade * self._mask


# -- clip ---------------------------------------------------------------------------------------------------


@dataclass
class Clip:
    name: str
    duration: float
    scene: M.Scene
    base: Callable[[float], np.ndarray]
    actors: list = field(default_factory=list)
    lights: list = field(default_factory=list)
    events: list = field(default_factory=list)  # exact labels
    config: dict = field(default_factory=dict)
    note: str = ""

    def frame(self, t: float, noise: np.ndarray) -> np.ndarray:
        """The composed frame at ``t``; ``noise``: int16 sensor noise to add."""
        canvas = self.base(t).copy()
        for actor in sorted(self.actors, key=lambda a: _depth(a, t)):  # far first, near last
            actor.draw(canvas, t)
        lit = [light for light in self.lights if t >= light.t0]
        if lit:
            image = canvas.astype(np.float32)
            for light in lit:
                g = light.gain(t)
                image *= g[..., None] if isinstance(g, np.ndarray) else g
                if light.kind == "lamp":  # a warm lamp tints what it lights
                    image[..., 2] += 40 * (g - 1) / max(light.amount, 1e-6)
            canvas = np.clip(image, 0, 255).astype(np.uint8)
        return np.clip(canvas.astype(np.int16) + noise, 0, 255).astype(np.uint8)

    def write(self, out: Path, fps: float = FPS, size: tuple[int, int] = (M.W, M.H)) -> Path:
        path = out / f"{self.name}.mp4"
        rng = np.random.default_rng(zlib.crc32(self.name.encode()))
        noise = [rng.normal(0, 1.5, (M.H, M.W, 3)).round().astype(np.int16) for _ in range(7)]
        with av.open(str(path), "w") as container:
            stream = container.add_stream("libx264", rate=Fraction(fps).limit_denominator(1000))
            stream.width, stream.height = size
            stream.pix_fmt = "yuv420p"
            stream.options = {"crf": "23", "preset": "veryfast", "threads": "1"}
            for i in range(int(self.duration * fps)):
                image = self.frame(i / fps, noise[i % len(noise)])
                if size != (M.W, M.H):
                    image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
                container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")))
            container.mux(stream.encode(None))
        return path


def _depth(actor, t: float) -> float:
    if isinstance(actor, Walker):
        return (actor.position(t) or (0, 0))[1]
    return actor.foot[1]


def abandoned(prop: Prop, end: float) -> dict:
    """The label of an object left on the floor: when it is there, and its box."""
    box = prop.draw(np.zeros((M.H, M.W, 3), np.uint8), prop.t_in)
    return {
        "type": "abandoned_object",
        "start_s": round(prop.t_in, 2),
        "end_s": round(end, 2),
        "bbox": list(box),
    }


def still(scene: M.Scene) -> Callable[[float], np.ndarray]:
    return lambda t: scene.image


def footage(frames: list[np.ndarray], start: int) -> Callable[[float], np.ndarray]:
    return lambda t: frames[min(len(frames) - 1, start + int(t * 10))]


def calibration(scene: M.Scene) -> dict:
    return {
        "near": {"y": scene.near[0], "ppm": scene.near[1]},
        "far": {"y": scene.far[0], "ppm": scene.far[1]},
    }


def base_config(name: str, scene: M.Scene, **extra) -> dict:
    config = {
        "camera": name,
        "calibration": calibration(scene),
        "dwell": {"abandoned_object_s": DWELL_ABANDONED},
    }
    config.update(extra)
    return config


# -- the scenario set ----------------------------------------------------------------------------------


def scenarios(mat: dict, quick: bool = False) -> list[Clip]:
    rng = random.Random(2024)
    scenes, people, room = mat["scenes"], mat["people"], mat["room"]
    objects = [o for o in mat["objects"] if o.height_m >= 0.25 and o.name != "bouteille"]  # luggage-sized
    room_scene = scenes["room"]
    clips: list[Clip] = []
    room_starts = [0, 200, 450, 700, 870, 1000, 1200]

    def floor_spot(
        scene: M.Scene, avoid_x: tuple[float, float] | None = None, near: bool = False
    ) -> tuple[float, float]:
        y0, y1 = scene.floor
        while True:
            x, y = rng.uniform(60, M.W - 60), rng.uniform(y0 + (0.5 * (y1 - y0) if near else 0), y1)
            if avoid_x is None or not avoid_x[0] <= x <= avoid_x[1]:
                return x, y

    def lights_for(i: int) -> list[Light]:
        kinds = ["ramp", "switch", "pool", "sun", "flicker"]
        k = kinds[i % len(kinds)]
        amount = {"ramp": -0.3, "switch": 0.35, "pool": 0.45, "sun": 0.4, "flicker": 0.0}[k]
        return [Light(k, rng.uniform(8, 25), amount, floor_spot(room_scene), rng.uniform(50, 110))]

    n = 2 if quick else 1
    # abandoned objects, real room footage with its real passers-by
    for i in range(0, 8, n):
        obj = objects[i % len(objects)]
        spot = (
            rng.choice([rng.uniform(70, 140), rng.uniform(500, 570)]),
            rng.uniform(440, 470),
        )  # far from the table
        t0 = rng.uniform(4, 10)
        t_out = 1e9 if i % 3 else rng.uniform(t0 + 25, t0 + 30)
        lights = lights_for(i) if i % 2 == 0 else []
        prop = Prop(obj, spot, obj.height_m * room_scene.ppm(spot[1]), t0, t_out)
        base = footage(room, room_starts[i % len(room_starts)])
        clip = Clip(f"abandon-{i:02d}", 45, room_scene, base, [prop], lights)
        clip.events = [abandoned(prop, min(t_out, 45))]
        clip.config = base_config(clip.name, room_scene)
        clip.note = f"{obj.name} posé à {t0:.1f} s" + (f", lumière {lights[0].kind}" if lights else "")
        clips.append(clip)
    # abandoned objects on still backgrounds with walkers
    for i, name in enumerate(["warehouse", "hall", "warehouse", "hall"][: 2 if quick else 4]):
        scene = scenes[name]
        obj = objects[(i + 2) % len(objects)]
        spot = floor_spot(scene, near=True)
        t0 = rng.uniform(3, 8)
        walkers = [
            Walker(
                people[j % len(people)],
                (-40, rng.uniform(*scene.floor)),
                (M.W + 40, rng.uniform(*scene.floor)),
                rng.uniform(0, 35),
                1.3,
                scene,
            )
            for j in range(5)
        ]
        prop = Prop(obj, spot, obj.height_m * scene.ppm(spot[1]), t0)
        clip = Clip(f"abandon-{name}-{i}", 40, scene, still(scene), [prop, *walkers])
        clip.events = [abandoned(prop, 40.0)]
        clip.config = base_config(clip.name, scene)
        clips.append(clip)
    # no abandoned object: light only, on the real room footage
    for i in range(0, 5, n):
        clip = Clip(
            f"lumiere-{i:02d}",
            45,
            room_scene,
            footage(room, room_starts[(i + 3) % len(room_starts)]),
            [],
            lights_for(i) + lights_for(i + 2),
        )
        clip.config = base_config(clip.name, room_scene)
        clip.note = "changements de lumière, passants réels"
        clips.append(clip)
    # no abandoned object: taken back before the dwell time, attended, removed (ghost)
    for i in range(0, 3, n):
        obj, spot, t0 = objects[i % len(objects)], floor_spot(room_scene, (250, 420)), rng.uniform(4, 10)
        clip = Clip(
            f"repris-{i:02d}",
            40,
            room_scene,
            footage(room, room_starts[i]),
            [Prop(obj, spot, obj.height_m * room_scene.ppm(spot[1]), t0, t0 + rng.uniform(4, 7))],
        )
        clip.config = base_config(clip.name, room_scene)
        clips.append(clip)
    for i in range(0, 2, n):
        visit = people[(i + 1) % len(people)]
        obj, spot = objects[(i + 3) % len(objects)], floor_spot(scenes["hall"])
        scene = scenes["hall"]
        owner = Prop(
            visit[len(visit) // 2],
            (spot[0] + 0.5 * scene.ppm(spot[1]), spot[1] + 2),
            1.7 * scene.ppm(spot[1]),
            2.0,
            1e9,
            sway=1.0,
        )
        clip = Clip(
            f"surveille-{i:02d}",
            40,
            scene,
            still(scene),
            [Prop(obj, spot, obj.height_m * scene.ppm(spot[1]), 2.0), owner],
        )
        clip.config = base_config(clip.name, scene)
        clips.append(clip)
    for i in range(0, 2, n):
        obj, spot = objects[(i + 1) % len(objects)], floor_spot(room_scene, (250, 420))
        clip = Clip(
            f"retire-{i:02d}",
            40,
            room_scene,
            footage(room, room_starts[i + 4]),
            [Prop(obj, spot, obj.height_m * room_scene.ppm(spot[1]), 0.0, rng.uniform(5, 10))],
        )
        clip.config = base_config(clip.name, room_scene)
        clips.append(clip)

    # intrusion into a forbidden zone (hall, warehouse)
    for i, name in enumerate(["hall", "warehouse", "hall", "warehouse"][: 2 if quick else 4]):
        scene = scenes[name]
        y0, y1 = scene.floor
        zone = [[420, y0 + 10], [630, y0 + 10], [630, y1], [420, y1]]
        inside = Walker(
            people[i % len(people)],
            (150, (y0 + y1) / 2),
            (600, (y0 + y1) / 2 + 20),
            rng.uniform(2, 5),
            1.3,
            scene,
        )
        outside = Walker(
            people[(i + 2) % len(people)], (380, y1 - 10), (20, y0 + 20), rng.uniform(1, 8), 1.3, scene
        )
        clip = Clip(f"intrusion-{i:02d}", 20, scene, still(scene), [inside, outside])
        times = [
            k / FPS for k in range(int(20 * FPS)) if (p := inside.position(k / FPS)) and 420 <= p[0] <= 630
        ]
        clip.events = (
            [{"type": "intrusion", "start_s": round(times[0], 2), "end_s": round(times[-1], 2)}]
            if times
            else []
        )
        clip.config = base_config(
            clip.name, scene, zones=[{"name": "voie", "kind": "forbidden", "polygon": zone}]
        )
        clips.append(clip)
    # wrong way in a corridor where the flow goes to the right
    for i, name in enumerate(["hall", "warehouse", "hall", "warehouse"][: 2 if quick else 4]):
        scene = scenes[name]
        y0, y1 = scene.floor
        walkers = [
            Walker(
                people[j % len(people)],
                (-30, rng.uniform(y0 + 20, y1 - 10)),
                (M.W + 30, rng.uniform(y0 + 20, y1 - 10)),
                rng.uniform(0, 16),
                1.3,
                scene,
            )
            for j in range(5)
        ]
        wrong = Walker(
            people[(i + 3) % len(people)],
            (M.W + 30, rng.uniform(y0 + 30, y1 - 20)),
            (-30, rng.uniform(y0 + 30, y1 - 20)),
            rng.uniform(3, 8),
            1.3,
            scene,
        )
        clip = Clip(f"sens-{i:02d}", 25, scene, still(scene), [*walkers, wrong])
        zone = [[40, y0], [600, y0], [600, y1], [40, y1]]
        times = [
            k / FPS for k in range(int(25 * FPS)) if (p := wrong.position(k / FPS)) and 40 <= p[0] <= 600
        ]
        clip.events = [{"type": "wrong_way", "start_s": round(times[0], 2), "end_s": round(times[-1], 2)}]
        clip.config = base_config(
            clip.name, scene, zones=[{"name": "couloir", "kind": "area", "polygon": zone, "direction": 0}]
        )
        clips.append(clip)
    # a crowd that grows in the hall until it is too dense
    for i in range(0, 2, n):
        scene = scenes["hall"]
        y0, y1 = scene.floor
        zone = [[140, y0 + 20], [500, y0 + 20], [500, y1 - 10], [140, y1 - 10]]
        mask = np.zeros((M.H, M.W), np.uint8)
        cv2.fillPoly(mask, [np.array(zone, np.int32)], 1)
        area = float(sum(mask[y].sum() / scene.ppm(y) ** 2 for y in range(M.H)))
        threshold = 1.0
        standers, when = [], None
        for k in range(40):
            x, y = rng.uniform(160, 480), rng.uniform(y0 + 40, y1 - 20)
            visit = people[k % len(people)]
            t_in = 2 + k * 0.9
            standers.append(
                Prop(visit[rng.randrange(len(visit))], (x, y), 1.7 * scene.ppm(y), t_in, 1e9, sway=1.0)
            )
            if when is None and (k + 1) / area > threshold:
                when = t_in
        clip = Clip(f"foule-{i:02d}", 45, scene, still(scene), standers)
        clip.events = [{"type": "crowd_density", "start_s": round(when, 2), "end_s": 45.0}] if when else []
        clip.config = base_config(
            clip.name,
            scene,
            zones=[{"name": "quai", "kind": "area", "polygon": zone}],
            density={"max_per_m2": threshold, "person_area_m2": 0.45, "min_people": 5},
        )
        clip.note = f"zone de {area:.1f} m², seuil {threshold} pers./m²"
        clips.append(clip)
    # a rush: many people running at once; and the same crowd walking
    for i, speed in enumerate([4.5, 1.3, 4.5][: 2 if quick else 3]):
        scene = scenes["warehouse"]
        y0, y1 = scene.floor
        t0 = rng.uniform(4, 7)
        runners = [
            Walker(
                people[j % len(people)],
                (-30 - rng.uniform(0, 120), rng.uniform(y0 + 80, y1 - 10)),
                (M.W + 40, rng.uniform(y0 + 80, y1 - 10)),
                t0 + rng.uniform(0, 0.6),
                speed,
                scene,
            )
            for j in range(9)
        ]
        clip = Clip(f"mouvement-{i:02d}", 20, scene, still(scene), runners)
        if speed > 3:
            last = max(k / FPS for k in range(int(20 * FPS)) if any(r.position(k / FPS) for r in runners))
            clip.events = [{"type": "crowd_movement", "start_s": round(t0, 2), "end_s": round(last, 2)}]
        clip.config = base_config(clip.name, scene, crowd={"run_speed_mps": 2.5, "min_people": 4})
        clips.append(clip)
    # fire starts; and look-alikes (a warm lamp, people in orange)
    for i, name in enumerate(["warehouse", "room", "hall"][: 2 if quick else 3]):
        scene = scenes[name]
        spot = floor_spot(scene, (250, 420) if name == "room" else None)
        t0 = rng.uniform(3, 6)
        base = footage(room, room_starts[i]) if name == "room" else still(scene)
        clip = Clip(f"feu-{i:02d}", 20, scene, base, [Flame(spot, 0.6 * scene.ppm(spot[1]), t0, i)])
        clip.events = [{"type": "fire", "start_s": round(t0, 2), "end_s": 20.0}]
        clip.config = base_config(clip.name, scene)
        clips.append(clip)
    for i in range(0, 2, n):
        scene = scenes["warehouse"]
        y0, y1 = scene.floor
        orange = [
            Walker(
                people[j % len(people)],
                (-30, rng.uniform(y0 + 40, y1)),
                (M.W + 30, rng.uniform(y0 + 40, y1)),
                rng.uniform(0, 12),
                1.3,
                scene,
                tint=(0.3, 0.75, 1.6),
            )
            for j in range(4)
        ]
        lamp = Light("lamp", rng.uniform(4, 10), 0.6, floor_spot(scene), 60)
        clip = Clip(f"leurre-feu-{i:02d}", 25, scene, still(scene), orange, [lamp])
        clip.config = base_config(clip.name, scene)
        clips.append(clip)
    # event-free footage: the whole real room clip, and walkers with light changes
    clip = Clip("passants-reels", len(room) / 10 - 0.2, room_scene, footage(room, 0))
    clip.config = base_config(clip.name, room_scene)
    clips.append(clip)
    for name in ["warehouse", "hall"][: 1 if quick else 2]:
        scene = scenes[name]
        y0, y1 = scene.floor
        walkers = [
            Walker(
                people[j % len(people)],
                (rng.choice([-30, M.W + 30]), rng.uniform(y0, y1)),
                (0, 0),
                0,
                1.3,
                scene,
            )
            for j in range(10)
        ]
        for j, w in enumerate(walkers):
            w.end = (M.W + 30 if w.start[0] < 0 else -30, rng.uniform(y0, y1))
            w.t_in = j * 5.5
        clip = Clip(
            f"calme-{name}",
            60,
            scene,
            still(scene),
            walkers,
            [Light("ramp", 15, -0.25), Light("switch", 40, 0.3)],
        )
        clip.config = base_config(clip.name, scene)
        clips.append(clip)
    return clips


def build(out: Path, quick: bool = False, only: str | None = None, cache: Path | None = None) -> Path:
    """Write every clip, its camera configuration and the labels file; returns the labels path."""
    out.mkdir(parents=True, exist_ok=True)
    mat = load_materials(cache or out)
    entries = []
    for clip in scenarios(mat, quick):
        if only and not clip.name.startswith(only):
            continue
        video = out / f"{clip.name}.mp4"
        if not video.is_file():
            clip.write(out)
        config = out / f"{clip.name}.yaml"
        config.write_text(yaml.safe_dump(clip.config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        entries.append(
            {
                "video": video.name,
                "config": config.name,
                "types": ALL_TYPES,
                "events": clip.events,
                "note": clip.note,
                "duration_s": clip.duration,
            }
        )
        print(f"{clip.name}: {clip.duration:.0f} s, {len(clip.events)} événements", flush=True)
    labels = out / "labels.json"
    labels.write_text(json.dumps({"clips": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "regia-video-scenarios")
    parser.add_argument("--quick", action="store_true", help="half of the clips")
    parser.add_argument("--only", help="only clips whose name starts with this")
    args = parser.parse_args()
    print(build(args.out, args.quick, args.only))


if __name__ == "__main__":
    main()
