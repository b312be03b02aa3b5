"""aides-velo (`aides_velo_flat.json`): local aids to buy a bike.

Perimeter: the ``localisation . <kind> = '<value>'`` leaves of the publicodes formulas ``applicable_si``
("toutes ces conditions" = and, "une de ces conditions" = or) minus those of ``non_applicable_si``.
EPCI are named, not coded: the name is resolved through the collectivity's own code or the territory
referential; an unresolved name is dropped (the perimeter only narrows) and noted.
"""

from __future__ import annotations

import re
from pathlib import Path

from regia.aids.importers.common import Fields, read_json
from regia.aids.models import AidRecord, HowToApply
from regia.aids.perimeters import Zone, epci_by_name, intersect, to_perimeter, union
from regia.aids.themes import themes_of
from regia.errors import DataFileError

SOURCE = "aides-velo"
_LEAF = re.compile(r"^localisation \. (code insee|epci|département|région) = '(.*)'$")
_KIND = {"code insee": "commune", "epci": "epci", "département": "department", "région": "region"}
_COLLECTIVITY = {"code insee": "commune", "epci": "epci", "département": "departement", "région": "region"}
_STATUSES = {
    "apprenti": "apprenti",
    "étudiant": "etudiant",
    "salarié": "salarie",
    "demandeur d'emploi": "chomeur",
    "reconversion": "reconversion",
}
# person leaves of the formulas -> typed conditions (the other leaves are about the bike or the place)
_PERSON_LEAVES: list[tuple[re.Pattern, object]] = [
    (re.compile(r"^demandeur \. âge \. majeur$"), lambda m: {"type": "age", "operator": ">=", "value": 18}),
    (
        re.compile(r"^demandeur \. âge (>=|>|<=|<) (\d+) ans?$"),
        lambda m: {"type": "age", "operator": m.group(1), "value": int(m.group(2))},
    ),
    (re.compile(r"^demandeur \. en situation de handicap$"), lambda m: {"type": "situation_handicap"}),
    (
        re.compile(r"^demandeur \. statut \. (.+)$"),
        lambda m: {"type": "statuts", "values": [_STATUSES[m.group(1)]]} if m.group(1) in _STATUSES else None,
    ),
    (
        re.compile(r"^revenu fiscal de référence par part (<=|<) (\d+) €/(an|mois)$"),
        lambda m: {
            "type": "revenu_fiscal_par_part",
            "operator": m.group(1),
            "value": int(m.group(2)) * (12 if m.group(3) == "mois" else 1),
            "period": "year",
        },
    ),
    (
        re.compile(r"^revenu fiscal de référence par part (<=|<) (.+)$"),
        lambda m: {"type": "revenu_fiscal_par_part", "operator": m.group(1), "label": m.group(2)},
    ),
    (re.compile(r"^foyer \. imposable = non$"), lambda m: {"type": "non_imposable"}),
    (re.compile(r"^abonné TER$"), lambda m: {"type": "abonne_ter"}),
    (
        re.compile(r"^perçoit le forfait mobilités durables$"),
        lambda m: {"type": "forfait_mobilites_durables"},
    ),
]


def parse(path: Path) -> list[AidRecord]:
    data = read_json(path)
    if not isinstance(data, list):
        raise DataFileError("une liste d'aides est attendue", source=path.name)
    records = []
    for i, item in enumerate(data):
        name = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"n°{i + 1}"
        records.append(_record(Fields(item, path.name, name)))
    return records


class _Formula:
    """Evaluates the geographic part of a publicodes condition tree into a Zone."""

    def __init__(self, f: Fields, collectivity: dict):
        self.f = f
        self.notes: list[str] = []
        self.known_epci = {}
        if collectivity.get("kind") == "epci" and collectivity.get("code"):
            self.known_epci[str(collectivity.get("value"))] = str(collectivity["code"])

    def zone(self, node, field: str) -> Zone | None:
        """None: no geographic constraint in this node."""
        if node is None:
            return None
        if isinstance(node, str):
            return self._leaf(node)
        if isinstance(node, dict) and set(node) <= {"toutes ces conditions", "une de ces conditions"}:
            if len(node) != 1 or not isinstance(next(iter(node.values())), list):
                raise self.f.fail(field, f"formule inattendue : {str(node)[:80]}")
            ((op, children),) = node.items()
            geo = [z for child in children if (z := self.zone(child, field)) is not None]
            if not geo:
                return None
            if op == "une de ces conditions":
                return union(geo)  # non-geographic alternatives are ignored: the narrower side
            out = None
            for z in geo:
                out = intersect(out, z)
            return out
        if isinstance(node, (dict, list)):  # other mechanisms (variations...): localisation not handled
            if "localisation ." in str(node):
                self.notes.append("localisation dans une formule non interprétée")
                return Zone()
            return None
        raise self.f.fail(field, f"formule inattendue : {str(node)[:80]}")

    def _leaf(self, text: str) -> Zone | None:
        match = _LEAF.match(text.strip())
        if not match:
            if "localisation ." in text:
                raise self.f.fail("applicable_si", f"localisation non reconnue : {text[:80]}")
            return None
        kind, value = _KIND[match.group(1)], match.group(2)
        if kind == "epci":
            siren = self.known_epci.get(value) or epci_by_name(value)
            if siren is None:
                self.notes.append(f"EPCI « {value} » introuvable dans le référentiel")
                return Zone()
            return Zone([("epci", siren)])
        return Zone([(kind, value)])


def person_condition(node) -> dict | None:
    """The person part of a publicodes condition: a typed condition (``all`` / ``any`` groups), or None
    when the node does not constrain the person (a bike leaf, or an alternative that does not)."""
    if isinstance(node, str):
        for pattern, make in _PERSON_LEAVES:
            if match := pattern.match(node.strip()):
                return make(match)
        return None
    if not isinstance(node, dict) or len(node) != 1:
        return None
    ((op, children),) = node.items()
    if not isinstance(children, list):
        return None
    parts = [person_condition(child) for child in children]
    if op == "une de ces conditions":
        if not parts or any(p is None for p in parts):
            return None
        return parts[0] if len(parts) == 1 else {"type": "any", "conditions": parts}
    if op == "toutes ces conditions":
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else {"type": "all", "conditions": kept}
    return None


def _conditions(f: Fields) -> list[dict]:
    condition = person_condition(f.data.get("applicable_si"))
    if condition is None:
        return []
    return condition["conditions"] if condition["type"] == "all" else [condition]


def _perimeter(f: Fields):
    formula = _Formula(f, f.obj("collectivite"))
    allowed = formula.zone(f.data.get("applicable_si"), "applicable_si")
    denied = formula.zone(f.data.get("non_applicable_si"), "non_applicable_si")
    note = "; ".join(formula.notes) or None
    if allowed is None:
        return to_perimeter(Zone(), note=note or "aucune condition de localisation")
    if denied is not None:
        allowed.excluded += denied.areas
    return to_perimeter(allowed, note=note)


def _amount_text(f: Fields) -> str | None:
    ceiling, value = f.data.get("plafond"), f.data.get("valeur")
    parts = []
    if isinstance(value, str):
        parts.append(f"montant : {value}")
    if isinstance(ceiling, str):
        parts.append(f"plafond : {ceiling}")
    return "; ".join(parts) or None


def _fixed_amount(f: Fields) -> float | None:
    for field in ("valeur", "plafond"):
        value = f.data.get(field)
        if isinstance(value, str) and (m := re.fullmatch(r"(\d+(?:[.,]\d+)?) €", value.strip())):
            return float(m.group(1).replace(",", "."))
    return None


def _record(f: Fields) -> AidRecord:
    aid_id = f.text("id", required=True)
    collectivity = f.obj("collectivite")
    title = f.text("titre", required=True)
    description = f.text("description", html=True) or ""
    return AidRecord(
        id=aid_id,
        source=SOURCE,
        title=f"Aide à l'achat d'un vélo : {title}",
        institution=title,
        institution_type=_COLLECTIVITY.get(collectivity.get("kind"), "autre"),
        institution_code=str(collectivity.get("code") or collectivity.get("value") or "") or None,
        perimeter=_perimeter(f),
        conditions=_conditions(f),
        amount=_fixed_amount(f),
        amount_unit="€" if _fixed_amount(f) is not None else None,
        amount_text=_amount_text(f),
        periodicity="ponctuelle",
        url=f.text("lien"),
        how_to_apply=HowToApply(instructions=f.text("lien")),
        description=description,
        beneficiaries=["Particuliers"],
        themes=sorted(set(themes_of(title, description)) | {"velo", "transport"}),
        updated=f.text("derniere_mise_a_jour"),
    )
