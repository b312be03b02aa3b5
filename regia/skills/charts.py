"""Inline SVG charts (no script, no external file: they work offline, in a saved report and in print).

Each chart is an image with a title and a description for screen readers; the same figures are always
given in a table next to it.
"""

from __future__ import annotations

from html import escape
from itertools import count

DEMAND_COLOR = "#b8336a"
SUPPLY_COLOR = "#1d4e89"
TEXT_COLOR = "#1e1e1e"
GRID_COLOR = "#c4c9d0"
_ids = count(1)


def _truncate(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def paired_bars(rows: list[dict], title: str, label: str = "label", width: int = 760) -> str:
    """Horizontal bars, two per row: ``demand_share`` (offers) and ``supply_share`` (trainings)."""
    if not rows:
        return ""
    uid = next(_ids)
    label_w, bar_w, row_h = 300, width - 300 - 70, 34
    top = 34
    height = top + row_h * len(rows) + 10
    peak = max(max(r["demand_share"], r["supply_share"]) for r in rows) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="chart{uid}-t chart{uid}-d" class="chart">',
        f'<title id="chart{uid}-t">{escape(title)}</title>',
        f'<desc id="chart{uid}-d">Pour chaque ligne : part des offres qui la demandent, puis part des '
        f"formations du territoire qui l'enseignent. Les valeurs figurent aussi dans le tableau.</desc>",
        f'<rect x="{label_w}" y="6" width="12" height="12" fill="{DEMAND_COLOR}"/>'
        f'<text x="{label_w + 18}" y="17" font-size="13" fill="{TEXT_COLOR}">part des offres</text>',
        f'<rect x="{label_w + 140}" y="6" width="12" height="12" fill="{SUPPLY_COLOR}"/>'
        f'<text x="{label_w + 158}" y="17" font-size="13" fill="{TEXT_COLOR}">part des formations</text>',
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 20}" font-size="12" text-anchor="end" fill="{TEXT_COLOR}">'
            f"{escape(_truncate(str(row[label]), 40))}</text>"
        )
        for j, (key, color) in enumerate((("demand_share", DEMAND_COLOR), ("supply_share", SUPPLY_COLOR))):
            value = row[key]
            w = max(1.0, bar_w * value / peak) if value else 0
            by = y + 4 + j * 13
            parts.append(f'<rect x="{label_w}" y="{by}" width="{w:.1f}" height="11" fill="{color}"/>')
            parts.append(
                f'<text x="{label_w + w + 5:.1f}" y="{by + 10}" font-size="11" fill="{TEXT_COLOR}">'
                f"{value:.0%}</text>"
            )
        parts.append(
            f'<line x1="{label_w}" x2="{width - 10}" y1="{y + row_h - 2}" y2="{y + row_h - 2}" '
            f'stroke="{GRID_COLOR}" stroke-width="0.5"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_bars(rows: list[dict], title: str, label: str, value: str, width: int = 760) -> str:
    """Vertical bars (e.g. offers per month), each labelled with its value."""
    if not rows:
        return ""
    uid = next(_ids)
    height, bottom, left = 220, 40, 10
    peak = max(r[value] for r in rows) or 1
    step = (width - 2 * left) / len(rows)
    bar = max(4.0, step * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="chart{uid}-t chart{uid}-d" class="chart">',
        f'<title id="chart{uid}-t">{escape(title)}</title>',
        f'<desc id="chart{uid}-d">Une barre par période ; les valeurs figurent aussi dans le tableau.</desc>',
    ]
    for i, row in enumerate(rows):
        h = (height - bottom - 24) * row[value] / peak
        x = left + i * step + (step - bar) / 2
        y = height - bottom - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{SUPPLY_COLOR}"/>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT_COLOR}">{row[value]}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle" '
            f'fill="{TEXT_COLOR}">{escape(str(row[label]))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
