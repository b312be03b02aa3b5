"""Abandoned objects on a real empty room with a real object (a plastic chair): found when it stays,
not for light changes, an object taken back, or an object taken away (ghost)."""

from __future__ import annotations

import pytest

from regia.video.camera import parse_config
from regia.video.pipeline import analyze

pytestmark = pytest.mark.slow

CONFIG = {
    "camera": "salle",
    "events": ["abandoned_object"],
    "dwell": {"abandoned_object_s": 6},
    "calibration": {"near": {"y": 235, "ppm": 117}, "far": {"y": 135, "ppm": 75}},
}
SPOT, HEIGHT = (60, 232), 95


def run(path):
    return [e for e in analyze(path, parse_config(CONFIG)).events if e.type == "abandoned_object"]


def lights(draw, canvas, t):
    """A ramp, a light switched on, then a pool of light that stays."""
    if t >= 4:
        draw.light(canvas, 1 - 0.25 * min(1.0, (t - 4) / 3))
    if t >= 10:
        draw.light(canvas, 1.35)
    if t >= 15:
        draw.light(canvas, draw.light_pool((220, 200), 35, 0.5))


def test_object_left_is_reported_despite_light_changes(room, chair, compose, draw):
    def scene(canvas, t):
        if t >= 3:
            draw.paste(canvas, *chair, SPOT, HEIGHT)
        lights(draw, canvas, t)

    found = run(compose("posee", room, 24, scene))
    assert len(found) == 1
    event = found[0]
    assert 3 <= event.start_s <= 6 and event.end_s >= 20
    x, y, w, h = event.bbox
    assert x <= SPOT[0] <= x + w and y <= SPOT[1] <= y + h + 10  # around the chair


def test_light_changes_alone_raise_nothing(room, compose, draw):
    found = analyze(
        compose("lumiere", room, 24, lambda c, t: lights(draw, c, t)), parse_config(CONFIG)
    ).events
    assert found == []


def test_object_taken_back_before_the_dwell_time(room, chair, compose, draw):
    def scene(canvas, t):
        if 3 <= t < 7:
            draw.paste(canvas, *chair, SPOT, HEIGHT)

    assert run(compose("reprise", room, 20, scene)) == []


def test_object_taken_away_leaves_no_ghost_alert(room, chair, compose, draw):
    def scene(canvas, t):
        if t < 4:
            draw.paste(canvas, *chair, SPOT, HEIGHT)

    assert run(compose("fantome", room, 20, scene)) == []
