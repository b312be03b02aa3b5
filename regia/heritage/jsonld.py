"""schema.org ``VideoObject`` JSON-LD of a described video."""

from __future__ import annotations

MIME = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".mov": "video/quicktime",
    ".mkv": "video/x-matroska",
    ".ogv": "video/ogg",
    ".avi": "video/x-msvideo",
    ".mpg": "video/mpeg",
}


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration ("PT1M32.4S")."""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    s = round(s + seconds - whole, 1)
    out = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "")
    return out + f"{s:g}S" if s or out == "PT" else out


def _place(p: dict, record: dict | None) -> dict:
    kind = "LandmarksOrHistoricalBuildings" if p["kind"] == "monument" else "Place"
    if p["kind"] == "poi":
        kind = "TouristAttraction"
    if p["kind"] == "commune":
        kind = "City"
    place = {"@type": kind, "name": p["name"], "identifier": p["ref"]}
    if p.get("lat") is not None and p.get("lon") is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": p["lat"], "longitude": p["lon"]}
    if p.get("commune") and p["kind"] != "commune":
        place["address"] = {"@type": "PostalAddress", "addressLocality": p["commune"], "addressCountry": "FR"}
    if record and record.get("url"):
        place["sameAs"] = record["url"]
    if record and record.get("title") and record["title"] != p["name"]:
        place["alternateName"] = record["title"]
    return place


def video_object(
    result: dict, suffix: str, urls: dict[str, str], chapters: list[str], records: dict[str, dict], meta: dict
) -> dict:
    """``urls``: where the video, its thumbnail and its subtitles are served (relative or absolute)."""
    shots = result["shots"]
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": result["title"],
        "description": result["description"],
        "duration": iso_duration(result["duration_s"]),
        "contentUrl": urls["video"],
        "encodingFormat": MIME.get(suffix.lower(), "video/*"),
        "width": result["media"]["width"],
        "height": result["media"]["height"],
        "keywords": ", ".join(result["keywords"]),
        "contentLocation": [_place(p, records.get(p["ref"])) for p in result["places"]],
        "hasPart": [
            {
                "@type": "Clip",
                "name": title,
                "position": shot["index"],
                "startOffset": round(shot["start_s"], 2),
                "endOffset": round(shot["end_s"], 2),
                "url": f"{urls['video']}#t={shot['start_s']:.2f}",
            }
            for shot, title in zip(shots, chapters, strict=True)
        ],
        "accessibilityFeature": ["longDescription"],
    }
    if urls.get("thumbnail"):
        data["thumbnailUrl"] = [urls["thumbnail"]]
    if result["language"]:
        data["inLanguage"] = result["language"]
    if result["transcript"]:
        data["transcript"] = " ".join(s["text"] for s in result["transcript"])
        data["caption"] = {
            "@type": "MediaObject",
            "contentUrl": urls["subtitles"],
            "encodingFormat": "text/vtt",
            "inLanguage": result["language"],
        }
        data["accessibilityFeature"] += ["captions", "transcript"]
    if result["themes"]:
        data["about"] = [{"@type": "Thing", "name": t} for t in result["themes"]]
    if meta.get("date"):
        data["dateCreated"] = meta["date"]
    if meta.get("credits"):
        data["creditText"] = meta["credits"]
    if meta.get("rights"):
        data["copyrightNotice"] = meta["rights"]
    return data
