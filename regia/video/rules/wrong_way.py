"""A person or vehicle going against the common direction: inside a zone that carries an allowed
direction, a tracked region moves the other way (more than 120 degrees off) at walking speed or more,
steadily, for ``dwell.wrong_way_s``."""

from __future__ import annotations

import math

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene
from regia.video.tracking import foot

MIN_HITS = 4
MIN_SPEED_MPS = 0.4
COS_AGAINST = -0.5  # 120 degrees


class WrongWayRule(Rule):
    type = "wrong_way"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.zones = [z for z in geometry.zones if z.direction is not None]
        self.against: dict[int, dict] = {}

    def _min_speed(self, y: float) -> float:
        ppm = self.geometry.ppm(y)
        if ppm is not None:
            return MIN_SPEED_MPS * ppm
        return 0.04 * self.geometry.work_size[1]  # px/s: a twenty-fifth of the image height per second

    def update(self, scene: Scene) -> list[Event]:
        out = []
        seen = set()
        for track in scene.tracks:
            if track.hits < MIN_HITS:
                continue
            x, y = foot(track.box)
            zone = next((z for z in self.zones if z.contains(x, min(y, scene.work_size[1] - 1))), None)
            if zone is None:
                continue
            vx, vy, span = track.velocity(1.0)
            speed = math.hypot(vx, vy)
            if span < 0.5 or speed < self._min_speed(y):
                continue
            a = math.radians(zone.direction)
            cos = (vx * math.cos(a) + vy * math.sin(a)) / speed
            if cos > COS_AGAINST:
                continue
            seen.add(track.id)
            state = self.against.setdefault(track.id, {"since": scene.t - span, "event": None, "cos": []})
            state["last"] = scene.t
            state["cos"].append(cos)
            if state["event"] is not None:
                state["event"].end_s = scene.t
                state["event"].bbox = self.geometry.to_source(track.box)
            elif scene.t - state["since"] >= self.config.dwell.wrong_way_s:
                steadiness = -sum(state["cos"]) / len(state["cos"])
                state["event"] = self.event(
                    state["since"], scene.t, 0.4 + 0.6 * steadiness, track.box, zone.name
                )
                out.append(state["event"])
        for track_id in [k for k, s in self.against.items() if k not in seen and scene.t - s["last"] > 0.5]:
            del self.against[track_id]
        return out
