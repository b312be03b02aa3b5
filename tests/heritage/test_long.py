"""An hour-long file is described as a stream: bounded memory, a clear result."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MEMORY_LIMIT_MB = 1500


def test_an_hour_long_video_is_described_in_bounded_memory(compose, reference, tmp_path):
    video = tmp_path / "hour.mp4"
    compose.long_video(video, 3600)
    regia = Path(sys.executable).with_name("regia")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = subprocess.run(
        [regia, "heritage", "describe", video, "--json", "--out", tmp_path / "out"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["duration_s"] == pytest.approx(3600, abs=1)
    assert result["shots"][-1]["end_s"] == pytest.approx(3600, abs=1)
    assert result["transcript"] == [] and "aucune parole détectée" in result["description"]
    assert "1 h 00 min" in result["description"]
    assert before < MEMORY_LIMIT_MB * 1024 and peak_mb < MEMORY_LIMIT_MB, f"peak {peak_mb:.0f} MB"
