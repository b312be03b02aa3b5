"""Build the compact bundle in data/territory from ../shared/data/territoires (maintainer tool).

    python -m regia.territory.bundle [SOURCE_DIR] [OUT_DIR]

Columns are selected and files compressed; contour coordinates are rounded to 4 decimals (about 10 m),
nothing else is changed.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from pathlib import Path

from regia.config import get_settings
from regia.territory.sources import COMMUNE_COLUMNS, find_file, read_text

CONTOURS = {
    "regions.geojson.gz": "regions-avec-outre-mer.geojson",
    "departements.geojson.gz": "departements-version-simplifiee.geojson",
}


def _write_gz(path: Path, text: str) -> None:
    # mtime=0 keeps the archive identical from one build to the next
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))


def _round(coords, digits: int = 4):
    if isinstance(coords, int | float):
        return round(coords, digits)
    return [_round(c, digits) for c in coords]


def build(source: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []

    rows = csv.DictReader(io.StringIO(read_text(find_file(source, "communes.csv"))))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COMMUNE_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write_gz(out / "communes.csv.gz", buf.getvalue())
    written.append(out / "communes.csv.gz")

    epcis = json.loads(read_text(find_file(source, "epci.json")))
    slim = [{"code": e["code"], "nom": e["nom"], "type": e.get("type", "")} for e in epcis]
    _write_gz(out / "epci.json.gz", json.dumps(slim, ensure_ascii=False, separators=(",", ":")))
    written.append(out / "epci.json.gz")

    for name, fields in (("departements.json", ("code", "nom", "region")), ("regions.json", ("code", "nom"))):
        items = json.loads(read_text(find_file(source, name)))
        slim = [{k: item[k] for k in fields} for item in items]
        (out / name).write_text(json.dumps(slim, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        written.append(out / name)

    for target, name in CONTOURS.items():
        geo = json.loads(read_text(source / "contours" / name))
        for feature in geo["features"]:
            feature["geometry"]["coordinates"] = _round(feature["geometry"]["coordinates"])
        _write_gz(out / target, json.dumps(geo, ensure_ascii=False, separators=(",", ":")))
        written.append(out / target)
    return written


def main(argv: list[str]) -> None:
    settings = get_settings()
    source = Path(argv[0]) if argv else settings.shared_data_dir / "territoires"
    out = Path(argv[1]) if len(argv) > 1 else settings.data_dir / "territory"
    for path in build(source, out):
        print(f"{path} ({path.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
