"""The national subsidy data standard (SCDL "subventions", arrêté du 17 novembre 2017), CSV.

The standard names the granting body and the beneficiary but not the commune of the project: a row is
placed in the commune its object or beneficiary names (within the granting body's department, read
from its SIREN), otherwise it stays at the department level.
"""

from __future__ import annotations

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

REQUIRED = ("nomAttribuant", "idAttribuant", "nomBeneficiaire", "montant")
SCDL_COLUMNS = frozenset({*REQUIRED, "dateConvention", "objet", "idBeneficiaire", "referenceDecision"})

PAYS_DE_LA_LOIRE = Source(
    key="subventions-pdl",
    label="Subventions des départements des Pays de la Loire, 2008-2019 (données essentielles SCDL, Etalab)",
    url="https://github.com/etalab/hackathon_associations",
    licence="Licence Ouverte (données des départements)",
)


def looks_like(header: list[str]) -> bool:
    return set(REQUIRED) <= set(header)


def department_of_siren(siren: str | None) -> str | None:
    """Department of a department (22DD...) or commune (21DD...) SIREN; None for other bodies."""
    digits = (siren or "").replace(" ", "")
    if len(digits) >= 9 and digits[:2] in ("21", "22") and digits[2:4].isdigit():
        return digits[2:4]
    return None


def read(path: Path) -> list[Draft | Rejection]:
    header, rows = read_csv(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataFileError(f"colonne(s) SCDL absente(s) : {', '.join(missing)}", source=path.name)
    return [_draft(number, row) for number, row in enumerate(rows, 1)]


def _draft(number: int, row: dict) -> Draft | Rejection:
    try:
        funder = clean(row.get("nomAttribuant"))
        if not funder:
            raise RowError("attribuant manquant", "nomAttribuant")
        beneficiary = clean(row.get("nomBeneficiaire"))
        if not beneficiary:
            raise RowError("bénéficiaire manquant", "nomBeneficiaire")
        amount = parse_amount(row.get("montant"), "montant")
        if not amount:
            raise RowError("montant manquant ou nul", "montant")
        year = parse_year(row.get("dateConvention"), "dateConvention") or _year_or_none(row)
        purpose = clean(row.get("objet"))
    except RowError as exc:
        return Rejection(number, exc.message, exc.field)
    return Draft(
        row=number,
        title=f"{beneficiary} : {purpose}" if purpose else f"Subvention à {beneficiary}",
        text=f"{purpose} — {beneficiary}" if purpose else beneficiary,
        beneficiary=beneficiary,
        department=department_of_siren(row.get("idAttribuant")),
        search=[t for t in (purpose, beneficiary) if t],
        amount=amount,
        year=year,
        funder=funder,
    )


def _year_or_none(row: dict) -> int | None:
    """The payment period's year when the convention date is missing (never a reason to reject)."""
    try:
        return parse_year(row.get("datesPeriodeVersement"), "datesPeriodeVersement")
    except RowError:
        return None
