"""An hour-long file is described as a stream: bounded memory, a clear result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MEMORY_LIMIT_MB = 1500


# A fork of this big test process would count the parent's pages in the child's peak RSS, so a small
# Python process starts `regia` and reports the peak of its one child.
PEAK_OF_CHILD = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)


def test_an_hour_long_video_is_described_in_bounded_memory(compose, reference, tmp_path):
    video = tmp_path / "hour.mp4"
    compose.long_video(video, 3600)
    regia = Path(sys.executable).with_name("regia")
    out, err, peak = tmp_path / "stdout.json", tmp_path / "stderr.txt", tmp_path / "peak_kb"
    command = [sys.executable, "-c", PEAK_OF_CHILD, peak, regia, "heritage", "describe", video]
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.run(
            [*command, "--json", "--out", tmp_path / "out"], stdout=stdout, stderr=stderr, timeout=600
        )
    peak_mb = int(peak.read_text()) / 1024
    assert proc.returncode == 0, err.read_text()
    result = json.loads(out.read_text())
    assert result["duration_s"] == pytest.approx(3600, abs=1)
    assert result["shots"][-1]["end_s"] == pytest.approx(3600, abs=1)
    assert result["transcript"] == [] and "aucune parole détectée" in result["description"]
    assert "1 h 00 min" in result["description"]
    assert peak_mb < MEMORY_LIMIT_MB, f"peak {peak_mb:.0f} MB"
