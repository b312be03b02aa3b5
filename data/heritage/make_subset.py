"""Rebuild the compact knowledge-base files of data/heritage from ../shared/data/patrimoine.

Usage: .venv/bin/python data/heritage/make_subset.py [SHARED_DATA_DIR]

Keeps the source formats (GeoJSON, JSON-LD) with only the fields Regia reads and the French texts;
no record is altered or added. The DATAtourisme ``sample.json`` is a test resource, not a real point of
interest, and is left out.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
MERIMEE_FIELDS = [
    "chptico",
    "chpappl",
    "chpdeno",
    "chpcom",
    "chpinsee",
    "chpadrs",
    "chpscle",
    "chpdate",
    "chpprot",
    "chphist",
    "chpcoorwgs84",
]
POI_KEYS = ("@id", "dc:identifier", "@type", "rdfs:label", "rdfs:comment")


def _fr_only(value):
    return {"fr": value["fr"]} if isinstance(value, dict) and "fr" in value else value


def merimee(src: Path) -> dict:
    data = json.loads(src.read_text(encoding="utf-8"))
    features = []
    for f in data["features"]:
        props = {k: f["properties"][k] for k in MERIMEE_FIELDS if f["properties"].get(k)}
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def poi(src: Path) -> dict:
    data = json.loads(src.read_text(encoding="utf-8"))
    out = {k: _fr_only(data[k]) for k in POI_KEYS if k in data}
    place = data["isLocatedAt"][0]
    address = place["schema:address"][0]
    city = address.get("hasAddressCity", {})
    out["isLocatedAt"] = [
        {
            "schema:geo": place.get("schema:geo", {}),
            "schema:address": [
                {
                    "schema:addressLocality": address.get("schema:addressLocality"),
                    "schema:postalCode": address.get("schema:postalCode"),
                    "schema:streetAddress": address.get("schema:streetAddress", []),
                    "hasAddressCity": {
                        "rdfs:label": _fr_only(city.get("rdfs:label")),
                        "insee": city.get("insee"),
                    },
                }
            ],
        }
    ]
    out["hasDescription"] = [
        {"dc:description": _fr_only(d.get("dc:description"))} for d in data.get("hasDescription", [])[:1]
    ]
    return out


def main(shared: Path) -> None:
    base = shared / "patrimoine"
    geo = merimee(base / "merimee-toulouse" / "base-merimee-toulouse.geojson")
    with gzip.open(HERE / "merimee-toulouse.geojson.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(geo, f, ensure_ascii=False, separators=(",", ":"))
    pois = [poi(p) for p in sorted((base / "datatourisme").glob("*.json")) if p.name != "sample.json"]
    with gzip.open(HERE / "datatourisme.jsonl.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for item in pois:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(geo['features'])} Mérimée buildings, {len(pois)} DATAtourisme points of interest")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "data")
