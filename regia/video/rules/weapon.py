"""Presence of a weapon, only through an object-detection ONNX model that the operator provides
(``onnx.model`` with ``onnx.weapon_classes``): no weapon model ships with Regia, and without one this
rule is off and the analysis report says so. Two detections of a weapon class at nearby places within
two seconds make an event."""

from __future__ import annotations

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene
from regia.video.tracking import iou


class WeaponRule(Rule):
    type = "weapon"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.classes = set(config.onnx.weapon_classes)
        self.sightings: list[tuple[float, tuple, float, str]] = []
        self.open: Event | None = None
        self.last_seen = -1e9

    def update(self, scene: Scene) -> list[Event]:
        if not scene.detector_ran:
            return []
        hits = [d for d in scene.detections if d.label in self.classes]
        self.sightings = [s for s in self.sightings if s[0] >= scene.t - 2.0]
        out = []
        for det in hits:
            self.last_seen = scene.t
            if self.open is not None:
                self.open.end_s = scene.t
                continue
            earlier = [s for s in self.sightings if iou(s[1], det.box) > 0 or s[3] == det.label]
            if earlier:
                start = min(s[0] for s in earlier)
                score = max([det.score] + [s[2] for s in earlier])
                self.open = self.event(start, scene.t, score, det.box, None, label=det.label)
                out.append(self.open)
            self.sightings.append((scene.t, det.box, det.score, det.label))
        if self.open is not None and scene.t - self.last_seen > 3.0:
            self.open = None
        return out
