"""A person or vehicle entering a forbidden or sensitive zone: the foot point (bottom centre of the
box) of a tracked region stays inside the zone for ``dwell.intrusion_s``. One event per zone and
occupation: it lasts while someone is inside and ends a second after the zone is empty again, so a
track that breaks in two does not raise a second alert."""

from __future__ import annotations

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene
from regia.video.tracking import foot

MIN_HITS = 3  # a region seen on fewer analysed frames is noise
EMPTY_S = 1.0


class IntrusionRule(Rule):
    type = "intrusion"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.zones = [z for z in geometry.zones if z.kind in ("forbidden", "sensitive")]
        self.state = {z.name: {"since": None, "last": None, "box": None, "event": None} for z in self.zones}

    def update(self, scene: Scene) -> list[Event]:
        out = []
        bottom = scene.work_size[1] - 1
        for zone in self.zones:
            state = self.state[zone.name]
            inside = [
                tr
                for tr in scene.tracks
                if tr.hits >= MIN_HITS and zone.contains(foot(tr.box)[0], min(foot(tr.box)[1], bottom))
            ]
            if inside:
                box = max(inside, key=lambda tr: tr.box[2] * tr.box[3]).box
                state["since"] = scene.t if state["since"] is None else state["since"]
                state["last"], state["box"] = scene.t, box
                event = state["event"]
                if event is not None:
                    event.end_s, event.bbox = scene.t, self.geometry.to_source(box)
                elif scene.t - state["since"] >= self.config.dwell.intrusion_s:
                    confidence = 0.6 + 0.4 * min(1.0, max(tr.hits for tr in inside) / 10)
                    state["event"] = self.event(
                        state["since"], scene.t, confidence, box, zone.name, zone_kind=zone.kind
                    )
                    out.append(state["event"])
            elif state["last"] is not None and scene.t - state["last"] > EMPTY_S:
                state.update(since=None, last=None, box=None, event=None)
        return out

    def flush(self, t_end: float) -> list[Event]:
        """An intrusion seen just before the end, shorter than the dwell, is still reported."""
        out = []
        for zone, state in self.state.items():
            if state["event"] is None and state["last"] is not None and state["last"] > state["since"]:
                out.append(self.event(state["since"], state["last"], 0.5, state["box"], zone))
        return out
