"""Crowd movement: many people suddenly running together (a rush, a dispersal). Dense optical flow
on the moving pixels, turned into metres per second by the ground calibration; the people moving
faster than ``crowd.run_speed_mps`` are counted from their foreground area, and at least
``crowd.min_people`` of them for ``dwell.crowd_movement_s`` make an event."""

from __future__ import annotations

import cv2
import numpy as np

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene

SCALE = 2  # flow on a half-size work image


class CrowdMovementRule(Rule):
    type = "crowd_movement"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        w, h = geometry.work_size
        self.size = (w // SCALE, h // SCALE)
        rows = np.arange(self.size[1]) * SCALE
        self.ppm = np.array([geometry.ppm(y) / SCALE for y in rows])[:, None]  # half-size px per metre
        self.weights = geometry.people_per_pixel()
        self.prev: np.ndarray | None = None
        self.prev_t = 0.0
        self.since: float | None = None
        self.calm: float | None = None
        self.open: Event | None = None

    def update(self, scene: Scene) -> list[Event]:
        gray = cv2.resize(scene.fg.gray, self.size, interpolation=cv2.INTER_AREA).astype(np.uint8)
        prev, prev_t = self.prev, self.prev_t
        self.prev, self.prev_t = gray, scene.t
        moving_people = float((scene.fg.moving.sum(axis=1) / 255.0 * self.weights).sum())
        running = 0.0
        box = None
        if prev is not None and moving_people >= self.config.crowd.min_people and scene.t > prev_t:
            flow = cv2.calcOpticalFlowFarneback(prev, gray, None, 0.5, 2, 9, 2, 5, 1.1, 0)
            speed = np.hypot(flow[..., 0], flow[..., 1]) / self.ppm / (scene.t - prev_t)
            moving = cv2.resize(scene.fg.moving, self.size, interpolation=cv2.INTER_NEAREST) > 0
            fast = moving & (speed > self.config.crowd.run_speed_mps)
            running = float((fast.sum(axis=1) * SCALE * SCALE * self.weights[::SCALE][: self.size[1]]).sum())
            if fast.any():
                ys, xs = np.nonzero(fast)
                box = (
                    int(xs.min()) * SCALE,
                    int(ys.min()) * SCALE,
                    int(np.ptp(xs) + 1) * SCALE,
                    int(np.ptp(ys) + 1) * SCALE,
                )
        if running >= self.config.crowd.min_people:
            self.calm = None
            self.since = scene.t if self.since is None else self.since
            if self.open is not None:
                self.open.end_s = scene.t
            elif scene.t - self.since >= self.config.dwell.crowd_movement_s:
                confidence = min(1.0, 0.5 + 0.1 * (running - self.config.crowd.min_people))
                self.open = self.event(self.since, scene.t, confidence, box, None, people=round(running, 1))
                return [self.open]
        else:
            self.since = None
            self.calm = scene.t if self.calm is None else self.calm
            if self.open is not None and scene.t - self.calm >= 2.0:
                self.open = None
        return []
