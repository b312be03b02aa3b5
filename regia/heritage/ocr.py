"""On-screen text: tesseract (French) on the text-like regions of each keyframe, then deduplicated.

Tesseract reads a whole natural image poorly (it "reads" texture as letters), so each keyframe is first
cut into candidate text lines (dense, high-contrast, wide regions found with morphology), each line is
enlarged and read alone, and only confident words that are French words or proper nouns are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cv2
import numpy as np
from rapidfuzz import fuzz

from regia.text.normalize import normalize

MAX_REGIONS = 12
MIN_CONFIDENCE = 60
_WORD = re.compile(r"^[\w'’\-.,:;!?«»()]+$")


def text_regions(bgr: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the lines of text-like marks, largest first."""
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    height, width = gray.shape
    grad = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    _, marks = cv2.threshold(grad, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    marks = cv2.morphologyEx(
        marks, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, width // 60), 1))
    )
    count, _, stats, _ = cv2.connectedComponentsWithStats(marks)
    boxes = []
    for x, y, w, h, area in stats[1:count]:
        if h < 8 or h > height * 0.25 or w < 2 * h or w > width * 0.98 or area / (w * h) < 0.45:
            continue
        boxes.append([int(x), int(y), int(w), int(h)])
    return _merge_lines(boxes)[:MAX_REGIONS]


def _merge_lines(boxes: list[list[int]]) -> list[tuple[int, int, int, int]]:
    """Join boxes on the same line that are close (the words of one title)."""
    boxes.sort(key=lambda b: (b[1], b[0]))
    merged: list[list[int]] = []
    for box in boxes:
        for line in merged:
            top, bottom = max(line[1], box[1]), min(line[1] + line[3], box[1] + box[3])
            gap = box[0] - (line[0] + line[2])
            if bottom - top > 0.5 * min(line[3], box[3]) and -line[2] < gap < 1.5 * max(line[3], box[3]):
                x0, y0 = min(line[0], box[0]), min(line[1], box[1])
                x1, y1 = max(line[0] + line[2], box[0] + box[2]), max(line[1] + line[3], box[1] + box[3])
                line[:] = [x0, y0, x1 - x0, y1 - y0]
                break
        else:
            merged.append(list(box))
    merged.sort(key=lambda b: -b[2] * b[3])
    return [tuple(b) for b in merged]


@lru_cache(maxsize=50_000)
def _is_word(token: str) -> bool:
    import simplemma

    core = token.strip("'’-.,:;!?«»()")
    if len(core) < 2 or not any(c.isalpha() for c in core):
        return core.isdigit() and len(core) == 4  # a year
    if core[0].isupper() and sum(c.isalpha() for c in core) >= 3:
        return True  # a proper noun or a capitalised title word
    return all(simplemma.is_known(part.lower(), lang="fr") for part in re.split(r"[-'’]", core) if part)


def _normalised_crops(bgr: np.ndarray) -> list[np.ndarray]:
    """The candidate lines of an image as dark text on white, 48 px high."""
    crops = []
    for x, y, w, h in text_regions(bgr):
        pad = max(3, h // 4)
        gray = cv2.cvtColor(
            bgr[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad], cv2.COLOR_BGR2GRAY
        )
        gray = cv2.resize(gray, None, fx=48 / h, fy=48 / h, interpolation=cv2.INTER_CUBIC)
        _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        crops.append(255 - gray if ink.mean() < 128 else gray)  # light text on dark: inverted
    return crops


def read_texts(images: list[np.ndarray]) -> list[list[str]]:
    """The lines of text shown in each image ([] when nothing is legible). The candidate lines of all
    the images are stacked on one sheet, so tesseract starts once per batch, not once per line."""
    import pytesseract

    owners: list[tuple[int, int, int]] = []  # (image index, top, bottom) of each crop on the sheet
    crops = []
    for i, image in enumerate(images):
        for crop in _normalised_crops(image):
            crops.append(crop)
            owners.append((i, 0, 0))
    results: list[list[str]] = [[] for _ in images]
    if not crops:
        return results
    width = max(c.shape[1] for c in crops) + 40
    sheet = np.full((sum(c.shape[0] + 30 for c in crops) + 30, width), 255, np.uint8)
    top = 30
    for k, crop in enumerate(crops):
        sheet[top : top + crop.shape[0], 20 : 20 + crop.shape[1]] = crop
        owners[k] = (owners[k][0], top, top + crop.shape[0])
        top += crop.shape[0] + 30
    data = pytesseract.image_to_data(sheet, lang="fra", config="--psm 6", output_type=pytesseract.Output.DICT)
    words: dict[int, list[str]] = {}
    for n, word in enumerate(data["text"]):
        if (
            not word.strip()
            or float(data["conf"][n]) < MIN_CONFIDENCE
            or not _WORD.match(word)
            or not _is_word(word)
        ):
            continue
        middle = data["top"][n] + data["height"][n] / 2
        crop = next((k for k, (_, a, b) in enumerate(owners) if a - 15 <= middle <= b + 15), None)
        if crop is not None:
            words.setdefault(crop, []).append(word)
    for crop, found in sorted(words.items()):
        text = " ".join(found)
        if len(re.sub(r"\W", "", text)) >= 3:
            results[owners[crop][0]].append(text)
    return results


def dedupe(texts: list[tuple[float, str]]) -> list[dict]:
    """Distinct texts with the time each first appears: near-identical readings are one text."""
    distinct: list[dict] = []
    for time, text in texts:
        norm = normalize(text)
        if not norm:
            continue
        for known in distinct:
            if fuzz.ratio(norm, known["norm"]) >= 85:
                if len(text) > len(known["text"]):
                    known["text"], known["norm"] = text, norm
                break
        else:
            distinct.append({"text": text, "norm": norm, "first_s": time})
    return [{"text": d["text"], "first_s": d["first_s"]} for d in distinct]
