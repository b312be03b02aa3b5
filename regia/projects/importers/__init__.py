"""Importers of project data: SCDL subsidies, DETR/DSIL grant lists, Action Cœur de Ville towns, and any
CSV or GeoJSON through a column mapping. Each import replaces its source's projects in one transaction."""

from __future__ import annotations

import re
from pathlib import Path

from regia.errors import DataFileError, InputError
from regia.projects.importers import acv, detr, generic, scdl
from regia.projects.importers.common import Report, Source, read_csv, read_geojson, store


def import_file(path: Path, mapping: Path | None = None, source: Source | None = None) -> Report:
    """Import one file: through ``mapping`` when given, else by recognising its format."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"fichier introuvable : {path}", "file")
    if mapping is not None:
        spec = generic.read_mapping(Path(mapping))
        return store(spec.source, path.name, generic.read(path, spec))
    if re.search(r"\.(geo)?json(\.gz)?$", path.name):
        features = read_geojson(path)
        if acv.looks_like(features):
            return store(source or acv.ACTION_COEUR_DE_VILLE, path.name, acv.read(path))
    else:
        header, _rows = read_csv(path)
        if scdl.looks_like(header):
            return store(source or _scdl_source(path), path.name, scdl.read(path))
        if detr.looks_like(header):
            return store(source or _detr_source(path), path.name, detr.read(path))
    raise DataFileError(
        "format non reconnu (ni SCDL, ni liste DETR/DSIL, ni Action Cœur de Ville) : "
        "décrivez ses colonnes dans un fichier de correspondance (--mapping)",
        source=path.name,
    )


def _scdl_source(path: Path) -> Source:
    if "pays-de-la-loire" in path.name or "PDL" in path.name:
        return scdl.PAYS_DE_LA_LOIRE
    return Source(key=f"scdl-{_slug(path)}", label=f"Subventions (format SCDL) : {path.name}")


def _detr_source(path: Path) -> Source:
    if "yvelines" in path.name or "_78" in path.name:
        return detr.YVELINES
    return Source(key=f"detr-{_slug(path)}", label=f"Subventions de l'État (DETR, DSIL) : {path.name}")


def _slug(path: Path) -> str:
    stem = re.sub(r"\.(csv|geojson|json)(\.gz)?$", "", path.name.lower())
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:30] or "fichier"
