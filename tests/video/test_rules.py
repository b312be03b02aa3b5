"""Intrusion, wrong way, crowd density, crowd movement and fire on scenes composed from a real room
and a real person: each event where it happens, and nothing for its look-alikes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from regia.video.camera import parse_config
from regia.video.pipeline import analyze

pytestmark = pytest.mark.slow

# a farther view of the floor than the room really is, so that a crowd fits: people are drawn to it
CALIBRATION = {"near": {"y": 235, "ppm": 40}, "far": {"y": 120, "ppm": 20}}


def ppm(y: float) -> float:
    return 20 + 20 * (y - 120) / 115


def types(path, config: dict) -> list:
    return analyze(path, parse_config({"camera": "test", **config})).events


def walk(draw, person, canvas, t, start, end, t0, seconds):
    pos = draw.walker(t, start, end, t0, seconds)
    if pos is not None:
        draw.paste(canvas, *person, pos, int(1.7 * ppm(pos[1])))


def test_intrusion_into_a_forbidden_zone(room, person, compose, draw):
    zone = {"name": "voies", "kind": "forbidden", "polygon": [[200, 150], [319, 150], [319, 239], [200, 239]]}
    config = {"zones": [zone], "events": ["intrusion"], "calibration": CALIBRATION}

    def crossing(canvas, t):  # 4 s from x=20 to x=300 along y=200: inside the zone from t=1+4*180/280
        walk(draw, person, canvas, t, (20, 200), (300, 200), 1.0, 4.0)

    events = types(compose("intrusion", room, 7, crossing), config)
    assert [(e.type, e.zone) for e in events] == [("intrusion", "voies")]
    assert 3.2 <= events[0].start_s <= 4.2

    def outside(canvas, t):
        walk(draw, person, canvas, t, (20, 200), (170, 215), 1.0, 4.0)

    assert types(compose("dehors", room, 7, outside), config) == []


def test_wrong_way_in_a_one_way_corridor(room, person, compose, draw):
    corridor = {
        "name": "couloir",
        "kind": "area",
        "direction": 0,
        "polygon": [[10, 140], [310, 140], [310, 238], [10, 238]],
    }
    config = {"zones": [corridor], "events": ["wrong_way"], "calibration": CALIBRATION}

    def along(canvas, t):
        walk(draw, person, canvas, t, (20, 190), (300, 195), 0.5, 5.0)

    assert types(compose("sens-ok", room, 7, along), config) == []

    def against(canvas, t):
        walk(draw, person, canvas, t, (300, 195), (20, 190), 0.5, 5.0)

    events = types(compose("contresens", room, 7, against), config)
    assert [(e.type, e.zone) for e in events] == [("wrong_way", "couloir")]
    assert events[0].start_s <= 3.0


def test_growing_crowd_is_too_dense(room, person, compose, draw):
    rng = np.random.default_rng(3)
    spots = [(rng.uniform(60, 260), rng.uniform(170, 232)) for _ in range(30)]
    zone = {"name": "quai", "kind": "area", "polygon": [[40, 140], [280, 140], [280, 238], [40, 238]]}
    config = {
        "zones": [zone],
        "events": ["crowd_density"],
        "calibration": CALIBRATION,
        "density": {"max_per_m2": 0.4, "person_area_m2": 0.45, "min_people": 5},
        "dwell": {"crowd_s": 2},
    }

    def crowd(canvas, t):  # one more person every 0.4 s from t=1
        for x, y in sorted(spots[: max(0, int((t - 1) / 0.4))], key=lambda p: p[1]):
            draw.paste(canvas, *person, (x, y + math.sin(3 * t + x)), int(1.7 * ppm(y)))

    events = types(compose("foule", room, 14, crowd), config)
    assert [e.type for e in events] == ["crowd_density"]
    assert events[0].zone == "quai" and events[0].details["people"] >= 5


def test_a_rush_is_a_crowd_movement_and_a_walk_is_not(room, person, compose, draw):
    config = {"events": ["crowd_movement"], "calibration": CALIBRATION, "crowd": {"min_people": 4}}
    rows = [150, 165, 180, 195, 210, 225, 170, 200]

    def group(speed_mps):
        def scene(canvas, t):
            for i, y in enumerate(rows):
                seconds = 300 / ppm(y) / speed_mps
                walk(draw, person, canvas, t, (10 - 12 * i, y), (310 - 12 * i, y), 1.0, seconds)

        return scene

    events = types(compose("ruee", room, 5, group(5.0)), config)
    assert [e.type for e in events] == ["crowd_movement"]
    assert types(compose("marche", room, 8, group(1.2)), config) == []


def flame(canvas, t, centre=(240, 215), height=40):
    """A flickering flame: a hot white-yellow core in an orange-red body (no real fire clip exists)."""
    rng = np.random.default_rng(int(t * 10))
    h = height * (0.75 + 0.5 * rng.random())
    yy, xx = np.mgrid[0 : canvas.shape[0], 0 : canvas.shape[1]]
    u = (xx - centre[0] - 3 * rng.standard_normal()) / (0.3 * h)
    v = (centre[1] - yy) / h
    heat = np.clip(1 - u**2 - v**2 * 1.2 + 0.3 * rng.random(canvas.shape[:2]) - 0.15, 0, 1) * (v > -0.1)
    colour = np.stack(
        [np.clip(510 * (heat - 0.5), 0, 255), np.clip(255 * heat**0.6, 0, 255), np.full(heat.shape, 255.0)], 2
    )
    a = np.clip(2.5 * heat, 0, 1)[..., None]
    canvas[:] = (canvas * (1 - a) + colour * a).astype(np.uint8)


def test_fire_start_and_its_look_alikes(room, person, compose, draw):
    config = {"events": ["fire"]}
    events = types(compose("feu", room, 8, lambda c, t: flame(c, t) if t >= 2 else None), config)
    assert [e.type for e in events] == ["fire"] and 2 <= events[0].start_s <= 4

    def lamp(canvas, t):  # a warm lamp comes on and stays: colour without flicker
        if t >= 2:
            draw.light(canvas, draw.light_pool((240, 200), 25, 0.6))
            canvas[..., 2] = np.clip(canvas[..., 2].astype(np.int16) + 40, 0, 255).astype(np.uint8)

    orange = (person[0] * np.array([0.3, 0.75, 1.6])).clip(0, 255).astype(np.uint8), person[1]

    def orange_walker(canvas, t):
        walk(draw, orange, canvas, t, (10, 200), (310, 205), 0.5, 5.0)

    assert types(compose("lampe", room, 8, lamp), config) == []
    assert types(compose("gilet", room, 7, orange_walker), config) == []
