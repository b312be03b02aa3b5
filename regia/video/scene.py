"""What every rule sees of one analysed frame, in work pixels (the small analysis image)."""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from regia.video.background import BackgroundModel, Foreground
from regia.video.camera import CameraConfig
from regia.video.detectors import Box, Detection, PoseObservation
from regia.video.source import Frame
from regia.video.tracking import Track


@dataclass
class WorkZone:
    name: str
    kind: str
    direction: float | None
    polygon: np.ndarray  # int32 (n, 2) in work pixels
    mask: np.ndarray  # uint8 0/255

    def contains(self, x: float, y: float) -> bool:
        return cv2.pointPolygonTest(self.polygon.astype(np.float32), (float(x), float(y)), False) >= 0


@dataclass
class Geometry:
    """Image sizes, zones and calibration brought to the work image."""

    config: CameraConfig
    src_size: tuple[int, int]
    work_size: tuple[int, int]
    zones: list[WorkZone] = field(default_factory=list)
    ignore: np.ndarray | None = None  # uint8 mask of the ignored areas

    @classmethod
    def build(cls, config: CameraConfig, width: int, height: int) -> Geometry:
        config.check_frame(width, height)
        ww = min(config.work_width, width)
        wh = max(2, round(height * ww / width / 2) * 2)
        geometry = cls(config, (width, height), (ww, wh))
        s = ww / width
        ignore = np.zeros((wh, ww), np.uint8)
        for zone in config.zones:
            poly = np.round(np.array(zone.polygon, dtype=np.float64) * s).astype(np.int32)
            mask = np.zeros((wh, ww), np.uint8)
            cv2.fillPoly(mask, [poly], 255)
            geometry.zones.append(WorkZone(zone.name, zone.kind, zone.direction, poly, mask))
            if zone.kind == "ignore":
                ignore |= mask
        geometry.ignore = ignore if ignore.any() else None
        return geometry

    @property
    def scale(self) -> float:
        """Source pixels per work pixel."""
        return self.src_size[0] / self.work_size[0]

    def to_source(self, box: Box) -> Box:
        s = self.scale
        x, y, w, h = box
        return (round(x * s), round(y * s), max(1, round(w * s)), max(1, round(h * s)))

    def ppm(self, y_work: float) -> float | None:
        """Work pixels per metre on the ground at work row ``y_work`` (None without calibration)."""
        calibration = self.config.calibration
        if calibration is None:
            return None
        return calibration.ppm(y_work * self.scale) / self.scale

    def people_per_pixel(self) -> np.ndarray | None:
        """Per work row: how many people one foreground pixel stands for (None without calibration)."""
        if self.config.calibration is None:
            return None
        rows = np.arange(self.work_size[1], dtype=np.float64)
        ppm = np.array([self.ppm(y) for y in rows])
        return 1.0 / (self.config.density.person_area_m2 * ppm**2)

    def square_metres(self, mask: np.ndarray) -> float:
        """Ground area covered by a work mask, from the calibration."""
        rows = np.arange(self.work_size[1], dtype=np.float64)
        ppm = np.array([self.ppm(y) for y in rows])
        return float(((mask > 0).sum(axis=1) / ppm**2).sum())

    def zone_at(
        self, x: float, y: float, kinds: tuple[str, ...] = ("forbidden", "sensitive", "area")
    ) -> WorkZone | None:
        for zone in self.zones:
            if zone.kind in kinds and zone.contains(x, y):
                return zone
        return None


@dataclass
class Scene:
    t: float
    frame: Frame
    geometry: Geometry
    fg: Foreground
    blobs: list[Detection]  # moving regions
    tracks: list[Track]  # tracks seen on this frame
    background: BackgroundModel | None = None
    pose: PoseObservation | None = None
    earlier_poses: list[PoseObservation] = field(default_factory=list)  # recent frames looked at again
    detections: list[Detection] = field(default_factory=list)  # ONNX model output, when run
    detector_ran: bool = False

    @property
    def work_size(self) -> tuple[int, int]:
        return self.geometry.work_size

    def bgr(self) -> np.ndarray:
        w, h = self.geometry.work_size
        return self.frame.bgr(w, h)
