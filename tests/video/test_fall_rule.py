"""The fall rule's reasoning on body samples (shoulders, hips, torso): when a person lost by the pose
detector counts as still lying, and when not."""

from __future__ import annotations

from regia.video.camera import parse_config
from regia.video.rules.fall import FallRule, Sample
from regia.video.scene import Geometry

TORSO = 40.0


def standing(t: float) -> Sample:
    return Sample(t, 100.0, 140.0, TORSO, TORSO, (300, 80, 40, 160))


def lying(t: float) -> Sample:
    return Sample(t, 170.0, 178.0, TORSO, 4.0, (260, 160, 120, 30))


def fallen_once() -> FallRule:
    """Two seconds standing, a fast descent, then seen lying once at 2.6 s."""
    config = parse_config({"camera": "test"})
    rule = FallRule(config, Geometry.build(config, 640, 480))
    for i in range(21):
        assert rule.pose.push(standing(i / 10)) is None
    for t, top, low in ((2.2, 120.0, 150.0), (2.4, 150.0, 168.0)):
        assert rule.pose.push(Sample(t, top, low, TORSO, 30.0, (280, 120, 80, 100))) is None  # bent
    assert rule.pose.push(lying(2.6)) is None
    assert rule.pose.following(2.7)  # the detector should keep looking
    return rule


def test_lying_then_lost_is_a_fall_once_the_dwell_has_passed():
    rule = fallen_once()
    assert [rule.pose.tick(t / 10) for t in range(27, 36)] == [None] * 9
    event = rule.pose.tick(3.6)
    assert event is not None and event.type == "fall" and event.start_s <= 2.2
    assert 0.5 <= event.confidence < 0.8  # seen lying once, not for the whole dwell


def test_lying_then_seen_half_up_is_not_yet_a_fall():
    rule = fallen_once()
    assert rule.pose.push(Sample(3.0, 150.0, 170.0, TORSO, 30.0, (290, 140, 60, 60))) is None
    assert [rule.pose.tick(t / 10) for t in range(31, 50)] == [None] * 19


def test_lying_then_lost_for_long_is_not_reported():
    """Seen lying once, then nothing for more than two seconds before the dwell is checked."""
    rule = fallen_once()
    assert rule.pose.tick(4.7) is None


def test_a_body_that_travels_is_not_lying():
    """Shoulders below the hips on someone walking on (MediaPipe sometimes draws a walker upside down):
    a person on the ground stays where the descent ended."""
    rule = fallen_once()
    for i in range(1, 8):
        x = 260 + 30 * i
        assert rule.pose.push(Sample(2.6 + i / 10, 170.0, 150.0, TORSO, 0.0, (x, 160, 30, 60))) is None
    assert rule.pose.candidate is None
    assert [rule.pose.tick(t / 10) for t in range(34, 50)] == [None] * 16
