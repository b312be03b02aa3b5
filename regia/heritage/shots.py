"""One streaming pass over the frames: shot boundaries (PySceneDetect), a keyframe per shot and the
visual descriptors of each shot.

Frames are decoded one at a time and dropped: memory holds a few recent frames and one keyframe
candidate, whatever the length of the video. A shot's keyframe is the sharpest of the frames sampled
twice a second (a blurred transition or a fade is rarely the sharpest), and it is written to disk when the
shot closes.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np

from regia.heritage import visual
from regia.heritage.probe import MediaInfo

log = logging.getLogger(__name__)

DETECT_WIDTH = 256  # PySceneDetect's own default downscale target
SHIFT_WIDTH = 128
KEYFRAME_MAX_WIDTH = 1280
SAMPLES_PER_S = 2
MIN_SHOT_S = 0.6


@dataclass
class Shot:
    index: int
    start_s: float
    end_s: float = 0.0
    keyframe: str = ""
    keyframe_s: float = 0.0
    descriptors: dict = field(default_factory=dict)
    ocr_text: str = ""


@dataclass
class _Frame:
    number: int
    time: float
    motion: float
    shift: tuple[float, float] | None
    candidate: np.ndarray | None = None
    sharpness: float = 0.0


@dataclass
class _Open:
    """Accumulators of the shot being read."""

    shot: Shot
    frames: int = 0
    motion: float = 0.0
    shift_x: float = 0.0
    shift_y: float = 0.0
    shifts: int = 0
    best: _Frame | None = None

    def add(self, frame: _Frame) -> None:
        self.frames += 1
        self.motion += frame.motion
        if frame.shift is not None:
            self.shift_x += frame.shift[0]
            self.shift_y += frame.shift[1]
            self.shifts += 1
        if frame.candidate is not None and (
            self.best is None
            or self.best.time < self.shot.start_s + 0.25  # a first frame is only a fallback
            or frame.sharpness > self.best.sharpness
        ):
            self.best = frame


@dataclass
class PassResult:
    shots: list[Shot]
    frames: int
    decode_errors: int
    analysed_until_s: float


def detect_shots(
    info: MediaInfo,
    keyframe_dir: Path,
    on_shot: Callable[[Shot], None] | None = None,
    detector=None,
) -> PassResult:
    """Read every frame once; returns the shots with keyframes (JPEG in ``keyframe_dir``) and descriptors.
    ``on_shot`` is called as soon as a shot is closed (its keyframe is on disk)."""
    import av
    from scenedetect import AdaptiveDetector, FrameTimecode

    keyframe_dir.mkdir(parents=True, exist_ok=True)
    rate = Fraction(info.fps).limit_denominator(1001) if info.fps > 0 else Fraction(25)
    detector = detector or AdaptiveDetector(min_scene_len=max(2, round(info.fps * MIN_SHOT_S)))
    lag = detector.event_buffer_length + 2
    dw, dh = _even_size(info, DETECT_WIDTH)
    sw, sh = _even_size(info, SHIFT_WIDTH)
    kw, kh = _even_size(info, min(KEYFRAME_MAX_WIDTH, info.width))
    window = cv2.createHanningWindow((sw, sh), cv2.CV_32F)
    sample_every = max(1, round(info.fps / SAMPLES_PER_S))
    shift_every = max(1, round(info.fps / 10))

    shots: list[Shot] = []
    current = _Open(Shot(index=1, start_s=0.0))
    pending: deque[_Frame] = deque()
    prev_gray = prev_shift = None
    number = errors = 0
    last_time = 0.0

    def close(at: float) -> None:
        nonlocal current
        shot = _finish(current, at, keyframe_dir)
        shots.append(shot)
        if on_shot:
            on_shot(shot)
        current = _Open(Shot(index=shot.index + 1, start_s=at))

    with av.open(info.path, metadata_errors="ignore") as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.FFmpegError:
                errors += 1
                if errors > 50:
                    log.warning("too many decoding errors, analysis stops at %.1f s", last_time)
                    break
                continue
            for frame in frames:
                t = float(frame.time) if frame.time is not None else number / float(rate)
                last_time = max(last_time, t)
                small = frame.to_ndarray(format="bgr24", width=dw, height=dh)
                gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
                motion = 0.0 if prev_gray is None else float(cv2.absdiff(gray, prev_gray).mean()) / 255
                prev_gray = gray
                moved = None
                if number % shift_every == 0:
                    tiny = cv2.resize(gray, (sw, sh), interpolation=cv2.INTER_AREA).astype(np.float32)
                    if prev_shift is not None:
                        dx, dy, response = visual.shift(prev_shift, tiny, window)
                        if response > 0.2:  # a reliable global translation
                            per_s = info.fps / shift_every
                            moved = (dx / sw * per_s, dy / sh * per_s)
                    prev_shift = tiny
                record = _Frame(number, t, motion, moved)
                if number % sample_every == 0 or not current.frames:
                    record.candidate = frame.to_ndarray(format="bgr24", width=kw, height=kh)
                    record.sharpness = visual.sharpness(gray)
                pending.append(record)
                for cut in detector.process_frame(FrameTimecode(number, rate), small):
                    cut_number = cut.frame_num
                    while pending and pending[0].number < cut_number:
                        current.add(pending.popleft())
                    cut_time = pending[0].time if pending else t
                    if current.frames and cut_time - current.shot.start_s >= MIN_SHOT_S / 2:
                        close(cut_time)
                while len(pending) > lag:
                    current.add(pending.popleft())
                number += 1
    while pending:
        current.add(pending.popleft())
    end = last_time + 1 / float(rate)
    if end >= info.duration_s - 1:  # a complete file: its stated duration (a truncated one stops earlier)
        end = max(end, info.duration_s)
    if current.frames or not shots:
        close(round(end, 3))
    elif shots:
        shots[-1].end_s = round(end, 3)
    return PassResult(shots, number, errors, round(last_time, 3))


def _finish(state: _Open, end: float, keyframe_dir: Path) -> Shot:
    shot = state.shot
    shot.end_s = round(end, 3)
    shot.start_s = round(shot.start_s, 3)
    n = max(1, state.frames)
    shots_s = max(1e-6, shot.end_s - shot.start_s)
    pan_x = state.shift_x / state.shifts if state.shifts else 0.0
    pan_y = state.shift_y / state.shifts if state.shifts else 0.0
    shot.descriptors = visual.motion_labels(state.motion / n, pan_x, pan_y)
    best = state.best
    if best is not None and best.candidate is not None:
        path = keyframe_dir / f"shot-{shot.index:04d}.jpg"
        cv2.imwrite(str(path), best.candidate, [cv2.IMWRITE_JPEG_QUALITY, 88])
        shot.keyframe = str(path)
        shot.keyframe_s = round(best.time, 3)
        shot.descriptors = visual.keyframe_descriptors(best.candidate) | shot.descriptors
    shot.descriptors["duration_s"] = round(shots_s, 3)
    return shot


def _even_size(info: MediaInfo, width: int) -> tuple[int, int]:
    width = max(16, min(width, info.width)) // 2 * 2
    height = max(2, round(width * info.height / info.width / 2) * 2)
    return width, height
