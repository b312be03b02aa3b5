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
CALM_S = 2.0  # after this long with nobody against the flow, the next one is a new event


class WrongWayRule(Rule):
    type = "wrong_way"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.zones = [z for z in geometry.zones if z.direction is not None]
        self.state = {z.name: {"since": None, "last": None, "event": None, "cos": []} for z in self.zones}

    def _min_speed(self, y: float) -> float:
        ppm = self.geometry.ppm(y)
        if ppm is not None:
            return MIN_SPEED_MPS * ppm
        return 0.04 * self.geometry.work_size[1]  # px/s: a twenty-fifth of the image height per second

    def update(self, scene: Scene) -> list[Event]:
        """One event per zone while someone goes against its direction (a broken track is no new alert)."""
        out = []
        for zone in self.zones:
            state = self.state[zone.name]
            against = self._against(scene, zone)
            if against:
                track, cos, span = min(against, key=lambda a: a[1])
                state["since"] = scene.t - span if state["since"] is None else state["since"]
                state["last"] = scene.t
                state["cos"].append(cos)
                event = state["event"]
                if event is not None:
                    event.end_s, event.bbox = scene.t, self.geometry.to_source(track.box)
                elif scene.t - state["since"] >= self.config.dwell.wrong_way_s:
                    steadiness = -sum(state["cos"]) / len(state["cos"])
                    state["event"] = self.event(
                        state["since"], scene.t, 0.4 + 0.6 * steadiness, track.box, zone.name
                    )
                    out.append(state["event"])
            elif state["last"] is not None and scene.t - state["last"] > CALM_S:
                state.update(since=None, last=None, event=None, cos=[])
        return out

    def _against(self, scene: Scene, zone) -> list:
        """(track, cosine to the allowed direction, seconds of history) of those going the wrong way."""
        out = []
        a = math.radians(zone.direction)
        for track in scene.tracks:
            if track.hits < MIN_HITS:
                continue
            x, y = foot(track.box)
            if not zone.contains(x, min(y, scene.work_size[1] - 1)):
                continue
            vx, vy, span = track.velocity(1.0)
            speed = math.hypot(vx, vy)
            if span < 0.5 or speed < self._min_speed(y):
                continue
            cos = (vx * math.cos(a) + vy * math.sin(a)) / speed
            if cos <= COS_AGAINST:
                out.append((track, cos, span))
        return out
