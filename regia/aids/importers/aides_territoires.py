"""aides-territoires: the CSV export (aids for local authorities) and the JSON formats of its data providers.

The CSV carries no perimeter: it is derived from the funders, through a table read by hand
(``data/aids/financeurs.csv``: funder -> national, departments, regions or EPCI, with the reason). A funder
missing from that table gives an undetermined perimeter (counted in the import report). With several
funders the perimeter is their intersection (a national co-funder never widens a local aid).
The public id of a CSV row is the slug of its aides-territoires address.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from regia import territory
from regia.aids.importers.common import Fields, read_csv, read_json
from regia.aids.models import AidRecord, HowToApply
from regia.aids.perimeters import Zone, epci_by_name, intersect, to_perimeter
from regia.aids.themes import themes_of
from regia.config import get_settings
from regia.errors import DataFileError, NotFound
from regia.text import fold
from regia.text.normalize import strip_html

SOURCE = "aides-territoires"
CSV_COLUMNS = ("Nom", "Lien", "Financeurs", "Bénéficiaire", "Descriptif")


def parse(path: Path) -> list[AidRecord]:
    name = path.name.removesuffix(".gz")
    if name.endswith(".csv"):
        return [
            _csv_record(Fields(row, path.name, f"ligne {i + 2}"))
            for i, row in enumerate(read_csv(path, CSV_COLUMNS))
        ]
    if name.endswith(".json"):
        return _provider_records(read_json(path), path.name)
    raise DataFileError("format inconnu : .csv ou .json attendu", source=path.name)


@lru_cache
def funder_table(path: Path | None = None) -> dict[str, str]:
    """Funder name -> perimeter spec ("national", "department:77 department:02", "epci-name:...", "")."""
    path = path or get_settings().data_dir / "aids" / "financeurs.csv"
    with path.open(encoding="utf-8") as f:
        return {row["financeur"].strip(): row["perimetre"].strip() for row in csv.DictReader(f)}


def _spec_zone(spec: str) -> Zone | None | bool:
    """None: national; False: undetermined."""
    if spec == "national":
        return None
    areas = []
    for part in spec.split():
        kind, _, code = part.partition(":")
        if kind == "epci-name":
            siren = epci_by_name(code.replace("_", " "))
            if siren is None:
                return False
            areas.append(("epci", siren))
        elif kind in ("region", "department", "epci", "commune"):
            areas.append((kind, code))
    return Zone(areas) if areas else False


def _funders_perimeter(funders: list[str]):
    table = funder_table()
    zone: Zone | None = None
    unknown = []
    for funder in funders:
        part = _spec_zone(table.get(funder, ""))
        if part is False:
            unknown.append(funder)
        else:
            zone = intersect(zone, part)
    if unknown and (zone is None or not zone.areas):
        return to_perimeter(Zone(), note="territoire du financeur inconnu : " + ", ".join(unknown))
    return to_perimeter(zone)


PERSON_WORDS = ("particulier", "private_person", "habitant", "citoyen", "jeune")


def beneficiary_conditions(beneficiaries: list[str]) -> list[dict]:
    """Who may apply, as a typed condition; the private persons' label is the same for every format."""
    values = [b for b in beneficiaries if b]
    if not values:
        return []
    values = ["Particuliers" if any(w in fold(b) for w in PERSON_WORDS) else b for b in values]
    return [{"type": "beneficiaires", "values": list(dict.fromkeys(values))}]


def _csv_record(f: Fields) -> AidRecord:
    link = f.text("Lien", required=True)
    slug = link.rstrip("/").rsplit("/", 1)[-1]
    if not slug:
        raise f.fail("Lien", "adresse sans identifiant")
    funders = [x.strip() for x in (f.text("Financeurs") or "").split(";") if x.strip()]
    title = f.text("Nom", required=True)
    description = f.text("Descriptif", html=True) or ""
    beneficiaries = [b.strip() for b in (f.text("Bénéficiaire") or "").split(";") if b.strip()]
    extra = [
        f"{label} : {value}"
        for label, field in (("Types d'aide", "Types d'aides"), ("Récurrence", "Récurrence"))
        if (value := f.text(field))
    ]
    return AidRecord(
        id=slug,
        source=SOURCE,
        title=title,
        institution=", ".join(funders) or "Aides-territoires",
        institution_type="financeur",
        perimeter=_funders_perimeter(funders),
        conditions=beneficiary_conditions(beneficiaries),
        conditions_text=extra,
        periodicity=(f.text("Récurrence") or "").lower() or None,
        url=link,
        how_to_apply=HowToApply(instructions=link),
        description=description,
        beneficiaries=beneficiaries,
        themes=themes_of(title, description),
        updated=f.text("Date Clôture"),
    )


# --- JSON formats of aides-territoires data providers ------------------------------------------------


def _provider_records(data, source: str) -> list[AidRecord]:
    if isinstance(data, dict):
        for key in ("results", "aides", "ListeDispositifs"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list) or not data:
        raise DataFileError("liste d'aides introuvable dans ce JSON", source=source)
    records = []
    for i, item in enumerate(data):
        f = Fields(
            item,
            source,
            str(item.get("id") or item.get("ID") or f"n°{i + 1}") if isinstance(item, dict) else f"n°{i + 1}",
        )
        records.append(_provider_record(f))
    return records


def _provider_record(f: Fields) -> AidRecord:
    d = f.data
    if "couverture_geo" in d:  # ADEME AGIR
        national = (d.get("couverture_geo") or {}).get("libelle") == "National"
        return _make(f, "id", "titre", "description_longue", "ADEME", None if national else False, None)
    if "tenant" in d:  # Île-de-France "guide des aides"
        return _make(
            f,
            "reference",
            "title",
            "entete",
            "Région Île-de-France",
            Zone([("region", "11")]),
            f"https://www.iledefrance.fr/aides-et-appels-a-projets/{d.get('reference')}",
            more=("objectif", "modalite", "publicsBeneficiairePrecision"),
            beneficiaries=[p.get("title", "") for p in f.items("publicsBeneficiaire")],
        )
    if "eztag_region" in d:  # Ministère de la Culture
        regions = d.get("eztag_region") or []
        zone = None if "- France entière -" in regions else _named_zone(regions)
        link = d.get("url", "").replace("https: //", "https://")
        return _make(
            f,
            "id",
            "title",
            "summary",
            "Ministère de la Culture",
            zone,
            link,
            more=("body",),
            beneficiaries=[b.strip() for b in (d.get("public") or "").split(",") if b.strip()],
        )
    if "post_title" in d:  # WelcomEurope (European programmes)
        return _make(
            f,
            "ID",
            "post_title",
            "banner_chapeau",
            d.get("info_responsible") or "Union européenne",
            None,
            d.get("permalink"),
        )
    if "perimeter" in d or "financers" in d:  # aides-territoires API (e.g. Drôme)
        zone = _named_zone([d["perimeter"]]) if d.get("perimeter") else False
        return _make(
            f,
            "id",
            "name",
            "description",
            d.get("financers") or "Aides-territoires",
            zone,
            d.get("origin_url"),
            beneficiaries=f.items("targeted_audiences", str),
        )
    if "origin_url" in d:  # Département de la Manche
        return _make(
            f,
            "id",
            "name",
            "description",
            "Département de la Manche",
            Zone([("department", "50")]),
            d.get("origin_url"),
            beneficiaries=f.items("targeted_audiences", str),
        )
    raise DataFileError("format de fournisseur inconnu", source=f.source, record=f.record)


def _named_zone(names: list[str]) -> Zone | bool:
    """Departments or regions given by name; False when one is not recognised."""
    areas = []
    for name in names:
        try:
            place = territory.resolve_place(name)
        except NotFound:
            return False
        if place.kind not in ("region", "department"):
            return False
        areas.append((place.kind, place.code))
    return Zone(areas)


def _make(
    f: Fields, id_field, title_field, text_field, institution, zone, url=None, more=(), beneficiaries=()
):
    aid_id = f.text(id_field, required=True)
    title = strip_html(f.text(title_field, required=True))
    description = "\n".join(
        t for t in [f.text(text_field, html=True)] + [f.text(m, html=True) for m in more] if t
    )
    perimeter = (
        to_perimeter(Zone(), note="périmètre non précisé par le fournisseur")
        if zone is False
        else to_perimeter(zone)
    )
    return AidRecord(
        id=aid_id,
        source=SOURCE,
        title=title,
        institution=institution,
        institution_type="financeur",
        perimeter=perimeter,
        conditions=beneficiary_conditions(list(beneficiaries)),
        url=url,
        how_to_apply=HowToApply(instructions=url),
        description=description,
        beneficiaries=[b for b in beneficiaries if b],
        themes=themes_of(title, description),
    )
