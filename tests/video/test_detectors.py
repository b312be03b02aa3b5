"""Detectors: an operator's ONNX model drives the weapon rule; the pose wrapper keeps no head
landmark; nothing in the video package detects or handles faces."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from regia.errors import InputError
from regia.video.camera import parse_config
from regia.video.detectors import BODY_INDICES, OnnxDetector
from regia.video.pipeline import analyze


def tiny_model(path: Path) -> Path:
    """A real ONNX graph with YOLO-style output [1, 1, 4 + 2]: one box in the middle of the image,
    class "person" scored 0 and class "knife" scored by the mean red level of the picture."""
    import onnx
    from onnx import TensorProto, helper

    red = helper.make_node("Slice", ["images", "start", "end", "axis"], ["red"])
    score = helper.make_node("ReduceMean", ["red"], ["knife"], keepdims=1)  # [1, 1, 1, 1]
    flat = helper.make_node("Reshape", ["knife", "shape"], ["knife_flat"])  # [1, 1, 1]
    out = helper.make_node("Concat", ["box", "zero", "knife_flat"], ["output"], axis=2)
    graph = helper.make_graph(
        [red, score, flat, out],
        "tiny",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 64, 64])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 6])],
        [
            helper.make_tensor("start", TensorProto.INT64, [1], [0]),
            helper.make_tensor("end", TensorProto.INT64, [1], [1]),
            helper.make_tensor("axis", TensorProto.INT64, [1], [1]),
            helper.make_tensor("shape", TensorProto.INT64, [3], [1, 1, 1]),
            helper.make_tensor("box", TensorProto.FLOAT, [1, 1, 4], [32, 32, 16, 16]),
            helper.make_tensor("zero", TensorProto.FLOAT, [1, 1, 1], [0]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)
    return path


def test_onnx_model_output_is_parsed(tmp_path):
    detector = OnnxDetector(tiny_model(tmp_path / "m.onnx"), ["person", "knife"], 0.5)
    red = np.zeros((120, 160, 3), np.uint8)
    red[..., 0] = 230  # RGB
    found = detector(red)
    assert [(d.label, round(d.score, 2)) for d in found] == [("knife", 0.9)]
    assert found[0].box == (60, 45, 40, 30)  # the model's 16x16 box at (32, 32) of 64x64, in image pixels
    assert detector(np.zeros((120, 160, 3), np.uint8)) == []
    with pytest.raises(InputError, match="introuvable"):
        OnnxDetector(tmp_path / "absent.onnx", ["knife"])
    (tmp_path / "junk.onnx").write_bytes(b"not a model")
    with pytest.raises(InputError, match="illisible"):
        OnnxDetector(tmp_path / "junk.onnx", ["knife"])


def test_weapon_events_come_only_from_the_operator_model(tmp_path, room, compose):
    model = tiny_model(tmp_path / "m.onnx")
    config = parse_config(
        {
            "camera": "hall",
            "events": ["weapon"],
            "onnx": {
                "model": str(model),
                "classes": ["person", "knife"],
                "weapon_classes": ["knife"],
                "fps": 4,
            },
        }
    )

    def dim(canvas, t):
        canvas //= 3  # a dim room: the model's red score stays low

    def red_from_4s(canvas, t):
        dim(canvas, t)
        if t >= 4:
            canvas[..., 2] = 235  # BGR: the picture turns red, the model's "knife" cue

    events = analyze(compose("rouge", room, 10, red_from_4s), config).events
    assert [e.type for e in events] == ["weapon"]
    assert 4 <= events[0].start_s <= 5 and events[0].end_s >= 9
    assert events[0].details["label"] == "knife"
    assert analyze(compose("calme", room, 6, dim), config).events == []


def test_pose_keeps_no_head_landmark():
    assert min(BODY_INDICES) == 11  # MediaPipe's 0-10 are nose, eyes, ears and mouth


def test_no_face_processing_anywhere_in_video():
    """No face detector, recogniser, landmark model or cascade is used by the video capability."""
    root = Path(__file__).resolve().parents[2] / "regia" / "video"
    forbidden = re.compile(
        r"face_detection|FaceDetection|face_mesh|FaceMesh|haarcascade|CascadeClassifier|face_recognition|dlib|insightface|deepface",
        re.I,
    )
    offenders = [p.name for p in root.rglob("*.py") if forbidden.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
