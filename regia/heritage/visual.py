"""Simple visual descriptors with OpenCV: colours, light, indoor/outdoor cues, motion, camera pans.

These are explainable pixel statistics, not recognition: each label comes with the figures it rests on,
and the description calls them estimates.
"""

from __future__ import annotations

import cv2
import numpy as np

# (name, representative rule) on OpenCV HSV (H 0-180, S and V 0-255)
_HUE_NAMES = ((10, "rouge"), (22, "orange"), (35, "jaune"), (85, "vert"), (130, "bleu"), (150, "violet"))


def colour_names(hsv: np.ndarray) -> np.ndarray:
    """A French colour name for every pixel of an HSV image (array of str)."""
    h, s, v = (hsv[..., i].astype(np.int16) for i in range(3))
    names = np.full(h.shape, "rose", dtype=object)
    for upper, name in reversed(_HUE_NAMES):
        names[h < upper] = name
    names[h >= 170] = "rouge"
    names[(names == "orange") & (v < 150)] = "marron"
    names[((names == "orange") | (names == "jaune")) & (s < 90) & (v >= 150)] = "beige"
    grey = s < 40
    names[grey] = "gris"
    names[grey & (v > 215)] = "blanc"
    names[v < 50] = "noir"
    return names


def dominant_colours(bgr: np.ndarray, top: int = 3) -> list[dict]:
    small = cv2.resize(
        bgr, (96, max(1, round(96 * bgr.shape[0] / bgr.shape[1]))), interpolation=cv2.INTER_AREA
    )
    names = colour_names(cv2.cvtColor(small, cv2.COLOR_BGR2HSV)).ravel()
    pixels = small.reshape(-1, 3)
    out = []
    labels, counts = np.unique(names, return_counts=True)
    for i in np.argsort(-counts)[:top]:
        share = counts[i] / names.size
        if share < 0.08:
            break
        b, g, r = pixels[names == labels[i]].mean(axis=0)
        out.append(
            {
                "name": str(labels[i]),
                "hex": f"#{int(r):02x}{int(g):02x}{int(b):02x}",
                "share": round(share, 2),
            }
        )
    return out


def keyframe_descriptors(bgr: np.ndarray) -> dict:
    """Light, colour and outdoor cues of one image.

    Only strong cues give a setting: vegetation, or a smooth saturated blue sky brighter than the bottom
    of the image. Walls and ceilings fool every weaker rule (checked on real indoor clips), so without
    those cues the setting is "indéterminé" rather than a guess.
    """
    small = cv2.resize(
        bgr, (160, max(3, round(160 * bgr.shape[0] / bgr.shape[1]))), interpolation=cv2.INTER_AREA
    )
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    h, s, v = (hsv[..., i].astype(np.float32) for i in range(3))
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    texture = np.abs(cv2.Laplacian(gray, cv2.CV_32F, ksize=3))
    third = max(1, small.shape[0] // 3)
    top, bottom = slice(0, third), slice(small.shape[0] - third, None)
    sky = float(((h[top] >= 95) & (h[top] < 125) & (s[top] > 40) & (v[top] > 150)).mean())
    sky_like = (
        sky >= 0.35
        and texture[top].mean() < 0.5 * texture[bottom].mean()
        and v[top].mean() > v[bottom].mean() + 15
    )
    vegetation = float(((h >= 35) & (h < 85) & (s > 60) & (v > 50)).mean())
    brightness = float(v.mean() / 255)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    chroma = np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    setting = "extérieur" if vegetation >= 0.2 or sky_like else "indéterminé"
    if brightness < 0.18:
        time_of_day = "nuit ou image sombre"
    elif setting == "extérieur":
        time_of_day = "jour"
    else:
        time_of_day = "indéterminé"
    return {
        "setting": setting,
        "time_of_day": time_of_day,
        "brightness": round(brightness, 3),
        "monochrome": bool(np.percentile(chroma, 99) < 5),
        "sky_share": round(sky, 3),
        "vegetation_share": round(vegetation, 3),
        "dominant_colours": dominant_colours(bgr),
    }


def motion_labels(motion: float, pan_x: float, pan_y: float) -> dict:
    """Labels from the mean frame difference (0-1) and the mean image shift (frame widths per second)."""
    label = "faible" if motion < 0.01 else "modéré" if motion < 0.04 else "important"
    if abs(pan_x) >= max(0.04, abs(pan_y)):
        camera = "panoramique vers la droite" if pan_x < 0 else "panoramique vers la gauche"
    elif abs(pan_y) >= 0.04:
        camera = "panoramique vers le bas" if pan_y < 0 else "panoramique vers le haut"
    else:
        camera = "sans panoramique"
    return {
        "motion": round(motion, 4),
        "motion_label": label,
        "camera": camera,
        "pan_x": round(pan_x, 3),
        "pan_y": round(pan_y, 3),
    }


def sharpness(gray: np.ndarray) -> float:
    return float(cv2.Laplacian(gray, cv2.CV_32F).var())


def shift(prev: np.ndarray, cur: np.ndarray, window: np.ndarray) -> tuple[float, float, float]:
    """Global translation (dx, dy in pixels) between two float32 gray images and its confidence."""
    (dx, dy), response = cv2.phaseCorrelate(prev, cur, window)
    return dx, dy, response
