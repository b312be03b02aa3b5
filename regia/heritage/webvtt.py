"""WebVTT files: subtitles from the transcript, chapters from the shots, and an audio-description
draft placed in the silences between speech."""

from __future__ import annotations

import math
import re

LINE_CHARS = 42  # the usual limit of a subtitle line
CUE_MAX_S = 6.0
SPOKEN_CHARS_PER_S = 15  # a describer's reading pace
MIN_GAP_S = 1.2


def timestamp(seconds: float) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # no "-->" left


def render(cues: list[tuple[float, float, str]], note: str | None = None) -> str:
    lines = ["WEBVTT", ""]
    if note:
        lines += [f"NOTE {note}", ""]
    for n, (start, end, text) in enumerate(cues, 1):
        lines += [str(n), f"{timestamp(start)} --> {timestamp(end)}", _escape(text), ""]
    return "\n".join(lines)


def wrap(text: str, width: int = LINE_CHARS) -> str:
    """At most two balanced lines when the text is longer than one."""
    if len(text) <= width:
        return text
    words = text.split()
    best = None
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        cost = max(len(a), len(b))
        if best is None or cost < best[0]:
            best = (cost, f"{a}\n{b}")
    return best[1] if best else text


def fits(text: str) -> bool:
    """Whether ``text`` holds in two subtitle lines."""
    return all(len(line) <= LINE_CHARS for line in wrap(text).split("\n"))


def _join(words: list[str]) -> str:
    text = ""
    for word in words:
        glue = "" if not text or word[:1] in ",.;:!?)'’-" or text.endswith(("'", "’", "(")) else " "
        text += glue + word
    return re.sub(r"\s+", " ", text).strip()


def subtitle_cues(segments: list[dict], words: list[dict]) -> list[tuple[float, float, str]]:
    """Cues of two lines and six seconds at most, cut after punctuation when possible; built from word
    times when Whisper gave them, else one cue per segment (wrapped)."""
    cues: list[tuple[float, float, str]] = []
    if not words:
        return [(s["start_s"], s["end_s"], wrap(s["text"])) for s in segments]
    current: list[dict] = []

    def flush() -> None:
        if current:
            cues.append(
                (current[0]["start_s"], current[-1]["end_s"], wrap(_join([w["word"] for w in current])))
            )
            current.clear()

    for word in words:
        if current:
            text = _join([w["word"] for w in current] + [word["word"]])
            too_long = not fits(text) or word["end_s"] - current[0]["start_s"] > CUE_MAX_S
            pause = word["start_s"] - current[-1]["end_s"] > 1.0
            sentence_end = (
                current[-1]["word"].endswith((".", "!", "?"))
                and len(_join([w["word"] for w in current])) > 20
            )
            if too_long or pause or sentence_end:
                flush()
        current.append(word)
    flush()
    # a cue stays at least a second on screen, without overlapping the next
    out = []
    for i, (start, end, text) in enumerate(cues):
        following = cues[i + 1][0] if i + 1 < len(cues) else end + 2
        out.append((start, round(max(end, min(start + 1.0, following)), 3), text))
    return out


def speech_gaps(segments: list[dict], start: float, end: float) -> list[tuple[float, float]]:
    """The silences (no transcribed speech) within [start, end]."""
    gaps, t = [], start
    for seg in sorted(segments, key=lambda s: s["start_s"]):
        if seg["end_s"] <= t:
            continue
        if seg["start_s"] >= end:
            break
        if seg["start_s"] > t:
            gaps.append((t, seg["start_s"]))
        t = max(t, seg["end_s"])
    if t < end:
        gaps.append((t, end))
    return [(a, b) for a, b in gaps if b - a >= MIN_GAP_S]


def fit(text: str, seconds: float) -> str:
    """``text`` cut to what can be said in ``seconds``: whole sentences, else whole words."""
    budget = max(12, int(seconds * SPOKEN_CHARS_PER_S))
    if len(text) <= budget:
        return text
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(kept) + len(sentence) + 1 > budget:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    return text[:budget].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


def description_cues(
    shots: list[dict], texts: list[str], segments: list[dict]
) -> list[tuple[float, float, str]]:
    """The description of each shot, sentence by sentence, in the silences of the shot long enough to
    say something: what does not fit in one silence goes to the next; what fits in none is left out
    (speech is never covered)."""
    cues = []
    for shot, text in zip(shots, texts, strict=True):
        sentences = [s for s in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý])", text) if s]
        for a, b in speech_gaps(segments, shot["start_s"], shot["end_s"]):
            if not sentences:
                break
            said = fit(" ".join(sentences), b - a)
            cues.append((math.ceil(a * 1000) / 1000, math.floor(b * 1000) / 1000, said))  # inside the gap
            while sentences and sentences[0] in said:
                sentences.pop(0)
            if said.endswith("…"):
                break  # not even one sentence fitted: leave the rest of the shot
    return cues
