"""Stored events: review, statistics with the share of dismissed alerts, retention purge, audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from regia.db import init_db
from regia.errors import InputError, NotFound
from regia.video import store
from regia.video.events import Event


@pytest.fixture
def home(fresh_home):
    init_db()
    return fresh_home


def _event(kind: str, start: float, folder=None) -> Event:
    event = Event(
        kind, start, start + 5, 0.8, (10, 20, 30, 40), "voies" if kind == "intrusion" else None, "quai-1"
    )
    if folder is not None:
        for ext in ("jpg", "mp4"):
            path = folder / f"{kind}-{start}.{ext}"
            path.write_bytes(b"x")
            setattr(event, "snapshot" if ext == "jpg" else "clip", str(path))
    return event


def test_review_and_statistics(home):
    ids = store.record_events(
        [_event("intrusion", 1), _event("intrusion", 9), _event("fall", 3)],
        "quai-1",
        "rtsp://op:secret@10.0.0.5/flux",
    )
    assert len(ids) == 3
    store.review(ids[0], "confirm", "web:alice")
    store.review(ids[1], "dismiss", "web:bob", "reflet sur la vitre")
    rows = {r["type"]: r for r in store.stats()}
    assert rows["intrusion"] == {
        **rows["intrusion"],
        "total": 2,
        "confirmed": 1,
        "dismissed": 1,
        "pending": 0,
        "dismissed_share": 0.5,
    }
    assert rows["fall"]["pending"] == 1 and rows["fall"]["dismissed_share"] is None
    assert [r["status"] for r in store.list_events(type="intrusion")] == ["dismissed", "confirmed"]
    assert store.list_events(status="pending")[0]["type"] == "fall"
    event = store.get_event(ids[1])
    assert event["reviewed_by"] == "web:bob" and event["review_note"] == "reflet sur la vitre"
    assert "secret" not in event["source"] and event["source"] == "rtsp://10.0.0.5/flux"
    camera = store.cameras()[0]
    assert (
        camera["name"] == "quai-1" and camera["events"] == 3 and camera["pending"] == 1 and not camera["live"]
    )
    actions = [(a["actor"], a["action"]) for a in store.list_audit()]
    assert ("web:bob", "dismiss") in actions and ("web:alice", "confirm") in actions


def test_bad_review_input(home):
    (event_id,) = store.record_events([_event("fire", 0)], "cam", "f.mp4")
    with pytest.raises(InputError, match="decision"):
        store.review(event_id, "maybe", "web:alice")
    with pytest.raises(NotFound):
        store.review(event_id + 100, "confirm", "web:alice")
    with pytest.raises(InputError, match="status"):
        store.list_events(status="lost")
    assert store.get_event(event_id)["status"] == "pending"


def test_purge_removes_old_events_and_their_files(home):
    folder = store.media_root() / "quai-1"
    folder.mkdir(parents=True)
    old, recent = store.record_events(
        [_event("fire", 0, folder), _event("fall", 1, folder)], "quai-1", "f.mp4"
    )
    assert store.get_event(old)["has_clip"] is True
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=31)
    from regia.db import session_scope
    from regia.video.models import VideoEvent

    with session_scope() as s:  # the recent one was recorded "today", 31 days after the old one
        s.get(VideoEvent, recent).created_at = later
    result = store.purge(30, actor="cli:test", now=later)
    assert result["events"] == 1 and result["files"] == 2
    with pytest.raises(NotFound):
        store.get_event(old)
    assert store.get_event(recent)["has_clip"] is True
    assert sorted(p.name for p in folder.iterdir()) == ["fall-1.jpg", "fall-1.mp4"]
    assert store.list_audit(1)[0]["action"] == "purge"


def test_media_outside_the_video_folder_is_never_served(home, tmp_path):
    outside = tmp_path / "secret.mp4"
    outside.write_bytes(b"x")
    assert store.media_file("../../secret.mp4") is None
    assert store.media_file(str(outside)) is None
    assert store.relative_media(str(outside)) is None
