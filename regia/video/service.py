"""What the CLI and the API call: analyse a file (optionally storing its events), watch a stream."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from regia.db import session_scope
from regia.video import store
from regia.video.camera import CameraConfig
from regia.video.events import Event
from regia.video.models import VideoEvent, utcnow
from regia.video.pipeline import AnalysisResult, analyze
from regia.video.recording import EventRecorder

log = logging.getLogger("regia.video")

PURGE_EVERY_S = 3600.0
HEARTBEAT_S = 5.0


def analyze_file(
    video: str | Path,
    config: CameraConfig,
    save: bool = False,
    progress: Callable[[float], None] | None = None,
) -> tuple[AnalysisResult, list[int]]:
    """Analyse a file; with ``save``, store its events with blurred snapshots and clips (all or nothing)."""
    if not save:
        return analyze(video, config, progress=progress), []
    store.purge()
    recorder = EventRecorder(store.media_root(), config)
    started_at = utcnow()
    try:
        result = analyze(video, config, on_event=recorder.start, on_frame=recorder.push, progress=progress)
        recorder.close()
        ids = store.record_events(result.events, config.camera, str(video), started_at)
    except BaseException:
        recorder.discard()  # nothing half-stored: no event, no file
        raise
    return result, ids


class _Live:
    """Stores events as they are confirmed and keeps their end time and the camera heartbeat current."""

    def __init__(self, config: CameraConfig, url: str, emit: Callable[[dict], None]):
        self.config = config
        self.url = url
        self.emit = emit
        self.recorder = EventRecorder(store.media_root(), config)
        self.started_at = utcnow()
        self.ids: dict[int, int] = {}  # id(event) -> row id
        self.open: list[Event] = []
        self.next_beat = 0.0
        self.next_purge = 0.0

    def on_event(self, event: Event, scene) -> None:
        self.recorder.start(event, scene)
        row_id = store.record_events([event], self.config.camera, self.url, self.started_at)[0]
        self.ids[id(event)] = row_id
        self.open.append(event)
        self.emit({"id": row_id, "camera": self.config.camera, **event.to_dict()})

    def on_frame(self, frame, scene) -> None:
        self.recorder.push(frame, scene)
        now = time.monotonic()
        if now >= self.next_beat:
            self.next_beat = now + HEARTBEAT_S
            store.heartbeat(self.config.camera, self.url)
            self._sync(scene.t)
        if now >= self.next_purge:
            self.next_purge = now + PURGE_EVERY_S
            store.purge()

    def _sync(self, t: float | None = None) -> None:
        """Write the end times and clip paths of recent events; forget those long over."""
        with session_scope() as s:
            for event in self.open:
                row = s.get(VideoEvent, self.ids[id(event)])
                if row is not None:
                    row.end_s = event.end_s
                    if event.clip and Path(event.clip).is_file():
                        row.clip = store.relative_media(event.clip)
        if t is not None:
            self.open = [e for e in self.open if e.end_s >= t - 60 or not (e.clip and Path(e.clip).is_file())]

    def close(self) -> None:
        self.recorder.close()
        self._sync()
        store.heartbeat(self.config.camera, self.url, watching=False)


def watch_stream(
    url: str,
    config: CameraConfig,
    emit: Callable[[dict], None],
    max_seconds: float | None = None,
) -> AnalysisResult:
    """Analyse a live stream until it ends for good, ``max_seconds`` pass or Ctrl-C; events are stored
    as they are confirmed and emitted as dicts."""
    live = _Live(config, url, emit)
    store.heartbeat(config.camera, url)
    try:
        result = analyze(url, config, on_event=live.on_event, on_frame=live.on_frame, max_seconds=max_seconds)
    finally:
        live.close()
    return result
