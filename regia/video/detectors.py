"""Pluggable detectors: motion blobs (default), MediaPipe pose for close-range people, and any
object-detection ONNX model that the operator provides.

None of them detects, crops or describes a face: the pose wrapper drops the head landmarks as soon as
MediaPipe returns them and keeps only shoulders, hips, knees and ankles.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from regia.errors import InputError

log = logging.getLogger("regia.video")

Box = tuple[int, int, int, int]  # x, y, w, h


@dataclass
class Detection:
    box: Box
    label: str = "blob"  # blob, person, vehicle, weapon or a model class
    score: float = 1.0
    area: int = 0  # foreground pixels of a blob


def motion_blobs(mask: np.ndarray, min_area: int, join_px: int = 5) -> list[Detection]:
    """Connected regions of a foreground mask, parts closer than ``join_px`` joined (limbs, a torso)."""
    if not cv2.countNonZero(mask):
        return []
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join_px, join_px))
    joined = cv2.dilate(mask, kernel)
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area >= min_area:
            out.append(Detection((x, y, w, h), "blob", 1.0, area))
    return out


# -- pose (MediaPipe 0.10.21 legacy solution; the model ships inside the package) -------------------

POSE_CLOSE = 0.25  # a moving region this tall (share of the image height) is a close-range person
BODY = {"shoulders": (11, 12), "hips": (23, 24), "knees": (25, 26), "ankles": (27, 28)}
BODY_INDICES = sorted(i for pair in BODY.values() for i in pair)


@dataclass
class PoseObservation:
    """Body landmarks of one person, in work pixels; the head landmarks are never kept."""

    t: float
    shoulders: np.ndarray  # (2, 2) x, y
    hips: np.ndarray
    box: Box  # around the kept body landmarks

    @property
    def shoulder_y(self) -> float:
        return float(self.shoulders[:, 1].mean())

    @property
    def hip_y(self) -> float:
        return float(self.hips[:, 1].mean())

    @property
    def torso(self) -> float:
        return float(np.linalg.norm(self.shoulders.mean(axis=0) - self.hips.mean(axis=0)))


class PoseEstimator:
    """MediaPipe pose, model_complexity=1 (the only model that 0.10.21 ships)."""

    def __init__(self, min_confidence: float = 0.5):
        os.environ.setdefault("GLOG_minloglevel", "2")
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import mediapipe as mp

        self._pose = mp.solutions.pose.Pose(
            static_image_mode=False,
            model_complexity=1,
            smooth_landmarks=True,
            enable_segmentation=False,
            min_detection_confidence=min_confidence,
            min_tracking_confidence=min_confidence,
        )

    def __call__(self, rgb: np.ndarray, t: float, out_size: tuple[int, int]) -> PoseObservation | None:
        """Pose on ``rgb`` (at least 480 pixels wide works best), landmarks scaled to ``out_size``."""
        result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        w, h = out_size
        points = np.array(
            [
                (lm.x * w, lm.y * h, lm.visibility)
                for i, lm in enumerate(result.pose_landmarks.landmark)
                if i in BODY_INDICES
            ],
            dtype=np.float32,
        )
        del result  # the head landmarks go with it
        index = {k: i for i, k in enumerate(BODY_INDICES)}
        shoulders = points[[index[i] for i in BODY["shoulders"]], :2]
        hips = points[[index[i] for i in BODY["hips"]], :2]
        if points[[index[i] for i in BODY["shoulders"] + BODY["hips"]], 2].min() < 0.3:
            return None  # torso not really seen
        visible = points[points[:, 2] > 0.5, :2]
        x0, y0 = np.clip(visible.min(axis=0), 0, [w - 1, h - 1])
        x1, y1 = np.clip(visible.max(axis=0), 0, [w - 1, h - 1])
        box = (int(x0), int(y0), max(1, int(x1 - x0)), max(1, int(y1 - y0)))
        return PoseObservation(t, shoulders, hips, box)

    def close(self) -> None:
        self._pose.close()


# -- operator-provided ONNX detection model ---------------------------------------------------------


def _nms(boxes: np.ndarray, scores: np.ndarray, iou: float = 0.45) -> list[int]:
    keep = cv2.dnn.NMSBoxes(boxes.tolist(), scores.tolist(), 0.0, iou)
    return [int(i) for i in np.array(keep).reshape(-1)]


class OnnxDetector:
    """Runs a YOLO-style detection model through onnxruntime on one CPU thread.

    Input: one image tensor [1, 3, H, W] (RGB, 0..1). Output: [1, N, 4 + C] or [1, 4 + C, N]
    (centre x, centre y, width, height in input pixels, then class scores), or [1, N, 5 + C] with
    an objectness score. ``classes`` gives the names of the C classes in order.
    """

    def __init__(self, model: Path, classes: list[str], score_threshold: float = 0.5):
        import onnxruntime as ort

        if not Path(model).is_file():
            raise InputError(f"modèle ONNX introuvable : {model}", "onnx.model")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own untyped errors
            raise InputError(f"modèle ONNX illisible : {Path(model).name} ({exc})", "onnx.model") from None
        inp = self.session.get_inputs()[0]
        self.input_name = inp.name
        shape = inp.shape
        if len(shape) != 4 or shape[1] not in (3, "3"):
            raise InputError(f"le modèle ONNX doit prendre une image [1, 3, H, W], pas {shape}", "onnx.model")
        self.size = (
            int(shape[3]) if isinstance(shape[3], int) else 640,
            int(shape[2]) if isinstance(shape[2], int) else 640,
        )
        self.classes = classes
        self.score_threshold = score_threshold

    def __call__(self, rgb: np.ndarray) -> list[Detection]:
        h, w = rgb.shape[:2]
        iw, ih = self.size
        tensor = cv2.resize(rgb, (iw, ih), interpolation=cv2.INTER_LINEAR).astype(np.float32) / 255.0
        tensor = tensor.transpose(2, 0, 1)[None]
        out = np.asarray(self.session.run(None, {self.input_name: tensor})[0])
        out = out.reshape(out.shape[-2], out.shape[-1])
        n_classes = len(self.classes)
        if out.shape[1] not in (4 + n_classes, 5 + n_classes) and out.shape[0] in (
            4 + n_classes,
            5 + n_classes,
        ):
            out = out.T
        if out.shape[1] == 5 + n_classes:
            scores = out[:, 5:] * out[:, 4:5]
        elif out.shape[1] == 4 + n_classes:
            scores = out[:, 4:]
        else:
            raise InputError(
                f"sortie du modèle ONNX de forme {list(out.shape)} incompatible avec {n_classes} classes",
                "onnx.classes",
            )
        best = scores.argmax(axis=1)
        score = scores[np.arange(len(best)), best]
        keep = score >= self.score_threshold
        if not keep.any():
            return []
        cx, cy, bw, bh = (out[keep, i] for i in range(4))
        sx, sy = w / iw, h / ih
        boxes = np.stack([(cx - bw / 2) * sx, (cy - bh / 2) * sy, bw * sx, bh * sy], axis=1)
        labels, score = best[keep], score[keep]
        detections = []
        for i in _nms(boxes, score):
            x, y, bw_, bh_ = boxes[i]
            box = (max(0, int(x)), max(0, int(y)), max(1, int(bw_)), max(1, int(bh_)))
            detections.append(Detection(box, self.classes[int(labels[i])], float(score[i])))
        return detections
