"""Excessive density of people: the people in a zone (or the whole image), counted from the
foreground area through the ground calibration, exceed ``density.max_per_m2`` (and at least
``density.min_people``) or ``density.max_people``, for ``dwell.crowd_s``."""

from __future__ import annotations

from collections import deque

import numpy as np

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene


class CrowdDensityRule(Rule):
    type = "crowd_density"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        zones = [z for z in geometry.zones if z.kind in ("area", "sensitive", "forbidden")]
        full = np.full((geometry.work_size[1], geometry.work_size[0]), 255, np.uint8)
        if geometry.ignore is not None:
            full[geometry.ignore > 0] = 0
        self.zones = [(z.name, z.mask) for z in zones] or [(None, full)]
        self.weights = geometry.people_per_pixel()
        self.areas = [max(geometry.square_metres(mask), 1e-6) for _, mask in self.zones]
        self.state = [
            {"history": deque(maxlen=16), "since": None, "below": None, "event": None} for _ in self.zones
        ]

    def _too_dense(self, people: float, area: float) -> bool:
        d = self.config.density
        if d.max_people is not None and people > d.max_people:
            return True
        return people >= d.min_people and people / area > d.max_per_m2

    def update(self, scene: Scene) -> list[Event]:
        out = []
        present = np.maximum(scene.fg.changed, scene.fg.moving)
        for (name, mask), area, state in zip(self.zones, self.areas, self.state, strict=True):
            inside = (present & mask) > 0
            people = float((inside.sum(axis=1) * self.weights).sum())
            state["history"].append(people)
            people = float(np.median(state["history"]))
            event = state["event"]
            if self._too_dense(people, area):
                state["since"] = scene.t if state["since"] is None else state["since"]
                state["below"] = None
                if event is not None:
                    event.end_s = scene.t
                    event.details["people"] = max(event.details["people"], round(people, 1))
                elif scene.t - state["since"] >= self.config.dwell.crowd_s:
                    ys, xs = np.nonzero(inside)
                    box = (int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)
                    excess = people / area / self.config.density.max_per_m2
                    state["event"] = self.event(
                        state["since"],
                        scene.t,
                        min(1.0, 0.5 + 0.5 * (excess - 1)),
                        box,
                        name,
                        people=round(people, 1),
                        per_m2=round(people / area, 2),
                    )
                    out.append(state["event"])
            else:
                state["since"] = None
                state["below"] = scene.t if state["below"] is None else state["below"]
                if event is not None and scene.t - state["below"] >= 2.0:
                    state["event"] = None
        return out
