"""Saved profiles: kept only on request, readable and deletable by their owner's secret alone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from regia.db import init_db, session_scope
from regia.errors import NotFound
from regia.orientation.models import OrientationProfile
from regia.orientation.profiles import delete_profile, load_profile, save_profile


def _count() -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(OrientationProfile))


def test_profile_lifecycle_needs_the_secret(fresh_home):
    init_db()
    kept = save_profile({"occupations": [{"code": "J1501"}]})
    assert _count() == 1
    with session_scope() as session:
        stored = session.get(OrientationProfile, kept["id"])
        assert kept["secret"] not in stored.secret_sha256 and kept["secret"] not in stored.data
    assert load_profile(kept["id"], kept["secret"])["occupations"] == [{"code": "J1501"}]
    for profile_id, secret in ((kept["id"], "wrong"), ("nope", kept["secret"])):
        with pytest.raises(NotFound):
            load_profile(profile_id, secret)
        with pytest.raises(NotFound):
            delete_profile(profile_id, secret)
    assert _count() == 1
    delete_profile(kept["id"], kept["secret"])
    assert _count() == 0
    with pytest.raises(NotFound):
        load_profile(kept["id"], kept["secret"])
