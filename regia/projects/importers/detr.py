"""State grants to local authorities (DETR, DSIL, DPV...) as the Yvelines prefecture lists them, CSV:
``departement;porteur_id;porteur_name;appelation;beneficiaire;annee;echeancier;projet;cout_total_ht;
subvention_accordee;code_insee_siren``. The beneficiary is a commune, an EPCI or a syndicate."""

from __future__ import annotations

import re
from pathlib import Path

from regia.errors import DataFileError
from regia.projects.importers.common import (
    Draft,
    Rejection,
    RowError,
    Source,
    clean,
    parse_amount,
    parse_year,
    read_csv,
)

REQUIRED = ("departement", "appelation", "beneficiaire", "annee", "projet", "subvention_accordee")

YVELINES = Source(
    key="detr-dsil-78",
    label="Projets financés par l'État dans les Yvelines (DETR, DSIL, DPV), 2019-2021 (préfecture)",
    url="https://github.com/MTES-MCT/aides-territoires",
    licence="ISC (dépôt aides-territoires)",
)

# beneficiaries that are groupings of communes rather than one commune
GROUPING = re.compile(
    r"^(CC|CA|CU|SI|SIVOM|SIVOS|SIVS|SIVU|SIGEIS|SICOREM|SIVSCP|Communaut[ée]|Syndicat|M[ée]tropole)\b",
    re.IGNORECASE,
)


def looks_like(header: list[str]) -> bool:
    return set(REQUIRED) <= set(header)


def read(path: Path) -> list[Draft | Rejection]:
    header, rows = read_csv(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataFileError(f"colonne(s) absente(s) : {', '.join(missing)}", source=path.name)
    return [_draft(number, row) for number, row in enumerate(rows, 1)]


def _draft(number: int, row: dict) -> Draft | Rejection:
    try:
        project = clean(row.get("projet"))
        if not project:
            raise RowError("intitulé du projet manquant", "projet")
        beneficiary = clean(row.get("beneficiaire"))
        if not beneficiary:
            raise RowError("bénéficiaire manquant", "beneficiaire")
        department = clean(row.get("departement"))
        amount = parse_amount(row.get("subvention_accordee"), "subvention_accordee")
        if not amount:
            raise RowError("subvention manquante ou nulle", "subvention_accordee")
        total = parse_amount(row.get("cout_total_ht"), "cout_total_ht")
        year = parse_year(row.get("annee"), "annee")
    except RowError as exc:
        return Rejection(number, exc.message, exc.field)
    scheme = clean(row.get("appelation"))
    code = re.sub(r"\D", "", clean(row.get("code_insee_siren")) or "")
    grouping = bool(GROUPING.match(beneficiary))
    return Draft(
        row=number,
        title=project,
        text=project,
        beneficiary=beneficiary,
        insee=code if len(code) == 5 else None,
        commune=None if grouping or len(code) == 5 else beneficiary,
        department=department,
        epci_name=beneficiary if grouping else None,
        search=[project, beneficiary] if grouping else [],
        amount=amount,
        total_cost=total,
        year=year,
        funder=f"État ({scheme})" if scheme else "État",
        scheme=scheme,
    )
