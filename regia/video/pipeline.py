"""The analysis pipeline: decode, foreground, detection, tracking, then one rule per event type."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2

from regia.video.background import BackgroundModel
from regia.video.camera import CameraConfig
from regia.video.descent import DescentCue
from regia.video.detectors import POSE_CLOSE, Detection, OnnxDetector, PoseEstimator, motion_blobs
from regia.video.events import Event
from regia.video.rules import build_rules
from regia.video.scene import Geometry, Scene
from regia.video.source import Frame, VideoSource
from regia.video.tracking import Tracker, foot

log = logging.getLogger("regia.video")

# ``pose: auto`` runs MediaPipe around the descent of a close person only (descent.py):
POSE_FPS = 10.0  # images a second while it runs (throughout with ``pose: always``)
POSE_HOLD_S = 0.5  # after the last downward motion, and for as long as the fall rule follows a descent
REPLAY_S = 1.5  # on waking, it first looks again at the frames of these last seconds (still standing)
REPLAY_FPS = 4.0  # ... at this rate
POSE_WIDTH = 640  # MediaPipe loses lying people on smaller images (smaller sources are enlarged)


@dataclass
class AnalysisResult:
    video: str
    duration_s: float
    frames: int
    fps_processed: float
    events: list[Event]
    camera: str
    frames_analysed: int = 0
    pose_images: int = 0  # images the pose detector looked at (around descents of close people)
    wall_s: float = 0.0
    rules: dict[str, str] = field(default_factory=dict)
    reconnections: int = 0

    def to_dict(self) -> dict:
        """The JSON of `regia video analyze --json` (contract fields first)."""
        return {
            "video": self.video,
            "duration_s": round(self.duration_s, 2),
            "frames": self.frames,
            "fps_processed": round(self.fps_processed, 1),
            "events": [e.to_dict() for e in self.events],
            "camera": self.camera,
            "frames_analysed": self.frames_analysed,
            "pose_images": self.pose_images,
            "wall_s": round(self.wall_s, 2),
            "realtime_factor": round(self.duration_s / self.wall_s, 1) if self.wall_s else None,
            "rules": self.rules,
        }


class Analyzer:
    """Feed frames with ``process``; call ``finish`` at the end of the input to flush pending events.

    ``on_event(event, scene)`` is called when an event is confirmed (recording, live display).
    """

    def __init__(self, config: CameraConfig, on_event: Callable[[Event, Scene], None] | None = None):
        self.config = config
        self.on_event = on_event
        self.geometry: Geometry | None = None
        self.background: BackgroundModel | None = None
        self.tracker = Tracker()
        self.rules = []
        self._fall = None  # the fall rule, which the pose detector serves
        self.events: list[Event] = []
        self.t = 0.0
        self.frames = 0
        self._pose: PoseEstimator | None = None
        self._pose_last = -1e9
        self._pose_active_until = -1.0
        self.pose_images = 0
        self._descent = DescentCue()
        self._recent: deque[Frame] = deque()  # the frames of the seconds before a descent
        self._onnx: OnnxDetector | None = None
        self._onnx_next = 0.0
        self.last_scene: Scene | None = None

    def _setup(self, frame: Frame) -> None:
        self.geometry = Geometry.build(self.config, frame.width, frame.height)
        fps = self.config.fps or 12.5
        self.background = BackgroundModel(fps, self.config.sensitivity)
        self.rules = build_rules(self.config, self.geometry)
        self._fall = next((r for r in self.rules if r.type == "fall"), None)
        if self.config.onnx is not None and (
            self.config.detector == "onnx" or "weapon" in self.config.active_events
        ):
            o = self.config.onnx
            self._onnx = OnnxDetector(o.model, o.classes, o.score_threshold)
        ww, wh = self.geometry.work_size
        self.min_area = max(12, int((0.0012 - 0.0008 * self.config.sensitivity) * ww * wh))

    # -- detectors -------------------------------------------------------------------------------

    def _pose_frames(self, frame: Frame, blobs: list[Detection], moving) -> list[Frame]:
        """The frames the pose detector looks at now, oldest first: none, this one, or with ``pose:
        auto`` on a descent, the frames of the last seconds then this one."""
        mode = self.config.pose
        if mode == "off" or self._fall is None:
            return []
        frames = []
        if mode == "auto":
            ww, wh = self.geometry.work_size
            close = [b for b in blobs if b.box[3] >= POSE_CLOSE * wh]
            if self._descent(frame.t, frame.gray(ww, wh), moving, close):
                if frame.t >= self._pose_active_until:
                    frames = [f for f in self._recent if f.t > self._pose_last + 1e-6]
                self._pose_active_until = frame.t + POSE_HOLD_S
            if not self._recent or frame.t - self._recent[-1].t + 1e-6 >= 1.0 / REPLAY_FPS:
                self._recent.append(frame)
            while self._recent[0].t < frame.t - REPLAY_S:
                self._recent.popleft()
        due = mode == "always" or frame.t < self._pose_active_until or self._fall.following(frame.t)
        if due and frame.t - self._pose_last + 1e-6 >= 1.0 / POSE_FPS:
            frames.append(frame)
        if frames:
            self._pose_last = frames[-1].t
        return frames

    def _run_onnx(self, frame: Frame, t: float) -> list[Detection] | None:
        if self._onnx is None:
            return None
        rate = (self.config.fps or 12.5) if self.config.detector == "onnx" else self.config.onnx.fps
        if t + 1e-6 < self._onnx_next:
            return None
        self._onnx_next = t + 1.0 / rate
        ww, wh = self.geometry.work_size
        detections = self._onnx(frame.rgb(frame.width, frame.height))
        s = 1.0 / self.geometry.scale
        return [
            Detection(
                (
                    round(d.box[0] * s),
                    round(d.box[1] * s),
                    max(1, round(d.box[2] * s)),
                    max(1, round(d.box[3] * s)),
                ),
                d.label,
                d.score,
            )
            for d in detections
        ]

    # -- main loop -------------------------------------------------------------------------------

    def process(self, frame: Frame) -> list[Event]:
        if self.geometry is None:
            self._setup(frame)
        self.t = frame.t
        self.frames += 1
        ww, wh = self.geometry.work_size
        fg = self.background.update(frame.gray(ww, wh))
        if self.geometry.ignore is not None:
            cv2.bitwise_and(fg.moving, cv2.bitwise_not(self.geometry.ignore), dst=fg.moving)
            cv2.bitwise_and(fg.changed, cv2.bitwise_not(self.geometry.ignore), dst=fg.changed)
        blobs = motion_blobs(fg.moving, self.min_area)
        detections = self._run_onnx(frame, frame.t)
        if self.config.detector == "onnx":
            o = self.config.onnx
            kinds = set(o.person_classes) | set(o.vehicle_classes)
            tracks = (
                self.tracker.update(frame.t, [d for d in detections or [] if d.label in kinds])
                if detections is not None
                else []
            )
        else:
            tracks = self.tracker.update(frame.t, blobs)
        scene = Scene(
            frame.t, frame, self.geometry, fg, blobs, tracks, self.background, detections=detections or []
        )
        scene.detector_ran = detections is not None
        for posed in self._pose_frames(frame, blobs, fg.moving):
            if self._pose is None:
                self._pose = PoseEstimator()
            pw, ph = POSE_WIDTH, round(posed.height * POSE_WIDTH / posed.width / 2) * 2
            observation = self._pose(posed.rgb(pw, ph), posed.t, (ww, wh))
            self.pose_images += 1
            if posed is frame:
                scene.pose = observation
            elif observation is not None:
                scene.earlier_poses.append(observation)
        new = []
        for rule in self.rules:
            new.extend(rule.update(scene))
        for event in new:
            self._announce(event, scene)
        self.last_scene = scene
        return new

    def _announce(self, event: Event, scene: Scene | None) -> None:
        if event.zone is None and self.geometry is not None:
            s = self.geometry.scale
            x, y = foot(event.bbox)
            zone = self.geometry.zone_at(x / s, min(y / s, self.geometry.work_size[1] - 1))
            event.zone = zone.name if zone else None
        self.events.append(event)
        if self.on_event is not None and scene is not None:
            self.on_event(event, scene)

    def finish(self) -> list[Event]:
        """End of input: pending situations become events; open events end now."""
        flushed = []
        for rule in self.rules:
            flushed.extend(rule.flush(self.t))
        for event in flushed:
            self._announce(event, self.last_scene)
        for event in self.events:
            event.end_s = max(event.start_s, min(event.end_s, self.t))
        if self._pose is not None:
            self._pose.close()
            self._pose = None
        self.events.sort(key=lambda e: (e.start_s, e.type))
        return flushed

    def inactive_rules(self) -> dict[str, str]:
        status = {t: "actif" for t in self.config.active_events}
        status.update(self.config.inactive_reasons())
        return status


def analyze(
    video: str | Path,
    config: CameraConfig,
    on_event: Callable[[Event, Scene], None] | None = None,
    on_frame: Callable[[Frame, Scene], None] | None = None,
    max_seconds: float | None = None,
    progress: Callable[[float], None] | None = None,
) -> AnalysisResult:
    """Analyse a whole file (or a stream until it ends or ``max_seconds``)."""
    rc = config.reconnect
    source = VideoSource(
        video,
        config.fps,
        backend=config.backend,
        max_attempts=rc.max_attempts,
        backoff_max_s=rc.backoff_max_s,
        timeout_s=rc.timeout_s,
        max_seconds=max_seconds,
    )
    analyzer = Analyzer(config, on_event)
    started = time.perf_counter()
    try:
        for frame in source:
            analyzer.process(frame)
            if on_frame is not None and analyzer.last_scene is not None:
                on_frame(frame, analyzer.last_scene)
            if progress is not None:
                progress(frame.t)
    except KeyboardInterrupt:
        log.warning("analyse interrompue : les événements en cours sont clos")
    analyzer.t = max(analyzer.t, source.duration_s)
    analyzer.finish()
    wall = time.perf_counter() - started
    return AnalysisResult(
        video=str(video),
        duration_s=source.duration_s,
        frames=source.frames_read,
        fps_processed=source.frames_read / wall if wall > 0 else 0.0,
        events=analyzer.events,
        camera=config.camera,
        frames_analysed=source.frames_yielded,
        pose_images=analyzer.pose_images,
        wall_s=wall,
        rules=analyzer.inactive_rules(),
        reconnections=source.reconnections,
    )
