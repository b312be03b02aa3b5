"""Near-me speed over 20,000 projects, the projects part of `regia load`, and the map page's load time.

Builds a temporary home: the territory and the bundled projects are loaded (timed), then copies of real
located projects (new ids, source "copies-echelle", clearly not real records) bring the total to 20,000.
Then: 300 near-me queries (commune by name, postcode or INSEE, EPCI, radius 5-20 km, theme and year
filters), and the map page opened in Chromium on loopback (navigation to commune markers drawn).

    .venv/bin/python -m benchmarks.projects.near_speed
"""

from __future__ import annotations

import os
import random
import resource
import socket
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import record

TARGET = 20_000


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _scale_up() -> int:
    """Copies of real located projects until TARGET; returns the number of copies."""
    import datetime as dt

    from sqlalchemy import func, insert, select

    from regia.db import session_scope
    from regia.projects.models import ImportRow, ProjectRow

    with session_scope() as session:
        total = session.scalar(select(func.count()).select_from(ProjectRow))
        located = session.scalars(select(ProjectRow).where(ProjectRow.insee.is_not(None))).all()
        columns = [c.key for c in ProjectRow.__table__.columns]
        copies = []
        for n in range(max(0, TARGET - total)):
            row = {c: getattr(located[n % len(located)], c) for c in columns}
            row.update(id=f"copie-{n}-{row['id']}"[:80], source="copies-echelle")
            copies.append(row)
        for start in range(0, len(copies), 2000):
            session.execute(insert(ProjectRow.__table__), copies[start : start + 2000])
        stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        session.add(
            ImportRow(
                source="copies-echelle",
                file="-",
                loaded_at=stamp,
                rows_read=len(copies),
                rows_loaded=len(copies),
                rows_rejected=0,
                report={},
            )
        )
    return len(copies)


def _queries(rng: random.Random) -> list[dict]:
    from regia import territory
    from regia.projects import snapshot
    from regia.projects.near import Filters

    snap = snapshot.current()
    codes = sorted({c for c in snap.insee.tolist() if c})
    out = []
    for _ in range(300):
        commune = territory.get_commune(rng.choice(codes))
        kind = rng.randrange(6)
        place = [commune.name, commune.insee, commune.postcodes[0] if commune.postcodes else commune.insee][
            kind % 3
        ]
        query = {"place": place}
        if kind == 3:
            query["scope"] = "epci"
        elif kind >= 4:
            query["radius_km"] = rng.choice([5, 10, 20])
        if rng.random() < 0.3:
            query["filters"] = Filters(
                themes=(rng.choice(snapshot.SLUGS),), year_min=rng.choice([None, 2012, 2018])
            )
        out.append(query)
    return out


def _page_times(base: str, paths: list[str], runs: int = 5) -> dict[str, list[float]]:
    """Seconds from navigation start to the first commune marker drawn, read in the page itself;
    a new browser context per load, so that nothing is cached."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        for path in paths:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base + path, wait_until="commit")
                page.wait_for_function(
                    "document.querySelector('.commune-marker, .cluster-marker')", polling=10
                )
                times.setdefault(path, []).append(page.evaluate("performance.now()") / 1000)
                rows = page.locator(".projects-list tbody tr").count()
                icons = page.locator(".leaflet-marker-icon").count()
                times[path + " rows/icons"] = [rows, icons]
                context.close()
        browser.close()
    return times


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="regia-bench-projects-"))
    os.environ["REGIA_HOME"] = str(home)
    os.environ.pop("REGIA_DATABASE_URL", None)
    from regia.db import init_db, reset_caches

    reset_caches()
    init_db()
    from regia.projects import loader as projects_loader
    from regia.territory import loader as territory_loader

    territory_loader.load_default()
    load_avg = os.getloadavg()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    reports = projects_loader.load_default()
    load_s = time.perf_counter() - started
    load_cpu = _cpu_seconds() - cpu_before
    real = sum(r.loaded for r in reports)
    copies = _scale_up()

    from regia.projects import snapshot
    from regia.projects.near import near

    started = time.perf_counter()
    snap = snapshot.current()
    snapshot_s = time.perf_counter() - started
    queries = _queries(random.Random(7))
    near(**queries[0])  # warm the place resolver
    timings = []
    for q in queries:
        t = time.perf_counter()
        near(**q, limit=50)
        timings.append((time.perf_counter() - t) * 1000)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    import uvicorn

    from regia.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    paths = ["/projets", "/projets?place=Nantes&around=20", "/projets?place=Mantes-la-Jolie"]
    pages = _page_times(f"http://127.0.0.1:{port}", paths)
    server.should_exit = True

    lines = [
        f"- load average at start: {load_avg[0]:.1f} (2 cores shared by the team: timings are pessimistic)",
        f"- projects part of `regia load` (3 bundled files, fresh database, embedding cache "
        f"{'warm' if os.environ.get('REGIA_EMBEDDING_CACHE_DIR') else 'in the fresh home'}): {load_s:.1f} s,"
        f" {real} real projects; CPU time {load_cpu:.1f} s (what an idle machine would take, roughly)",
        f"- projects queried: {len(snap)} ({real} real + {copies} copies of real located projects)",
        f"- snapshot build: {snapshot_s * 1000:.0f} ms (once per import, per process)",
        f"- near-me, {len(timings)} queries: p50 {_percentile(timings, 0.5):.1f} ms,"
        f" **p95 {_percentile(timings, 0.95):.1f} ms**, max {max(timings):.1f} ms",
        f"- process peak RSS after the queries: {rss_mb:.0f} MB",
    ]
    for path in paths:
        t = pages[path]
        rows, icons = pages[path + " rows/icons"]
        lines.append(
            f"- map page `{path}` (cold cache), navigation start to markers drawn:"
            f" p50 {_percentile(t, 0.5):.2f} s, max {max(t):.2f} s over {len(t)} loads;"
            f" {rows} list rows, {icons} marker elements"
        )
    record(
        "Projects: near-me speed and map page load (20,000 projects)",
        "python -m benchmarks.projects.near_speed",
        lines,
    )


if __name__ == "__main__":
    main()
