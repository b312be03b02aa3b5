"""Camera configuration: valid files load, every kind of mistake gives a clear error naming the field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regia.errors import InputError
from regia.video.camera import load_config, parse_config
from regia.video.events import EVENT_TYPES

GOOD = {
    "camera": "quai-2",
    "fps": 10,
    "sensitivity": 0.6,
    "zones": [
        {"name": "voies", "kind": "forbidden", "polygon": [[0, 300], [200, 300], [200, 479], [0, 479]]},
        {
            "name": "escalier",
            "kind": "area",
            "polygon": [[300, 100], [600, 100], [600, 400], [300, 400]],
            "direction": 90,
        },
        {"name": "écran", "kind": "ignore", "polygon": [[500, 0], [639, 0], [639, 60]]},
    ],
    "calibration": {"near": {"y": 470, "ppm": 120}, "far": {"y": 150, "ppm": 30}},
    "dwell": {"abandoned_object_s": 90, "fall_s": 2},
}


def test_full_configuration_loads(tmp_path):
    import yaml

    path = tmp_path / "quai.yaml"
    path.write_text(yaml.safe_dump(GOOD, allow_unicode=True), encoding="utf-8")
    config = load_config(path)
    assert config.camera == "quai-2"
    assert config.dwell.abandoned_object_s == 90
    assert set(config.active_events) == set(EVENT_TYPES) - {"weapon"}
    assert "ONNX" in config.inactive_reasons()["weapon"]
    assert config.calibration.ppm(470) == 120 and config.calibration.ppm(150) == 30
    assert 30 < config.calibration.ppm(300) < 120
    config.check_frame(640, 480)


def test_defaults_without_zones_or_calibration():
    config = parse_config({})
    assert config.active_events == ["abandoned_object", "fall", "fire"]
    reasons = config.inactive_reasons()
    assert "zone" in reasons["intrusion"] and "calibration" in reasons["crowd_density"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {
                "zones": [
                    {"name": "z", "kind": "forbidden", "polygon": [[0, 0], [100, 100], [100, 0], [0, 100]]}
                ]
            },
            "zones[0].polygon",
            "croise",
        ),
        (
            {"zones": [{"name": "z", "kind": "forbidden", "polygon": [[0, 0], [50, 50], [100, 100]]}]},
            "zones[0].polygon",
            "plat",
        ),
        (
            {"zones": [{"name": "z", "kind": "forbidden", "polygon": [[0, 0], [10, 0]]}]},
            "zones[0].polygon",
            "3",
        ),
        (
            {"zones": [{"name": "z", "kind": "garage", "polygon": [[0, 0], [10, 0], [0, 10]]}]},
            "zones[0].kind",
            "forbidden",
        ),
        (
            {
                "zones": [
                    {"name": "z", "kind": "ignore", "direction": 90, "polygon": [[0, 0], [10, 0], [0, 10]]}
                ]
            },
            "zones[0]",
            "sens",
        ),
        (
            {"zones": [{"name": "z", "kind": "area", "polygon": [[0, 0], [10, 0], [0, 10]]}] * 2},
            "configuration",
            "double",
        ),
        ({"events": ["face_recognition"]}, "events[0]", "abandoned_object"),
        ({"events": ["weapon"]}, "configuration", "ONNX"),
        ({"events": ["crowd_density"], "calibration": None}, "configuration", "calibration"),
        ({"events": ["intrusion"], "zones": []}, "configuration", "zone"),
        (
            {"calibration": {"near": {"y": 100, "ppm": 50}, "far": {"y": 300, "ppm": 20}}},
            "calibration",
            "near.y",
        ),
        ({"sensitivity": 3}, "sensitivity", "1"),
        ({"dwel": {}}, "dwel", "clé inconnue"),
    ],
)
def test_mistakes_are_named(change, field, words):
    with pytest.raises(InputError) as err:
        parse_config({**GOOD, **change}, "quai.yaml")
    assert err.value.field == field
    assert words in err.value.message
    assert err.value.message.startswith("quai.yaml : ")


def test_zone_outside_the_image_is_refused_on_the_first_frame():
    config = parse_config(GOOD)
    with pytest.raises(InputError) as err:
        config.check_frame(320, 240)
    assert err.value.field == "zones[0].polygon" and "320x240" in err.value.message


def test_unreadable_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("zones: [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="YAML invalide"):
        load_config(bad)
    with pytest.raises(InputError, match="introuvable"):
        load_config(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match="dictionnaire"):
        parse_config(["a", "list"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.floats(-50, 700), st.just(float("nan"))), st.floats(-50, 700)), max_size=9
    )
)
def test_any_polygon_loads_or_gives_a_clear_error(points):
    """Random polygons: valid ones load, the others raise InputError on zones[0] (never a crash)."""
    try:
        config = parse_config(
            {"zones": [{"name": "z", "kind": "forbidden", "polygon": [list(p) for p in points]}]}
        )
    except InputError as exc:
        assert exc.field.startswith("zones[0]") and exc.message
    else:
        assert len(config.zones[0].polygon) >= 3
