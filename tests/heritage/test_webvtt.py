"""WebVTT writing: subtitle cues that fit two lines, descriptions that never cover speech."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from regia.heritage.webvtt import LINE_CHARS, description_cues, render, subtitle_cues, timestamp

WORDS = st.lists(
    st.tuples(
        st.text(alphabet="abcdéèçàôxyz'", min_size=1, max_size=14), st.floats(0.05, 0.8), st.floats(0, 1.5)
    ),
    min_size=1,
    max_size=80,
)


def _timed(words):
    t, out = 0.0, []
    for word, length, pause in words:
        t += pause
        out.append({"word": word, "start_s": round(t, 2), "end_s": round(t + length, 2)})
        t += length
    return out


@given(WORDS)
def test_subtitle_cues_hold_two_lines_in_order(words):
    timed = _timed(words)
    cues = subtitle_cues([{"start_s": 0, "end_s": 1, "text": "x"}], timed)
    assert " ".join(text.replace("\n", " ") for _, _, text in cues).replace(" '", "'").split() != []
    for i, (start, end, text) in enumerate(cues):
        assert start < end and len(text.split("\n")) <= 2
        assert all(len(line) <= LINE_CHARS for line in text.split("\n") if " " in line)
        if i + 1 < len(cues):
            assert end <= cues[i + 1][0] + 1e-6


@given(st.lists(st.tuples(st.floats(0, 50), st.floats(0.3, 8)), max_size=12), st.floats(1, 60))
def test_descriptions_stay_in_the_silences(spans, length):
    segments = [{"start_s": a, "end_s": a + d, "text": "x"} for a, d in spans]
    shots = [{"start_s": 0.0, "end_s": length / 2}, {"start_s": length / 2, "end_s": length}]
    texts = ["À l'écran : « Basilique Saint-Sernin ». Image : en noir et blanc.", "Changement de plan."]
    for start, end, text in description_cues(shots, texts, segments):
        assert text and end - start >= 1.2
        assert all(end <= s["start_s"] + 1e-6 or start >= s["end_s"] - 1e-6 for s in segments)


def test_rendering():
    assert timestamp(3723.5) == "01:02:03.500"
    text = render([(0.0, 1.5, "a <b> & c --> d")], note="brouillon")
    assert text.splitlines()[:3] == ["WEBVTT", "", "NOTE brouillon"]
    assert "a &lt;b&gt; &amp; c --&gt; d" in text
