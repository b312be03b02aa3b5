"""Orientation benchmark: occupation accuracy, offers within the radius, seconds per CV, peak memory.

Runs the real pipeline (`regia.orientation.orient`, the function behind `regia orient` and the API) on
fictional CVs written for Regia: ``--set cvs`` (looked at while the ranking was tuned) or ``--set fresh``
(written after it was frozen). Each CV's YAML source names the expected ROME codes and the commune the
person lives in. Pinned to one core; OCR'd (scanned) CVs count for quality, not for speed.

Usage: ``.venv/bin/python -m benchmarks.orientation.run [--set cvs|fresh] [--radius-km 30] [--no-record]``
(needs the default database: ``regia load``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import yaml  # noqa: E402

SETS = {
    "cvs": "24 CVs, looked at while the ranking was being tuned (tuning itself used tests/orientation/cvs)",
    "fresh": "11 CVs written after the ranking was frozen, evaluated once",
}


def family(code: str, parents: dict[str, str]) -> str:
    return parents.get(code, code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="cvs", help="which folder of CVs")
    parser.add_argument("--radius-km", type=float, default=30.0)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    args = parser.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from regia.orientation.questionnaire import parse_answers
    from regia.orientation.service import orient
    from regia.territory import distance_km, resolve_place

    # the loader contract of regia.loading: regia.<capability>.loader.is_loaded()
    if not all(importlib.import_module(f"regia.{n}.loader").is_loaded() for n in ("territory", "skills")):
        sys.exit("Run `regia load` first: the benchmark measures orientation alone, not the loading.")
    import regia.skills as skills

    folder = Path(__file__).parent / args.set
    cases = []
    for source in sorted(folder.glob("*.yaml")):
        cv = yaml.safe_load(source.read_text(encoding="utf-8"))
        path = next(p for p in folder.glob(source.stem + ".*") if p.suffix != ".yaml")
        cases.append((path, cv))

    rows, timings, top1, top5, fam1, fam5, offers, outside = [], [], 0, 0, 0, 0, 0, 0
    first_call = None
    for path, cv in cases:
        answers = parse_answers({"commune": cv["commune"], "radius_km": args.radius_km})
        started = time.perf_counter()
        result = orient(path.read_bytes(), answers)
        seconds = time.perf_counter() - started
        ocr = bool(result["document"] and result["document"]["ocr"])
        if first_call is None:
            first_call = seconds
        elif not ocr:
            timings.append(seconds)
        codes = [o["code"] for o in result["occupations"]]
        expected = set(cv["expected"])
        parents = {c: (skills.occupation(c) or {}).get("parent") or c for c in codes[:5] + list(expected)}
        expected_families = {family(c, parents) for c in expected}
        hit1, hit5 = bool(codes[:1] and codes[0] in expected), bool(set(codes[:5]) & expected)
        f1 = bool(codes[:1] and family(codes[0], parents) in expected_families)
        f5 = bool({family(c, parents) for c in codes[:5]} & expected_families)
        top1, top5, fam1, fam5 = top1 + hit1, top5 + hit5, fam1 + f1, fam5 + f5
        home = resolve_place(cv["commune"]).commune
        for offer in result["offers"]:
            offers += 1
            far = distance_km(home.lat, home.lon, offer["lat"], offer["lon"]) > args.radius_km + 0.05
            outside += far or offer["distance_km"] > args.radius_km
        mark = "top1" if hit1 else "top5" if hit5 else "MISS"
        timing = f"{seconds:.2f}" + (" (OCR)" if ocr else "")
        rows.append(
            f"| {path.name} | {' '.join(sorted(expected))} | {' '.join(codes[:5])} | {mark} "
            f"| {len(result['offers'])} | {len(result['trainings'])} | {timing} |"
        )

    n = len(cases)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cli = []
    for path, cv in cases[:3]:
        before = os.times()
        wall, after_cpu, peak = cold_cli(path, cv["commune"], args.radius_km)
        cli.append((wall, after_cpu - before.children_user - before.children_system, peak))
    timings.sort()
    lines = [
        f"Set `{args.set}`: {SETS[args.set]}; {n} fictional CVs "
        f"({sum(1 for _, cv in cases if cv['layout'] == 'pdf-scan')} scanned), "
        f"one core, radius {args.radius_km:g} km, load average {os.getloadavg()[0]:.2f}.",
        "",
        f"- occupation top-1: **{top1 / n:.0%}** ({top1}/{n}); top-5: **{top5 / n:.0%}** ({top5}/{n})",
        f"- same ROME family (a child fiche counted with its parent): top-1 {fam1 / n:.0%}, "
        f"top-5 {fam5 / n:.0%}",
        f"- offers returned: {offers}, outside the radius: **{outside}**",
        f"- seconds per CV, end to end from the file's bytes (OCR excluded, warm): median "
        f"**{statistics.median(timings):.2f}**, p95 {timings[int(0.95 * (len(timings) - 1))]:.2f}, "
        f"max {timings[-1]:.2f}; first call (loads the models) {first_call:.2f}",
        f"- peak memory: **{own:.0f} MB** resident for the process; {children:.0f} MB for the largest "
        "sandboxed reader child (a fork: most of it is pages shared with its parent)",
        "- `regia orient FILE --commune C --json` as a fresh process on one core (models loaded at each "
        "run): " + "; ".join(f"{w:.1f} s wall, {c:.1f} s CPU, {mb:.0f} MB peak" for w, c, mb in cli),
        "",
        "| CV | expected | top 5 | hit | offers | trainings | seconds |",
        "|---|---|---|---|---|---|---|",
        *rows,
    ]
    command = "python -m benchmarks.orientation.run " + " ".join(sys.argv[1:])
    if args.no_record:
        print("\n".join(lines))
    else:
        from benchmarks.common import record

        record("Orientation: occupations from CVs", command.strip(), lines)


def cold_cli(path: Path, commune: str, radius_km: float) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one `regia orient` process.

    The peak is the process's own high-water mark (VmHWM), polled while it runs: the rusage of a
    child started from this large process would count this process's pages at the fork.
    """
    import subprocess

    command = [sys.executable, "-c", "from regia.cli import main; main()", "orient", str(path)]
    command += ["--commune", commune, "--radius-km", str(radius_km), "--json"]
    started = time.perf_counter()
    # inherits this process's one-core affinity
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_kb = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak_kb = max(peak_kb, int(status.split("VmHWM:")[1].split()[0]))
        except (OSError, IndexError, ValueError):
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"regia orient failed on {path.name}")
    times = os.times()
    return wall, times.children_user + times.children_system, peak_kb / 1024


if __name__ == "__main__":
    main()
