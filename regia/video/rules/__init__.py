"""One rule per allowed event type. Each rule sees every analysed frame (``update``) and, when the
input ends, turns what it was about to confirm into events (``flush``)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from regia.video.camera import CameraConfig
from regia.video.events import Event
from regia.video.scene import Geometry, Scene


class Rule(ABC):
    type: str = ""

    def __init__(self, config: CameraConfig, geometry: Geometry):
        self.config = config
        self.geometry = geometry

    @abstractmethod
    def update(self, scene: Scene) -> list[Event]:
        """Events confirmed on this frame (rules extend ``end_s`` of their open events in place)."""

    def flush(self, t_end: float) -> list[Event]:
        """At the end of the input: pending situations that already look like events."""
        return []

    def event(
        self, start_s: float, end_s: float, confidence: float, box, zone: str | None = None, **details
    ) -> Event:
        return Event(
            self.type,
            start_s,
            end_s,
            max(0.0, min(1.0, confidence)),
            self.geometry.to_source(box),
            zone,
            self.config.camera,
            details=details,
        )


def build_rules(config: CameraConfig, geometry: Geometry) -> list[Rule]:
    from regia.video.rules.abandoned import AbandonedObjectRule
    from regia.video.rules.crowd_density import CrowdDensityRule
    from regia.video.rules.crowd_movement import CrowdMovementRule
    from regia.video.rules.fall import FallRule
    from regia.video.rules.fire import FireRule
    from regia.video.rules.intrusion import IntrusionRule
    from regia.video.rules.weapon import WeaponRule
    from regia.video.rules.wrong_way import WrongWayRule

    classes = {
        "abandoned_object": AbandonedObjectRule,
        "weapon": WeaponRule,
        "wrong_way": WrongWayRule,
        "intrusion": IntrusionRule,
        "fall": FallRule,
        "crowd_movement": CrowdMovementRule,
        "crowd_density": CrowdDensityRule,
        "fire": FireRule,
    }
    return [classes[t](config, geometry) for t in config.active_events]
