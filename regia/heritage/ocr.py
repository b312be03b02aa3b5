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
SHEET_LINES = 16
MIN_CONFIDENCE = 60
LONG_LINE_ASPECT = 5  # a candidate line this many times wider than high is worth a second reading
MAX_SECOND_READS = 4  # per sheet: each is one more tesseract run
_WORD = re.compile(r"^[\w'’\-.,:;!?«»()]+$")


def text_regions(bgr: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the lines of text-like marks, largest first: dense high-contrast strokes
    (titles) and rows of character-shaped stable regions (MSER: captions in a box, whose frame would
    otherwise swallow the letters)."""
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    largest = _merge_lines(_stroke_boxes(gray) + _character_rows(gray))[:MAX_REGIONS]
    return sorted(largest, key=lambda b: (b[1] // max(1, b[3]), b[0]))  # reading order


def _stroke_boxes(gray: np.ndarray) -> list[list[int]]:
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
    return boxes


def _character_rows(gray: np.ndarray) -> list[list[int]]:
    height, width = gray.shape
    mser = cv2.MSER_create(delta=5, min_area=20, max_area=int(height * width * 0.02))
    _, found = mser.detectRegions(gray)
    chars = sorted(
        {
            (int(x), int(y), int(w), int(h))
            for x, y, w, h in found
            if 8 <= h <= height * 0.2 and 0.1 <= w / h <= 1.5
        }
    )
    rows: list[list[float]] = []  # x0, y0, x1, y1, mean height, count
    for x, y, w, h in chars:
        for row in rows:
            if (
                abs(y + h / 2 - (row[1] + row[3]) / 2) < 0.35 * row[4]
                and 0.6 < h / row[4] < 1.6
                and row[0] - 1.2 * row[4] < x < row[2] + 1.2 * row[4]
            ):
                row[:4] = [min(row[0], x), min(row[1], y), max(row[2], x + w), max(row[3], y + h)]
                row[4] = (row[4] * row[5] + h) / (row[5] + 1)
                row[5] += 1
                break
        else:
            rows.append([x, y, x + w, y + h, h, 1])
    return [
        [int(x0), int(y0), int(x1 - x0), int(y1 - y0)]
        for x0, y0, x1, y1, _, n in rows
        if n >= 3 and x1 - x0 > 2 * (y1 - y0)
    ]


def _merge_lines(boxes: list[list[int]]) -> list[tuple[int, int, int, int]]:
    """Join boxes on the same line that are close (the words of one title)."""
    boxes.sort(key=lambda b: (b[1], b[0]))
    merged: list[list[int]] = []
    for box in boxes:
        for line in merged:
            top, bottom = max(line[1], box[1]), min(line[1] + line[3], box[1] + box[3])
            gap = max(line[0], box[0]) - min(line[0] + line[2], box[0] + box[2])  # < 0: they overlap
            if bottom - top > 0.5 * min(line[3], box[3]) and gap < 1.5 * max(line[3], box[3]):
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
    """The lines of text shown in each image, in reading order ([] when nothing is legible). Candidate
    lines are stacked on sheets of a few dozen, so tesseract starts once per sheet, not once per line.
    Neighbours on a sheet can put tesseract off a real line: a long line (a caption, a title) that the
    sheet left unread is read again on its own."""
    crops = [(i, crop) for i, image in enumerate(images) for crop in _normalised_crops(image)]
    found: dict[int, str] = {}
    for start in range(0, len(crops), SHEET_LINES):
        sheet = crops[start : start + SHEET_LINES]
        read = dict(_read_sheet(sheet))
        unread = [k for k, (_, crop) in enumerate(sheet) if k not in read and _is_long_line(crop)]
        for k in unread[:MAX_SECOND_READS]:
            for _, text in _read_sheet([sheet[k]]):
                read[k] = text
        found.update({start + k: text for k, text in read.items()})
    results: list[list[str]] = [[] for _ in images]
    for position in sorted(found):
        results[crops[position][0]].append(found[position])
    return results


def _is_long_line(crop: np.ndarray) -> bool:
    return crop.shape[1] >= LONG_LINE_ASPECT * crop.shape[0]


def _read_sheet(crops: list[tuple[int, np.ndarray]]) -> list[tuple[int, str]]:
    """(position on the sheet, text) of each candidate line that reads as words."""
    import pytesseract

    width = max(c.shape[1] for _, c in crops) + 40
    sheet = np.full((sum(c.shape[0] + 30 for _, c in crops) + 30, width), 255, np.uint8)
    spans, top = [], 30
    for _, crop in crops:
        sheet[top : top + crop.shape[0], 20 : 20 + crop.shape[1]] = crop
        spans.append((top, top + crop.shape[0]))
        top += crop.shape[0] + 30
    data = pytesseract.image_to_data(sheet, lang="fra", config="--psm 6", output_type=pytesseract.Output.DICT)
    words: dict[int, list[str]] = {}
    for n, word in enumerate(data["text"]):
        if not word.strip() or float(data["conf"][n]) < MIN_CONFIDENCE or not _WORD.match(word):
            continue
        if not _is_word(word):
            continue
        middle = data["top"][n] + data["height"][n] / 2
        k = next((k for k, (a, b) in enumerate(spans) if a - 15 <= middle <= b + 15), None)
        if k is not None:
            words.setdefault(k, []).append(word)
    out = []
    for k, found in sorted(words.items()):
        text = " ".join(found).strip(" ,;:")
        if len(re.sub(r"\W", "", text)) >= 3:
            out.append((k, text))
    return out


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
