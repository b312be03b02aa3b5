"""Describing one video: probe, one pass over the frames (shots, keyframes, descriptors) with OCR and
speech-to-text running beside it, linking, then the French description and the output files."""

from __future__ import annotations

import json
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2

from regia.heritage import jsonld, ocr, webvtt, writing
from regia.heritage.linking import LinkResult, Unit, gazetteer, link
from regia.heritage.probe import MediaInfo, probe
from regia.heritage.shots import Shot, detect_shots
from regia.heritage.speech import Transcript, transcribe
from regia.heritage.themes import keywords, themes

log = logging.getLogger(__name__)

OCR_BATCH = 8
FILES = {
    "subtitles": "subtitles.vtt",
    "chapters": "chapters.vtt",
    "descriptions": "descriptions.vtt",
    "jsonld": "video.jsonld",
    "json": "description.json",
}


@dataclass(frozen=True)
class Meta:
    """What a manifest (or the command line) says about a video; every field optional."""

    title: str = ""
    date: str = ""
    place: str = ""
    rights: str = ""
    credits: str = ""


def ensure_reference_data() -> None:
    """The territory referential and the heritage knowledge base, loaded when missing (a few seconds)."""
    from regia.loading import load_all

    load_all(only=["territory", "heritage"], missing_only=True)


def describe_video(
    path: str | Path,
    out_dir: Path,
    meta: Meta | None = None,
    urls: dict[str, str] | None = None,
    use_llm: bool = False,
) -> dict:
    """Analyse ``path`` and write its keyframes, WebVTT files and JSON-LD into ``out_dir``; returns the
    description (the JSON of ``regia heritage describe``). ``urls`` says where the video, thumbnail and
    subtitles will be served (JSON-LD links); by default the file names in ``out_dir``."""
    started = time.perf_counter()
    meta = meta or Meta()
    info = probe(path)
    ensure_reference_data()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stages = {}
    # Speech-to-text, and the linking models of a fresh process, load and run beside the frame pass:
    # Whisper and tesseract compute outside the GIL, so both cores stay busy.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="describe") as side:
        speech = side.submit(_timed, transcribe, info)
        linking_ready = side.submit(_load_linking_models)
        mark = time.perf_counter()
        ocr_lines, pass_result = _frames_and_text(info, out_dir / "keyframes")
        stages["frames_and_ocr"] = time.perf_counter() - mark
        transcript, stages["speech"] = speech.result()
        linking_ready.result()
    mark = time.perf_counter()
    shots = pass_result.shots
    for shot in shots:
        shot.ocr_text = " / ".join(ocr_lines.get(shot.index, []))
    on_screen = ocr.dedupe([(s.start_s, line) for s in shots for line in ocr_lines.get(s.index, [])])
    linked = link(_units(meta, transcript, on_screen))
    records = {
        p["ref"]: gazetteer().records[p["ref"]] for p in linked.places if p["ref"] in gazetteer().records
    }
    result = _assemble(info, meta, shots, transcript, on_screen, linked, records, pass_result, use_llm)
    _write(result, info, out_dir, urls or {}, records, meta)
    stages["linking_and_writing"] = time.perf_counter() - mark
    elapsed = time.perf_counter() - started
    result["analysis"]["stages_s"] = {name: round(seconds, 2) for name, seconds in stages.items()}
    result["analysis"]["elapsed_s"] = round(elapsed, 2)
    result["analysis"]["realtime_factor"] = round(info.duration_s / elapsed, 2) if elapsed else None
    (out_dir / FILES["json"]).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


def _timed(function, *args):
    started = time.perf_counter()
    return function(*args), time.perf_counter() - started


def _load_linking_models() -> None:
    from regia.heritage.nlp import get_nlp

    gazetteer()
    get_nlp()


def _frames_and_text(info: MediaInfo, keyframe_dir: Path):
    """The frame pass, with OCR of the keyframes in a worker thread (tesseract runs as its own process,
    so it uses the other core while frames decode)."""
    lines: dict[int, list[str]] = {}
    batch: list[Shot] = []
    futures: list[tuple[list[Shot], Future]] = []

    def read(shots: list[Shot]) -> list[list[str]]:
        return ocr.read_texts([cv2.imread(s.keyframe) for s in shots])

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocr") as pool:

        def on_shot(shot: Shot) -> None:
            if shot.keyframe:
                batch.append(shot)
            if len(batch) >= OCR_BATCH:
                futures.append((list(batch), pool.submit(read, list(batch))))
                batch.clear()

        result = detect_shots(info, keyframe_dir, on_shot=on_shot)
        if batch:
            futures.append((list(batch), pool.submit(read, list(batch))))
        for shots, future in futures:
            for shot, found in zip(shots, future.result(), strict=True):
                lines[shot.index] = found
    return lines, result


def _units(meta: Meta, transcript: Transcript, on_screen: list[dict]) -> list[Unit]:
    """The texts to link: manifest fields, on-screen lines, and speech by pairs of segments (a name may
    straddle two)."""
    units = [Unit(meta.place, "manifest", is_place=True)] if meta.place else []
    units += [Unit(meta.title, "manifest")] if meta.title else []
    units += [Unit(t["text"], "ocr", t["first_s"]) for t in on_screen]
    segs = transcript.segments
    for i, seg in enumerate(segs):
        text = seg["text"] + (" " + segs[i + 1]["text"] if i + 1 < len(segs) else "")
        units.append(Unit(text, "speech", seg["start_s"]))
    return units


def _places_by_shot(shots: list[Shot], places: list[dict], on_screen_only: bool) -> list[list[str]]:
    out = []
    for shot in shots:
        names = []
        for p in places:
            if p["kind"] == "commune" or p["start_s"] is None:
                continue
            if on_screen_only and p["source"] != "ocr":
                continue
            if shot.start_s <= p["start_s"] < shot.end_s:
                names.append(p["name"])
        out.append(names)
    return out


def _spoken_by_shot(shots: list[Shot], segments: list[dict]) -> list[str]:
    return [
        " ".join(s["text"] for s in segments if shot.start_s <= s["start_s"] < shot.end_s).strip()
        for shot in shots
    ]


def _assemble(
    info, meta, shots, transcript, on_screen, linked: LinkResult, records, pass_result, use_llm
) -> dict:
    from regia.heritage.nlp import get_nlp

    title = meta.title or Path(info.path).stem.replace("_", " ").replace("-", " ").strip()
    shot_dicts = [asdict(s) for s in shots]
    texts = [meta.title, *(s["text"] for s in transcript.segments), *(t["text"] for t in on_screen)]
    docs = list(get_nlp().pipe([t for t in texts if t]))
    names = [p["name"] for p in linked.places]
    words = keywords(docs, names)
    theme_list = themes(" ".join(t for t in texts if t), list(records.values()))
    facts = writing.Facts(
        title=title,
        title_from_file=not meta.title,
        date=meta.date,
        media=info.to_dict(),
        shots=shot_dicts,
        transcript=transcript.segments,
        speech={"status": transcript.status, "speech_s": transcript.speech_s},
        language=transcript.language,
        on_screen=on_screen,
        places=linked.places,
        unresolved=linked.unresolved,
        records=records,
        themes=theme_list,
        keywords=words,
        analysed_until_s=pass_result.analysed_until_s,
        decode_errors=pass_result.decode_errors,
    )
    description = writing.describe(facts)
    if use_llm:
        description = _rephrased(description, records, names)
    spoken = _spoken_by_shot(shots, transcript.segments)
    chapters = writing.chapter_titles(shot_dicts, spoken, _places_by_shot(shots, linked.places, False))
    ad_texts = writing.shot_texts(shot_dicts, _places_by_shot(shots, linked.places, True))
    return {
        "video": info.path,
        "title": title,
        "duration_s": info.duration_s,
        "shots": [
            {
                "index": s["index"],
                "start_s": s["start_s"],
                "end_s": s["end_s"],
                "keyframe": s["keyframe"],
                "keyframe_s": s["keyframe_s"],
                "ocr_text": s["ocr_text"],
                "descriptors": s["descriptors"],
                "chapter": chapter,
                "audio_description": ad,
            }
            for s, chapter, ad in zip(shot_dicts, chapters, ad_texts, strict=True)
        ],
        "transcript": transcript.segments,
        "language": transcript.language,
        "places": linked.places,
        "description": description,
        "keywords": words,
        "themes": [t["theme"] for t in theme_list],
        "theme_evidence": theme_list,
        "on_screen_text": on_screen,
        "unresolved_places": linked.unresolved,
        "speech": {
            "status": transcript.status,
            "speech_s": transcript.speech_s,
            "language_probability": transcript.language_probability,
        },
        "media": info.to_dict(),
        "meta": asdict(meta),
        "sources": [
            {"ref": ref, "source": r["source"], "title": r["title"], "url": r.get("url") or None}
            for ref, r in records.items()
        ],
        "analysis": {
            "frames": pass_result.frames,
            "decode_errors": pass_result.decode_errors,
            "analysed_until_s": pass_result.analysed_until_s,
            "transcript_words": len(transcript.words),
        },
        "_words": transcript.words,
    }


def _rephrased(description: str, records: dict, names: list[str]) -> str:
    """The endpoint's rewording, paragraph by paragraph; any paragraph that gains a fact stays as built."""
    from regia.llm import rephrase

    known = {r["name"] for r in gazetteer().records.values()} - set(names)
    instruction = (
        "Reformule ce paragraphe de description d'une vidéo patrimoniale en français clair, "
        "sans rien ajouter ni retirer : garde les citations entre guillemets, les noms, les dates "
        "et les horodatages."
    )
    return "\n\n".join(rephrase(p, instruction, known_entities=known) for p in description.split("\n\n"))


def _write(
    result: dict, info: MediaInfo, out_dir: Path, urls: dict[str, str], records: dict, meta: Meta
) -> None:
    words = result.pop("_words")
    subtitles = webvtt.subtitle_cues(result["transcript"], words)
    chapters = [(s["start_s"], s["end_s"], s["chapter"]) for s in result["shots"]]
    descriptions = webvtt.description_cues(
        result["shots"], [s["audio_description"] for s in result["shots"]], result["transcript"]
    )
    files = {name: out_dir / FILES[name] for name in ("subtitles", "chapters", "descriptions", "jsonld")}
    note = "Sous-titres transcrits automatiquement (Whisper base) : à relire avant diffusion."
    files["subtitles"].write_text(webvtt.render(subtitles, note))
    files["chapters"].write_text(webvtt.render(chapters))
    files["descriptions"].write_text(
        webvtt.render(
            descriptions,
            "Brouillon d'audiodescription généré automatiquement dans les silences de la parole : à relire.",
        )
    )
    thumbnail = next((s["keyframe"] for s in result["shots"] if s["keyframe"]), "")
    links = {
        "video": urls.get("video", Path(info.path).as_uri()),
        "thumbnail": urls.get(
            "thumbnail", Path(thumbnail).relative_to(out_dir).as_posix() if thumbnail else ""
        ),
        "subtitles": urls.get("subtitles", FILES["subtitles"]),
    }
    chapter_titles = [s["chapter"] for s in result["shots"]]
    result["jsonld"] = jsonld.video_object(
        result, Path(info.path).suffix, links, chapter_titles, records, asdict(meta)
    )
    files["jsonld"].write_text(json.dumps(result["jsonld"], ensure_ascii=False, indent=1))
    result["files"] = {name: str(path) for name, path in files.items()} | {
        "json": str(out_dir / FILES["json"])
    }
