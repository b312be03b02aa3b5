"""The French texts of a description: the written description (deterministic, each fact with its
source), the chapter titles and the audio-description sentences of the shots."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from regia.text.normalize import fold

LANGUAGES = {
    "fr": "français",
    "en": "anglais",
    "es": "espagnol",
    "it": "italien",
    "de": "allemand",
    "oc": "occitan",
    "ca": "catalan",
    "pt": "portugais",
    "nl": "néerlandais",
    "br": "breton",
    "eu": "basque",
    "ar": "arabe",
}
SOURCE_LABELS = {"speech": "cité dans la parole", "ocr": "lu à l'écran", "manifest": "indiqué par la fiche"}
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_CENTURY = re.compile(r"\b([IVXL]+|\d{1,2})(?:e|ème|eme|er)\s+siècles?\b", re.IGNORECASE)


def duration(seconds: float) -> str:
    """ "1 h 02 min", "3 min 05 s", "42 s"."""
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h} h {m:02d} min"
    if m:
        return f"{m} min {s:02d} s"
    return f"{s} s"


def clock(seconds: float) -> str:
    """A position in the video: "0:12", "1:02:03"."""
    s = int(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def excerpt(text: str, limit: int = 280) -> str:
    """Whole sentences of ``text`` up to ``limit`` characters; "…" marks a text cut here or at its source
    (the Mérimée extract stops at 254 characters)."""
    text = " ".join(text.split())
    if len(text) <= limit and (text.endswith((".", "!", "?", "»")) or len(text) < 250):
        return text
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept and kept.endswith((".", "!", "?")):
        return kept + " […]" if len(kept) < len(text) else kept
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


@dataclass
class Facts:
    """What the analysis established, as the description needs it."""

    title: str
    title_from_file: bool
    date: str
    media: dict
    shots: list[dict]
    transcript: list[dict]
    speech: dict
    language: str | None
    on_screen: list[dict]
    places: list[dict]
    unresolved: list[str]
    records: dict[str, dict]
    themes: list[dict]
    keywords: list[str]
    analysed_until_s: float
    decode_errors: int


def describe(f: Facts) -> str:
    paragraphs = [
        _what(f),
        _where(f),
        _when(f),
        _speech(f),
        _on_screen(f),
        _images(f),
        _records(f),
        _limits(f),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _what(f: Facts) -> str:
    m = f.media
    mono = _share(f.shots, lambda d: d.get("monochrome")) >= 0.5
    parts = [f"{duration(m['duration_s'])}", f"{m['width']}×{m['height']}", _plural(len(f.shots), "plan")]
    if mono:
        parts.append("en noir et blanc")
    parts.append("avec piste sonore" if m["has_audio"] else "sans piste sonore")
    title = f"« {f.title} »" + (" (titre tiré du nom du fichier)" if f.title_from_file else "")
    text = f"{title} : vidéo de {', '.join(parts)}."
    if f.date:
        text += f" Date indiquée par la fiche : {f.date}."
    if f.themes:
        text += f" Thèmes : {_list([t['theme'] for t in f.themes])}."
    return text


def _where(f: Facts) -> str:
    sites = [p for p in f.places if p["kind"] in ("monument", "poi")]
    areas = [p for p in f.places if p["kind"] not in ("monument", "poi")]
    if not sites and not areas:
        return (
            "Lieu : non reconnu. Ni la fiche, ni le texte à l'écran, ni la parole ne nomment un lieu ou un "
            "monument du référentiel."
        )
    out = []
    if sites:
        items = []
        for p in sites:
            record = f.records.get(p["ref"], {})
            kind = (record.get("denomination") or "").split(";")[0].strip()
            where = ", ".join(x for x in (kind, p.get("commune")) if x)
            items.append(f"{p['name']} ({where} ; {_how(p)})")
        label = "Monument reconnu" if len(items) == 1 else "Monuments et lieux reconnus"
        out.append(f"{label} : {_list(items)}.")
    if areas:
        items = []
        for p in areas:
            extra = [p["department"]] if p.get("department") and p["kind"] == "commune" else []
            how = "déduite du monument reconnu" if p["source"] == "monument" else _how(p)
            if p.get("guessed"):
                how += ", rapprochement incertain (homonymes)"
            items.append(f"{p['name']} ({', '.join(extra + [how])})")
        label = "Territoire" if len(items) == 1 else "Territoires"
        out.append(f"{label} : {_list(items)}.")
    return " ".join(out)


def _how(place: dict) -> str:
    parts = []
    for source in place.get("sources", [place["source"]]):
        label = SOURCE_LABELS.get(source)
        if not label:
            continue
        if source in ("speech", "ocr") and place.get("start_s") is not None and source == place["source"]:
            label += f" à {clock(place['start_s'])}"
        parts.append(label)
    return ", ".join(parts) or "déduit"


def _when(f: Facts) -> str:
    out = []
    for p in f.places:
        record = f.records.get(p["ref"])
        if record and (record.get("periods") or record.get("dates")):
            when = record.get("periods") or ""
            if record.get("dates"):
                when += f"{' ; ' if when else ''}dates : {record['dates']}"
            out.append(f"{p['name']} : {when}")
    spoken = " ".join(s["text"] for s in f.transcript)
    shown = " ".join(t["text"] for t in f.on_screen)
    cited = []
    for label, text in (("dans la parole", spoken), ("à l'écran", shown)):
        years = sorted(set(_YEAR.findall(text)))
        centuries = [
            f"{c}e siècle" for c in dict.fromkeys(m.group(1).upper() for m in _CENTURY.finditer(text))
        ]
        if years or centuries:
            cited.append(f"{_list(centuries + years)} ({label})")
    text = ""
    if out:
        text += f"Époques d'après les notices : {'. '.join(out)}."
    if cited:
        text += f"{' ' if text else ''}Dates citées : {_list(cited)}."
    return text


def _speech(f: Facts) -> str:
    status = f.speech["status"]
    if status == "no_audio":
        return "Parole : la vidéo n'a pas de piste sonore, il n'y a rien à transcrire."
    if status == "no_speech":
        return "Parole : aucune parole détectée dans la piste sonore (silence, musique ou bruits d'ambiance)."
    total = f.media["duration_s"]
    share = min(100, round(100 * f.speech["speech_s"] / total)) if total else 0
    language = LANGUAGES.get(f.language or "", f.language or "langue inconnue")
    confidence = sum(s.get("confidence", 0) for s in f.transcript) / max(1, len(f.transcript))
    reliability = "bonne" if confidence >= 0.75 else "moyenne" if confidence >= 0.55 else "faible"
    text = (
        f"Parole : une voix en {language} pendant environ {duration(f.speech['speech_s'])} ({share} % de la "
        f"durée), transcrite automatiquement (fiabilité {reliability}, à relire avant diffusion). "
        "Le nombre et l'identité des personnes qui parlent ne sont pas déterminés."
    )
    spoken_places = [
        p["name"] for p in f.places if "speech" in p.get("sources", []) and p["kind"] != "commune"
    ]
    if spoken_places:
        text += f" Le commentaire évoque {_list(spoken_places)}."
    names = {p["name"] for p in f.places}
    topics = [k for k in f.keywords if k not in names][:6]
    if topics:
        text += f" Mots principaux : {_list(topics)}."
    opening = excerpt(" ".join(s["text"] for s in f.transcript), 160).removesuffix(".")
    return text + f" Début : « {opening} »."


def _on_screen(f: Facts) -> str:
    if not f.on_screen:
        return "Texte à l'écran : aucun texte lisible détecté."
    items = [f"« {t['text']} » ({clock(t['first_s'])})" for t in f.on_screen[:8]]
    more = f", et {len(f.on_screen) - 8} autres" if len(f.on_screen) > 8 else ""
    return f"Texte à l'écran (lecture automatique) : {_list(items)}{more}."


def _images(f: Facts) -> str:
    n = len(f.shots)
    if not n:
        return ""
    mean = sum(s["end_s"] - s["start_s"] for s in f.shots) / n
    descriptors = [s["descriptors"] for s in f.shots]
    outdoor = sum(1 for d in descriptors if d.get("setting") == "extérieur")
    parts = [f"{_plural(n, 'plan')} de {duration(mean)} en moyenne"]
    if outdoor:
        parts.append(f"{_plural(outdoor, 'plan')} en extérieur (végétation ou ciel visibles)")
    if outdoor < n:
        parts.append(f"cadre intérieur ou extérieur non déterminé pour {_plural(n - outdoor, 'plan')}")
    dark = sum(1 for d in descriptors if str(d.get("time_of_day", "")).startswith("nuit"))
    if dark:
        parts.append(f"{_plural(dark, 'plan')} de nuit ou très sombre{'s' if dark > 1 else ''}")
    colours = Counter(c["name"] for d in descriptors for c in d.get("dominant_colours", [])[:2])
    if colours:
        parts.append(f"couleurs dominantes : {_list([c for c, _ in colours.most_common(3)])}")
    motion = Counter(d.get("motion_label") for d in descriptors).most_common(1)[0][0]
    parts.append(f"mouvement dans l'image {motion}")
    pans = Counter(d["camera"] for d in descriptors if d.get("camera", "").startswith("panoramique"))
    if pans:
        parts.append(f"{_plural(sum(pans.values()), 'plan')} avec panoramique")
    return f"Images (estimations automatiques) : {' ; '.join(parts)}."


def _records(f: Facts) -> str:
    out = []
    for p in f.places:
        record = f.records.get(p["ref"])
        if not record or not record.get("history"):
            continue
        if record["source"] == "datatourisme":
            source = f"D'après DATAtourisme (« {record['title']} »)"
        else:
            source = f"D'après la notice de l'Inventaire général (base Mérimée) « {record['title']} »"
        out.append(f"{source} : « {excerpt(record['history'])} »")
        if len(out) == 3:
            break
    return "\n".join(out)


def _limits(f: Facts) -> str:
    text = (
        "Limites : les personnes, objets et monuments visibles ne sont pas reconnus à l'image (aucune "
        "reconnaissance visuelle) ; un lieu n'est reconnu que s'il est nommé par la fiche, à l'écran "
        "ou dans la parole."
    )
    if f.unresolved:
        names = [f"« {n} »" for n in f.unresolved[:6]]
        text += f" Noms de lieux relevés mais non rattachés au référentiel : {_list(names)}."
    duration_s = f.media["duration_s"]
    if f.analysed_until_s < duration_s - 1:
        text += (
            f" Fichier incomplet ou endommagé : images lisibles jusqu'à {clock(f.analysed_until_s)} sur "
            f"{clock(duration_s)} annoncées."
        )
    elif f.decode_errors:
        ignored = "ignorés" if f.decode_errors > 1 else "ignoré"
        text += f" {_plural(f.decode_errors, 'paquet vidéo illisible')} {ignored}."
    return text


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    head, _, tail = word.partition(" ")
    return f"{n} {head}s" + (f" {tail}s" if tail else "")


def _share(shots: list[dict], test) -> float:
    return sum(1 for s in shots if test(s["descriptors"])) / max(1, len(shots))


def shot_texts(shots: list[dict], places_by_shot: list[list[str]]) -> list[str]:
    """A short audio-description sentence per shot: on-screen text first (what a blind visitor misses
    most), then the place it names, then the image itself; a shot like the previous one says so briefly."""
    texts = []
    previous = None
    for shot, places in zip(shots, places_by_shot, strict=True):
        d = shot["descriptors"]
        look = []
        if d.get("setting") == "extérieur":
            look.append("extérieur" + (", jour" if d.get("time_of_day") == "jour" else ""))
        elif str(d.get("time_of_day", "")).startswith("nuit"):
            look.append("image sombre")
        if d.get("monochrome"):
            look.append("en noir et blanc")
        colours = [c["name"] for c in d.get("dominant_colours", [])[:2]]
        if colours and not d.get("monochrome"):
            look.append(f"tons {_list(colours)}")
        if d.get("camera", "").startswith("panoramique"):
            look.append(f"la caméra fait un {d['camera']}")
        elif d.get("motion_label") == "important":
            look.append("beaucoup de mouvement")
        sentence = []
        if shot.get("ocr_text"):
            sentence.append(f"À l'écran : « {shot['ocr_text']} ».")
        shown = fold(shot.get("ocr_text", ""))
        places = [p for p in places if fold(p) not in shown]
        if places:
            sentence.append(f"Lieu : {_list(places)}.")
        signature = tuple(look)
        if look and signature != previous:
            sentence.append(f"{'Plan' if shot['index'] > 1 else 'Image'} : {', '.join(look)}.")
        elif not sentence and shot["index"] > 1:
            sentence.append("Changement de plan.")
        previous = signature
        texts.append(" ".join(sentence))
    return texts


def chapter_titles(shots: list[dict], spoken: list[str], places_by_shot: list[list[str]]) -> list[str]:
    """ "Plan 3 : « Basilique Saint-Sernin »", "Plan 4 : pont Neuf", "Plan 5 : « Le pont est… »"."""
    titles = []
    for shot, words, places in zip(shots, spoken, places_by_shot, strict=True):
        label = f"Plan {shot['index']} ({clock(shot['start_s'])})"
        if shot.get("ocr_text"):
            label += f" : « {shot['ocr_text'][:50]} »"
        elif places:
            label += f" : {_list(places)[:50]}"
        elif words:
            label += f" : « {words[:45].rsplit(' ', 1)[0] if len(words) > 45 else words}… »"
        titles.append(label)
    return titles
