"""Reading order of the text segments of a PDF page: one column, two columns, or a table of rows.

CVs often put a sidebar (skills, languages) beside the main column, or the dates in a left margin
beside each job. A sidebar is a separate flow, read column by column; a dates margin belongs to the
rows it faces, read row by row. Both show a vertical gutter; they differ in whether the left
column's lines face the right column's lines and look like dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_YEARISH = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}/\d{2,4}\b|aujourd|actuel|depuis", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """A run of text on one line of a page; y grows upwards (PDF coordinates)."""

    x0: float
    x1: float
    bottom: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def same_row(a: Segment, b: Segment) -> bool:
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return overlap >= 0.5 * min(a.height, b.height)


def rows(segments: list[Segment]) -> list[list[Segment]]:
    """Segments grouped into rows, top to bottom, each row left to right."""
    out: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: (-s.top, s.x0)):
        if out and same_row(out[-1][0], seg):
            out[-1].append(seg)
        else:
            out.append([seg])
    return [sorted(row, key=lambda s: s.x0) for row in out]


def row_text(row: list[Segment], gutter: float | None = None) -> str:
    """A row as one line. With a gutter, its two sides are joined by a tab; without, wide gaps
    become a tab so that fields stay apart."""
    if gutter is not None:
        sides = [[s for s in row if s.x1 <= gutter], [s for s in row if s.x1 > gutter]]
        return "\t".join(" ".join(s.text.strip() for s in side) for side in sides if side).strip()
    parts = [row[0].text.strip()]
    for prev, seg in zip(row, row[1:], strict=False):
        gap = seg.x0 - prev.x1
        parts.append(("\t" if gap > 2 * seg.height else " ") + seg.text.strip())
    return "".join(parts).strip()


def find_gutter(segments: list[Segment], width: float) -> float | None:
    """x of the widest empty vertical band between 20 % and 80 % of the page, or None.

    Up to a third of the segments (full-width name, headings, a one-column section) may cross it, and
    each side must hold at least 15 % of the segments.
    """
    if len(segments) < 6 or width <= 0:
        return None
    bins = int(min(width, 2000))
    scale = bins / width
    cover = np.zeros(bins + 1, dtype=np.int32)
    for s in segments:
        start, stop = int(max(s.x0, 0) * scale) + 1, int(min(s.x1, width) * scale)
        if stop > start:
            cover[start] += 1
            cover[stop] -= 1
    cover = np.cumsum(cover)
    limit = len(segments) / 3
    least = max(3.0, 0.15 * len(segments))
    lo, hi = int(0.2 * bins), int(0.8 * bins)
    # the emptiest band first: no crosser at all, then one, two... up to the limit
    for allowed in range(int(limit) + 1):
        best, best_width = None, 0.0
        x = lo
        while x < hi:
            if cover[x] > allowed:
                x += 1
                continue
            run_end = x
            while run_end < hi and cover[run_end] <= allowed:
                run_end += 1
            middle = (x + run_end) / 2 / scale
            left = sum(1 for s in segments if s.x1 <= middle)
            right = sum(1 for s in segments if s.x0 >= middle)
            band = (run_end - x) / scale
            if min(left, right) >= least and band > best_width:
                best, best_width = middle, band
            x = run_end
        if best_width >= 12:
            return best
    return None


def _dates_margin(left: list[Segment], right: list[Segment]) -> bool:
    """True when the left side is a margin of dates facing the right side's rows."""
    facing = [seg for seg in left if any(same_row(seg, other) for other in right)]
    dated = sum(1 for seg in facing if _YEARISH.search(seg.text))
    return len(facing) >= 2 and dated >= 0.5 * len(facing)


def unwrap(flow: list[list[Segment]]) -> list[list[Segment]]:
    """Rows of one column with the lines that a paragraph wrapped joined again.

    A row continues the previous one when it starts with a lower-case letter and the previous row
    reaches the column's right edge (it was cut by the width, not ended by the writer).
    """
    if not flow:
        return flow
    left = min(s.x0 for row in flow for s in row)
    right = max(s.x1 for row in flow for s in row)
    out = [flow[0]]
    for row in flow[1:]:
        prev = out[-1]
        if (
            len(prev) == 1
            and len(row) == 1
            and row[0].text.lstrip()[:1].islower()
            and prev[0].x1 >= right - 0.15 * (right - left)
            and not prev[0].text.rstrip().endswith((".", ":", ";", "!", "?"))
        ):
            a, b = prev[0], row[0]
            out[-1] = [
                Segment(
                    min(a.x0, b.x0), max(a.x1, b.x1), b.bottom, a.top, f"{a.text.rstrip()} {b.text.lstrip()}"
                )
            ]
        else:
            out.append(row)
    return out


def page_lines(segments: list[Segment], width: float) -> list[str]:
    """The page's lines in reading order."""
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        return []
    gutter = find_gutter(segments, width)
    if gutter is None:
        return [row_text(r) for r in unwrap(rows(segments))]
    left = [s for s in segments if s.x1 <= gutter]
    right = [s for s in segments if s.x0 >= gutter]
    if _dates_margin(left, right):
        return [
            row_text(r, None if any(s.x0 < gutter < s.x1 for s in r) else gutter)
            for r in unwrap(rows(segments))
        ]
    lines: list[str] = []
    pending: list[Segment] = []

    def flush() -> None:
        # the column with more text (the main one: name, title, experience) is read first
        columns = [[s for s in pending if s.x1 <= gutter], [s for s in pending if s.x0 >= gutter]]
        columns.sort(key=lambda col: -sum(len(s.text) for s in col))
        for column in columns:
            lines.extend(row_text(r) for r in unwrap(rows(column)))
        pending.clear()

    for row in rows(segments):
        if any(s.x0 < gutter < s.x1 for s in row):  # a full-width row ends the columns above it
            flush()
            lines.append(row_text(row))
        else:
            pending.extend(row)
    flush()
    return lines
