"""A person or vehicle entering a forbidden or sensitive zone: its foot point (bottom centre of the
tracked box) stays inside the zone for ``dwell.intrusion_s``."""

from __future__ import annotations

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene
from regia.video.tracking import foot

MIN_HITS = 3  # a region seen on fewer analysed frames is noise


class IntrusionRule(Rule):
    type = "intrusion"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.zones = [z for z in geometry.zones if z.kind in ("forbidden", "sensitive")]
        self.inside: dict[tuple[int, str], dict] = {}  # (track, zone) -> since, last, event

    def update(self, scene: Scene) -> list[Event]:
        out = []
        for track in scene.tracks:
            if track.hits < MIN_HITS:
                continue
            x, y = foot(track.box)
            for zone in self.zones:
                if not zone.contains(x, min(y, scene.work_size[1] - 1)):
                    continue
                state = self.inside.setdefault((track.id, zone.name), {"since": scene.t, "event": None})
                state["last"], state["box"] = scene.t, track.box
                event = state["event"]
                if event is not None:
                    event.end_s, event.bbox = scene.t, self.geometry.to_source(track.box)
                elif scene.t - state["since"] >= self.config.dwell.intrusion_s:
                    confidence = 0.6 + 0.4 * min(1.0, track.hits / 10)
                    state["event"] = self.event(
                        state["since"], scene.t, confidence, track.box, zone.name, zone_kind=zone.kind
                    )
                    out.append(state["event"])
        for key in [k for k, s in self.inside.items() if scene.t - s["last"] > 1.0]:
            del self.inside[key]
        return out

    def flush(self, t_end: float) -> list[Event]:
        """An intrusion seen just before the end, shorter than the dwell, is still reported."""
        out = []
        for (_track, zone), state in self.inside.items():
            if state["event"] is None and state["last"] > state["since"]:
                event = self.event(state["since"], state["last"], 0.5, state["box"], zone)
                out.append(event)
        return out
