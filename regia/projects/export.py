"""Export of the projects a query selects, as CSV (semicolon, UTF-8 with BOM for spreadsheets) or GeoJSON
(points for the projects placed in a commune, a null geometry for the others)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlalchemy import select

from regia.db import session_scope
from regia.projects.models import ProjectRow, SourceRow

FIELDS = (
    "id",
    "title",
    "beneficiary",
    "commune",
    "insee",
    "epci",
    "department",
    "region",
    "lat",
    "lon",
    "location",
    "amount",
    "total_cost",
    "year",
    "funder",
    "scheme",
    "themes",
    "source",
    "source_label",
)
CHUNK = 500


def records(ids: list[str]) -> Iterator[dict]:
    """Full records of ``ids``, in that order, read from the database by chunks."""
    with session_scope() as session:
        labels = dict(session.execute(select(SourceRow.key, SourceRow.label)).all())
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            found = {r.id: r for r in session.scalars(select(ProjectRow).where(ProjectRow.id.in_(chunk)))}
            for project_id in chunk:
                row = found.get(project_id)
                if row is None:
                    continue
                record = {f: getattr(row, f) for f in FIELDS if f not in ("source_label",)}
                record["source_label"] = labels.get(row.source, row.source)
                yield record


def csv_lines(ids: list[str]) -> Iterator[str]:
    """The CSV text, line by line (streamed to the client)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    yield "\ufeff" + buffer.getvalue()
    for record in records(ids):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({**record, "themes": ",".join(record["themes"] or [])})
        yield buffer.getvalue()


def geojson_chunks(ids: list[str]) -> Iterator[str]:
    """A GeoJSON FeatureCollection, written feature by feature."""
    yield '{"type": "FeatureCollection", "features": ['
    for n, record in enumerate(records(ids)):
        lat, lon = record.pop("lat"), record.pop("lon")
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        )
        feature = {"type": "Feature", "geometry": geometry, "properties": record}
        yield ("," if n else "") + json.dumps(feature, ensure_ascii=False)
    yield "]}"
