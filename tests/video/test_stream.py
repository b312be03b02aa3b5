"""Live streams over HTTP: a stream that drops is reopened; `regia video watch` stores the events it
confirms (blurred snapshot and clip, written whole) and prints them as JSON lines."""

from __future__ import annotations

import contextlib
import http.server
import json
import subprocess
import threading
from pathlib import Path

import pytest

from regia.db import init_db
from regia.video import store
from regia.video.camera import parse_config
from regia.video.service import watch_stream
from regia.video.source import VideoSource

pytestmark = pytest.mark.slow


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture
def serve(tmp_path):
    """serve(path, drop_first=N): URL of ``path`` over HTTP; the first response stops after N bytes."""
    servers = []

    def start(path: Path, drop_first: int | None = None) -> str:
        data = path.read_bytes()
        state = {"requests": 0}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                state["requests"] += 1
                body = data[:drop_first] if drop_first and state["requests"] == 1 else data
                self.send_response(200)
                self.send_header("Content-Type", "video/mp4")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client may give up first
                    self.wfile.write(body)
                if len(body) < len(data):
                    self.close_connection = True

            def log_message(self, *args):
                pass

        server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/{path.name}"

    yield start
    for server in servers:
        server.shutdown()


def test_dropped_stream_is_reopened(serve, shared_data):
    clip = shared_data / "video/falls-gmdcsa24/Subject_2-ADL-23.mp4"
    url = serve(clip, drop_first=clip.stat().st_size // 2)
    source = VideoSource(url, 5, max_attempts=2, backoff_max_s=0.5, timeout_s=5, max_seconds=12)
    times = [frame.t for frame in source]
    assert source.reconnections >= 1
    assert source.frames_read > 109  # more than one whole clip: the second connection went on
    assert all(b > a for a, b in zip(times, times[1:], strict=False))  # time keeps going forward


def test_watch_stores_blurred_event_clips(serve, shared_data, fresh_home, tmp_path):
    init_db()
    # streamed MP4 needs its index first (the server does not answer range requests)
    streamable = tmp_path / "fall.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-i", shared_data / "video/falls-gmdcsa24/Subject_1-Fall-15.mp4",
         "-c", "copy", "-an", "-movflags", "+faststart", streamable],
        check=True,
    )  # fmt: skip
    url = serve(streamable)
    config = parse_config({"camera": "chambre-3", "reconnect": {"max_attempts": 1, "backoff_max_s": 0.5}})
    lines = []
    result = watch_stream(url, config, lines.append, max_seconds=10)
    falls = [line for line in lines if line["type"] == "fall"]
    assert falls and falls[0]["camera"] == "chambre-3" and json.dumps(falls[0])
    event = store.get_event(falls[0]["id"])
    clip, snapshot = store.media_file(event["clip_path"]), store.media_file(event["snapshot_path"])
    assert clip is not None and snapshot is not None and clip.stat().st_size > 1000
    assert not list(store.media_root().rglob("*.part*"))  # no partial file left
    assert result.reconnections >= 1
    camera = next(c for c in store.cameras() if c["name"] == "chambre-3")
    assert camera["live"] is False  # the watch ended
