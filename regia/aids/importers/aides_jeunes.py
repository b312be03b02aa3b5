"""aides-jeunes (`benefits_consolidated.json`): aids for young people and families, typed conditions kept.

Perimeter: the territory of the institution (region, department, EPCI, commune; a CAF or MSA covers its
departments; the State and the EU cover the country), narrowed by the geographic conditions of
``conditions_generales`` (regions, departements, epcis, communes, codes_postaux, excluded_epcis). An
"autre" institution without geographic conditions has an undetermined perimeter.
"""

from __future__ import annotations

from pathlib import Path

from regia.aids.importers.common import Fields, read_json
from regia.aids.models import AidRecord, HowToApply, Perimeter
from regia.aids.perimeters import Zone, commune_of_postcode, intersect, to_perimeter
from regia.aids.themes import themes_of
from regia.errors import DataFileError
from regia.text.normalize import strip_html

SOURCE = "aides-jeunes"
GEOGRAPHIC = {"regions", "departements", "communes", "epcis", "codes_postaux", "excluded_epcis"}
_KIND = {"regions": "region", "departements": "department", "communes": "commune", "epcis": "epci"}
INTEREST_THEMES = {
    "_interetBafa": "loisirs",
    "_interetPermisDeConduire": "permis",
    "_interetEtudesEtranger": "international",
    "_interetAidesSanitaireSocial": "etudes",
}


def parse(path: Path) -> list[AidRecord]:
    data = read_json(path)
    if not isinstance(data, list):
        raise DataFileError("une liste d'aides est attendue", source=path.name)
    return [_record(Fields(item, path.name, _record_name(item, i))) for i, item in enumerate(data)]


def _record_name(item, position: int) -> str:
    return str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"n°{position + 1}"


def institution_zone(f: Fields) -> Zone | None | bool:
    """Territory of the institution: a Zone, None (whole country) or False (unknown)."""
    detail = f.obj("institution_detail")
    kind = detail.get("type")
    if kind in ("national", "europeen"):
        return None
    if kind == "region" and detail.get("code_insee"):
        return Zone([("region", str(detail["code_insee"]))])
    if kind == "departement" and detail.get("code_insee"):
        return Zone([("department", str(detail["code_insee"]))])
    if kind == "commune" and detail.get("code_insee"):
        return Zone([("commune", str(detail["code_insee"]))])
    if kind == "epci" and detail.get("code_siren"):
        return Zone([("epci", str(detail["code_siren"]))])
    if kind in ("caf", "msa") and detail.get("departments"):
        return Zone([("department", str(d)) for d in detail["departments"]])
    return False


def conditions_zone(f: Fields, conditions: list[dict]) -> Zone | None:
    """The geographic conditions, each narrowing the previous ones; None when there are none."""
    zone: Zone | None = None
    excluded: list[tuple[str, str]] = []
    for cond in conditions:
        kind, values = cond.get("type"), cond.get("values")
        if kind not in GEOGRAPHIC:
            continue
        if not isinstance(values, list) or not values:
            raise f.fail("conditions_generales", f"condition {kind} sans liste de valeurs")
        values = [str(v) for v in values]
        if kind == "excluded_epcis":
            excluded += [("epci", v) for v in values]
            continue
        if kind == "codes_postaux":
            areas = [("commune", c) for v in values if (c := commune_of_postcode(v))]
            part = Zone(areas, notes=[f"codes postaux {', '.join(values)} ramenés à leur commune principale"])
        else:
            part = Zone([(_KIND[kind], v) for v in values])
        zone = intersect(zone, part)
    if excluded:
        zone = zone or Zone()
        zone.excluded += excluded
    return zone


def _perimeter(f: Fields, conditions: list[dict]) -> Perimeter:
    base = institution_zone(f)
    narrowing = conditions_zone(f, conditions)
    if base is False:
        if narrowing is None or not narrowing.areas:
            return to_perimeter(Zone(), note="institution sans territoire connu ni condition géographique")
        return to_perimeter(narrowing)
    if narrowing is not None and not narrowing.areas:  # exclusions only
        if base is None:
            return to_perimeter(Zone(), note="aide nationale avec exclusions : périmètre non exprimable")
        return to_perimeter(Zone(base.areas, narrowing.excluded))
    return to_perimeter(intersect(base, narrowing))


def _record(f: Fields) -> AidRecord:
    aid_id = f.text("id", required=True)
    conditions = f.items("conditions_generales")
    profiles = f.items("profils")
    detail = f.obj("institution_detail")
    description = f.text("description", required=True, html=True)
    title = f.text("label", required=True)
    conditions_text = [strip for c in f.items("conditions", str) if (strip := _clean(c))]
    conditions_text += [
        f"Facultatif : {strip}" for c in f.items("voluntary_conditions", str) if (strip := _clean(c))
    ]
    themes = themes_of(title, description)
    flag = INTEREST_THEMES.get(f.data.get("interestFlag") or "")
    if flag and flag not in themes:
        themes.append(flag)
    teleservice = f.data.get("teleservice")
    return AidRecord(
        id=aid_id,
        source=SOURCE,
        title=title,
        institution=detail.get("name") or f.text("institution", required=True),
        institution_type=detail.get("type") or "autre",
        institution_code=detail.get("code_insee") or detail.get("code_siren"),
        perimeter=_perimeter(f, conditions),
        profiles=[p["type"] for p in profiles if p.get("type")],
        conditions=[c for c in conditions if c.get("type") not in GEOGRAPHIC],
        profile_conditions={
            p["type"]: p["conditions"] for p in profiles if p.get("type") and p.get("conditions")
        },
        conditions_text=conditions_text,
        amount=f.number("montant"),
        amount_unit=f.text("unit"),
        amount_text=f.text("legend"),
        periodicity=f.text("periodicite"),
        url=f.text("link"),
        how_to_apply=HowToApply(
            instructions=f.text("instructions"),
            form=f.text("form"),
            teleservice=teleservice if isinstance(teleservice, str) and teleservice else None,
        ),
        description=description,
        beneficiaries=["Particuliers"],
        themes=themes,
    )


def _clean(text: str) -> str:
    return " ".join(strip_html(text).split())
