"""Person on the ground after a fall: a fast descent, then lying low for a dwell time.

Body-relative and physically meaningful, so that it carries over to other people and rooms:

* descent: within a second the shoulders go down by at least ~0.85 torso lengths and the hips by at
  least a quarter of one (a person who sits down lowers the hips but keeps the torso upright; one who
  lies down on a bed from sitting keeps the hips where they are; one who bends to pick something up
  comes back up);
* on the ground: the shoulders stay low and the torso is no longer upright (its vertical extent is
  at most about half its upright length), for ``dwell.fall_s`` seconds. MediaPipe often loses a
  person lying on the floor: one who was seen lying and has not been seen since counts as still
  there (getting up would be seen), for at most ``FLUSH_RECENT_S`` after the last sighting. A body
  on the ground stays where the descent ended: one that travels on is a walker (MediaPipe sometimes
  draws a passer-by upside down, shoulders below the hips).

The torso length of reference is the longest seen over the last three seconds (the upright person).
With the pose detector (close-range people) the shoulders and hips come from MediaPipe; otherwise
the same test runs on the box of a tracked moving region (top of the box for the shoulders, box
height for the body), and the box on the ground must cover at least half the image area of the
standing one. A descent seen just before the input ends is still reported at ``flush``.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from regia.video.detectors import POSE_CLOSE, Box, PoseObservation
from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene

WINDOW_S = 1.0  # a fall takes a second at most (a backward fall onto a bed is among the slowest)
FLUSH_RECENT_S = 2.0  # a person seen lying this recently, and not seen since, is still lying
GAP_S = 1.3  # longest gap in the samples bridged by a descent (pose is often lost during the fall)
LOST_FALLING_GAP_S = 2.5  # ... when the last samples before the gap were already going down
FALLING_DROP = 0.3  # "already going down": shoulders this many torso lengths below the window's top
MEMORY_S = 3.0
WALKED_ON = 1.5  # torso lengths from where the descent ended: a person on the ground stays there


def _centre(box: Box) -> tuple[float, float]:
    return box[0] + box[2] / 2, box[1] + box[3] / 2


@dataclass
class Sample:
    t: float
    top: float  # shoulders (pose) or box top
    low: float  # hips (pose) or box centre
    size: float  # torso length (pose) or box height
    upright: float  # vertical extent of the torso (pose) or box height
    box: Box


@dataclass
class Candidate:
    start: float
    top: float
    size: float
    box: Box
    drop: float
    seen_t: float
    standing_area: int  # of the box before the descent
    spot: tuple[float, float]  # centre of the box where the descent ended
    down_since: float | None = None
    last_down: float | None = None


class _FallTracker:
    """Descent-then-lying state machine over one person's samples."""

    def __init__(self, rule: FallRule, pose: bool):
        self.rule = rule
        self.pose = pose
        self.samples: deque[Sample] = deque()
        self.candidate: Candidate | None = None
        self.open: Event | None = None
        self.up_since: float | None = None

    def reference(self, t: float) -> float:
        return max(s.size for s in self.samples if s.t >= t - MEMORY_S)

    def push(self, s: Sample) -> Event | None:
        self.samples.append(s)
        while self.samples and self.samples[0].t < s.t - MEMORY_S - WINDOW_S:
            self.samples.popleft()
        size = self.reference(s.t)
        if size <= 0:
            return None
        if self.open is not None:
            self._follow_open(s)
            return None
        if self.candidate is None:
            self._look_for_descent(s, size)
            return None
        return self._check_candidate(s)

    def _look_for_descent(self, s: Sample, size: float) -> None:
        window = [p for p in self.samples if p.t >= s.t - WINDOW_S and p.t < s.t]
        before = [p for p in self.samples if s.t - LOST_FALLING_GAP_S <= p.t < s.t]
        if not window and before:  # the detector lost the person meanwhile (motion blur): bridge the gap
            last = before[-1]
            window = self._window_up_to(last)
            if s.t - last.t > GAP_S and not self._going_down(last):
                return
        if not window:
            return
        top = min(window, key=lambda p: p.top)
        if not self.pose and not self._stood(top.t):
            return  # a moving region only counts when it was steadily shaped like a standing person
        drop = (s.top - top.top) / size
        # the hips' lowest point since then: landing on a bed or a sofa, the body bounces back up a little
        low_drop = (max(p.low for p in self.samples if p.t > top.t) - top.low) / size
        if drop >= self.rule.drop_threshold and low_drop >= 0.25:
            self.candidate = Candidate(
                top.t, top.top, size, s.box, drop, s.t, top.box[2] * top.box[3], _centre(s.box)
            )
            self._check_candidate(s)  # this sample may already show the person lying

    def _window_up_to(self, last: Sample) -> list[Sample]:
        return [p for p in self.samples if last.t - WINDOW_S <= p.t <= last.t]

    def _going_down(self, last: Sample) -> bool:
        """``last`` is already well below the highest sample of the window before it."""
        top = min(p.top for p in self._window_up_to(last))
        return (last.top - top) / max(self.reference(last.t), 1e-6) >= FALLING_DROP

    def following(self, t: float) -> bool:
        """A descent is under way or a recent one awaits its dwell: the detector should keep looking."""
        if self.candidate is not None and t - self.candidate.seen_t <= MEMORY_S + self.rule.dwell:
            return True
        last = self.samples[-1] if self.samples else None
        return last is not None and t - last.t <= LOST_FALLING_GAP_S and self._going_down(last)

    def _stood(self, t: float) -> bool:
        """A region box was person-shaped and of steady height during the second before ``t``."""
        before = [p for p in self.samples if t - 1.0 <= p.t <= t]
        heights = [p.box[3] for p in before]
        return (
            len(before) >= 4
            and all(p.box[3] >= 1.5 * p.box[2] for p in before)
            and max(heights) <= 1.25 * min(heights)
        )

    def _is_down(self, s: Sample, c: Candidate) -> bool:
        low = s.top >= c.top + 0.6 * c.size and s.upright <= 0.55 * c.size
        # a moving region that shrinks is a person fading into the background as they stop, not one
        # lying down: a body on the ground covers about as much image as it did standing
        return low and (self.pose or s.box[2] * s.box[3] >= 0.5 * c.standing_area)

    def _check_candidate(self, s: Sample) -> Event | None:
        c = self.candidate
        if s.top < c.top + 0.4 * c.size:  # back up: it was not a fall
            self.candidate = None
            return None
        if self.pose and math.dist(_centre(s.box), c.spot) > WALKED_ON * c.size:
            # someone walking on (MediaPipe may draw a walker upside down): forget this sequence
            self.candidate = None
            self.samples.clear()
            return None
        if self._is_down(s, c):
            c.down_since = s.t if c.down_since is None else c.down_since
            c.last_down, c.box = s.t, s.box
            if s.t - c.down_since >= self.rule.dwell:
                return self._confirm(c, s.t, 1.0)
        elif s.t - c.seen_t > MEMORY_S and c.down_since is None:
            self.candidate = None  # went low but never lay down (sat, knelt)
        return None

    def _confirm(self, c: Candidate, t: float, completeness: float) -> Event:
        confidence = 0.5 + 0.25 * min(1.0, (c.drop - self.rule.drop_threshold) / 1.0) + 0.25 * completeness
        source = "pose" if self.pose else "mouvement"
        self.open = self.rule.event(c.start, t, confidence, c.box, None, detector=source)
        self.open.details["top"], self.open.details["size"] = c.top, c.size
        self.candidate = None
        self.up_since = None
        return self.open

    def _follow_open(self, s: Sample) -> None:
        event = self.open
        top, size = event.details["top"], event.details["size"]
        if s.top >= top + 0.4 * size:
            event.end_s, self.up_since = s.t, None
            return
        self.up_since = s.t if self.up_since is None else self.up_since
        if s.t - self.up_since >= 1.0:  # the person got up: the event is over
            self.open = None

    def _lying_unseen(self, t: float) -> Event | None:
        """The person was seen lying after the descent and not since (the detector often loses a
        person on the ground): nothing says they got up, so the fall stands."""
        c = self.candidate
        if self.open is not None or c is None or c.down_since is None or t - c.last_down > FLUSH_RECENT_S:
            return None
        if self.samples[-1].t > c.last_down:
            return None  # seen since, and not lying
        completeness = min(1.0, (c.last_down - c.down_since) / self.rule.dwell)
        return self._confirm(c, t, completeness)

    def tick(self, t: float) -> Event | None:
        """No sample at ``t``: the dwell on the ground may still end."""
        c = self.candidate
        if c is not None and c.down_since is not None and t - c.down_since >= self.rule.dwell:
            return self._lying_unseen(t)
        return None

    def flush(self, t_end: float) -> Event | None:
        if self.open is not None:
            self.open.end_s = max(self.open.end_s, t_end)
            return None
        event = self._lying_unseen(t_end)
        if event is not None:
            event.details["flushed"] = True
        return event


class FallRule(Rule):
    type = "fall"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.dwell = config.dwell.fall_s
        self.drop_threshold = 0.85 + 0.3 * (0.5 - config.sensitivity)
        self.pose = _FallTracker(self, pose=True)
        self.boxes: dict[int, _FallTracker] = {}
        self.last_pose_t = -1e9

    def _pose_sample(self, p: PoseObservation) -> Sample:
        # upright: how far the shoulders are above the hips (zero when they are level or below)
        return Sample(p.t, p.shoulder_y, p.hip_y, p.torso, max(0.0, p.hip_y - p.shoulder_y), p.box)

    @staticmethod
    def _box_sample(t: float, box: Box) -> Sample:
        # a standing body is ~3 torso lengths tall: a third of the box height stands for the torso;
        # the body is "not upright" only when its box is clearly wider than tall (lying)
        x, y, w, h = box
        return Sample(t, y, y + h / 2, h / 3, 0.0 if w >= 1.2 * h else h, box)

    def update(self, scene: Scene) -> list[Event]:
        out = []
        for pose in (*scene.earlier_poses, scene.pose):
            if pose is not None:
                self.last_pose_t = pose.t
                out.append(self.pose.push(self._pose_sample(pose)))
        if scene.pose is None:
            out.append(self.pose.tick(scene.t))
        out = [e for e in out if e is not None]
        if scene.t - self.last_pose_t < 2.0:
            return out  # the pose detector sees the person: trust it over box shapes
        w, h = scene.work_size
        close = POSE_CLOSE * h if self.config.pose != "off" else h  # close people: the pose detector's job
        alive = set()
        for track in scene.tracks:
            alive.add(track.id)
            x, y, bw, bh = track.box
            if x <= 1 or y <= 1 or x + bw >= w - 1 or y + bh >= h - 1:  # partly out of view: unreliable
                self.boxes.pop(track.id, None)
                continue
            if track.id not in self.boxes and (bh < 0.1 * h or bh >= close or track.hits < 5):
                continue
            tracker = self.boxes.setdefault(track.id, _FallTracker(self, pose=False))
            event = tracker.push(self._box_sample(scene.t, track.box))
            if event:
                out.append(event)
        for track_id, tracker in list(self.boxes.items()):
            stale = scene.t - tracker.samples[-1].t > MEMORY_S if tracker.samples else True
            if track_id not in alive and (stale or (tracker.open is None and tracker.candidate is None)):
                del self.boxes[track_id]  # the track is gone
        return out

    def following(self, t: float) -> bool:
        """Whether the pose detector should keep running (see ``_FallTracker.following``)."""
        return self.pose.following(t)

    def flush(self, t_end: float) -> list[Event]:
        events = [tr.flush(t_end) for tr in (self.pose, *self.boxes.values())]
        return [e for e in events if e is not None]
