"""Privacy by design: stored snapshots and clips are blurred where people are, by default; only the
event clip is written, whole or not at all."""

from __future__ import annotations

import av
import cv2
import numpy as np
import pytest

from regia.db import init_db
from regia.video import store
from regia.video.camera import parse_config
from regia.video.privacy import blur_boxes
from regia.video.service import analyze_file

FALL = "video/falls-gmdcsa24/Subject_1-Fall-13.mp4"


def sharpness(image: np.ndarray, box) -> float:
    x, y, w, h = box
    return float(
        cv2.Laplacian(cv2.cvtColor(image[y : y + h, x : x + w], cv2.COLOR_BGR2GRAY), cv2.CV_64F).var()
    )


def test_blur_removes_detail():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)
    before = sharpness(image, (40, 30, 60, 50))
    blur_boxes(image, [(40, 30, 60, 50)])
    assert sharpness(image, (40, 30, 60, 50)) < before / 50
    assert sharpness(image, (0, 0, 20, 20)) > before / 2  # outside the box: untouched


@pytest.mark.slow
def test_stored_snapshot_and_clip_are_blurred(fresh_home, shared_data, read_frames):
    init_db()
    result, ids = analyze_file(shared_data / FALL, parse_config({"camera": "chambre"}), save=True)
    event = store.get_event(ids[0])
    snapshot = cv2.imread(str(store.media_file(event["snapshot_path"])))
    original = read_frames(shared_data / FALL)[-1]  # the person lies still until the end
    x, y, w, h = event["bbox"]
    box = (x + 4, y + 4, w - 8, h - 8)  # inside the red frame drawn on the snapshot
    assert sharpness(snapshot, box) < sharpness(original, box) / 5
    with av.open(str(store.media_file(event["clip_path"]))) as clip:
        frames = [f.to_ndarray(format="bgr24") for f in clip.decode(video=0)]
    assert len(frames) >= 8
    assert max(sharpness(f, box) for f in frames) < sharpness(original, box) / 3
    files = sorted(p.suffix for p in store.media_root().rglob("*") if p.is_file())
    assert files == [".jpg", ".mp4"]  # the event's snapshot and clip only, no partial file


@pytest.mark.slow
def test_blur_can_only_be_switched_off_explicitly(fresh_home, shared_data, read_frames):
    init_db()
    config = parse_config({"camera": "chambre", "privacy": {"blur_people": False}})
    _result, ids = analyze_file(shared_data / FALL, config, save=True)
    event = store.get_event(ids[0])
    snapshot = cv2.imread(str(store.media_file(event["snapshot_path"])))
    original = read_frames(shared_data / FALL)[-1]
    x, y, w, h = event["bbox"]
    box = (x + 4, y + 4, w - 8, h - 8)
    assert sharpness(snapshot, box) > sharpness(original, box) / 3
