"""Falls on the real GMDCSA24 clips: detected within the labelled falling interval, never on daily
activities, still reported when the input ends right after the fall."""

from __future__ import annotations

import json
import re

import cv2
import pytest

from regia.video.camera import load_config
from regia.video.pipeline import analyze

pytestmark = pytest.mark.slow


def falling_interval(falls_dir, name: str) -> tuple[float, float]:
    """The "Falling (..)[a to b]" interval of a clip, from the dataset's own labels."""
    clip = next(c for c in json.loads((falls_dir / "clips_index.json").read_text()) if c["file"] == name)
    a, b = re.search(r"Falling[^\[]*\[\s*([\d.]+)\s*to\s*([\d.]+)", clip["csv_row"][-1]).groups()
    return float(a), float(b)


def falls(path) -> list:
    return [e for e in analyze(path, load_config(None)).events if e.type == "fall"]


def test_pose_runs_around_the_descent_only(falls_dir):
    """With the default ``pose: auto``, MediaPipe looks at a person sitting and eating not once, and at
    a fall clip only around the fall (the person stands for 2.5 s, then falls and lies)."""
    config = load_config(None)
    assert analyze(falls_dir / "Subject_2-ADL-23.mp4", config).pose_images == 0
    result = analyze(falls_dir / "Subject_2-Fall-13.mp4", config)
    assert [e.type for e in result.events] == ["fall"]
    assert 5 <= result.pose_images < 0.6 * result.frames_analysed


@pytest.mark.parametrize("name", ["Subject_1-Fall-14.mp4", "Subject_2-Fall-13.mp4"])
def test_fall_detected_in_the_labelled_interval(falls_dir, name):
    start, end = falling_interval(falls_dir, name)
    found = falls(falls_dir / name)
    assert len(found) == 1
    assert found[0].start_s <= end and found[0].end_s >= start
    assert 0.5 <= found[0].confidence <= 1


@pytest.mark.parametrize(
    ("name", "fps", "size"),
    [
        # the pose detector loses the person once on the ground: seen lying once, never seen getting up
        ("Subject_1-Fall-13.mp4", 30, (320, 240)),
        # a backward fall onto a bed: the hips land on the mattress, the pose is lost during the fall
        ("Subject_2-Fall-14.mp4", 15, (320, 240)),
        ("Subject_2-Fall-14.mp4", 15, (1280, 720)),
    ],
)
def test_fall_found_on_other_image_sizes(falls_dir, tmp_path, read_frames, write_clip, name, fps, size):
    """The same real falls re-encoded at other sizes: the detector sees the fall differently."""
    frames = [cv2.resize(f, size, interpolation=cv2.INTER_AREA) for f in read_frames(falls_dir / name)]
    start, end = falling_interval(falls_dir, name)
    found = falls(write_clip(tmp_path / f"{size[0]}-{name}", frames, fps))
    assert len(found) == 1
    assert found[0].start_s <= end and found[0].end_s >= start


def test_no_fall_on_daily_activity_or_before_the_fall(falls_dir, tmp_path, read_frames, write_clip):
    assert falls(falls_dir / "Subject_2-ADL-23.mp4") == []
    # the first 6.5 s of a fall clip: walking, drinking, standing
    frames = read_frames(falls_dir / "Subject_2-Fall-12.mp4")
    before = write_clip(tmp_path / "before.mp4", frames[: int(6.5 * 15)], 15)
    assert falls(before) == []


def test_getting_up_is_not_a_fall(falls_dir, tmp_path, read_frames, write_clip):
    """The same fall played backwards: a person rising from the floor to the chair."""
    frames = read_frames(falls_dir / "Subject_1-Fall-15.mp4")
    assert falls(write_clip(tmp_path / "rising.mp4", frames[::-1], 30)) == []


def test_fall_right_before_the_end_is_flushed(falls_dir, tmp_path, read_frames, write_clip):
    """Cut 0.6 s after the person reaches the floor: too short for the dwell, reported at the end."""
    frames = read_frames(falls_dir / "Subject_2-Fall-12.mp4")
    cut = write_clip(tmp_path / "cut.mp4", frames[: int(9.0 * 15)], 15)
    found = falls(cut)
    assert len(found) == 1
    assert found[0].details.get("flushed") is True
    assert found[0].start_s <= 9.0 and found[0].end_s >= 6.9
