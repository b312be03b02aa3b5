"""An hour-long file is described as a stream: bounded memory, a clear result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MEMORY_LIMIT_MB = 1500


def test_an_hour_long_video_is_described_in_bounded_memory(compose, reference, tmp_path):
    video = tmp_path / "hour.mp4"
    compose.long_video(video, 3600)
    regia = Path(sys.executable).with_name("regia")
    out, err = tmp_path / "stdout.json", tmp_path / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen(
            [regia, "heritage", "describe", video, "--json", "--out", tmp_path / "out"],
            stdout=stdout,
            stderr=stderr,
        )
        killer = threading.Timer(600, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the resource usage of this child alone
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024
    assert proc.returncode == 0, err.read_text()
    result = json.loads(out.read_text())
    assert result["duration_s"] == pytest.approx(3600, abs=1)
    assert result["shots"][-1]["end_s"] == pytest.approx(3600, abs=1)
    assert result["transcript"] == [] and "aucune parole détectée" in result["description"]
    assert "1 h 00 min" in result["description"]
    assert peak_mb < MEMORY_LIMIT_MB, f"peak {peak_mb:.0f} MB"
