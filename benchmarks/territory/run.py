"""Territory benchmark: resolver accuracy on hand-written place mentions, false positives on ordinary
sentences, agreement with the real bike-aid records, latency, referential build time and memory.

    .venv/bin/python -m benchmarks.territory.run [--no-record]
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def _ms(seconds: list[float], q: float) -> float:
    ordered = sorted(seconds)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line]


def accuracy(items: list[dict]) -> tuple[list[str], list[str]]:
    from regia.errors import NotFound
    from regia.territory import find_place, resolve_place

    right = wrong_place = missed = false_pos = guessed = 0
    failures = []
    for item in items:
        try:
            place = find_place(item["text"]) if item["mode"] == "find" else resolve_place(item["text"])
        except NotFound:
            place = None
        got = (place.kind, place.code) if place else None
        want = (item["kind"], item["code"]) if item["kind"] else None
        if got == want:
            right += 1
            guessed += bool(place and place.guessed)
            continue
        failures.append(f"  - `{item['text']}`: expected {want}, got {got}")
        if want is None:
            false_pos += 1
        elif got is None:
            missed += 1
        else:
            wrong_place += 1
    positives = sum(1 for i in items if i["kind"])
    negatives = len(items) - positives
    lines = [
        f"- mentions: {len(items)} ({positives} places, {negatives} sentences without a place)",
        f"- accuracy (exact kind and code, or no place): {right / len(items):.3f} ({right}/{len(items)})",
        f"- places: {positives - missed - wrong_place}/{positives} right, {wrong_place} wrong place, "
        f"{missed} missed; {guessed} right answers flagged as guessed",
        f"- false positives on sentences without a place: {false_pos}/{negatives}",
    ]
    return lines, failures


def bike_aid_agreement(shared: Path) -> list[str]:
    """Places found in the real bike-aid texts that overlap the aid's own territory (collectivité)."""
    from regia.territory import communes_of, find_place, get_commune
    from regia.text.normalize import strip_html

    aids = json.loads((shared / "aides" / "aides-velo" / "aides_velo_flat.json").read_text(encoding="utf-8"))
    found = agree = 0
    for aid in aids:
        where = aid["collectivite"]
        kind = {"code insee": "commune", "epci": "epci", "département": "department", "région": "region"}
        kind = kind[where["kind"]]
        code = where.get("code") or where["value"]
        if kind == "commune":
            territory = {code} if get_commune(code) else set()
        else:
            territory = {c.insee for c in communes_of(kind, code)}
        text = f"{aid['titre']}. {strip_html(aid.get('description') or '')}"
        place = find_place(text)
        if place is None or not territory:
            continue
        found += 1
        agree += bool(territory & set(place.commune_codes()))
    return [
        f"- real bike aids (aides-velo, {len(aids)} title + description texts): a place found in {found}, "
        f"overlapping the aid's own territory in {agree}/{found} ({agree / max(found, 1):.3f})"
    ]


def latency(items: list[dict]) -> list[str]:
    """Warm find_place latency: wall clock, and CPU time of this thread (which the other processes of a
    busy machine do not inflate)."""
    from regia.territory import find_place

    questions = (HERE / "questions.txt").read_text(encoding="utf-8").split("\n\n")
    questions = [q.replace("\n", " ").strip() for q in questions if q.strip()]
    short = [i["text"] for i in items if i["mode"] == "find"]
    for text in short + questions:  # warm
        find_place(text)
    lines = []
    for name, texts in (("short mentions", short), ("citizen questions", questions)):
        wall, cpu = [], []
        for _ in range(20):
            for text in texts:
                started, started_cpu = time.perf_counter(), time.thread_time()
                find_place(text)
                cpu.append(time.thread_time() - started_cpu)
                wall.append(time.perf_counter() - started)
        chars = statistics.mean(len(t) for t in texts)
        lines.append(
            f"- find_place warm, {name} ({len(texts)} texts, mean {chars:.0f} chars, x 20): "
            f"wall p50 {_ms(wall, 0.5):.2f} ms, p95 {_ms(wall, 0.95):.2f} ms; "
            f"CPU p50 {_ms(cpu, 0.5):.2f} ms, p95 {_ms(cpu, 0.95):.2f} ms"
        )
    return lines


def build_cost() -> list[str]:
    """Time and memory to build the referential from the bundled files, in this fresh process."""
    from regia.territory.loader import default_folder
    from regia.territory.referential import Referential
    from regia.territory.sources import read_folder

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, started_cpu = time.perf_counter(), time.process_time()
    raw = read_folder(default_folder())
    read_cpu = time.process_time() - started_cpu
    Referential(raw.regions, raw.departments, raw.epcis, raw.communes)
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    rss_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    return [
        f"- referential build from the bundled files: wall {wall:.2f} s, CPU {cpu:.2f} s "
        f"(reading and checking the files {read_cpu:.2f} s), peak RSS +{rss_mib:.0f} MiB"
    ]


def main(argv: list[str]) -> None:
    from benchmarks.common import record
    from regia.config import get_settings

    lines = build_cost()  # first: measured in a process that has built nothing yet
    items = _load("mentions.jsonl")
    quality, failures = accuracy(items)
    lines += quality
    shared = get_settings().shared_data_dir
    if (shared / "aides" / "aides-velo").is_dir():
        lines += bike_aid_agreement(shared)
    lines += latency(items)
    load = os.getloadavg()
    lines.append(f"- load average during the run: {load[0]:.1f} / {load[1]:.1f} (1 / 5 min)")
    if failures:
        lines += ["- failures:", *failures]
    if "--no-record" in argv:
        print("\n".join(lines))
    else:
        record("Territory resolver", "python -m benchmarks.territory.run", lines)


if __name__ == "__main__":
    main(sys.argv[1:])
