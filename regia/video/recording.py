"""Event snapshots and short clips, blurred, written atomically (temporary name, then rename).

Only event clips are ever written: the recorder keeps the last ``clips.pre_s`` seconds in memory, and
when a rule confirms an event it writes that buffer plus ``clips.post_s`` seconds more. The stream
itself is never stored.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from regia.video.camera import CameraConfig
from regia.video.detectors import Box
from regia.video.events import Event
from regia.video.privacy import PERSON_EVENTS, blur_boxes, hog_people, person_regions
from regia.video.scene import Scene
from regia.video.source import Frame

log = logging.getLogger("regia.video")


@dataclass
class Buffered:
    t: float
    image: np.ndarray  # BGR at clip size, not blurred yet (memory only)
    people: list[Box]  # clip pixels


@dataclass
class Recording:
    event: Event
    until: float
    frames: list[Buffered] = field(default_factory=list)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_clip(path: Path, frames: list[np.ndarray], fps: float, crf: int = 28) -> None:
    """H.264 MP4 (plays in browsers), written to a temporary name then renamed."""
    import av

    h, w = frames[0].shape[:2]
    tmp = path.with_name(f".{path.stem}.part.mp4")
    try:
        with av.open(str(tmp), "w", options={"movflags": "+faststart"}) as container:
            stream = container.add_stream("libx264", rate=round(fps))
            stream.width, stream.height = w - w % 2, h - h % 2
            stream.pix_fmt = "yuv420p"
            stream.options = {"crf": str(crf), "preset": "veryfast"}
            for image in frames:
                frame = av.VideoFrame.from_ndarray(
                    np.ascontiguousarray(image[: stream.height, : stream.width]), format="bgr24"
                )
                container.mux(stream.encode(frame))
            container.mux(stream.encode(None))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class EventRecorder:
    def __init__(self, out_dir: Path, config: CameraConfig):
        self.out_dir = Path(out_dir)
        self.config = config
        self.buffer: deque[Buffered] = deque()
        self.recordings: list[Recording] = []
        self.next_t = 0.0
        self.size: tuple[int, int] | None = None
        self.src_width = 1
        self.written: list[Path] = []

    def _clip_size(self, frame: Frame) -> tuple[int, int]:
        if self.size is None:
            self.src_width = frame.width
            w = min(self.config.clips.width, frame.width)
            self.size = (w - w % 2, round(frame.height * w / frame.width / 2) * 2)
        return self.size

    def push(self, frame: Frame, scene: Scene) -> None:
        """Offer every analysed frame; keeps one every 1/clips.fps seconds."""
        if frame.t + 1e-6 < self.next_t:
            return
        self.next_t = frame.t + 1.0 / self.config.clips.fps
        w, h = self._clip_size(frame)
        s = w / scene.work_size[0]
        work = person_regions(scene.fg.moving, scene.fg.changed, 12)
        if scene.pose is not None:
            work.append(scene.pose.box)
        people = [(int(x * s), int(y * s), int(bw * s) + 1, int(bh * s) + 1) for x, y, bw, bh in work]
        item = Buffered(frame.t, frame.bgr(w, h).copy(), people)
        self.buffer.append(item)
        while self.buffer and self.buffer[0].t < frame.t - self.config.clips.pre_s:
            self.buffer.popleft()
        for rec in list(self.recordings):
            rec.frames.append(item)
            if frame.t >= rec.until:
                self._finish(rec)

    def start(self, event: Event, scene: Scene) -> None:
        """An event was confirmed: write its snapshot now, its clip once ``post_s`` has passed."""
        if not self.buffer:
            return
        uid = uuid.uuid4().hex[:16]
        folder = self.out_dir / _safe(self.config.camera)
        folder.mkdir(parents=True, exist_ok=True)
        event.details["uid"] = uid
        event.snapshot = str(folder / f"{uid}.jpg")
        event.clip = str(folder / f"{uid}.mp4")
        latest = self.buffer[-1]
        snapshot = self._render(latest, event)
        ok, jpeg = cv2.imencode(".jpg", snapshot, [cv2.IMWRITE_JPEG_QUALITY, 85])
        if ok:
            _atomic_write(Path(event.snapshot), jpeg.tobytes())
            self.written.append(Path(event.snapshot))
        rec = Recording(event, scene.t + self.config.clips.post_s, list(self.buffer))
        self.recordings.append(rec)

    def _render(self, item: Buffered, event: Event) -> np.ndarray:
        """The stored image: people blurred, the event box drawn in red."""
        image = item.image.copy()
        sx = image.shape[1] / self.src_width
        ex, ey, ew, eh = (int(v * sx) for v in event.bbox)
        if self.config.privacy.blur_people:
            boxes = item.people + hog_people(image)
            if event.type in PERSON_EVENTS:
                boxes.append((ex, ey, ew, eh))
            else:  # the object or the fire stays visible; people over it are still blurred by shape
                boxes = [b for b in boxes if not _inside((ex, ey, ew, eh), b)]
            blur_boxes(image, boxes)
        cv2.rectangle(image, (ex, ey), (ex + ew, ey + eh), (0, 0, 255), 2)
        return image

    def _finish(self, rec: Recording) -> None:
        self.recordings.remove(rec)
        images = [self._render(item, rec.event) for item in rec.frames]
        try:
            write_clip(Path(rec.event.clip), images, self.config.clips.fps)
            self.written.append(Path(rec.event.clip))
        except Exception as exc:  # noqa: BLE001 - a failed clip must not stop the analysis
            log.warning("clip non écrit (%s)", exc)
            rec.event.clip = None

    def close(self) -> None:
        """End of input: write the clips still being recorded with what there is."""
        for rec in list(self.recordings):
            self._finish(rec)

    def discard(self) -> None:
        """Remove every file written (the events could not be stored)."""
        for path in self.written:
            path.unlink(missing_ok=True)


def _inside(outer: Box, inner: Box) -> bool:
    """``inner`` lies mostly within ``outer`` (an object box and the still region of the object)."""
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    x0, y0 = max(ox, ix), max(oy, iy)
    x1, y1 = min(ox + ow, ix + iw), min(oy + oh, iy + ih)
    return x1 > x0 and y1 > y0 and (x1 - x0) * (y1 - y0) >= 0.6 * iw * ih


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return keep[:60] or "camera"
