"""Abandoned object: something appeared, stays still, and nobody stays with it.

The 2024 experiment in stations reported 62 % false positives on this event (furniture, reflections,
lights). Each cue below removes one of those causes with a physical argument:

* still: the region differs from the slow background but not from the fast one (it stopped moving);
* appeared, not disappeared: the region stands out from its surroundings more than the background
  it hides did (a removed object, a car leaving its space, a person learnt into the background
  after a light switch, leave a "ghost" that blends in with the floor around it);
* not light: lighting scales the background it falls on, so the current pixels correlate with the
  empty background (normalised cross-correlation); an object replaces them;
* not a person: a still region shaped and sized like a standing person is a person (it counts as
  someone attending the objects near it);
* unattended: nobody standing still within 1.2 m for ``dwell.abandoned_object_s`` seconds (people
  walking past do not attend it);
* still: an object does not stir; a person standing or a flame keeps moving a little inside its
  region (moving pixels on more than a third of the recent frames);
* passers-by only hide it: while moving people cover the region, it is neither confirmed nor lost.

The region's empty background is kept aside when it first appears, and the background model is told
not to learn the region until the object leaves; after a sudden light change the background is
restarted and the empty patch, rescaled by the new light around it, is put back.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from regia.video.detectors import Box, motion_blobs
from regia.video.events import Event
from regia.video.privacy import hog_people
from regia.video.rules import Rule
from regia.video.rules.fire import fire_mask
from regia.video.scene import Scene
from regia.video.tracking import foot, iou

MARGIN = 4  # work pixels of background kept around a candidate
ATTEND_M = 1.2  # someone standing this close is with the object
NCC_LIGHT = 0.6
STILL, OCCLUDED = 0.02, 0.3  # moving share of a region: still below, hidden by a passer-by above
STIR_RATE, MAX_STIR = 0.1, 0.3  # an object never stirs; people and flames keep doing it
SETTLE_S = 3.0  # a new region gathers its fragments this long, then its box is fixed
MAX_HEIGHT_M = 1.3  # luggage, bags, boxes; taller still things are people, furniture, vehicles


@dataclass
class Candidate:
    box: Box
    first_t: float
    last_seen: float
    ref: np.ndarray  # empty background around the box (float32), at creation time
    ref_box: Box
    seen: int = 1
    footprint: int = 0  # its pixels that differ from the background, once settled
    checks: int = 1
    unattended_since: float = 0.0
    occluded_since: float | None = None
    stir: float = 0.0  # running share of frames where something moves inside the region
    person: bool = False
    rejected: str | None = None
    event: Event | None = None


def _ncc(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean()
    b = b - b.mean()
    denom = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denom) if denom > 1e-6 else 0.0


def _area(box: Box) -> int:
    return box[2] * box[3]


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0)


def _inside(outer: Box, inner: Box) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[0] + inner[2] <= outer[0] + outer[2]
        and inner[1] + inner[3] <= outer[1] + outer[3]
    )


def _contrast(patch: np.ndarray, inside: np.ndarray, ring: np.ndarray) -> float:
    """How much the inside of a region stands out from the ring around it (grey levels)."""
    a, b = patch[inside], patch[ring]
    return abs(float(np.median(a)) - float(np.median(b))) + abs(float(a.std()) - float(b.std()))


class AbandonedObjectRule(Rule):
    type = "abandoned_object"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        w, h = geometry.work_size
        self.min_area = max(20, int(0.0015 * w * h))
        self.max_area = int(0.08 * w * h)
        self.candidates: list[Candidate] = []
        self.dwell = config.dwell.abandoned_object_s
        self.kernel = np.ones((7, 7), np.uint8)

    # -- geometry helpers ------------------------------------------------------------------------

    def _size_ok(self, box: Box, area: int) -> bool:
        ppm = self.geometry.ppm(foot(box)[1])
        if ppm is None:
            return self.min_area <= area <= self.max_area and self._object_sized(box)
        return 0.015 <= area / ppm**2 <= 1.5 and self._object_sized(box)

    def _object_sized(self, box: Box) -> bool:
        """Dimensions of luggage or a box, not of a person, a bench or a vehicle."""
        ppm = self.geometry.ppm(foot(box)[1])
        if ppm is None:
            return box[3] <= 0.25 * self.geometry.work_size[1] and box[2] <= 0.3 * self.geometry.work_size[0]
        return box[3] / ppm <= MAX_HEIGHT_M and box[2] / ppm <= 2.0

    def _person_tall(self, box: Box) -> bool:
        x, y, w, h = box
        ppm = self.geometry.ppm(y + h)
        if ppm is None:
            return h >= 0.12 * self.geometry.work_size[1]
        return 1.1 <= h / ppm <= 2.4

    def _person_like(self, box: Box) -> bool:
        return box[3] >= 1.6 * box[2] and self._person_tall(box)

    def _still(self, track) -> bool:
        vx, vy, span = track.velocity(1.0)
        ppm = self.geometry.ppm(foot(track.box)[1])
        limit = 0.3 * ppm if ppm is not None else 0.1 * track.box[3]
        return span > 0 and float(np.hypot(vx, vy)) < limit

    def _attend_radius(self, person: Box) -> float:
        ppm = self.geometry.ppm(foot(person)[1])
        return ATTEND_M * ppm if ppm is not None else 0.7 * person[3]

    def _expand(self, box: Box) -> Box:
        w, h = self.geometry.work_size
        x, y, bw, bh = box
        x0, y0 = max(0, x - MARGIN), max(0, y - MARGIN)
        x1, y1 = min(w, x + bw + MARGIN), min(h, y + bh + MARGIN)
        return (x0, y0, x1 - x0, y1 - y0)

    # -- cues --------------------------------------------------------------------------------------

    def _verdict(self, c: Candidate, gray: np.ndarray, changed: np.ndarray) -> str | None:
        """Why this region is not an object (None when it is one)."""
        x, y, w, h = c.ref_box
        cur = gray[y : y + h, x : x + w]
        ref = c.ref
        mask = changed[y : y + h, x : x + w] > 0
        if mask.sum() < 8:
            return "lumière"
        ring = np.ones((h, w), bool)
        ring[MARGIN : -MARGIN or None, MARGIN : -MARGIN or None] = False
        ring &= ~mask
        if ring.sum() >= 8 and _contrast(cur, mask, ring) <= _contrast(ref, mask, ring):
            return "disparition"  # the region blends in with its surroundings now: something left
        a, b = cur[mask], ref[mask]
        if b.std() >= 4.0:
            if _ncc(a, b) >= NCC_LIGHT:
                return "lumière"  # same texture, other light
        elif a.std() < 4.0:
            return "lumière"  # a plain area became another plain shade
        return None

    def _not_an_object(self, c: Candidate, scene: Scene) -> str | None:
        """Why the image says this is no abandoned object (None when it may be one)."""
        if c.box[1] <= 1:
            return "bord"  # cut by the top of the image: the top of something tall, not a floor object
        x, y, w, h = c.ref_box
        flame = fire_mask(scene.bgr()[y : y + h, x : x + w]) > 0
        brighter = scene.fg.gray[y : y + h, x : x + w] - c.ref >= 20  # a flame lights up what it covers
        if (flame & brighter).mean() > 0.1:
            return "flamme"  # the fire rule's business
        return None

    def _person_there(self, c: Candidate, scene: Scene) -> bool:
        """A person standing still over or next to the region (OpenCV's HOG whole-body detector,
        run once before an alert on a person-sized window around the region)."""
        x, y, w, h = self.geometry.to_source(c.box)
        fw, fh = scene.frame.width, scene.frame.height
        ppm = self.geometry.ppm(foot(c.box)[1])
        tall = int(1.8 * ppm * self.geometry.scale) if ppm is not None else fh // 2
        x0, y0 = max(0, x - tall // 2), max(0, y + h - tall - tall // 4)
        x1, y1 = min(fw, x + w + tall // 2), min(fh, y + h + tall // 4)
        crop = scene.frame.bgr(fw, fh)[y0:y1, x0:x1]
        return any(iou((px + x0, py + y0, pw, ph), (x, y, w, h)) > 0 for px, py, pw, ph in hog_people(crop))

    def _restore_after_reset(self, scene: Scene) -> None:
        """The background was restarted on a frame with the objects in it: put the empty patches back."""
        slow = scene.background.slow
        gray = scene.fg.gray
        for c in self.candidates:
            x, y, w, h = c.ref_box
            ring = np.ones((h, w), bool)
            ring[MARGIN : -MARGIN or None, MARGIN : -MARGIN or None] = False
            cur = gray[y : y + h, x : x + w]
            gain = float(np.median(cur[ring]) + 8) / float(np.median(c.ref[ring]) + 8) if ring.any() else 1.0
            slow[y : y + h, x : x + w] = c.ref * gain
            c.ref = c.ref * gain

    def _new(self, box: Box, t: float, slow: np.ndarray) -> Candidate:
        ref_box = self._expand(box)
        x, y, w, h = ref_box
        c = Candidate(box, t, t, slow[y : y + h, x : x + w].copy(), ref_box, unattended_since=t)
        self.candidates.append(c)
        return c

    def _refresh_ref(self, c: Candidate, slow: np.ndarray) -> None:
        """Grow the kept empty background with the region (the frozen background is still empty there)."""
        ref_box = self._expand(c.box)
        if not _inside(c.ref_box, ref_box):
            merged = _union(ref_box, c.ref_box)
            x, y, w, h = merged
            ref = slow[y : y + h, x : x + w].copy()
            ox, oy, ow, oh = c.ref_box
            ref[oy - y : oy - y + oh, ox - x : ox - x + ow] = c.ref
            c.ref, c.ref_box = ref, merged

    # -- main --------------------------------------------------------------------------------------

    def update(self, scene: Scene) -> list[Event]:
        t = scene.t
        fg = scene.fg
        if fg.reset and scene.background is not None:
            self._restore_after_reset(scene)
        moving = cv2.dilate(fg.moving, self.kernel)
        static = cv2.bitwise_and(fg.changed, cv2.bitwise_not(moving))
        blobs = motion_blobs(static, self.min_area // 2, join_px=9)
        # who can attend an object: people standing still (passers-by walking past do not), alone or
        # in a group (a still region as tall as a person)
        people = [tr.box for tr in scene.tracks if self._person_like(tr.box) and self._still(tr)]
        people += [b.box for b in blobs if self._person_tall(b.box)]

        slow = scene.background.slow if scene.background is not None else None
        matched = set()
        for blob in blobs:
            if slow is None or not (self._size_ok(blob.box, blob.area) or self._person_like(blob.box)):
                continue
            near = self._expand(blob.box)
            hits = [c for c in self.candidates if iou(self._expand(c.box), near) > 0]
            settled = [c for c in hits if t - c.first_t >= SETTLE_S]
            if settled:
                # next to or over a settled region: its box stays; what came along may be a person
                for c in settled:
                    if _area(blob.box) > 2 * _area(c.box) or self._person_like(blob.box):
                        c.unattended_since = t  # someone (or something) is right there
                continue
            # fragments of an object that is still settling merge; a person arriving next to it does not
            person = self._person_like(blob.box)
            mergeable = [
                c for c in hits if not (c.person or person) and self._object_sized(_union(c.box, blob.box))
            ]
            if not mergeable:
                c = next((k for k in hits if k.person and person), None)
                c = c or self._new(blob.box, t, slow)
                c.box = blob.box
            else:
                c = min(mergeable, key=lambda k: k.first_t)
                for other in mergeable:
                    if other is not c:
                        c.box = _union(c.box, other.box)
                        self.candidates.remove(other)
                c.box = _union(c.box, blob.box)
                self._refresh_ref(c, slow)
            c.person = self._person_like(c.box)
            c.last_seen = t
            matched.add(id(c))

        out = []
        for c in list(self.candidates):
            x, y, w, h = c.box
            stirring = cv2.countNonZero(fg.moving[y : y + h, x : x + w]) / float(max(1, w * h))
            if stirring < OCCLUDED:  # (a passer-by in front says nothing about the region itself)
                c.stir += STIR_RATE * (float(stirring >= STILL) - c.stir)
            pixels = cv2.countNonZero(static[y : y + h, x : x + w])
            if t - c.first_t < SETTLE_S:
                c.footprint = max(c.footprint, pixels)
            elif pixels >= 0.5 * c.footprint:  # a settled region is there while most of it still differs
                c.last_seen = t
                matched.add(id(c))
            if id(c) not in matched:
                covered = cv2.countNonZero(moving[y : y + h, x : x + w]) / float(max(1, w * h))
                if covered >= 0.15:  # hidden by people passing in front
                    c.occluded_since = t if c.occluded_since is None else c.occluded_since
                    if t - c.occluded_since <= 20.0:
                        continue
                if t - c.last_seen > 1.5:
                    self.candidates.remove(c)  # removed, absorbed, or a light that went away
                    continue
            else:
                c.occluded_since = None
                c.seen += 1
            if c.person:
                people.append(c.box)
        for c in list(self.candidates):
            c.checks += 1
            if c.person or c.rejected:
                continue
            cx, cy = c.box[0] + c.box[2] / 2, c.box[1] + c.box[3] / 2
            for p in people:
                px, py = foot(p)
                if iou(p, c.box) > 0 or np.hypot(px - cx, py - cy) <= self._attend_radius(p):
                    c.unattended_since = t
                    break
            if c.event is not None:
                c.event.end_s = t
                if t - c.first_t > 10 * self.dwell and scene.background is not None:
                    scene.background.absorb(c.ref_box)  # reported long ago: becomes part of the scene
                    self.candidates.remove(c)
                continue
            if t - max(c.first_t, c.unattended_since) < self.dwell or c.stir > MAX_STIR:
                continue  # not long enough alone, or not still (a person swaying, a flame, leaves)
            if self._person_there(c, scene):
                c.unattended_since = t  # someone stands there after all: wait
                continue
            reason = self._verdict(c, fg.gray, fg.changed) or self._not_an_object(c, scene)
            if reason is not None:
                c.rejected = reason
                if scene.background is not None:
                    scene.background.absorb(c.ref_box)
                continue
            presence = c.seen / max(1, c.checks)
            confidence = 0.5 + 0.3 * min(1.0, presence) + 0.2 * min(1.0, (t - c.first_t) / (2 * self.dwell))
            c.event = self.event(
                c.first_t, t, confidence, c.box, None, reason="objet immobile sans personne à proximité"
            )
            out.append(c.event)
        if scene.background is not None:
            frozen = np.zeros(scene.fg.changed.shape, np.uint8)
            for c in self.candidates:
                if not c.person and not c.rejected:
                    x, y, w, h = c.ref_box
                    frozen[y : y + h, x : x + w] = 255
            scene.background.frozen = frozen if frozen.any() else None
        return out
